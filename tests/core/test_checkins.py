"""Rule tables for R4 and R5 as revised (DESIGN.md section 1): business days without the public
holidays of the candidate's country, updates and out-of-office replies, the check-in limit.

Each row states every action of the plan (id, kind, interview, contact, method, not_before, due,
status) and every to-do (kind, interview, contact, need): nothing the planner decides goes
unasserted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from followup.core.model import Facts, Reply, Skip
from followup.core.plan import checkin_warning, plan_application
from tests.core.checkin_shapes import ASK, THANKS, case, done, open_, shape, skipped_
from tests.core.factories import at, day


def answer(when: str) -> Reply:
    return Reply(at=at(when), contact="c1")


def update(when: str, by: str | None) -> Reply:
    return Reply(at=at(when), contact="c1", kind="update", expected_by=day(by) if by else None)


def away(when: str, until: str | None) -> Reply:
    return Reply(at=at(when), contact="c1", kind="auto_reply", until=day(until) if until else None)


NOW = at("2026-11-30 12:00")

ROWS: list[tuple[str, Facts, datetime, list[tuple[Any, ...]], list[tuple[Any, ...]], str]] = [
    # -- business days: weekends and the public holidays of the candidate's country --------------
    (
        "the first business day after the date, with no holiday in the way",
        case("2026-12-02"),
        NOW,
        [THANKS, open_(1, "2026-12-03")],
        [],
        "",
    ),
    (
        "Thanksgiving (US, the country of America/New_York) is passed over",
        case("2026-11-25"),
        NOW,
        [THANKS, open_(1, "2026-11-27", "overdue")],
        [],
        "moved past Thu 26 Nov (Thanksgiving Day)",
    ),
    (
        "the country set wins over the timezone's: no Thanksgiving in Great Britain",
        case("2026-11-25", country="GB"),
        NOW,
        [THANKS, open_(1, "2026-11-26", "overdue")],
        [],
        "",
    ),
    (
        "Christmas Day on a Friday, then the weekend",
        case("2026-12-24"),
        NOW,
        [THANKS, open_(1, "2026-12-28")],
        [],
        "moved past Fri 25 Dec (Christmas Day)",
    ),
    (
        "in Great Britain Boxing Day is observed on Monday 28 December too",
        case("2026-12-24", country="GB"),
        NOW,
        [THANKS, open_(1, "2026-12-29")],
        [],
        "moved past Fri 25 Dec (Christmas Day) and Mon 28 Dec (Boxing Day, observed)",
    ),
    (
        "the cadence lands on Christmas Day: moved to the next business day",
        case("2026-12-02", sent=("2026-12-03 10:00", "2026-12-18 10:00")),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-18 10:00"), open_(3, "2026-12-28")],
        [],
        "moved past Fri 25 Dec (Christmas Day)",
    ),
    # -- replies --------------------------------------------------------------------------
    (
        "an answer since the interview began stops every check-in",
        case(sent=("2026-12-03 10:00",), replies=(answer("2026-12-04 11:00"),)),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00")],
        [],
        "",
    ),
    (
        "an answer before the interview began does not count",
        case(replies=(answer("2026-11-20 11:00"),)),
        NOW,
        [THANKS, open_(1, "2026-12-03")],
        [],
        "",
    ),
    (
        "an update with a date: the first business day after it; no need to ask for a date",
        case(None, replies=(update("2026-12-07 10:00", "2026-12-10"),)),
        at("2026-12-08 12:00"),
        [THANKS, open_(1, "2026-12-11")],
        [],
        "they wrote Mon 7 Dec that an answer comes by Thu 10 Dec",
    ),
    (
        "an update without a date promises an answer default_wait_days (7) after it",
        case(None, replies=(update("2026-12-07 10:00", None),)),
        at("2026-12-08 12:00"),
        [THANKS, open_(1, "2026-12-15")],
        [ASK],
        "they wrote Mon 7 Dec without a new date, so check-ins assume an answer by Mon 14 Dec",
    ),
    (
        "an update re-arms the check-ins after two were made; the numbers go on",
        case(
            sent=("2026-12-03 10:00", "2026-12-10 10:00"),
            replies=(update("2026-12-11 10:00", "2026-12-17"),),
        ),
        at("2026-12-12 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-10 10:00"), open_(3, "2026-12-18")],
        [],
        "they wrote Fri 11 Dec that an answer comes by Thu 17 Dec",
    ),
    (
        "after an update only the check-ins made since count for the cadence",
        case(
            sent=("2026-12-03 10:00", "2026-12-21 10:00"),
            replies=(update("2026-12-11 10:00", "2026-12-17"),),
        ),
        at("2026-12-22 12:00"),
        [
            THANKS,
            done(1, "2026-12-03 10:00"),
            done(2, "2026-12-21 10:00"),
            open_(3, "2026-12-28", start="10:00"),
        ],
        [],
        "1 check-in made since their update",
    ),
    (
        "an update from before the latest interview does not count",
        case(replies=(update("2026-11-20 10:00", "2026-12-20"),)),
        NOW,
        [THANKS, open_(1, "2026-12-03")],
        [],
        "",
    ),
    (
        "an out-of-office reply stops nothing, but holds the next one until after its date",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", "2026-12-11"),)),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-14")],
        [],
        "they are out of office until Fri 11 Dec: not before Mon 14 Dec 09:00",
    ),
    (
        "an out-of-office reply without a return date changes nothing",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", None),)),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-10", start="10:00")],
        [],
        "",
    ),
    (
        "a return date already past holds nothing back",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", "2026-12-04"),)),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-10", start="10:00")],
        [],
        "",
    ),
    # -- the limit -----------------------------------------------------------------------
    (
        "below the limit the next check-in says how many were made",
        case(sent=("2026-12-03 10:00",), limit=2),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-10", start="10:00")],
        [],
        "1 of 2 check-ins made",
    ),
    (
        "at the limit: no further check-in, a to-do to consider closing",
        case(sent=("2026-12-03 10:00", "2026-12-10 10:00"), limit=2),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-10 10:00")],
        [("consider_closing", "i1", None, None)],
        "",
    ),
    (
        "a skipped check-in counts for the cadence, not for the limit",
        case(
            sent=("2026-12-03 10:00",),
            skipped=(Skip("check_in:c1:2", at("2026-12-10 11:00")),),
            limit=2,
        ),
        at("2026-12-12 12:00"),
        [
            THANKS,
            done(1, "2026-12-03 10:00"),
            skipped_(2, "2026-12-10 11:00"),
            open_(3, "2026-12-17", start="11:00"),
        ],
        [],
        "1 of 2 check-ins made",
    ),  # fmt: skip
    (
        "an update after the limit was reached re-arms the check-ins",
        case(
            sent=("2026-12-03 10:00", "2026-12-10 10:00"),
            replies=(update("2026-12-14 10:00", "2026-12-21"),),
            limit=2,
        ),
        at("2026-12-15 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-10 10:00"), open_(3, "2026-12-22")],
        [],
        "0 of 2 check-ins made",
    ),
    (
        "closed as no response: no check-in and no to-do",
        case(sent=("2026-12-03 10:00", "2026-12-10 10:00"), limit=2, status="no_response"),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-10 10:00")],
        [],
        "",
    ),
    (
        "closed with nothing said at the interview: no to-do to ask for a date either",
        case(None, status="no_response"),
        NOW,
        [THANKS],
        [],
        "",
    ),
]


@pytest.mark.parametrize(
    ("facts_", "now", "actions", "todos", "reason"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_r4_as_revised(
    facts_: Facts,
    now: datetime,
    actions: list[tuple[Any, ...]],
    todos: list[tuple[Any, ...]],
    reason: str,
) -> None:
    plan = plan_application(facts_, now)
    assert shape(plan) == (actions, todos)
    if reason:
        [open_check_in] = [a for a in plan.open_actions if a.kind == "check_in"]
        assert any(reason in r for r in open_check_in.reasons), open_check_in.reasons


def test_the_limit_and_the_count_are_said_in_words() -> None:
    plan = plan_application(
        case(sent=("2026-12-03 10:00", "2026-12-10 10:00"), limit=2), at("2026-12-20 12:00")
    )
    [todo] = plan.todos
    assert todo.message == (
        "Globex Corporation has not answered 2 check-ins since the interview (your limit is 2): "
        "consider closing the application as no response, or raise the check-in limit to keep "
        "checking in."
    )


def test_an_unknown_country_is_refused_naming_the_field() -> None:
    from followup.core.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as raised:
        plan_application(case(country="XX"), NOW)
    assert raised.value.message == (
        "candidate.country: unknown country 'XX'; use an ISO 3166 code such as US, GB or DE"
    )


WARNINGS = [
    (
        "too soon after a skipped check-in: a skip counts for the cadence",
        case(sent=("2026-12-03 10:00",), skipped=(Skip("check_in:c1:2", at("2026-12-10 11:00")),)),
        "2026-12-14 10:00",
        "this check-in comes sooner than once a week: the last one was Thu 10 Dec 11:00",
    ),
    (
        "after an update, before its new date",
        case(replies=(update("2026-12-07 10:00", "2026-12-10"),)),
        "2026-12-09 10:00",
        "this check-in comes before the promised answer date, Thu 10 Dec",
    ),
    (
        "after an update the check-ins before it no longer set the pace",
        case(sent=("2026-12-10 10:00",), replies=(update("2026-12-10 12:00", "2026-12-11"),)),
        "2026-12-14 10:00",
        None,
    ),
    (
        "while they are out of office",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", "2026-12-18"),)),
        "2026-12-15 10:00",
        "they are out of office until Fri 18 Dec: a check-in before they are back",
    ),
    (
        "once the cadence allows and nobody is away",
        case(sent=("2026-12-03 10:00",)),
        "2026-12-10 10:00",
        None,
    ),
]


@pytest.mark.parametrize(
    ("facts_", "when", "warning"),
    [row[1:] for row in WARNINGS],
    ids=[row[0] for row in WARNINGS],
)
def test_r5_as_revised(facts_: Facts, when: str, warning: str | None) -> None:
    found = checkin_warning(facts_, at(when))
    if warning is None:
        assert found is None
    else:
        assert found is not None and found.startswith(warning), found
