"""Business days and the 09:00-17:00 window in the candidate's own timezone, DST-correct.

Absolute arithmetic (24 hours, 3.5 days) is done in UTC; local rules (which day, which hour)
are read in the candidate's zone, so a DST change never shifts a deadline by an hour.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.core.errors import InvalidInputError

OPENS = time(9, 0)
CLOSES = time(17, 0)
_ONE_DAY = timedelta(days=1)


def zone(name: str, where: str = "timezone") -> ZoneInfo:
    """The IANA zone called `name`, or an InvalidInputError naming `where`."""
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        raise InvalidInputError(
            where, f"unknown timezone {name!r}; use an IANA name such as Europe/London"
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInputError(
            where, f"unknown timezone {name!r}; use an IANA name such as Europe/London"
        ) from None


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def next_business_day(day: date) -> date:
    """The first business day strictly after `day`."""
    day += _ONE_DAY
    while day.weekday() >= 5:
        day += _ONE_DAY
    return day


def at_local(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def local_date(instant: datetime, tz: ZoneInfo) -> date:
    return instant.astimezone(tz).date()


def add_absolute(instant: datetime, delta: timedelta, tz: ZoneInfo) -> datetime:
    """`instant + delta` in elapsed time, expressed in `tz` (Python adds wall time otherwise)."""
    return (instant.astimezone(UTC) + delta).astimezone(tz)


def business_window(instant: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """(not_before, due) for something allowed from `instant` on, within business hours.

    Inside 09:00-17:00 of a business day it stays put, due at 17:00 that day; otherwise it moves
    forward to the next business-day 09:00 (the same day when it is before opening time).
    """
    here = instant.astimezone(tz)
    day = here.date()
    if is_business_day(day):
        clock = here.time()
        if clock < OPENS:
            return at_local(day, OPENS, tz), at_local(day, CLOSES, tz)
        if clock < CLOSES:
            return here, at_local(day, CLOSES, tz)
    day = next_business_day(day)
    return at_local(day, OPENS, tz), at_local(day, CLOSES, tz)


def first_window_after(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """09:00 and 17:00 of the first business day after `day`."""
    nxt = next_business_day(day)
    return at_local(nxt, OPENS, tz), at_local(nxt, CLOSES, tz)


# Fixed English names, not strftime: it is locale-dependent and the planner's hottest call.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_when(instant: datetime, tz: ZoneInfo) -> str:
    """'Wed 9 Dec 13:00' in the candidate's zone: how reasons name a moment."""
    t = instant.astimezone(tz)
    return f"{_DAYS[t.weekday()]} {t.day} {_MONTHS[t.month - 1]} {t.hour:02d}:{t.minute:02d}"


def short_day(day: date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def duration_words(seconds: float) -> str:
    """'5 h', '2 d 3 h', '40 min': how far away a moment is, in words a glance can read."""
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins and hours < 3 else f"{hours} h"
    return f"{mins} min"
