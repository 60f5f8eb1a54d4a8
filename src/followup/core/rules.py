"""The numbers of the rules, each in one place: the planner, the database's counts and the texts
all read them from here (as `rules.NAME`, at the moment of use, so one change reaches all).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followup.core.workdays import add_absolute

# R1: a thank-you is due this long (elapsed time) after the interview ends.
THANK_YOU_WINDOW = timedelta(hours=24)


def window_words() -> str:
    """The thank-you window as the texts say it: '24 hours'."""
    hours = THANK_YOU_WINDOW.total_seconds() / 3600
    if hours == int(hours):
        return f"{int(hours)} hour{'s' if hours != 1 else ''}"
    return f"{THANK_YOU_WINDOW.total_seconds() / 60:.0f} minutes"


def cadence_gap(checkins_per_week: int) -> timedelta:
    """R4/R5: the least elapsed time between two check-ins, 7 / checkins_per_week days."""
    return timedelta(days=7 / checkins_per_week)


def cadence_words(checkins_per_week: int) -> str:
    return "once a week" if checkins_per_week == 1 else "twice a week"


def next_check_in_allowed(last: datetime, checkins_per_week: int, tz: ZoneInfo) -> datetime:
    """R4/R5: the first moment a check-in may follow one made at `last` (absolute time)."""
    return add_absolute(last, cadence_gap(checkins_per_week), tz)
