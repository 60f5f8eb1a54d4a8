"""Rows of the R4 and R1b tables: one interview, its thank-you sent, and every action of a plan
as the tuple a row states (id, kind, interview, contact, method, not_before, due, status).

Times are compared as `plan --json` writes them (ISO 8601 with the candidate's offset), so a
time right as an instant but shown in another zone is caught too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from followup.core.model import Facts, Plan, Reply, Sent, Skip
from followup.core.plan import plan_application
from tests.core.factories import at, day, facts, interview, thanked


def when(text: str) -> str:
    """A New York local time 'YYYY-MM-DD HH:MM' as the plan's JSON writes it."""
    return at(text).isoformat()


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# The interview: Tue 24 Nov 2026, 14:00-15:00 New York, Katherine Chen (c1), thanked that night.
THANKS = (
    "thank_you:i1:c1", "thank_you", "i1", "c1", "email",
    when("2026-11-24 15:00"), when("2026-11-25 15:00"), "done",
)  # fmt: skip
ASK = ("ask_expected_date", "i1", None, None)  # no answer date was given at the interview
NOW = at("2026-11-30 12:00")
# How every open check-in of the tables ends: to whom, and R2's channel for that person.
TAIL = (
    "to Katherine Chen, the first person met at the latest interview",
    "email: nothing about the role or company calls for another channel",
)
FIRST = "check in on the first business day after it, 09:00-17:00"
MOVED = "; moved to the next business-day 09:00"
# (what, facts, now, every action, every to-do, the open check-in's reasons less TAIL)
Row = tuple[str, Facts, datetime, list[tuple[Any, ...]], list[tuple[Any, ...]], tuple[str, ...]]


def case(
    expected: str | None = "2026-12-02",
    *,
    sent: tuple[str, ...] = (),
    replies: tuple[Reply, ...] = (),
    skipped: tuple[Skip, ...] = (),
    **kw: Any,
) -> Facts:
    """The interview above, its thank-you sent, and check-ins made at the local times `sent`."""
    iv = interview(expected_response_by=day(expected) if expected else None)
    made = tuple(Sent("check_in", "c1", "email", at(t)) for t in sent)
    f = facts(iv, sent=made, replies=replies, skipped=skipped, **kw)
    return thanked(f, at("2026-11-24 19:00"))


def answer(when: str) -> Reply:
    return Reply(at=at(when), contact="c1")


def update(when: str, by: str | None) -> Reply:
    return Reply(at=at(when), contact="c1", kind="update", expected_by=day(by) if by else None)


def away(when: str, until: str | None) -> Reply:
    return Reply(at=at(when), contact="c1", kind="auto_reply", until=day(until) if until else None)


def done(n: int, moment: str) -> tuple[Any, ...]:
    return (f"check_in:c1:{n}", "check_in", None, "c1", "email", None, when(moment), "done")


def open_(n: int, day_: str, status: str = "planned", start: str = "09:00") -> tuple[Any, ...]:
    """The open check-in number `n`: from `start` (09:00 unless the cadence says later) to 17:00."""
    return (
        f"check_in:c1:{n}", "check_in", "i1", "c1", "email",
        when(f"{day_} {start}"), when(f"{day_} 17:00"), status,
    )  # fmt: skip


def skipped_(n: int, moment: str) -> tuple[Any, ...]:
    return (f"check_in:c1:{n}", "check_in", "i1", "c1", "email", None, when(moment), "skipped")


def shape(plan: Plan) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    actions = [
        (a.id, a.kind, a.interview, a.contact, a.method, iso(a.not_before), iso(a.due), a.status)
        for a in plan.actions
    ]
    return actions, [(t.kind, t.interview, t.contact, t.need) for t in plan.todos]


def open_reasons(plan: Plan) -> tuple[str, ...]:
    """The reasons of the plan's open check-in, or () when there is none."""
    found = [a for a in plan.open_actions if a.kind == "check_in"]
    return found[0].reasons if found else ()


def check_row(
    facts_: Facts,
    now: datetime,
    actions: list[tuple[Any, ...]],
    todos: list[tuple[Any, ...]],
    reasons: tuple[str, ...],
) -> None:
    """Assert a row of an R4 table: every action, every to-do, the open check-in's reasons."""
    plan = plan_application(facts_, now)
    assert shape(plan) == (actions, todos)
    assert open_reasons(plan) == ((*reasons, *TAIL) if reasons else ())
