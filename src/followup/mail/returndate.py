"""The return date an out-of-office text states ("back on Monday, 7 December"), if any.

Only dates close to a return phrase count (back, return, returning, until, through, after),
and only forms that cannot be misread: ISO dates, a month by name in either order, a weekday
(the next one after the message), and d/m or m/d only when one half is over 12.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_FORMS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}))",
        _MONTH + r"\s+" + _DAY + _YEAR,
        _DAY + r"(?:\s+of)?\s+" + _MONTH + _YEAR,
        r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<c>\d{2,4}))?",
        r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b",
    )
)
_CUE = re.compile(
    r"\b(?:back|return|returning|returns|until|till|through|thru|after|from)\b", re.IGNORECASE
)
WINDOW = 60  # characters after the cue to look for the date


def _year_for(month: int, day: int, year: int | None, sent_on: date) -> date | None:
    try:
        if year is not None:
            return date(year, month, day)
        found = date(sent_on.year, month, day)
        return found if found >= sent_on - timedelta(days=7) else date(sent_on.year + 1, month, day)
    except ValueError:
        return None


def _read(match: re.Match[str], sent_on: date) -> date | None:
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        except ValueError:
            return None
    if groups.get("month"):
        year = int(groups["year"]) if groups.get("year") else None
        return _year_for(_MONTHS[groups["month"].lower()], int(groups["day"]), year, sent_on)
    if groups.get("weekday"):
        wanted = _WEEKDAYS.index(groups["weekday"].lower())
        ahead = (wanted - sent_on.weekday()) % 7 or 7
        return sent_on + timedelta(days=ahead)
    a, b = int(groups["a"]), int(groups["b"])
    year_text = groups.get("c")
    year = None if not year_text else int(year_text) + (2000 if len(year_text) == 2 else 0)
    if a > 12 >= b:
        return _year_for(b, a, year, sent_on)
    if b > 12 >= a:
        return _year_for(a, b, year, sent_on)
    return None  # 07/12: July or December? not a guess to act on


def return_date(text: str, sent_on: date, cues: re.Pattern[str] = _CUE) -> date | None:
    """The first unambiguous date after a cue (by default a return cue: "back on ..."), within
    a year of `sent_on`."""
    for cue in cues.finditer(text):
        window = text[cue.end() : cue.end() + WINDOW]
        best: tuple[int, date] | None = None
        for form in _FORMS:
            match = form.search(window)
            found = _read(match, sent_on) if match else None
            if match and found is not None and (best is None or match.start() < best[0]):
                best = (match.start(), found)
            if best is not None and form is _FORMS[-2]:
                break  # a weekday counts only when no date is written out
        if best is not None and sent_on - timedelta(days=7) <= best[1] <= sent_on + timedelta(
            days=366
        ):
            return best[1]
    return None
