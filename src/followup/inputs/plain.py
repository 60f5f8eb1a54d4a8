"""A scenario document read without pydantic, for the common case: a well-formed file.

Building the pydantic models costs `followup plan` more than the planning itself. This reader
vouches only for documents the models (inputs/models.py) would accept unchanged: exact JSON
types, no padding to trim, every limit of core/limits.py. For anything else it answers None and
the caller validates with the models, which word every error; so a message never depends on
which path read the file. tests/inputs/test_plain.py holds the two paths to the same result.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from followup.core import limits
from followup.core.errors import InvalidInputError
from followup.core.locale import is_country
from followup.core.model import APP_STATUSES, DEFAULT_CHECKIN_LIMIT, ENGLISHES, REPLY_KINDS
from followup.core.workdays import zone
from followup.inputs.parse import (
    MULTI_LINE_CONTROL,
    ONE_LINE_CONTROL,
    SIMPLE_EMAIL,
    parse_aware_time,
    parse_day,
)


class _Decline(Exception):
    """The document holds something only the models may judge."""


# A field left out takes its default; one given as null is refused by the models unless it
# may be null, so the two are told apart.
_ABSENT: Any = object()


_SCENARIO = frozenset(
    ("now", "candidate", "application", "interviews", "sent", "responses", "skipped",
     "other_companies")
)  # fmt: skip
_CANDIDATE = frozenset(
    ("full_name", "email", "phone", "address", "timezone", "checkins_per_week",
     "default_wait_days", "country", "english", "checkin_limit")
)  # fmt: skip
_APPLICATION = frozenset(
    ("company", "role", "decision_speed", "client_facing", "verbal_role", "culture",
     "expected_response_by", "status", "primary_contact")
)  # fmt: skip
_INTERVIEW = frozenset(
    ("id", "kind", "start", "end", "participants", "forgot_to_mention", "expected_response_by")
)
_PARTICIPANT = frozenset(
    ("id", "name", "title", "email", "phone", "address", "salutation", "discussed", "liked")
)
_SENT = frozenset(("kind", "interview", "contact", "method", "at"))
_REPLY = frozenset(("at", "from", "kind", "expected_by", "until"))
_SKIP = frozenset(("action", "at"))
_INTERVIEWS, _COMPANIES = limits.INTERVIEWS_PER_SCENARIO, limits.OTHER_COMPANIES


def _fields(value: Any, known: frozenset[str], required: tuple[str, ...]) -> dict[str, Any]:
    if type(value) is not dict or not value.keys() <= known:
        raise _Decline
    if any(key not in value for key in required):
        raise _Decline
    return value


def _get(fields: dict[str, Any], key: str) -> Any:
    return fields.get(key, _ABSENT)


def _get_or_default(fields: dict[str, Any], key: str) -> Any:
    """A field whose null means its default, as the models read it."""
    value = fields.get(key, _ABSENT)
    return _ABSENT if value is None else value


def _text(value: Any, limit: int, *, lines: bool = False) -> str:
    if type(value) is not str or not 0 < len(value) <= limit or value != value.strip():
        raise _Decline
    if (MULTI_LINE_CONTROL if lines else ONE_LINE_CONTROL).search(value):
        raise _Decline  # NUL too
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Decline from None
    return value


def _optional(value: Any, limit: int, *, lines: bool = False) -> str | None:
    return None if value is None or value is _ABSENT else _text(value, limit, lines=lines)


def _email(value: Any) -> str | None:
    """An address the models would keep as it is; any other goes to email-validator there."""
    text = _optional(value, limits.EMAIL)
    if text is not None and not SIMPLE_EMAIL.fullmatch(text):
        raise _Decline
    return text


def _choice(value: Any, allowed: tuple[str, ...], default: str) -> str:
    if value is _ABSENT:
        return default
    if type(value) is not str or value not in allowed:
        raise _Decline
    return value


def _flag(value: Any) -> bool:
    if value is _ABSENT:
        return False
    if type(value) is not bool:
        raise _Decline
    return value


def _number(value: Any, low: int, high: int, default: int) -> int:
    if value is _ABSENT:
        return default
    if type(value) is not int or not low <= value <= high:
        raise _Decline
    return value


def _list(value: Any, limit: int) -> list[Any]:
    if value is _ABSENT:
        return []
    if type(value) is not list or len(value) > limit:
        raise _Decline
    return value


def _items(value: Any) -> list[str]:
    return [_text(v, limits.ITEM, lines=True) for v in _list(value, limits.ITEMS_PER_LIST)]


def _time(value: Any) -> Any:
    if type(value) is not str:
        raise _Decline
    try:
        return parse_aware_time(value)
    except ValueError:
        raise _Decline from None


def _day(value: Any) -> Any:
    if value is _ABSENT or value is None:
        return None
    if type(value) is not str:
        raise _Decline
    try:
        return parse_day(value)
    except ValueError:
        raise _Decline from None


def _country(value: Any) -> str | None:
    if value is None or value is _ABSENT:
        return None
    if type(value) is not str or not is_country(value):  # "gb" is the models' to upper-case
        raise _Decline
    return value


def _english(value: Any) -> str | None:
    if value is None or value is _ABSENT:
        return None
    return _choice(value, ENGLISHES, "")


def _candidate(data: Any) -> SimpleNamespace:
    c = _fields(data, _CANDIDATE, ("full_name", "timezone"))
    timezone = _text(c["timezone"], limits.TIMEZONE)
    try:
        zone(timezone)
    except InvalidInputError:
        raise _Decline from None
    return SimpleNamespace(
        full_name=_text(c["full_name"], limits.NAME),
        email=_email(_get(c, "email")),
        phone=_optional(_get(c, "phone"), limits.PHONE),
        address=_optional(_get(c, "address"), limits.ADDRESS, lines=True),
        timezone=timezone,
        checkins_per_week=_number(_get(c, "checkins_per_week"), 1, 2, 1),
        default_wait_days=_number(_get(c, "default_wait_days"), *limits.WAIT_DAYS, 7),
        country=_country(_get(c, "country")),
        english=_english(_get(c, "english")),
        checkin_limit=_number(
            _get_or_default(c, "checkin_limit"), *limits.CHECKIN_LIMIT, DEFAULT_CHECKIN_LIMIT
        ),
    )


def _application(data: Any) -> SimpleNamespace:
    a = _fields(data, _APPLICATION, ("company", "role"))
    return SimpleNamespace(
        company=_text(a["company"], limits.COMPANY),
        role=_text(a["role"], limits.ROLE),
        decision_speed=_choice(
            _get(a, "decision_speed"), ("quick", "normal", "slow", "unknown"), "unknown"
        ),
        client_facing=_flag(_get(a, "client_facing")),
        verbal_role=_flag(_get(a, "verbal_role")),
        culture=_choice(_get(a, "culture"), ("traditional", "modern", "unknown"), "unknown"),
        expected_response_by=_day(_get(a, "expected_response_by")),
        status=_choice(_get(a, "status"), APP_STATUSES, "active"),
        primary_contact=_optional(_get(a, "primary_contact"), limits.SCENARIO_ID),
    )


def _participant(data: Any) -> SimpleNamespace:
    p = _fields(data, _PARTICIPANT, ("id", "name"))
    return SimpleNamespace(
        id=_text(p["id"], limits.SCENARIO_ID),
        name=_text(p["name"], limits.NAME),
        title=_optional(_get(p, "title"), limits.TITLE),
        email=_email(_get(p, "email")),
        phone=_optional(_get(p, "phone"), limits.PHONE),
        address=_optional(_get(p, "address"), limits.ADDRESS, lines=True),
        salutation=_optional(_get(p, "salutation"), limits.SALUTATION),
        discussed=_items(_get(p, "discussed")),
        liked=_items(_get(p, "liked")),
    )


def _interview(data: Any) -> SimpleNamespace:
    i = _fields(data, _INTERVIEW, ("id", "kind", "start", "end"))
    people = _list(_get(i, "participants"), limits.PEOPLE_PER_INTERVIEW)
    return SimpleNamespace(
        id=_text(i["id"], limits.SCENARIO_ID),
        kind=_choice(i["kind"], ("phone", "video", "in_person"), ""),
        start=_time(i["start"]),
        end=_time(i["end"]),
        participants=[_participant(p) for p in people],
        forgot_to_mention=_items(_get(i, "forgot_to_mention")),
        expected_response_by=_day(_get(i, "expected_response_by")),
    )


def _sent(data: Any) -> SimpleNamespace:
    s = _fields(data, _SENT, ("kind", "contact", "method", "at"))
    return SimpleNamespace(
        kind=_choice(s["kind"], ("thank_you", "check_in"), ""),
        interview=_optional(_get(s, "interview"), limits.SCENARIO_ID),
        contact=_text(s["contact"], limits.SCENARIO_ID),
        method=_choice(s["method"], ("email", "phone", "letter"), ""),
        at=_time(s["at"]),
    )


def _reply(data: Any) -> SimpleNamespace:
    r = _fields(data, _REPLY, ("at",))
    return SimpleNamespace(
        at=_time(r["at"]),
        from_=_optional(_get(r, "from"), limits.SCENARIO_ID),
        kind=_choice(_get_or_default(r, "kind"), REPLY_KINDS, "answer"),
        expected_by=_day(_get(r, "expected_by")),
        until=_day(_get(r, "until")),
    )


def _skip(data: Any) -> SimpleNamespace:
    k = _fields(data, _SKIP, ("action", "at"))
    return SimpleNamespace(action=_text(k["action"], limits.SCENARIO_ACTION_ID), at=_time(k["at"]))


def read_plain(data: Any) -> SimpleNamespace | None:
    """The scenario in `data` as the models would give it, or None to let the models judge."""
    try:
        d = _fields(data, _SCENARIO, ("candidate", "application"))
        return SimpleNamespace(
            now=None if d.get("now") is None else _time(d["now"]),
            candidate=_candidate(d["candidate"]),
            application=_application(d["application"]),
            interviews=[_interview(i) for i in _list(_get(d, "interviews"), _INTERVIEWS)],
            sent=[_sent(s) for s in _list(_get(d, "sent"), limits.EVENTS_PER_SCENARIO)],
            responses=[_reply(r) for r in _list(_get(d, "responses"), limits.EVENTS_PER_SCENARIO)],
            skipped=[
                _skip(k) for k in _list(_get_or_default(d, "skipped"), limits.EVENTS_PER_SCENARIO)
            ],
            other_companies=[
                _text(c, limits.ITEM, lines=True)
                for c in _list(_get(d, "other_companies"), _COMPANIES)
            ],
        )
    except _Decline:
        return None
