"""Rule tables for R4 as revised (docs/rules.md): business days without the public
holidays of the candidate's country, the cadence, the check-in limit (replies: test_replies.py).

Each row states every action of the plan (id, kind, interview, contact, method, not_before, due,
status), every to-do (kind, interview, contact, need) and the reasons the open check-in gives:
nothing the planner decides goes unasserted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from followup.core.errors import InvalidInputError
from followup.core.model import Facts, Skip
from followup.core.plan import plan_application
from tests.core.checkin_shapes import (
    FIRST,
    MOVED,
    NOW,
    THANKS,
    Row,
    case,
    check_row,
    done,
    open_,
    open_reasons,
    skipped_,
    update,
)
from tests.core.factories import at

ROWS: list[Row] = [
    # -- business days: weekends and the public holidays of the candidate's country --------------
    (
        "the first business day after the date, with no holiday in the way",
        case("2026-12-02"),
        NOW,
        [THANKS, open_(1, "2026-12-03")],
        [],
        (f"no reply yet: no answer is due before Wed 2 Dec; {FIRST}", "0 of 4 check-ins made"),
    ),
    (
        "Thanksgiving (US, the country of America/New_York) is passed over",
        case("2026-11-25"),
        NOW,
        [THANKS, open_(1, "2026-11-27", "overdue")],
        [],
        (
            f"no reply yet: no answer is due before Wed 25 Nov; {FIRST}",
            "moved past Thu 26 Nov (Thanksgiving Day)",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "the country set wins over the timezone's: no Thanksgiving in Great Britain",
        case("2026-11-25", country="GB"),
        NOW,
        [THANKS, open_(1, "2026-11-26", "overdue")],
        [],
        (f"no reply yet: no answer is due before Wed 25 Nov; {FIRST}", "0 of 4 check-ins made"),
    ),
    (
        "Christmas Day on a Friday, then the weekend",
        case("2026-12-24"),
        NOW,
        [THANKS, open_(1, "2026-12-28")],
        [],
        (
            f"no reply yet: no answer is due before Thu 24 Dec; {FIRST}",
            "moved past Fri 25 Dec (Christmas Day)",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "in Great Britain Boxing Day is observed on Monday 28 December too",
        case("2026-12-24", country="GB"),
        NOW,
        [THANKS, open_(1, "2026-12-29")],
        [],
        (
            f"no reply yet: no answer is due before Thu 24 Dec; {FIRST}",
            "moved past Fri 25 Dec (Christmas Day) and Mon 28 Dec (Boxing Day, observed)",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "three holidays in a row are named in order (Easter in Norway)",
        case("2027-03-24", country="NO"),
        NOW,
        [THANKS, open_(1, "2027-03-30")],
        [],
        (
            f"no reply yet: no answer is due before Wed 24 Mar; {FIRST}",
            "moved past Thu 25 Mar (Maundy Thursday), Fri 26 Mar (Good Friday) and "
            "Mon 29 Mar (Easter Monday)",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "the cadence lands on Christmas Day: moved to the next business day",
        case("2026-12-02", sent=("2026-12-03 10:00", "2026-12-18 10:00")),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-18 10:00"), open_(3, "2026-12-28")],
        [],
        (
            "no reply yet: at most once a week: not before Fri 25 Dec 10:00, "
            f"2 check-ins made since the interview{MOVED}",
            "moved past Fri 25 Dec (Christmas Day)",
            "2 of 4 check-ins made",
        ),
    ),
    (
        "the cadence ends after hours on Christmas Eve: past Christmas Day to Monday",
        case("2026-12-02", sent=("2026-12-03 10:00", "2026-12-17 18:00")),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-17 18:00"), open_(3, "2026-12-28")],
        [],
        (
            "no reply yet: at most once a week: not before Thu 24 Dec 18:00, "
            f"2 check-ins made since the interview{MOVED}",
            "moved past Fri 25 Dec (Christmas Day)",
            "2 of 4 check-ins made",
        ),
    ),
    (
        "the cadence ends at 17:00 sharp: the window has closed, so the next business day",
        case("2026-12-02", sent=("2026-12-03 17:00",)),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 17:00"), open_(2, "2026-12-11")],
        [],
        (
            "no reply yet: at most once a week: not before Thu 10 Dec 17:00, "
            f"1 check-in made since the interview{MOVED}",
            "1 of 4 check-ins made",
        ),
    ),
    (
        "the cadence lands on a Saturday: Monday 09:00, and a weekend is no holiday",
        case("2026-12-02", sent=("2026-12-05 11:00",)),
        at("2026-12-06 12:00"),
        [THANKS, done(1, "2026-12-05 11:00"), open_(2, "2026-12-14")],
        [],
        (
            "no reply yet: at most once a week: not before Sat 12 Dec 11:00, "
            f"1 check-in made since the interview{MOVED}",
            "1 of 4 check-ins made",
        ),
    ),
    (
        "twice a week: 3.5 days on, Sunday 22:00 becomes Monday 09:00",
        case("2026-12-02", sent=("2026-12-03 10:00",), cadence=2),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-07")],
        [],
        (
            "no reply yet: at most twice a week: not before Sun 6 Dec 22:00, "
            f"1 check-in made since the interview{MOVED}",
            "1 of 4 check-ins made",
        ),
    ),
    (
        "a check-in made as the latest interview began counts for the cadence",
        case("2026-12-02", sent=("2026-11-24 14:00",)),
        NOW,
        [done(1, "2026-11-24 14:00"), THANKS, open_(2, "2026-12-01", "planned", "14:00")],
        [],
        (
            "no reply yet: at most once a week: not before Tue 1 Dec 14:00, "
            "1 check-in made since the interview",
            "1 of 4 check-ins made",
        ),
    ),
    # -- the limit -----------------------------------------------------------------------
    (
        "below the limit the next check-in says how many were made",
        case(sent=("2026-12-03 10:00",), limit=2),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-10", start="10:00")],
        [],
        (
            "no reply yet: at most once a week: not before Thu 10 Dec 10:00, "
            "1 check-in made since the interview",
            "1 of 2 check-ins made",
        ),
    ),
    (
        "at the limit: no further check-in, a to-do to consider closing",
        case(sent=("2026-12-03 10:00", "2026-12-10 10:00"), limit=2),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-10 10:00")],
        [("consider_closing", "i1", None, None)],
        (),
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
        (
            "no reply yet: at most once a week: not before Thu 17 Dec 11:00, "
            "1 check-in made since the interview and 1 skipped",
            "1 of 2 check-ins made",
        ),
    ),  # fmt: skip
    (
        "two check-ins skipped: both count for the cadence, neither for the limit",
        case(
            skipped=(
                Skip("check_in:c1:1", at("2026-12-03 10:00")),
                Skip("check_in:c1:2", at("2026-12-10 10:00")),
            ),
            limit=2,
        ),
        at("2026-12-12 12:00"),
        [
            THANKS,
            skipped_(1, "2026-12-03 10:00"),
            skipped_(2, "2026-12-10 10:00"),
            open_(3, "2026-12-17", start="10:00"),
        ],
        [],
        (
            "no reply yet: at most once a week: not before Thu 17 Dec 10:00, "
            "0 check-ins made since the interview and 2 skipped",
            "0 of 2 check-ins made",
        ),
    ),
    (
        "a check-in skipped as the latest interview began counts for the cadence",
        case("2026-12-02", skipped=(Skip("check_in:c1:1", at("2026-11-24 14:00")),)),
        NOW,
        [skipped_(1, "2026-11-24 14:00"), THANKS, open_(2, "2026-12-01", "planned", "14:00")],
        [],
        (
            "no reply yet: at most once a week: not before Tue 1 Dec 14:00, "
            "0 check-ins made since the interview and 1 skipped",
            "0 of 4 check-ins made",
        ),
    ),
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
        (
            f"they wrote Mon 14 Dec that an answer comes by Mon 21 Dec: {FIRST}",
            "0 of 2 check-ins made",
        ),
    ),
    (
        "closed as no response: no check-in and no to-do",
        case(sent=("2026-12-03 10:00", "2026-12-10 10:00"), limit=2, status="no_response"),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), done(2, "2026-12-10 10:00")],
        [],
        (),
    ),
    (
        "closed with nothing said at the interview: no to-do to ask for a date either",
        case(None, status="no_response"),
        NOW,
        [THANKS],
        [],
        (),
    ),
]


@pytest.mark.parametrize(
    ("facts_", "now", "actions", "todos", "reasons"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_r4_as_revised(
    facts_: Facts,
    now: datetime,
    actions: list[tuple[Any, ...]],
    todos: list[tuple[Any, ...]],
    reasons: tuple[str, ...],
) -> None:
    check_row(facts_, now, actions, todos, reasons)


def test_the_primary_contact_is_named_as_such() -> None:
    assert open_reasons(plan_application(case(primary_contact="c1"), NOW))[-2:] == (
        "to Katherine Chen, the primary contact",
        "email: nothing about the role or company calls for another channel",
    )


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


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"country": "XX"},
            "candidate.country: unknown country 'XX'; use an ISO 3166 code such as US, GB or DE",
        ),
        (
            {"tz": "Mars/Olympus"},
            "candidate.timezone: unknown timezone 'Mars/Olympus'; use an IANA name such as "
            "Europe/London",
        ),
        (
            {"skipped": (Skip("check_in:c1:first", at("2026-12-03 10:00")),)},
            "skipped.action: 'check_in:c1:first' is not an action id such as thank_you:3:7 or "
            "check_in:7:1",
        ),
    ],
)
def test_bad_facts_are_refused_naming_the_field(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        plan_application(case(**changes), NOW)
    assert raised.value.message == message
