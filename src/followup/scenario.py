"""Scenario files (docs/contracts.md): read, validate, turn into core facts.

Every problem is reported as `file: field.path: what is wrong`, never as a traceback.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from followup.core.checkins import reply_date_problem
from followup.core.errors import InvalidInputError
from followup.core.ids import ActionId
from followup.core.model import (
    Application,
    Candidate,
    Facts,
    Interview,
    Participant,
    Reply,
    Sent,
    Skip,
)
from followup.core.workdays import local_date, zone

if TYPE_CHECKING:
    from followup.inputs.models import ScenarioIn

MAX_FILE_BYTES = 5 * 1024 * 1024


def read_document(path: Path, what: str = "file", limit: int = MAX_FILE_BYTES) -> Any:
    """The JSON (or, for .yaml/.yml, YAML) document in `path`, or a one-line error naming it."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInputError(name, f"no such {what}") from None
    except OSError as exc:
        raise InvalidInputError(name, f"cannot read it ({exc.strerror})") from None
    if path.is_dir():
        raise InvalidInputError(name, f"is a folder, not a {what}")
    if size > limit:
        raise InvalidInputError(
            name, f"too large ({size / 1048576:.1f} MB); a {what} is at most {limit // 1048576} MB"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(name, f"cannot read it ({exc.strerror})") from None
    return parse_document(raw, name, yaml_ok=path.suffix.lower() in (".yaml", ".yml"))


def parse_document(raw: bytes, name: str, *, yaml_ok: bool = False) -> Any:
    if not raw.strip():
        raise InvalidInputError(name, "is empty")
    if b"\x00" in raw:
        raise InvalidInputError(name, "is a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(name, f"is not UTF-8 text (byte {exc.start})") from None
    if yaml_ok:
        import yaml

        try:
            return yaml.safe_load(text)
        except RecursionError:
            raise InvalidInputError(name, "nested too deeply to be a followup file") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise InvalidInputError(name, f"not valid YAML{at}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            name, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InvalidInputError(name, "nested too deeply to be a followup file") from None
    except ValueError as exc:  # an integer of over 4,300 digits (Python's int_max_str_digits)
        raise InvalidInputError(name, f"not a followup file: {exc}") from None


def validate_scenario(data: Any, name: str) -> tuple[Facts, datetime | None]:
    """The facts (and `now`, if given) of a scenario document, or an error naming the field."""
    if not isinstance(data, dict):
        raise InvalidInputError(name, "must be a JSON object with candidate and application")
    from followup.inputs.plain import read_plain

    plain = read_plain(data)  # a well-formed file needs no pydantic models (start-up time)
    if plain is not None:
        return to_facts(plain, name), plain.now
    from pydantic import ValidationError

    from followup.inputs.fields import first_problem
    from followup.inputs.models import ScenarioIn

    try:
        model = ScenarioIn.model_validate(data)
    except ValidationError as exc:
        where, problem = first_problem(exc)
        raise InvalidInputError(f"{name}: {where}" if where else name, problem) from None
    return to_facts(model, name), model.now


def to_facts(model: ScenarioIn | SimpleNamespace, name: str) -> Facts:
    """Core facts from a validated scenario (the models', or the plain reader's of the same
    shape), after the checks that span several fields."""
    people: set[str] = set()
    interview_ids: set[str] = set()
    interviews: list[Interview] = []
    for i, iv in enumerate(model.interviews):
        where = f"{name}: interviews[{i}]"
        if iv.id in interview_ids:
            raise InvalidInputError(f"{where}.id", f"duplicate interview id {iv.id!r}")
        interview_ids.add(iv.id)
        if iv.end <= iv.start:
            raise InvalidInputError(f"{where}.end", "the interview ends before it starts")
        seen: set[str] = set()
        for j, p in enumerate(iv.participants):
            if p.id in seen:
                raise InvalidInputError(
                    f"{where}.participants[{j}].id", f"duplicate person id {p.id!r}"
                )
            seen.add(p.id)
        people |= seen
        interviews.append(
            Interview(
                id=iv.id,
                kind=iv.kind,
                start=iv.start,
                end=iv.end,
                participants=tuple(
                    Participant(
                        id=p.id,
                        name=p.name,
                        title=p.title,
                        email=p.email,
                        phone=p.phone,
                        address=p.address,
                        salutation=p.salutation,
                        discussed=tuple(p.discussed),
                        liked=tuple(p.liked),
                    )
                    for p in iv.participants
                ),
                forgot_to_mention=tuple(iv.forgot_to_mention),
                expected_response_by=iv.expected_response_by,
            )
        )
    app = model.application
    if app.primary_contact is not None and app.primary_contact not in people:
        raise InvalidInputError(
            f"{name}: application.primary_contact",
            f"unknown person {app.primary_contact!r}; it must be the id of a participant",
        )
    for k, s in enumerate(model.sent):
        where = f"{name}: sent[{k}]"
        if s.contact not in people:
            raise InvalidInputError(f"{where}.contact", f"unknown person {s.contact!r}")
        if s.interview is not None and s.interview not in interview_ids:
            raise InvalidInputError(f"{where}.interview", f"unknown interview {s.interview!r}")
        if s.kind == "thank_you":
            if s.interview is None:
                raise InvalidInputError(f"{where}.interview", "a thank-you names its interview")
            iv = next(x for x in model.interviews if x.id == s.interview)
            if all(p.id != s.contact for p in iv.participants):
                raise InvalidInputError(
                    f"{where}.contact", f"{s.contact!r} was not met at interview {s.interview!r}"
                )
    c = model.candidate
    replies: list[Reply] = []
    for k, r in enumerate(model.responses):
        if r.from_ is not None and r.from_ not in people:
            raise InvalidInputError(f"{name}: responses[{k}].from", f"unknown person {r.from_!r}")
        reply = Reply(r.at, r.from_, r.kind, r.expected_by, r.until)
        problem = reply_date_problem(reply, local_date(r.at, zone(c.timezone)))
        if problem is not None:
            raise InvalidInputError(f"{name}: responses[{k}].{problem[0]}", problem[1])
        replies.append(reply)
    _check_skips(model, name, people)
    return Facts(
        candidate=Candidate(
            full_name=c.full_name,
            email=c.email,
            phone=c.phone,
            address=c.address,
            timezone=c.timezone,
            checkins_per_week=c.checkins_per_week,
            default_wait_days=c.default_wait_days,
            country=c.country,
            english=c.english,
            checkin_limit=c.checkin_limit,
        ),
        application=Application(
            company=app.company,
            role=app.role,
            decision_speed=app.decision_speed,
            client_facing=app.client_facing,
            verbal_role=app.verbal_role,
            culture=app.culture,
            expected_response_by=app.expected_response_by,
            status=app.status,
            primary_contact=app.primary_contact,
        ),
        interviews=tuple(interviews),
        sent=tuple(
            Sent(kind=s.kind, interview=s.interview, contact=s.contact, method=s.method, at=s.at)
            for s in model.sent
        ),
        responses=tuple(replies),
        other_companies=tuple(model.other_companies),
        skipped=tuple(Skip(action=str(ActionId.parse(k.action)), at=k.at) for k in model.skipped),
    )


def _check_skips(model: Any, name: str, people: set[str]) -> None:
    """Each skipped action names a follow-up of this scenario, once, and not one already sent."""
    seen: set[str] = set()
    thanked = {(s.interview, s.contact) for s in model.sent if s.kind == "thank_you"}
    for k, skip in enumerate(model.skipped):
        where = f"{name}: skipped[{k}].action"
        action = ActionId.parse(skip.action, where)
        if str(action) in seen:
            raise InvalidInputError(where, f"{skip.action!r} is skipped twice")
        seen.add(str(action))
        if action.contact not in people:
            raise InvalidInputError(where, f"unknown person {action.contact!r}")
        if action.kind == "check_in":
            continue
        met = next((iv for iv in model.interviews if iv.id == action.interview), None)
        if met is None:
            raise InvalidInputError(where, f"unknown interview {action.interview!r}")
        if all(p.id != action.contact for p in met.participants):
            raise InvalidInputError(
                where, f"{action.contact!r} was not met at interview {action.interview!r}"
            )
        if (action.interview, action.contact) in thanked:
            raise InvalidInputError(
                where, f"{skip.action} was sent; a sent follow-up cannot be skipped"
            )


def load_scenario(path: Path) -> tuple[Facts, datetime | None]:
    """Read and validate a scenario file."""
    return validate_scenario(read_document(path, "scenario file"), str(path))
