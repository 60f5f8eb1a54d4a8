"""R4 and R5 of docs/rules.md: when to check in, how often, and when to stop.

What counts (one place, read by the planner and by R5's warning alike):
- only replies at or after the latest interview's start; an `answer` stops all check-ins, an
  `auto_reply` stops nothing (its `until` only holds the next one back), an `update` re-arms
  the check-ins from its new date;
- check-ins made count from the latest interview's start, or from the latest update when there
  is one (only those after it); skipped check-ins (R1b) count for the cadence, not the limit;
- an update without a date is taken to promise an answer `default_wait_days` after the local
  date it came, as R3 assumes when an interview gave none.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.core import rules
from followup.core.ids import ActionId
from followup.core.model import Facts, Interview, Participant, Reply, Skip, Todo
from followup.core.workdays import (
    Window,
    business_window,
    first_window_after,
    local_date,
    short_day,
    short_when,
)

# A date belongs to one kind of reply; on another it would mean nothing, so it is refused
# rather than ignored (an answer "by the 10th" is most likely an update entered as an answer).
_DATE_OF_KIND = {
    "expected_by": ("update", "a new answer date"),
    "until": ("auto_reply", "a return date"),
}


def reply_date_problem(reply: Reply, came: date) -> tuple[str, str] | None:
    """(field, problem) when a reply's date is on the wrong kind or before the reply `came`
    (its local date), else None."""
    for field, (kind, what) in _DATE_OF_KIND.items():
        value: date | None = getattr(reply, field)
        if value is None:
            continue
        if reply.kind != kind:
            return field, f"only an {kind} gives {what}, not an {reply.kind}"
        if value < came:
            return field, f"{value.isoformat()} is before the reply came ({came.isoformat()})"
    return None


@dataclass(frozen=True, slots=True)
class CheckinState:
    """What the replies and check-ins since the latest interview (or update) add up to."""

    answered: Reply | None  # the first answer since the interview started
    update: Reply | None  # the latest update since then
    back: date | None  # the latest out-of-office return date since then
    made: int  # check-ins made since the interview, or since the update
    skipped: int  # check-ins skipped in that time
    last: datetime | None  # the latest of those made or skipped: the cadence counts from it

    @property
    def since_words(self) -> str:
        return "since the interview" if self.update is None else "since their update"


def skipped_check_ins(facts: Facts) -> list[tuple[Skip, ActionId]]:
    """The skipped check-ins with their parsed ids, in time order."""
    found = []
    for skip in facts.skipped:
        if skip.action.startswith("check_in:"):
            found.append((skip, ActionId.parse(skip.action, "skipped.action")))
    found.sort(key=lambda pair: pair[0].at.timestamp())
    return found


def checkin_state(facts: Facts, latest: Interview, before: datetime | None = None) -> CheckinState:
    """The state of R4 after the latest interview, from the facts known before `before`."""
    began = latest.start.timestamp()
    cutoff = math.inf if before is None else before.timestamp()
    answered = update = None
    back: date | None = None
    if facts.responses:
        replies = [r for r in facts.responses if began <= r.at.timestamp() < cutoff]
        replies.sort(key=_reply_time)
        answered = next((r for r in replies if r.kind == "answer"), None)
        update = next((r for r in reversed(replies) if r.kind == "update"), None)
        back = max((r.until for r in replies if r.kind == "auto_reply" and r.until), default=None)
    # From an update on, only what came after it counts; from an interview, what came at or
    # after its start.
    start = began if update is None else math.nextafter(update.at.timestamp(), math.inf)
    made = 0
    last, last_time = None, -math.inf
    for s in facts.sent:
        if s.kind == "check_in":
            t = s.at.timestamp()
            if start <= t < cutoff:
                made += 1
                if t > last_time:
                    last, last_time = s.at, t
    skipped = 0
    for skip in facts.skipped:
        t = skip.at.timestamp()
        if skip.action.startswith("check_in:") and start <= t < cutoff:
            skipped += 1
            if t > last_time:
                last, last_time = skip.at, t
    return CheckinState(answered, update, back, made, skipped, last)


def _reply_time(reply: Reply) -> float:
    return reply.at.timestamp()


def update_promise(update: Reply, default_wait_days: int, tz: ZoneInfo) -> tuple[date, str]:
    """The date an update promises an answer by, and how the reasons say it."""
    wrote = short_day(local_date(update.at, tz))
    if update.expected_by is not None:
        return update.expected_by, (
            f"they wrote {wrote} that an answer comes by {short_day(update.expected_by)}"
        )
    assumed = local_date(update.at, tz) + timedelta(days=default_wait_days)
    return assumed, (
        f"they wrote {wrote} without a new date, so check-ins assume an answer by "
        f"{short_day(assumed)} ({default_wait_days} days after it)"
    )


@dataclass(frozen=True, slots=True)
class NextCheckIn:
    to: Participant
    window: Window
    reasons: tuple[str, ...]


def next_check_in(
    facts: Facts,
    latest: Interview | None,
    expected: date | None,
    tz: ZoneInfo,
    country: str | None,
) -> tuple[NextCheckIn | None, Todo | None]:
    """R4: the one open check-in (or None when none is called for), and a to-do when the
    check-in limit has been reached."""
    app, candidate = facts.application, facts.candidate
    if app.status != "active" or latest is None or expected is None:
        return None, None
    state = checkin_state(facts, latest)
    if state.answered is not None:
        return None, None
    person = facts.person(app.primary_contact) if app.primary_contact else None
    to_whom = "the primary contact"
    if person is None:
        if not latest.participants:
            return None, None
        person = latest.participants[0]
        to_whom = "the first person met at the latest interview"
    limit = candidate.checkin_limit
    made = state.made
    if made >= limit:
        return None, _consider_closing(facts, latest, made, state.since_words)

    last = state.last
    cadence = candidate.checkins_per_week
    if last is not None:
        earliest = rules.next_check_in_allowed(last, cadence, tz)
        window = business_window(earliest, tz, country)
        skipped = f" and {state.skipped} skipped" if state.skipped else ""
        timing = (
            f"{_waiting(state)}: at most {rules.cadence_words(cadence)}: not before "
            f"{short_when(earliest, tz)}, {made} check-in{'' if made == 1 else 's'} made "
            f"{state.since_words}{skipped}"
        )
        if window.not_before != earliest.astimezone(tz):
            timing += "; moved to the next business-day 09:00"
        if state.update is not None:
            timing += f" ({update_promise(state.update, candidate.default_wait_days, tz)[1]})"
    elif state.update is not None:
        promised, said = update_promise(state.update, candidate.default_wait_days, tz)
        window = first_window_after(promised, tz, country)
        timing = f"{said}: check in on the first business day after it, 09:00-17:00"
    else:
        window = first_window_after(expected, tz, country)
        timing = (
            f"{_waiting(state)}: no answer is due before {short_day(expected)}; check in on the "
            "first business day after it, 09:00-17:00"
        )
    reasons = [timing]
    if state.back is not None:
        back = first_window_after(state.back, tz, country)
        if back.not_before > window.not_before:
            window = back
            reasons.append(
                f"they are out of office until {short_day(state.back)}: not before "
                f"{short_when(back.not_before, tz)}"
            )
    if window.moved_past:
        reasons.append(f"moved past {_days_words(window.moved_past)}")
    reasons.append(f"{made} of {limit} check-ins made")
    reasons.append(f"to {person.name}, {to_whom}")
    return NextCheckIn(person, window, tuple(reasons)), None


def _waiting(state: CheckinState) -> str:
    return "no reply yet" if state.update is None else "no answer yet"


def _consider_closing(facts: Facts, latest: Interview, made: int, since_words: str) -> Todo:
    return Todo(
        kind="consider_closing",
        interview=latest.id,
        message=(
            f"{facts.application.company} has not answered {made} check-ins {since_words} "
            f"(your limit is {facts.candidate.checkin_limit}): consider closing the application "
            "as no response, or raise the check-in limit to keep checking in."
        ),
    )


def _days_words(days: Iterable[tuple[date, str]]) -> str:
    named = [
        f"{short_day(day)} ({name.replace(' (observed)', ', observed')})" for day, name in days
    ]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def checkin_warning(
    facts: Facts, at: datetime, expected: date | None, latest: Interview | None, tz: ZoneInfo
) -> str | None:
    """R5: a warning when a check-in made at `at` comes sooner than R4 allows."""
    if latest is None:
        return None
    state = checkin_state(facts, latest, before=at)
    last = state.last
    if last is not None:
        cadence = facts.candidate.checkins_per_week
        allowed = rules.next_check_in_allowed(last, cadence, tz)
        if at.timestamp() < allowed.timestamp():
            return (
                f"this check-in comes sooner than {rules.cadence_words(cadence)}: the last one "
                f"was {short_when(last, tz)}, the next was not due before "
                f"{short_when(allowed, tz)}. Too many check-ins read as pushy."
            )
    else:
        promised = expected
        if state.update is not None:
            promised = update_promise(state.update, facts.candidate.default_wait_days, tz)[0]
        if promised is not None and local_date(at, tz) <= promised:
            return (
                f"this check-in comes before the promised answer date, {short_day(promised)}: "
                "give them until then before checking in."
            )
    if state.back is not None and local_date(at, tz) <= state.back:
        return (
            f"they are out of office until {short_day(state.back)}: a check-in before they are "
            "back is likely to go unread."
        )
    return None
