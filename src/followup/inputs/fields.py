"""The field types of every input model, their limits from core/limits.py, and the one way a
validation error becomes `where: field: what is wrong`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    field_validator,
)

from followup.core import limits
from followup.core.errors import InvalidInputError
from followup.core.model import DEFAULT_CHECKIN_LIMIT
from followup.core.workdays import zone
from followup.inputs.parse import (
    multi_line_text,
    one_line_text,
    parse_aware_time,
    parse_day,
    storable,
)

M = TypeVar("M", bound=BaseModel)


def _phone_text(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            'write the number in quotes, e.g. "+1 212 555 0142": read as a bare number it '
            "loses its + and any leading zero"
        )
    return value


def known_zone(name: str) -> str:
    try:
        zone(name)
    except InvalidInputError as exc:
        raise ValueError(exc.problem) from None
    return name


COUNTRY_PROBLEM = "unknown country {!r}; use an ISO 3166 code such as US, GB or DE"


def known_country(code: str | None) -> str | None:
    """An ISO 3166 alpha-2 code, upper-cased ("gb" is GB), or a ValueError that says so."""
    from followup.core.locale import is_country

    if code is None:
        return None
    if not is_country(code.upper()):
        raise ValueError(COUNTRY_PROBLEM.format(code[:20]))
    return code.upper()


def null_is(default: Any) -> Any:
    """A before-validator: an optional field given as null takes its default (docs/contracts.md)."""

    def replace_null(value: Any) -> Any:
        return default if value is None else value

    return replace_null


def _one_line(value: Any) -> Any:
    if isinstance(value, str):
        one_line_text(value)
    return value


def _multi_line(value: Any) -> Any:
    if isinstance(value, str):
        multi_line_text(value)
    return value


def valid_email(value: str | None) -> str | None:
    """One email address, as email-validator reads it (no DNS lookup), kept as written."""
    if not value:
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        why = str(exc).rstrip(".")
        raise ValueError(
            f"{value[:80]!r} is not one email address: {why[:1].lower()}{why[1:]}"
        ) from None
    return value


# What the validators check, said in the OpenAPI schema too (as patterns, which apply to
# strings only), so a client knows the rule before the 422: no control character in a one-line
# field, years between 1900 and 2100.
ONE_LINE_SCHEMA = {
    "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\ufeff]*$"
}
MULTI_LINE_SCHEMA = {"pattern": "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"}
YEARS = "(19[0-9]{2}|20[0-9]{2}|2100)"
DAY_SCHEMA = {"pattern": f"^{YEARS}-[0-9]{{2}}-[0-9]{{2}}$"}
TIME_SCHEMA = {"pattern": f"^{YEARS}-"}


def _text(limit: int) -> Any:
    return Annotated[
        str,
        Field(min_length=1, max_length=limit, json_schema_extra=ONE_LINE_SCHEMA),
        AfterValidator(_one_line),
    ]


def _optional(limit: int, *, lines: bool = False) -> Any:
    if lines:
        return Annotated[
            str | None,
            Field(max_length=limit, json_schema_extra=MULTI_LINE_SCHEMA),
            AfterValidator(_multi_line),
        ]
    return Annotated[
        str | None,
        Field(max_length=limit, json_schema_extra=ONE_LINE_SCHEMA),
        AfterValidator(_one_line),
    ]


AwareTime = Annotated[
    datetime, BeforeValidator(parse_aware_time), Field(json_schema_extra=TIME_SCHEMA)
]
Day = Annotated[date | None, BeforeValidator(parse_day), Field(json_schema_extra=DAY_SCHEMA)]
Name = _text(limits.NAME)
Company = _text(limits.COMPANY)
Role = _text(limits.ROLE)
Item = Annotated[
    str,
    Field(min_length=1, max_length=limits.ITEM, json_schema_extra=MULTI_LINE_SCHEMA),
    AfterValidator(_multi_line),
]
Items = Annotated[list[Item], Field(max_length=limits.ITEMS_PER_LIST)]
Title = _optional(limits.TITLE)
Salutation = _optional(limits.SALUTATION)
Email = Annotated[
    str | None,
    Field(max_length=limits.EMAIL_ADDRESS, json_schema_extra={"format": "email"}),
    AfterValidator(valid_email),
]
Address = _optional(limits.ADDRESS, lines=True)
Phone = Annotated[
    Annotated[
        str,
        Field(max_length=limits.PHONE, json_schema_extra=ONE_LINE_SCHEMA),
        AfterValidator(_one_line),
    ]
    | None,
    BeforeValidator(_phone_text),
]
ReplyNote = _optional(limits.REPLY_NOTE, lines=True)
NoteText = Annotated[
    str,
    Field(min_length=1, max_length=limits.NOTE_TEXT, json_schema_extra=MULTI_LINE_SCHEMA),
    AfterValidator(_multi_line),
]
ScenarioId = _text(limits.SCENARIO_ID)
ZoneName = Annotated[
    str, Field(min_length=1, max_length=limits.TIMEZONE), AfterValidator(known_zone)
]
WaitDays = Annotated[int, Field(ge=limits.WAIT_DAYS[0], le=limits.WAIT_DAYS[1])]
CheckinLimit = Annotated[
    int,
    BeforeValidator(null_is(DEFAULT_CHECKIN_LIMIT)),
    Field(ge=limits.CHECKIN_LIMIT[0], le=limits.CHECKIN_LIMIT[1]),
]
Country = Annotated[str | None, AfterValidator(known_country)]  # fits limits.COUNTRY
EnglishName = Literal["american", "british", "canadian", "australian", "indian"]


def _whole_number(value: Any) -> Any:
    """An id as a JSON number or the digits a command line or a URL gives; never true (which
    Python counts as 1) nor 1.0."""
    if isinstance(value, bool | float):
        raise ValueError("must be a whole number such as 3")
    if isinstance(value, str) and not value.isdigit():
        raise ValueError("must be a whole number such as 3")
    return value


StoredId = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=2**31 - 1)]
# A backup's ids and a JSON body's flags are JSON numbers and booleans, never "1", 1.0 or true
# given for 1, nor 0.0 for false: what looks like another type is a mistake, not a value.
RowId = Annotated[int, Strict(), Field(ge=1, le=2**31 - 1)]
Flag = Annotated[bool, Strict()]


class StrictModel(BaseModel):
    """The base of every input model: unknown fields refused, text trimmed and storable."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _text_is_storable(cls, value: Any) -> Any:
        return storable(value)


