"""Rows of the R4 and R1b tables: one interview, its thank-you sent, and every action of a plan
as the tuple a row states (id, kind, interview, contact, method, not_before, due, status)."""

from __future__ import annotations

from typing import Any

from followup.core.model import Facts, Plan, Reply, Sent, Skip
from tests.core.factories import at, day, facts, interview, thanked

# The interview: Tue 24 Nov 2026, 14:00-15:00 New York, Katherine Chen (c1), thanked that night.
THANKS = (
    "thank_you:i1:c1", "thank_you", "i1", "c1", "email",
    at("2026-11-24 15:00"), at("2026-11-25 15:00"), "done",
)  # fmt: skip
ASK = ("ask_expected_date", "i1", None, None)  # no answer date was given at the interview


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


def done(n: int, when: str) -> tuple[Any, ...]:
    return (f"check_in:c1:{n}", "check_in", None, "c1", "email", None, at(when), "done")


def open_(n: int, day_: str, status: str = "planned", start: str = "09:00") -> tuple[Any, ...]:
    """The open check-in number `n`: from `start` (09:00 unless the cadence says later) to 17:00."""
    return (
        f"check_in:c1:{n}", "check_in", "i1", "c1", "email",
        at(f"{day_} {start}"), at(f"{day_} 17:00"), status,
    )  # fmt: skip


def skipped_(n: int, when: str) -> tuple[Any, ...]:
    return (f"check_in:c1:{n}", "check_in", "i1", "c1", "email", None, at(when), "skipped")


def shape(plan: Plan) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    actions = [
        (a.id, a.kind, a.interview, a.contact, a.method, a.not_before, a.due, a.status)
        for a in plan.actions
    ]
    return actions, [(t.kind, t.interview, t.contact, t.need) for t in plan.todos]
