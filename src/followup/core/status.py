"""What readers of a cached plan need without the planner: its version, and action status."""

from __future__ import annotations

from typing import Literal

# Bumped whenever a rule changes, so cached plans made by older code are recomputed.
PLANNER_VERSION = 3


def status_of(
    moment: float, not_before: float | None, due: float
) -> Literal["planned", "due", "overdue"]:
    """planned before `not_before`, due until `due`, overdue after it (POSIX timestamps).

    Timestamps, not datetimes: two times in one ZoneInfo compare by wall clock in Python,
    which is wrong for the hour repeated when summer time ends.
    """
    if not_before is not None and moment < not_before:
        return "planned"
    return "due" if moment <= due else "overdue"
