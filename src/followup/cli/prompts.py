"""Turning flags, prompts and notes files into the raw input the services validate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer

from followup.core import limits
from followup.core.errors import InvalidInputError
from followup.core.locale import is_country
from followup.core.model import DEFAULT_CHECKIN_LIMIT, ENGLISHES, Candidate


def system_timezone() -> str | None:
    """The machine's IANA zone name, when it can be read without a library."""
    if os.environ.get("TZ", "").count("/"):
        return os.environ["TZ"].lstrip(":")
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None


PROFILE_QUESTIONS = (
    ("full_name", "Your full name", True),
    ("email", "Your email address", False),
    ("phone", "Your phone number", False),
    ("address", "Your postal address (for letters)", False),
    ("timezone", "Your timezone (IANA name)", True),
    ("checkins_per_week", "Check-ins per week at most (1 or 2)", True),
    (
        "country",
        "Your country, for its public holidays (e.g. US, GB; empty: your timezone's)",
        False,
    ),
    (
        "english",
        "Your English: american, british, canadian, australian or indian (empty: your country's)",
        False,
    ),
    ("checkin_limit", "Check-ins without an answer before followup suggests closing", True),
)
FLAG_NAMES = {
    "full_name": "--name",
    "timezone": "--timezone",
    "checkins_per_week": "--checkins-per-week",
    "checkin_limit": "--checkin-limit",
}
_NUMBERS = ("checkins_per_week", "checkin_limit")


def profile_answers(
    current: Candidate | None, given: dict[str, Any], *, interactive: bool
) -> dict[str, Any]:
    """The profile to save: flags first, then the stored profile, then (on a terminal) prompts."""
    answers: dict[str, Any] = {}
    defaults = {
        "timezone": system_timezone() or "UTC",
        "checkins_per_week": 1,
        "checkin_limit": DEFAULT_CHECKIN_LIMIT,
    }
    for field, question, required in PROFILE_QUESTIONS:
        value = given.get(field)
        stored = getattr(current, field) if current else None
        if value is not None:
            answers[field] = value
        elif interactive and not any(v is not None for v in given.values()):
            default = stored if stored is not None else defaults.get(field)
            answers[field] = _ask(field, question, default, required)
        elif stored is not None:
            answers[field] = stored
        elif field in defaults and field != "timezone":
            answers[field] = defaults[field]
        elif required:
            flag = FLAG_NAMES.get(field, f"--{field}")
            raise InvalidInputError(flag, "is required (or run `followup setup` on a terminal)")
        if answers.get(field) == "":
            answers[field] = None
    if current is not None:
        answers["default_wait_days"] = current.default_wait_days
    return answers


def _ask(field: str, question: str, default: Any, required: bool) -> Any:
    """Ask until the answer is usable: a wrong timezone or cadence is asked again, not fatal."""
    from followup.core.workdays import zone

    low, high = limits.CHECKIN_LIMIT
    while True:
        reply = typer.prompt(
            question,
            default="" if default is None else str(default),
            show_default=default not in (None, ""),
        ).strip()
        problem = None
        if required and not reply:
            problem = "an answer is needed"
        elif field == "timezone":
            try:
                zone(reply)
            except InvalidInputError as exc:
                problem = exc.problem
        elif field == "checkins_per_week" and reply not in ("1", "2"):
            problem = "1 or 2: more often reads as pushy"
        elif field == "checkin_limit" and not (reply.isdigit() and low <= int(reply) <= high):
            problem = f"a number from {low} to {high}"
        elif field == "country" and reply and not is_country(reply.upper()):
            problem = "an ISO 3166 code such as US, GB or DE"
        elif field == "english" and reply and reply not in ENGLISHES:
            problem = "american, british, canadian, australian or indian"
        if problem is None:
            return int(reply) if field in _NUMBERS else reply
        typer.secho(f"  {problem}", fg="yellow", err=True)


def interview_answers(
    file: Path | None,
    kind: str | None,
    start: str | None,
    end: str | None,
    people: list[str] | None,
    forgot: list[str] | None,
    answer_by: str | None,
    *,
    primary: str | None = None,
    edit: bool = False,
) -> tuple[dict[str, Any], str]:
    """A notes document from the file (if any) with the flags laid over it; and its name."""
    data: dict[str, Any] = {}
    where = "interview edit" if edit else "interview add"
    if file is not None:
        from followup.scenario import read_document

        loaded = read_document(file, "notes file")
        if not isinstance(loaded, dict):
            raise InvalidInputError(str(file), "must be a mapping with start, end and people")
        data = dict(loaded)
        where = str(file)
    flags = {
        "kind": kind,
        "start": start,
        "end": end,
        "expected_response_by": answer_by,
    }
    data.update({k: v for k, v in flags.items() if v is not None})
    if people:
        data["people"] = [{"name": name} for name in people]
    if forgot:
        data["forgot_to_mention"] = list(forgot)
    if primary is not None:
        people_given = data.get("people") or []
        match = [
            p
            for p in people_given
            if isinstance(p, dict) and str(p.get("name", "")).casefold() == primary.casefold()
        ]
        if not match:
            raise InvalidInputError("--primary", f"{primary!r} is not among the people met")
        for p in people_given:
            if isinstance(p, dict):
                p["primary"] = p is match[0]
    if not edit and file is None and not data.get("start"):
        raise InvalidInputError(
            "--start", "is required: give --start and --end, or a notes file with --file"
        )
    return data, where