# A backup's rows are taken exactly as exported: a note or a body that ends in a newline, a
# name typed with a trailing space long ago, come back as they were (export -> import ->
# export gives the same document).
ROW_CONFIG = ConfigDict(extra="forbid", str_strip_whitespace=False)


class RowModel(StrictModel):
    """The base of a backup document's rows: text kept exactly, not trimmed."""

    model_config = ROW_CONFIG


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
    return problem_of(error.errors())


def problem_of(errors: Sequence[Any], skip: tuple[str, ...] = ()) -> tuple[str, str]:
    """(field path, message) of the first of pydantic's error records (FastAPI's too, whose
    locations start with `body` or `query`: name those in `skip`)."""
    if not errors:
        return "", "invalid request"
    err = errors[0]
    loc = tuple(p for n, p in enumerate(err.get("loc", ())) if n or p not in skip)
    kind = err.get("type")
    message = err.get("msg", "invalid value")
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        message = str(ctx.get("error", message))
    elif kind == "missing":
        message = "is required"
        if loc and loc[-1] == "people":
            message = "needs at least one person met (each gets a thank-you)"
    elif kind == "extra_forbidden":
        message = "is not a known field"
    elif kind == "literal_error":
        message = f"must be {ctx['expected']}, not {err['input']!r}"
    elif kind == "string_too_long":
        message = f"is longer than {ctx['max_length']} characters"
    elif kind == "too_long":
        message = f"has more than {ctx['max_length']} entries"
    elif kind == "too_short":
        least = ctx["min_length"]
        message = f"needs at least {least} {'entry' if least == 1 else 'entries'}"
        if loc and loc[-1] == "people":
            message = "needs at least one person met (each gets a thank-you)"
    elif kind == "greater_than_equal":
        message = f"must be at least {ctx['ge']}, not {err['input']!r}"
    elif kind == "less_than_equal":
        message = f"must be at most {ctx['le']}, not {err['input']!r}"
    return field_path(loc), message


def validate(model: type[M], data: Any, where: str) -> M:
    """`data` checked against `model`, or an InvalidInputError naming the field."""
    if not isinstance(data, dict):
        raise InvalidInputError(where, "must be a mapping of fields (a JSON object)")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field, problem = first_problem(exc)
        raise InvalidInputError(f"{where}: {field}" if field else where, problem) from None
