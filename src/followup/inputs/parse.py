"""Parsing what users type, without pydantic: times, dates, storable text.

The input models (inputs/fields.py) build on these, and so do the command line's flags and the
scenario reader's fast path, which must not pay for building pydantic models.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from followup.core import limits
from followup.core.errors import InvalidInputError

TIME_PROBLEM = "not an ISO 8601 time with offset"
DAY_PROBLEM = "not an ISO 8601 date such as 2026-12-02"
RANGE_PROBLEM = f"must be {limits.DATE_RANGE_WORDS}"


def in_range(day: date) -> bool:
    return limits.FIRST_DAY <= day <= limits.LAST_DAY


def parse_aware_time(value: Any) -> datetime:
    """An ISO 8601 time with a UTC offset, in the years of the limits table."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(TIME_PROBLEM) from None
    else:
        raise ValueError(TIME_PROBLEM)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError(f"{TIME_PROBLEM} (add one, e.g. +00:00 or -05:00)")
    if not in_range(parsed.date()):
        raise ValueError(RANGE_PROBLEM)
    return parsed


def parse_day(value: Any) -> date | None:
    """An ISO 8601 date in the years of the limits table, or None."""
    if value is None:
        return None
    day: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if day is None:
        raise ValueError(DAY_PROBLEM)
    if not in_range(day):
        raise ValueError(RANGE_PROBLEM)
    return day


def storable(value: Any) -> Any:
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


# C0 and C1 control characters and DEL. A one-line field (a name, a title, a subject, an
# address's email) takes none: a CR or LF there could start a new mail header. Text of several
# lines keeps its line breaks and tabs.
# A one-line field also takes no bidirectional embedding, override or isolate (U+202A-U+202E,
# U+2066-U+2069) nor a zero-width no-break space (U+FEFF): they make a name or a subject display
# as other text than it holds. Left-to-right and right-to-left marks stay, as names in Arabic
# or Hebrew script may need them.
ONE_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
MULTI_LINE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_NAMES = {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}


def _control_problem(found: re.Match[str]) -> str:
    char = found.group()
    if ord(char) >= 0xA0:
        return (
            f"contains the invisible formatting character U+{ord(char):04X}, which makes text "
            "display as other than it is; remove it"
        )
    name = CONTROL_NAMES.get(char, f"the control character U+{ord(char):04X}")
    return f"contains {name}; write it on one line without control characters"


# Addresses email-validator accepts as they are (a dot-atom before the @, a plain ASCII
# domain of two labels or more, no special-use name such as .test or .local): the scenario
# reader's fast path keeps these without importing it; every other goes to email-validator.
SIMPLE_EMAIL = re.compile(
    r"(?=.{6,254}$)(?=[^@]{1,64}@)"
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@"
    r"(?:(?=[A-Za-z0-9-]{1,63}\.)(?!xn--)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+"
    r"(?!(?:test|local|localhost|invalid|onion|arpa)$)[A-Za-z]{2,63}"
)


def one_line_text(value: str) -> str:
    """`value` when it holds no control character (CR, LF and TAB included), else ValueError."""
    found = ONE_LINE_CONTROL.search(value)
    if found:
        raise ValueError(_control_problem(found))
    return value


def multi_line_text(value: str) -> str:
    """`value` when its only control characters are line breaks and tabs, else ValueError."""
    found = MULTI_LINE_CONTROL.search(value)
    if found:
        raise ValueError(
            _control_problem(found).replace("; write it on one line without", "; remove the")
        )
    return value


def storable_text(value: str | None, where: str, limit: int) -> str | None:
    """Free text as the database can keep it: trimmed, not too long, no NUL or lone surrogate."""
    if value is None or not value.strip():
        return None
    try:
        storable(value)
    except ValueError as exc:
        raise InvalidInputError(where, str(exc)) from None
    if len(value) > limit:
        raise InvalidInputError(where, f"is longer than {limit} characters")
    return value.strip()


def check_note_text(text: str, name: str) -> str:
    """A note's text as followup keeps it: not empty, at most the limit, storable."""
    if not text.strip():
        raise InvalidInputError(name, "is empty: there is no note to check")
    if len(text) > limits.NOTE_TEXT:
        raise InvalidInputError(name, f"too large; a note is at most {limits.NOTE_TEXT // 1024} KB")
    try:
        storable(text)
    except ValueError as exc:
        raise InvalidInputError(name, str(exc)) from None
    return text
