"""Rule table for R4's replies (docs/rules.md): a reply since the latest interview began
stops the check-ins, except an out-of-office one (its return date holds the next one back) and an
update (its new answer date re-arms them, and the counts restart from it).

Each row states every action of the plan, every to-do and the open check-in's reasons.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from followup.core.model import Facts
from tests.core.checkin_shapes import (
    ASK,
    FIRST,
    NOW,
    THANKS,
    Row,
    answer,
    away,
    case,
    check_row,
    done,
    open_,
    update,
)
from tests.core.factories import at

ROWS: list[Row] = [
    (
        "an answer since the interview began stops every check-in",
        case(sent=("2026-12-03 10:00",), replies=(answer("2026-12-04 11:00"),)),
        at("2026-12-20 12:00"),
        [THANKS, done(1, "2026-12-03 10:00")],
        [],
        (),
    ),
    (
        "an answer before the interview began does not count",
        case(replies=(answer("2026-11-20 11:00"),)),
        NOW,
        [THANKS, open_(1, "2026-12-03")],
        [],
        (f"no reply yet: no answer is due before Wed 2 Dec; {FIRST}", "0 of 4 check-ins made"),
    ),
    (
        "an update with a date: the first business day after it; no need to ask for a date",
        case(None, replies=(update("2026-12-07 10:00", "2026-12-10"),)),
        at("2026-12-08 12:00"),
        [THANKS, open_(1, "2026-12-11")],
        [],
        (
            f"they wrote Mon 7 Dec that an answer comes by Thu 10 Dec: {FIRST}",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "an update with a date that came as the interview began gives the date too",
        case(None, replies=(update("2026-11-24 14:00", "2026-12-10"),)),
        at("2026-12-08 12:00"),
        [THANKS, open_(1, "2026-12-11")],
        [],
        (
            f"they wrote Tue 24 Nov that an answer comes by Thu 10 Dec: {FIRST}",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "an update's date on the eve of Thanksgiving: past the holiday",
        case(None, replies=(update("2026-11-24 16:00", "2026-11-25"),)),
        NOW,
        [THANKS, open_(1, "2026-11-27", "overdue")],
        [],
        (
            f"they wrote Tue 24 Nov that an answer comes by Wed 25 Nov: {FIRST}",
            "moved past Thu 26 Nov (Thanksgiving Day)",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "an update without a date promises an answer default_wait_days (7) after it",
        case(None, replies=(update("2026-12-07 10:00", None),)),
        at("2026-12-08 12:00"),
        [THANKS, open_(1, "2026-12-15")],
        [ASK],
        (
            "they wrote Mon 7 Dec without a new date, so check-ins assume an answer by "
            f"Mon 14 Dec (7 days after it): {FIRST}",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "an update written in the evening is dated by the candidate's own day",
        case(None, replies=(update("2026-12-07 20:30", None),)),
        at("2026-12-08 12:00"),
        [THANKS, open_(1, "2026-12-15")],
        [ASK],
        (
            "they wrote Mon 7 Dec without a new date, so check-ins assume an answer by "
            f"Mon 14 Dec (7 days after it): {FIRST}",
            "0 of 4 check-ins made",
        ),
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
        (
            f"they wrote Fri 11 Dec that an answer comes by Thu 17 Dec: {FIRST}",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "after an update only the check-ins made since count for the cadence",
        case(
            sent=("2026-12-03 10:00", "2026-12-21 10:00"),
            replies=(update("2026-12-11 20:30", "2026-12-17"),),
        ),
        at("2026-12-22 12:00"),
        [
            THANKS,
            done(1, "2026-12-03 10:00"),
            done(2, "2026-12-21 10:00"),
            open_(3, "2026-12-28", start="10:00"),
        ],
        [],
        (
            "no answer yet: at most once a week: not before Mon 28 Dec 10:00, 1 check-in made "
            "since their update (they wrote Fri 11 Dec that an answer comes by Thu 17 Dec)",
            "1 of 4 check-ins made",
        ),
    ),
    (
        "an update from before the latest interview does not count",
        case(replies=(update("2026-11-20 10:00", "2026-12-20"),)),
        NOW,
        [THANKS, open_(1, "2026-12-03")],
        [],
        (f"no reply yet: no answer is due before Wed 2 Dec; {FIRST}", "0 of 4 check-ins made"),
    ),
    (
        "an out-of-office reply stops nothing, but holds the next one until after its date",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", "2026-12-11"),)),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-14")],
        [],
        (
            "no reply yet: at most once a week: not before Thu 10 Dec 10:00, "
            "1 check-in made since the interview",
            "they are out of office until Fri 11 Dec: not before Mon 14 Dec 09:00",
            "1 of 4 check-ins made",
        ),
    ),
    (
        "an out-of-office reply without a return date changes nothing",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", None),)),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-10", start="10:00")],
        [],
        (
            "no reply yet: at most once a week: not before Thu 10 Dec 10:00, "
            "1 check-in made since the interview",
            "1 of 4 check-ins made",
        ),
    ),
    (
        "a return date already past holds nothing back",
        case(sent=("2026-12-03 10:00",), replies=(away("2026-12-03 10:05", "2026-12-04"),)),
        at("2026-12-04 12:00"),
        [THANKS, done(1, "2026-12-03 10:00"), open_(2, "2026-12-10", start="10:00")],
        [],
        (
            "no reply yet: at most once a week: not before Thu 10 Dec 10:00, "
            "1 check-in made since the interview",
            "1 of 4 check-ins made",
        ),
    ),
    (
        "back the day before Thanksgiving: not before the Friday after it",
        case("2026-11-24", replies=(away("2026-11-24 16:00", "2026-11-25"),)),
        NOW,
        [THANKS, open_(1, "2026-11-27", "overdue")],
        [],
        (
            f"no reply yet: no answer is due before Tue 24 Nov; {FIRST}",
            "they are out of office until Wed 25 Nov: not before Fri 27 Nov 09:00",
            "moved past Thu 26 Nov (Thanksgiving Day)",
            "0 of 4 check-ins made",
        ),
    ),
    (
        "back on the answer date itself: the check-in is not held, nor said to be",
        case("2026-12-02", replies=(away("2026-11-30 10:00", "2026-12-02"),)),
        NOW,
        [THANKS, open_(1, "2026-12-03")],
        [],
        (f"no reply yet: no answer is due before Wed 2 Dec; {FIRST}", "0 of 4 check-ins made"),
    ),
]


@pytest.mark.parametrize(
    ("facts_", "now", "actions", "todos", "reasons"),
    [row[1:] for row in ROWS],
    ids=[row[0] for row in ROWS],
)
def test_replies(
    facts_: Facts,
    now: datetime,
    actions: list[tuple[Any, ...]],
    todos: list[tuple[Any, ...]],
    reasons: tuple[str, ...],
) -> None:
    check_row(facts_, now, actions, todos, reasons)
