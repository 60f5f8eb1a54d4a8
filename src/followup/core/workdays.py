"""Business days and the 09:00-17:00 window in the candidate's own timezone, DST-correct.

Business days are Monday to Friday that are not public holidays of the candidate's country
(docs/rules.md), as the `holidays` package knows them: national holidays only (a state's or
a province's are not counted), none for a country the package does not cover.

Absolute arithmetic (24 hours, 3.5 days) is done in UTC; local rules (which day, which hour)
are read in the candidate's zone, so a DST change never shifts a deadline by an hour.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any
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


# -- public holidays ----------------------------------------------------------------------------
_LOADING = threading.Lock()


@functools.cache
def _holiday_class(country: str) -> Any:
    """The `holidays` package's class for `country`, or None when it has none.

    `holidays.country_holidays` imports every one of its ~280 country modules (~60 ms, more
    than all of `followup plan`'s own start-up), so only this country's module is loaded.
    """
    import importlib.util
    import sys

    import holidays
    from holidays.registry import COUNTRIES

    found = next(((m, n) for m, n in COUNTRIES.items() if n[1] == country), None)
    if found is None:
        return None
    module_name, names = found
    full_name = f"holidays.countries.{module_name}"
    with _LOADING:
        module = sys.modules.get(full_name)
        if module is None:
            path = Path(holidays.__file__).parent / "countries" / f"{module_name}.py"
            spec = importlib.util.spec_from_file_location(full_name, path)
            if spec is None or spec.loader is None:
                return None
            module = importlib.util.module_from_spec(spec)
            sys.modules[full_name] = module
            try:
                spec.loader.exec_module(module)
            except ImportError:
                # A territory's module (Saint Pierre and Miquelon's) imports its country's
                # through the package, which imports them all: then so be it.
                del sys.modules[full_name]
                module = importlib.import_module(full_name)
    return getattr(module, names[0], None)


@functools.cache
def holidays_in(country: str, year: int) -> Mapping[date, str]:
    """The public holidays of `country` (ISO 3166 alpha-2) in `year`, by English name where the
    `holidays` package has one; national ones only, none for a country it does not know."""
    holiday_class = _holiday_class(country)
    if holiday_class is None:
        return MappingProxyType({})
    english = "en_US" if "en_US" in getattr(holiday_class, "supported_languages", ()) else None
    with _LOADING:
        found = holiday_class(years=year, language=english)
        return MappingProxyType({day: str(name) for day, name in found.items()})


@functools.cache
def holiday_dates(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays_in(country, year))


def holiday_name(day: date, country: str | None) -> str | None:
    """The name of the public holiday on `day` in `country`, or None."""
    if country is None:
        return None
    return holidays_in(country, day.year).get(day)


def is_business_day(day: date, country: str | None = None) -> bool:
    """Monday to Friday, and not a public holiday of `country` (None: weekends only)."""
    if day.weekday() >= 5:
        return False
    return country is None or day not in holiday_dates(country, day.year)


@dataclass(frozen=True, slots=True)
class Window:
    """A business-hours window, and the weekday holidays it was moved past (day, name)."""

    not_before: datetime
    due: datetime
    moved_past: tuple[tuple[date, str], ...] = ()


def next_business_day(
    day: date, country: str | None = None, passed: list[tuple[date, str]] | None = None
) -> date:
    """The first business day strictly after `day`; weekday holidays stepped over go in `passed`."""
    day += _ONE_DAY
    while not is_business_day(day, country):
        if passed is not None and day.weekday() < 5:
            passed.append((day, holiday_name(day, country) or "public holiday"))
        day += _ONE_DAY
    return day


def at_local(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def local_date(instant: datetime, tz: ZoneInfo) -> date:
    return instant.astimezone(tz).date()


def add_absolute(instant: datetime, delta: timedelta, tz: ZoneInfo) -> datetime:
    """`instant + delta` in elapsed time, expressed in `tz` (Python adds wall time otherwise)."""
    return (instant.astimezone(UTC) + delta).astimezone(tz)


def business_window(instant: datetime, tz: ZoneInfo, country: str | None = None) -> Window:
    """The window for something allowed from `instant` on, within business hours.

    Inside 09:00-17:00 of a business day it stays put, due at 17:00 that day; otherwise it moves
    forward to the next business-day 09:00 (the same day when it is before opening time).
    """
    here = instant.astimezone(tz)
    day = here.date()
    passed: list[tuple[date, str]] = []
    if is_business_day(day, country):
        clock = here.time()
        if clock < OPENS:
            return Window(at_local(day, OPENS, tz), at_local(day, CLOSES, tz))
        if clock < CLOSES:
            return Window(here, at_local(day, CLOSES, tz))
    elif day.weekday() < 5 and country is not None:
        passed.append((day, holiday_name(day, country) or "public holiday"))
    day = next_business_day(day, country, passed)
    return Window(at_local(day, OPENS, tz), at_local(day, CLOSES, tz), tuple(passed))


def first_window_after(day: date, tz: ZoneInfo, country: str | None = None) -> Window:
    """09:00 and 17:00 of the first business day after `day`."""
    passed: list[tuple[date, str]] = []
    nxt = next_business_day(day, country, passed)
    return Window(at_local(nxt, OPENS, tz), at_local(nxt, CLOSES, tz), tuple(passed))


# Fixed English names, not strftime: it is locale-dependent and the planner's hottest call.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_when(instant: datetime, tz: ZoneInfo) -> str:
    """'Wed 9 Dec 13:00' in the candidate's zone: how reasons name a moment."""
    t = instant.astimezone(tz)
    return f"{_DAYS[t.weekday()]} {t.day} {_MONTHS[t.month - 1]} {t.hour:02d}:{t.minute:02d}"


def short_day(day: date) -> str:
    """'Thu 3 Dec': how every face names a day."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def long_day(day: date) -> str:
    """'Thu 3 Dec 2026': a day that may lie in another year."""
    return f"{short_day(day)} {day.year}"


def when_window(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """'Thu 3 Dec 09:00–17:00' (a check-in's window) in the candidate's zone; across days,
    'Thu 3 Dec 16:00 – Fri 4 Dec 10:00'."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    if a.date() == b.date():
        return f"{short_when(a, tz)}–{b.hour:02d}:{b.minute:02d}"
    return f"{short_when(a, tz)} – {short_when(b, tz)}"


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


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 interview', '2 interviews': a count as a sentence says it."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
