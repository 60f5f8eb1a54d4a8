"""What each listed action and to-do of a plan says (docs/rules.md and docs/contracts.md): the person's
name, the rule, the reasons in words, when it was sent, and the order of the list. One row for
each way an action can be listed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from followup.core.model import Facts, Sent, Skip
from followup.core.plan import plan_application
from tests.core.checkin_shapes import iso, when
from tests.core.factories import at, day, facts, interview, person, thanked

NOW = at("2026-11-25 09:00")
MET = "thank-you within 24 hours of the video interview that ended Tue 24 Nov 15:00"
PLAIN = "email: nothing about the role or company calls for another channel"
ROUNDS = (
    interview("i1", at("2026-11-10 10:00")),
    interview("i2", at("2026-11-24 14:00"), expected_response_by=day("2026-12-02")),
)

ROUNDS_NO_PHONE = tuple(replace(i, participants=(person(phone=None),)) for i in ROUNDS)


def sent(kind: str, moment: datetime, contact: str = "c1", **kw: Any) -> Sent:
    return Sent(kind, contact, kw.pop("method", "email"), moment, **kw)  # type: ignore[arg-type]


def utc(text: str) -> datetime:
    """A time given in UTC, as stored data carries it: the plan shows it in New York time."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (what, facts, now, action id) -> (contact_name, method, rule, reasons, sent_at, interview)
