"""Rule table for R1b (docs/rules.md): a skipped action is listed as skipped and never
comes back; a skipped check-in keeps its number and counts for the cadence, not the limit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from followup.core.model import Facts, Sent, Skip
from followup.core.plan import plan_application
from tests.core.checkin_shapes import THANKS, done, open_, shape, skipped_, when
from tests.core.factories import at, day, facts, interview, person, thanked

PANEL = (person("c1"), person("c2", "Raj Patel", address=None, email=None))


def panel(*skips: Skip, sent: tuple[Sent, ...] = ()) -> Facts:
    iv = interview(people=PANEL, expected_response_by=day("2026-12-02"))
    return facts(iv, sent=sent, skipped=skips)


def thank(who: str, method: str = "email") -> tuple[Any, ...]:
    return (
        f"thank_you:i1:{who}", "thank_you", "i1", who, method,
        when("2026-11-24 15:00"), when("2026-11-25 15:00"),
    )  # fmt: skip


CHECK_IN_1 = (
    "check_in:c1:1", "check_in", "i1", "c1", "email",
    when("2026-12-03 09:00"), when("2026-12-03 17:00"), "planned",
)  # fmt: skip
MISSING_C2 = ("missing_contact_detail", None, "c2", "email")
SENT_C1 = Sent("thank_you", "c1", "email", at("2026-11-24 19:00"), "i1")

ROWS: list[tuple[str, Facts, datetime, list[tuple[Any, ...]], list[tuple[Any, ...]]]] = [
    (
        "nothing skipped: both thank-yous due, the check-in planned",
        panel(),
        at("2026-11-25 09:00"),
        [(*thank("c1"), "due"), (*thank("c2", "phone"), "due"), CHECK_IN_1],
        [MISSING_C2],
    ),
    (
        "a skipped thank-you is listed as skipped, and asks for no contact detail",
        panel(Skip("thank_you:i1:c2", at("2026-11-25 08:00"))),
        at("2026-11-25 09:00"),
        [(*thank("c1"), "due"), (*thank("c2", "phone"), "skipped"), CHECK_IN_1],
        [],
    ),
    (
        "long after its due time it stays skipped, never overdue",
        panel(Skip("thank_you:i1:c2", at("2026-11-25 08:00"))),
        at("2027-03-01 09:00"),
        [
            (*thank("c1"), "overdue"),
            (*thank("c2", "phone"), "skipped"),
            (*CHECK_IN_1[:-1], "overdue"),
        ],
        [],
    ),  # fmt: skip
    (
        "a thank-you sent after all is done, whatever was skipped",
        panel(Skip("thank_you:i1:c1", at("2026-11-24 18:00")), sent=(SENT_C1,)),
        at("2026-11-25 09:00"),
        [(*thank("c1"), "done"), (*thank("c2", "phone"), "due"), CHECK_IN_1],
        [MISSING_C2],
    ),
]


@pytest.mark.parametrize(
    ("facts_", "now", "actions", "todos"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_r1b_skipped_thank_yous(
    facts_: Facts, now: datetime, actions: list[tuple[Any, ...]], todos: list[tuple[Any, ...]]
) -> None:
    assert shape(plan_application(facts_, now)) == (actions, todos)


def one(*times: str, skips: tuple[Skip, ...] = ()) -> Facts:
    made = tuple(Sent("check_in", "c1", "email", at(t)) for t in times)
    f = facts(interview(expected_response_by=day("2026-12-02")), sent=made, skipped=skips)
    return thanked(f, at("2026-11-24 19:00"))


CHECK_IN_ROWS: list[tuple[str, Facts, datetime, list[tuple[Any, ...]]]] = [
    (
        "the first check-in skipped: it keeps number 1, the next is a week after the skip",
        one(skips=(Skip("check_in:c1:1", at("2026-12-03 10:00")),)),
        at("2026-12-04 12:00"),
        [THANKS, skipped_(1, "2026-12-03 10:00"), open_(2, "2026-12-10", start="10:00")],
    ),
    (
        "skipped on a Friday evening: a week on is outside business hours, so Monday 09:00",
        one(skips=(Skip("check_in:c1:1", at("2026-12-04 18:00")),)),
        at("2026-12-05 12:00"),
        [THANKS, skipped_(1, "2026-12-04 18:00"), open_(2, "2026-12-14")],
    ),
    (
        "a check-in made after a skipped one takes the next number",
        one("2026-12-10 10:00", skips=(Skip("check_in:c1:1", at("2026-12-03 10:00")),)),
        at("2026-12-11 12:00"),
        [
            THANKS,
            skipped_(1, "2026-12-03 10:00"),
            done(2, "2026-12-10 10:00"),
            open_(3, "2026-12-17", start="10:00"),
        ],
    ),
    (
        "a skipped check-in between two made ones keeps its place",
        one(
            "2026-12-03 10:00",
            "2026-12-17 10:00",
            skips=(Skip("check_in:c1:2", at("2026-12-10 10:00")),),
        ),
        at("2026-12-18 12:00"),
        [
            THANKS,
            done(1, "2026-12-03 10:00"),
            skipped_(2, "2026-12-10 10:00"),
            done(3, "2026-12-17 10:00"),
            open_(4, "2026-12-24", start="10:00"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("facts_", "now", "actions"), [r[1:] for r in CHECK_IN_ROWS], ids=[r[0] for r in CHECK_IN_ROWS]
)
def test_r1b_skipped_check_ins(
    facts_: Facts, now: datetime, actions: list[tuple[Any, ...]]
) -> None:
    assert shape(plan_application(facts_, now)) == (actions, [])


def test_a_skipped_action_says_when_and_what_it_counts_for() -> None:
    plan = plan_application(
        one(skips=(Skip("check_in:c1:1", at("2026-12-03 10:00")),)), at("2026-12-04 12:00")
    )
    skipped = next(a for a in plan.actions if a.status == "skipped")
    assert (skipped.rule, skipped.reasons) == (
        "R1b",
        (
            "skipped Thu 3 Dec 10:00",
            "counts for the cadence of check-ins, not for their limit",
        ),
    )
