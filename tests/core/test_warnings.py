"""Rule tables for R5 (docs/rules.md): recording a check-in sooner than R4 allows warns
the user, whatever R4 counted from (a check-in made or skipped, an update, an out-of-office reply);
and the dates a reply may carry."""

from __future__ import annotations

import pytest

from followup.core.checkins import reply_date_problem
from followup.core.errors import InvalidInputError
from followup.core.model import Facts, Reply, ReplyKind, Skip
from followup.core.plan import checkin_warning
from tests.core.checkin_shapes import away, case, update
from tests.core.factories import at, day, facts, interview

# -- R5 -------------------------------------------------------------------------------------
SOONER = (
    "this check-in comes sooner than once a week: the last one was {last}, the next was not due "
    "before {next}. Too many check-ins read as pushy."
)
EARLY = (
    "this check-in comes before the promised answer date, {day}: give them until then before "
    "checking in."
)
AWAY = "they are out of office until {day}: a check-in before they are back is likely to go unread."
EVENING_ROUND = facts(
    interview("i1", at("2026-11-10 10:00"), expected_response_by=day("2026-11-13")),
    interview("i2", at("2026-11-24 19:30")),  # ends 20:30 New York, already Wednesday in UTC
)

WARNINGS = [
    (
        "too soon after a skipped check-in: a skip counts for the cadence",
        case(sent=("2026-12-03 10:00",), skipped=(Skip("check_in:c1:2", at("2026-12-10 11:00")),)),
        "2026-12-14 10:00",
        SOONER.format(last="Thu 10 Dec 11:00", next="Thu 17 Dec 11:00"),
    ),
    (
        "a check-in recorded late is judged by those made before it, not after",
        case(sent=("2026-12-03 10:00", "2026-12-17 10:00")),
        "2026-12-10 10:00",
        None,
    ),
    (
        "the check-in being recorded does not count as its own predecessor",
        case(sent=("2026-12-03 10:00", "2026-12-10 10:00")),
        "2026-12-10 10:00",
        None,
    ),
    (
        "a check-in skipped at the very moment of this one was not before it",
        case(sent=("2026-12-03 10:00",), skipped=(Skip("check_in:c1:2", at("2026-12-10 10:00")),)),
        "2026-12-10 10:00",
        None,
    ),
    (
        "after an update, before its new date",
        case(replies=(update("2026-12-07 10:00", "2026-12-10"),)),
        "2026-12-09 10:00",
        EARLY.format(day="Thu 10 Dec"),
    ),
    (
        "after an update without a date, before the date it is taken to promise",
        case(None, replies=(update("2026-12-07 10:00", None),)),
        "2026-12-11 10:00",
        EARLY.format(day="Mon 14 Dec"),
    ),
    (
        "an update written in the evening promises by the candidate's own day",
        case(None, replies=(update("2026-12-07 20:30", None),)),
        "2026-12-15 10:00",
        None,
    ),
    (
        "in the evening of the promised day it is still that day",
        case("2026-12-02"),
        "2026-12-02 20:00",
        EARLY.format(day="Wed 2 Dec"),
    ),
    (
        "the latest of two rounds, ended in the evening, sets the assumed date",
        EVENING_ROUND,
        "2026-12-02 10:00",
        None,
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
        AWAY.format(day="Fri 18 Dec"),
    ),
    (
        "on the evening of the return date they are still away",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", "2026-12-18"),)),
        "2026-12-18 20:00",
        AWAY.format(day="Fri 18 Dec"),
    ),
    (
        "an out-of-office reply to this very check-in was not known before it",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-10 10:00", "2026-12-18"),)),
        "2026-12-10 10:00",
        None,
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
    assert checkin_warning(facts_, at(when)) == warning


def test_an_unknown_zone_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInputError) as raised:
        checkin_warning(case(tz="Mars/Olympus"), at("2026-12-10 10:00"))
    assert raised.value.message == (
        "candidate.timezone: unknown timezone 'Mars/Olympus'; use an IANA name such as "
        "Europe/London"
    )


# -- reply dates (checked where replies come in: scenario files, mail, the web) -------------
def reply(kind: ReplyKind, expected_by: str | None = None, until: str | None = None) -> Reply:
    return Reply(
        at=at("2026-12-07 10:00"),
        kind=kind,
        expected_by=day(expected_by) if expected_by else None,
        until=day(until) if until else None,
    )


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        (reply("update", expected_by="2026-12-10"), None),
        (reply("update", expected_by="2026-12-07"), None),  # "we decide today"
        (
            reply("update", expected_by="2026-12-06"),
            ("expected_by", "2026-12-06 is before the reply came (2026-12-07)"),
        ),
        (reply("auto_reply", until="2026-12-07"), None),
        (
            reply("auto_reply", until="2026-12-01"),
            ("until", "2026-12-01 is before the reply came (2026-12-07)"),
        ),
        (
            reply("answer", expected_by="2026-12-10"),
            ("expected_by", "only an update gives a new answer date, not an answer"),
        ),
        (
            reply("answer", until="2026-12-10"),
            ("until", "only an auto_reply gives a return date, not an answer"),
        ),
        (
            reply("update", expected_by="2026-12-10", until="2026-12-10"),
            ("until", "only an auto_reply gives a return date, not an update"),
        ),
        (reply("answer"), None),
    ],
)
def test_a_reply_date_belongs_to_its_kind_and_not_to_the_past(
    given: Reply, problem: tuple[str, str] | None
) -> None:
    assert reply_date_problem(given, day("2026-12-07")) == problem