LISTED: list[tuple[str, Facts, datetime, str, tuple[Any, ...]]] = [
    (
        "a thank-you to send",
        facts(),
        NOW,
        "thank_you:i1:c1",
        ("Katherine Chen", "email", "R1", (MET, PLAIN), None, "i1"),
    ),
    (
        "a letter after an in-person interview says when to post it",
        facts(interview(kind="in_person"), culture="traditional"),
        NOW,
        "thank_you:i1:c1",
        (
            "Katherine Chen",
            "letter",
            "R1",
            (
                "thank-you within 24 hours of the in-person interview that ended Tue 24 Nov 15:00",
                "letter: the company culture is traditional, and a letter suits it",
                "letter: must be posted by Wed 25 Nov 15:00 to count as within 24 hours",
            ),
            None,
            "i1",
        ),
    ),
    (
        "a thank-you sent, shown in the candidate's time",
        thanked(facts(interview(kind="phone")), utc("2026-11-25 00:30"), method="phone"),
        NOW,
        "thank_you:i1:c1",
        (
            "Katherine Chen",
            "phone",
            "R1",
            (
                "thank-you within 24 hours of the phone interview that ended Tue 24 Nov 15:00",
                "sent by phone Tue 24 Nov 19:30",
            ),
            when("2026-11-24 19:30"),
            "i1",
        ),
    ),
    (
        "a thank-you skipped",
        facts(skipped=(Skip("thank_you:i1:c1", utc("2026-11-25 13:00")),)),
        NOW,
        "thank_you:i1:c1",
        ("Katherine Chen", "email", "R1b", (MET, "skipped Wed 25 Nov 08:00"), None, "i1"),
    ),
    (
        "a check-in made, with the interview it was about",
        facts(sent=(sent("check_in", utc("2026-12-03 15:00"), method="phone", interview="i1"),)),
        at("2026-12-04 09:00"),
        "check_in:c1:1",
        (
            "Katherine Chen",
            "phone",
            "R4",
            ("check-in made by phone Thu 3 Dec 10:00",),
            when("2026-12-03 10:00"),
            "i1",
        ),
    ),
    (
        "a check-in made to someone met at no interview is listed under their id",
        facts(sent=(sent("check_in", utc("2026-12-03 15:00"), contact="r9"),)),
        at("2026-12-04 09:00"),
        "check_in:r9:1",
        ("r9", "email", "R4", ("check-in made by email Thu 3 Dec 10:00",), when("2026-12-03 10:00"), None),
    ),
    (
        "a check-in skipped: the latest interview begun before it, R2's method for the person",
        facts(
            *ROUNDS_NO_PHONE,
            client_facing=True,
            skipped=(Skip("check_in:c1:1", utc("2026-12-03 15:00")),),
        ),
        at("2026-12-04 09:00"),
        "check_in:c1:1",
        (
            "Katherine Chen",
            "email",
            "R1b",
            (
                "skipped Thu 3 Dec 10:00",
                "counts for the cadence of check-ins, not for their limit",
            ),
            None,
            "i2",
        ),
    ),
    (
        "a check-in skipped before the interview left (an earlier one was cancelled)",
        facts(ROUNDS[1], skipped=(Skip("check_in:c1:1", utc("2026-11-20 15:00")),)),
        at("2026-11-25 09:00"),
        "check_in:c1:1",
        (
            "Katherine Chen",
            "email",
            "R1b",
            (
                "skipped Fri 20 Nov 10:00",
                "counts for the cadence of check-ins, not for their limit",
            ),
            None,
            None,
        ),
    ),
    (
        "a check-in skipped for someone met at no interview: the preferred method",
        facts(client_facing=True, skipped=(Skip("check_in:r9:1", utc("2026-12-03 15:00")),)),
        at("2026-12-04 09:00"),
        "check_in:r9:1",
        (
            "r9",
            "phone",
            "R1b",
            (
                "skipped Thu 3 Dec 10:00",
                "counts for the cadence of check-ins, not for their limit",
            ),
            None,
            "i1",
        ),
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("facts_", "now", "action_id", "said"), [r[1:] for r in LISTED], ids=[r[0] for r in LISTED]
)
def test_each_listed_action_says_who_how_why_and_when_sent(
    facts_: Facts, now: datetime, action_id: str, said: tuple[Any, ...]
) -> None:
    [a] = [a for a in plan_application(facts_, now).actions if a.id == action_id]
    assert (a.contact_name, a.method, a.rule, a.reasons, iso(a.sent_at), a.interview) == said


def test_a_skipped_thank_you_leaves_the_others_of_the_panel_listed() -> None:
    panel = interview(people=(person("c1"), person("c2", "Raj Patel"), person("c3", "Mai Tran")))
    f = facts(panel, skipped=(Skip("thank_you:i1:c1", at("2026-11-25 08:00")),))
    listed = [(a.id, a.status) for a in plan_application(f, NOW).actions if a.kind == "thank_you"]
    assert listed == [
        ("thank_you:i1:c1", "skipped"),
        ("thank_you:i1:c2", "due"),
        ("thank_you:i1:c3", "due"),
    ]


def test_the_check_in_asks_for_its_persons_missing_detail_once_the_thank_you_is_sent() -> None:
    f = thanked(facts(interview(people=(person(address=None),)), culture="traditional"), NOW)
    todos = plan_application(f, NOW).todos
    [todo] = [t for t in todos if t.kind == "missing_contact_detail"]
    assert (todo.contact, todo.need, todo.message) == (
        "c1",
        "address",
        "Add Katherine Chen's postal address: letter is the right channel here, so until then it "
        "goes by email.",
    )


# -- R3's to-do, and a plan before any interview --------------------------------------------
ASK = (
    "Ask Globex Corporation when to expect an answer: no date was given at the Tue 24 Nov "
    "interview, so check-ins assume Tue 1 Dec (7 days after it)."
)


@pytest.mark.parametrize(
    ("facts_", "expected", "source", "message"),
    [
        (facts(), "2026-12-01", "default", ASK),
        (
            facts(expected_response_by=day("2026-11-20")),
            "2026-12-01",
            "default",
            ASK + " The application's date, Fri 20 Nov, is older than the latest interview.",
        ),
        # 19:30-20:30 in New York is already Wednesday in UTC: the candidate's day counts.
        (facts(interview(start=at("2026-11-24 19:30"))), "2026-12-01", "default", ASK),
        (facts(expected_response_by=day("2026-12-09")), "2026-12-09", "application", None),
    ],
)
def test_r3_asks_for_the_date_in_words(
    facts_: Facts, expected: str, source: str, message: str | None
) -> None:
    plan = plan_application(facts_, NOW)
    assert (plan.expected_response_by, plan.expected_source) == (day(expected), source)
    asks = [t for t in plan.todos if t.kind == "ask_expected_date"]
    assert [(t.interview, t.message) for t in asks] == ([("i1", message)] if message else [])


@pytest.mark.parametrize(
    ("app_date", "expected", "source"),
    [("2026-12-09", day("2026-12-09"), "application"), (None, None, None)],
)
def test_before_any_interview_there_is_only_the_applications_date(
    app_date: str | None, expected: object, source: str | None
) -> None:
    f = replace(facts(expected_response_by=day(app_date) if app_date else None), interviews=())
    plan = plan_application(f, NOW)
    assert (plan.expected_response_by, plan.expected_source, plan.actions, plan.todos) == (
        expected,
        source,
        (),
        (),
    )


# -- the order of the list ------------------------------------------------------------------
def test_actions_are_sorted_by_due_whatever_the_order_of_the_interviews() -> None:
    f = facts(ROUNDS[1], ROUNDS[0], status="offer")
    assert [a.id for a in plan_application(f, NOW).actions] == [
        "thank_you:i1:c1",
        "thank_you:i2:c1",
    ]


def test_at_the_same_due_time_a_thank_you_comes_before_a_check_in() -> None:
    f = facts(*ROUNDS, sent=(sent("check_in", at("2026-11-25 15:00")),))
    listed = [(a.id, iso(a.due)) for a in plan_application(f, NOW).actions]
    assert listed == [
        ("thank_you:i1:c1", when("2026-11-11 11:00")),
        ("thank_you:i2:c1", when("2026-11-25 15:00")),
        ("check_in:c1:1", when("2026-11-25 15:00")),
        ("check_in:c1:2", when("2026-12-02 17:00")),
    ]
