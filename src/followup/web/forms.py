"""HTML forms to service input: local date-times, people rows, and every problem put beside
its field, in the words of inputs/messages.py."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from followup.core.errors import InvalidInputError
from followup.inputs.messages import plain_error, plain_problems, sentence

M = TypeVar("M", bound=BaseModel)
# the input models' names for what a form calls otherwise
FORM_NAMES = {"decision_speed": "decision", "from": "person", "forgot_to_mention": "forgot"}


class FormError(Exception):
    """Problems with a submitted form: form field -> the sentence to show beside it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def checked(model: type[M], data: dict[str, Any], rows: list[int] | None = None) -> M:
    """`data` as `model`, or FormError with every problem beside its field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = plain_problems(exc.errors(), model)
    raise FormError({form_field(path, rows): words for path, words in problems.items()})


def service_error(error: InvalidInputError, rows: list[int] | None = None) -> FormError:
    """A service's refusal, as the sentence beside the field it names."""
    where = error.field or error.where.rsplit(": ", 1)[-1]
    return FormError({form_field(where, rows): plain_error(error)})


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


def interview_data(
    form: dict[str, str], tz: ZoneInfo
) -> tuple[dict[str, Any], list[int], dict[str, str]]:
    """The notes document of the interview form (the shape `InterviewIn` validates), the
    numbers of its person rows, and the problems of times that could not be read."""
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
        "people": [p for _, p in people],
        "forgot_to_mention": lines(form.get("forgot")),
        "expected_response_by": form.get("expected_response_by") or None,
    }
    problems: dict[str, str] = {}
    for name in ("start", "end"):
        try:
            moment = local_time(form.get(name), tz, name)
        except InvalidInputError:
            problems[name] = sentence(name, "invalid")
            continue
        if moment is not None:
            data[name] = moment
    return data, [n for n, _ in people], problems


def form_field(path: str, rows: list[int] | None = None) -> str:
    """The form field a field path names: 'people[1].email' -> 'person-N-email'."""
    m = re.match(r"people\[(\d+)\]\.?(\w*)", path)
    if m:
        index = int(m.group(1))
        n = rows[index] if rows and index < len(rows) else index
        return f"person-{n}-{m.group(2) or 'name'}"
    name = path.split(".")[0].split("[")[0]
    return FORM_NAMES.get(name, name)


def form_day(form: dict[str, str], name: str) -> date | None:
    """A date field of a form (empty: none), or a FormError beside it."""
    from followup.inputs.parse import parse_day

    value = (form.get(name) or "").strip()
    if not value:
        return None
    try:
        return parse_day(value)
    except ValueError:
        raise FormError({name: sentence(name, "invalid")}) from None
