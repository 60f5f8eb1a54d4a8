"""Scenario files (DESIGN.md section 2): read, validate with pydantic, turn into core facts.

Every problem is reported as `file: field.path: what is wrong`, never as a traceback.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from followup.core.errors import InvalidInputError
from followup.core.model import (
    Application,
    Candidate,
    Facts,
    Interview,
    Participant,
    Reply,
    Sent,
)
from followup.core.workdays import zone

MAX_FILE_BYTES = 5 * 1024 * 1024


def parse_aware_time(value: Any) -> datetime:
    """An ISO 8601 time with a UTC offset; anything else is refused with a plain message."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("not an ISO 8601 time with offset") from None
    else:
        raise ValueError("not an ISO 8601 time with offset")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("not an ISO 8601 time with offset (add one, e.g. +00:00 or -05:00)")
    return parsed


def parse_day(value: Any) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value  # type: ignore[no-any-return]
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("not an ISO 8601 date such as 2026-12-02")


AwareTime = Annotated[datetime, BeforeValidator(parse_aware_time)]
Day = Annotated[date | None, BeforeValidator(parse_day)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Ident = Annotated[str, Field(min_length=1, max_length=200)]
OptText = Annotated[str | None, Field(max_length=2000)]


def _phone_text(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            'write the number in quotes, e.g. "+1 212 555 0142": read as a bare number it '
            "loses its + and any leading zero"
        )
    return value


Phone = Annotated[Annotated[str, Field(max_length=50)] | None, BeforeValidator(_phone_text)]


def _storable(value: Any) -> Any:
    """Text a database can keep: no NUL character, no lone surrogate (PostgreSQL refuses both)."""
    items = value if isinstance(value, list | tuple) else [value]
    for item in items:
        if isinstance(item, str):
            if "\x00" in item:
                raise ValueError("contains a NUL character")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("is not valid Unicode text") from None
    return value


class StrictModel(BaseModel):
    """The base of every input model: unknown fields refused, text trimmed and storable."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_storable(cls, value: Any) -> Any:
        return _storable(value)


_Model = StrictModel


def known_zone(name: str) -> str:
    try:
        zone(name)
    except InvalidInputError as exc:
        raise ValueError(exc.problem) from None
    return name


ZoneName = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(known_zone)]


class CandidateIn(_Model):
    """The candidate: a scenario's `candidate`, and the stored profile."""

    full_name: Text
    email: OptText = None
    phone: Phone = None
    address: OptText = None
    timezone: ZoneName
    checkins_per_week: Literal[1, 2] = 1
    default_wait_days: Annotated[int, Field(ge=1, le=90)] = 7


class ApplicationFactsIn(_Model):
    """What the candidate knows about an application when adding it."""

    company: Text
    role: Text
    decision_speed: Literal["quick", "normal", "slow", "unknown"] = "unknown"
    client_facing: bool = False
    verbal_role: bool = False
    culture: Literal["traditional", "modern", "unknown"] = "unknown"
    expected_response_by: Day = None


class ApplicationIn(ApplicationFactsIn):
    status: Literal["active", "offer", "rejected", "withdrawn"] = "active"
    primary_contact: Ident | None = None


class ParticipantIn(_Model):
    id: Ident
    name: Text
    title: OptText = None
    email: OptText = None
    phone: Phone = None
    address: OptText = None
    salutation: OptText = None
    discussed: list[Text] = []
    liked: list[Text] = []


class InterviewIn(_Model):
    id: Ident
    kind: Literal["phone", "video", "in_person"]
    start: AwareTime
    end: AwareTime
    participants: list[ParticipantIn] = []
    forgot_to_mention: list[Text] = []
    expected_response_by: Day = None


class SentIn(_Model):
    kind: Literal["thank_you", "check_in"]
    interview: Ident | None = None
    contact: Ident
    method: Literal["email", "phone", "letter"]
    at: AwareTime


class ReplyIn(_Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    at: AwareTime
    from_: Ident | None = Field(default=None, alias="from")


class ScenarioIn(_Model):
    now: AwareTime | None = None
    candidate: CandidateIn
    application: ApplicationIn
    interviews: list[InterviewIn] = []
    sent: list[SentIn] = []
    responses: list[ReplyIn] = []
    other_companies: list[Text] = []


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


def field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + ("from" if part == "from_" else part)
    return out


def first_problem(error: ValidationError) -> tuple[str, str]:
    """(field path, message) of the first pydantic error, in words a user can act on."""
    err = error.errors()[0]
    loc = tuple(err["loc"])
    kind = err["type"]
    message = err["msg"]
    if kind == "value_error":
        message = str(err.get("ctx", {}).get("error", message))
    elif kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "is not a known field"
    elif kind == "literal_error":
        message = f"must be {err['ctx']['expected']}, not {err['input']!r}"
    return field_path(loc), message


def validate_scenario(data: Any, name: str) -> tuple[Facts, datetime | None]:
    """The facts (and `now`, if given) of a scenario document, or an error naming the field."""
    if not isinstance(data, dict):
        raise InvalidInputError(name, "must be a JSON object with candidate and application")
    try:
        model = ScenarioIn.model_validate(data)
    except ValidationError as exc:
        where, problem = first_problem(exc)
        raise InvalidInputError(f"{name}: {where}" if where else name, problem) from None
    return to_facts(model, name), model.now


def to_facts(model: ScenarioIn, name: str) -> Facts:
    """Core facts from a validated scenario, after the checks that span several fields."""
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
    for k, r in enumerate(model.responses):
        if r.from_ is not None and r.from_ not in people:
            raise InvalidInputError(f"{name}: responses[{k}].from", f"unknown person {r.from_!r}")
    c = model.candidate
    return Facts(
        candidate=Candidate(
            full_name=c.full_name,
            email=c.email,
            phone=c.phone,
            address=c.address,
            timezone=c.timezone,
            checkins_per_week=c.checkins_per_week,
            default_wait_days=c.default_wait_days,
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
        responses=tuple(Reply(at=r.at, contact=r.from_) for r in model.responses),
        other_companies=tuple(model.other_companies),
    )


def load_scenario(path: Path) -> tuple[Facts, datetime | None]:
    """Read and validate a scenario file."""
    return validate_scenario(read_document(path, "scenario file"), str(path))
