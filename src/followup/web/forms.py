"""HTML forms to service input: local date-times, people rows, and errors put beside fields."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from followup.core.errors import InvalidInputError

PERSON_FIELDS = ("name", "title", "email", "phone", "address", "salutation")


def lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def local_time(value: str | None, tz: ZoneInfo, field: str) -> datetime | None:
    """A `datetime-local` field ('2026-11-24T14:00') in the candidate's timezone."""
    if not value:
        return None
    try:
        naive = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(field, "is not a date and time") from None
    return naive.replace(tzinfo=tz) if naive.tzinfo is None else naive


def person_rows(form: dict[str, Any]) -> list[int]:
    """The numbers of the person rows a submitted interview form holds."""
    return sorted({int(m.group(1)) for k in form if (m := re.fullmatch(r"person-(\d+)-\w+", k))})


def interview_data(form: dict[str, str], tz: ZoneInfo) -> dict[str, Any]:
    """The notes document of the interview form (the shape `InterviewIn` validates)."""
    people = []
    for n in person_rows(form):
        row = {f: (form.get(f"person-{n}-{f}") or "").strip() or None for f in PERSON_FIELDS}
        discussed = lines(form.get(f"person-{n}-discussed"))
        liked = lines(form.get(f"person-{n}-liked"))
        if not any(row.values()) and not discussed and not liked:
            continue  # a row the user left empty; one with notes but no name is refused
        person: dict[str, Any] = {k: v for k, v in row.items() if v is not None}
        person["name"] = row["name"] or ""
        person["discussed"] = discussed
        person["liked"] = liked
        person["primary"] = form.get("primary") == str(n)
        if form.get(f"person-{n}-id"):
            person["id"] = form[f"person-{n}-id"]
        people.append((n, person))
    data: dict[str, Any] = {
        "kind": form.get("kind") or "video",
        "start": local_time(form.get("start"), tz, "start"),
        "end": local_time(form.get("end"), tz, "end"),
        "people": [p for _, p in people],
        "forgot_to_mention": lines(form.get("forgot")),
        "expected_response_by": form.get("expected_response_by") or None,
    }
    data["_rows"] = [n for n, _ in people]
    return data


def field_of(error: InvalidInputError, rows: list[int] | None = None) -> str:
    """The form field an error is about: 'interview: people[1].email' -> 'person-N-email'."""
    where = error.where.rsplit(": ", 1)[-1]
    m = re.match(r"people\[(\d+)\]\.?(\w*)", where)
    if m:
        index = int(m.group(1))
        n = rows[index] if rows and index < len(rows) else index
        return f"person-{n}-{m.group(2) or 'name'}"
    return {"expected_response_by": "expected_response_by", "decision_speed": "decision"}.get(
        where.split(".")[0], where.split(".")[0]
    )


def form_day(form: dict[str, str], name: str) -> date | None:
    """A date field of a form (empty: none), or an InvalidInputError naming it."""
    from followup.inputs.parse import parse_day

    value = (form.get(name) or "").strip()
    if not value:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise InvalidInputError(name, str(exc)) from None
