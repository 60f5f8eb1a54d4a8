"""Rule tables for R1-R5 (docs/rules.md): one row per case."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.core.model import Reply, Sent
from followup.core.plan import checkin_warning, plan_application
from tests.core.factories import at, day, facts, interview, person, thanked

LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")
NOW = at("2026-11-24 16:00")


def check_ins(plan):  # type: ignore[no-untyped-def]
    return [a for a in plan.actions if a.kind == "check_in" and a.status != "done"]


# -- R1 -------------------------------------------------------------------------------------
def test_r1_one_thank_you_per_person_due_24_hours_after_the_end() -> None:
    panel = (person("c1"), person("c2", "Raj Patel"), person("c3", "María González"))
    plan = plan_application(facts(interview(people=panel)), NOW)
    thanks = [a for a in plan.actions if a.kind == "thank_you"]
    assert [a.id for a in thanks] == ["thank_you:i1:c1", "thank_you:i1:c2", "thank_you:i1:c3"]
    assert {a.due for a in thanks} == {at("2026-11-25 15:00")}
    assert all(a.rule == "R1" for a in thanks)


def test_r1_every_interview_of_the_application_gets_its_own_thank_yous() -> None:
    first = interview("i1", at("2026-11-10 10:00"))
    second = interview("i2", at("2026-11-24 14:00"), people=(person("c1"), person("c2", "Raj")))
    plan = plan_application(facts(first, second), NOW)
    assert [a.id for a in plan.actions if a.kind == "thank_you"] == [
        "thank_you:i1:c1",
        "thank_you:i2:c1",
        "thank_you:i2:c2",
    ]


@pytest.mark.parametrize(
    ("tz", "end", "due_local", "offset_hours"),
    [
        # New York leaves summer time on 1 Nov 2026: 24 elapsed hours end at 09:00 local.
        ("America/New_York", "2026-10-31 10:00", "2026-11-01 09:00", -5),
        # London enters summer time on 29 Mar 2026: 24 elapsed hours end at 11:00 local.
        ("Europe/London", "2026-03-28 10:00", "2026-03-29 11:00", 1),
        ("Asia/Tokyo", "2026-11-24 18:30", "2026-11-25 18:30", 9),
    ],
)
def test_r1_twenty_four_hours_is_elapsed_time_across_dst(
    tz: str, end: str, due_local: str, offset_hours: int
) -> None:
    zone = ZoneInfo(tz)
    iv = interview(start=at(end, zone) - timedelta(hours=1))
    plan = plan_application(facts(iv, tz=tz), at(end, zone))
    action = plan.actions[0]
    assert action.due.timestamp() - iv.end.timestamp() == 24 * 3600
    assert action.due.replace(tzinfo=None).isoformat(" ", "minutes") == due_local
    assert action.due.utcoffset() == timedelta(hours=offset_hours)


@pytest.mark.parametrize(
    ("now", "status"),
    [
        ("2026-11-24 14:30", "planned"),  # the interview is still going on
        ("2026-11-24 15:00", "due"),
        ("2026-11-25 15:00", "due"),  # the last moment of the 24 hours
        ("2026-11-25 15:01", "overdue"),
    ],
)
def test_r1_status_follows_the_clock(now: str, status: str) -> None:
    assert plan_application(facts(), at(now)).actions[0].status == status


def test_r1_a_sent_thank_you_is_done_with_its_method_and_time() -> None:
    f = thanked(facts(), at("2026-11-24 18:00"), method="letter")
    action = plan_application(f, NOW).actions[0]
    assert (action.status, action.method, action.sent_at) == (
        "done",
        "letter",
        at("2026-11-24 18:00"),
    )


# -- R2 -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("app", "reason"),
    [
        (
            {"decision_speed": "quick", "client_facing": True, "culture": "traditional"},
            "email: the hiring manager said the decision will be quick, and email is fastest",
        ),
        (
            {"decision_speed": "normal", "client_facing": True},
            "phone: the role is client-facing, and a call shows your interpersonal skills",
        ),
        (
            {"verbal_role": True, "culture": "traditional"},
            "phone: the role needs a lot of verbal communication, and a call shows yours",
        ),
        (
            {"culture": "traditional"},
            "letter: the company culture is traditional, and a letter suits it",
        ),
        (
            {"culture": "modern"},
            "email: nothing about the role or company calls for another channel",
        ),
        ({}, "email: nothing about the role or company calls for another channel"),
    ],
)
def test_r2_preferred_channel(app: dict[str, object], reason: str) -> None:
    action = plan_application(facts(**app), NOW).actions[0]
    assert action.method == reason.split(":")[0]
    assert action.reasons[1] == reason


@pytest.mark.parametrize(
    ("app", "details", "method", "need", "why", "todo"),
    [
        (
            {"culture": "traditional"}, {"address": None}, "email", "address",
            "email: Katherine Chen has no postal address on file, though letter is preferred "
            "(the company culture is traditional, and a letter suits it)",
            "Add Katherine Chen's postal address: letter is the right channel here, so until "
            "then it goes by email.",
        ),
        (
            {"culture": "traditional"}, {"address": None, "email": None}, "phone", "address",
            "phone: Katherine Chen has no postal address on file, though letter is preferred "
            "(the company culture is traditional, and a letter suits it)",
            "Add Katherine Chen's postal address: letter is the right channel here, so until "
            "then it goes by phone.",
        ),
        (
            {"client_facing": True}, {"phone": None}, "email", "phone",
            "email: Katherine Chen has no phone number on file, though phone is preferred (the "
            "role is client-facing, and a call shows your interpersonal skills)",
            "Add Katherine Chen's phone number: phone is the right channel here, so until then "
            "it goes by email.",
        ),
        (
            {"decision_speed": "quick"}, {"email": None}, "phone", "email",
            "phone: Katherine Chen has no email address on file, though email is preferred (the "
            "hiring manager said the decision will be quick, and email is fastest)",
            "Add Katherine Chen's email address: email is the right channel here, so until then "
            "it goes by phone.",
        ),
        (
            {"decision_speed": "quick"}, {"email": None, "phone": None}, "letter", "email",
            "letter: Katherine Chen has no email address on file, though email is preferred (the "
            "hiring manager said the decision will be quick, and email is fastest)",
            "Add Katherine Chen's email address: email is the right channel here, so until then "
            "it goes by letter.",
        ),
        (
            {}, {"email": None, "phone": None, "address": None}, "email", "email",
            "email: nothing about the role or company calls for another channel; but Katherine "
            "Chen has no email address on file, nor any other way to reach them",
            "Add Katherine Chen's email address: email is the right channel here, and no other "
            "way to reach them is on file.",
        ),
    ],
)  # fmt: skip
def test_r2_falls_back_per_person_and_asks_for_the_missing_detail(
    app: dict[str, object], details: dict[str, None], method: str, need: str, why: str, todo: str
) -> None:
    iv = interview(people=(person("c1", **details), person("c2", "Raj Patel")))
    plan = plan_application(facts(iv, **app), NOW)
    first = next(a for a in plan.actions if a.contact == "c1" and a.kind == "thank_you")
    assert (first.method, first.reasons[1]) == (method, why)
    todos = [t for t in plan.todos if t.kind == "missing_contact_detail"]
    assert [(t.contact, t.need, t.message) for t in todos] == [("c1", need, todo)]


def test_r2_a_letter_says_when_it_must_be_posted() -> None:
    plan = plan_application(facts(culture="traditional"), NOW)
    assert "letter: must be posted by Wed 25 Nov 15:00 to count as within 24 hours" in (
        plan.actions[0].reasons
    )


def test_r2_no_missing_detail_todo_for_a_thank_you_already_sent() -> None:
    f = thanked(facts(interview(people=(person(address=None),)), culture="traditional"), NOW)
    plan = plan_application(replace(f, application=replace(f.application, status="offer")), NOW)
    assert plan.todos == ()


# -- R3 -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("interview_date", "app_date", "expected", "source", "asks"),
    [
        ("2026-12-02", "2026-12-09", "2026-12-02", "interview", False),
        (None, "2026-12-09", "2026-12-09", "application", False),
        (None, "2026-11-24", "2026-11-24", "application", False),  # the same day is not stale
        (None, "2026-11-20", "2026-12-01", "default", True),  # stale: before the interview
        (None, None, "2026-12-01", "default", True),
    ],
)
def test_r3_expected_answer_date(
    interview_date: str | None, app_date: str | None, expected: str, source: str, asks: bool
) -> None:
    iv = interview(expected_response_by=day(interview_date) if interview_date else None)
    f = facts(iv, expected_response_by=day(app_date) if app_date else None)
    plan = plan_application(f, NOW)
    assert (plan.expected_response_by, plan.expected_source) == (day(expected), source)
    assert any(t.kind == "ask_expected_date" for t in plan.todos) is asks


def test_r3_uses_the_latest_interview_by_start() -> None:
    early = interview("i1", at("2026-11-10 10:00"), expected_response_by=day("2026-11-13"))
    late = interview("i2", at("2026-11-24 14:00"))
    plan = plan_application(facts(late, early), NOW)  # order in the file does not matter
    assert plan.expected_source == "default"
    assert plan.expected_response_by == day("2026-12-01")
    todo = next(t for t in plan.todos if t.kind == "ask_expected_date")
    assert todo.interview == "i2"


def test_r3_default_wait_days_come_from_the_candidate() -> None:
    f = facts()
    f = replace(f, candidate=replace(f.candidate, default_wait_days=10))
    assert plan_application(f, NOW).expected_response_by == day("2026-12-04")


# -- R4 -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("expected", "first_day"),
    [
        ("2026-12-02", "2026-12-03"),  # Wednesday -> Thursday
        ("2026-12-04", "2026-12-07"),  # Friday -> Monday
        ("2026-12-05", "2026-12-07"),  # Saturday -> Monday
        ("2026-12-06", "2026-12-07"),  # Sunday -> Monday
    ],
)
def test_r4_first_check_in_on_the_business_day_after_the_answer_date(
    expected: str, first_day: str
) -> None:
    plan = plan_application(facts(interview(expected_response_by=day(expected))), NOW)
    [c] = check_ins(plan)
    assert c.not_before == at(f"{first_day} 09:00")
    assert c.due == at(f"{first_day} 17:00")
    assert c.rule == "R4"


@pytest.mark.parametrize(
    ("tz", "expected", "not_before", "offset"),
    [
        ("Asia/Tokyo", "2026-12-02", "2026-12-03T09:00:00+09:00", 9),
        # London leaves summer time on 25 Oct 2026; the window is 09:00 GMT on Monday.
        ("Europe/London", "2026-10-23", "2026-10-26T09:00:00+00:00", 0),
        ("America/New_York", "2026-10-30", "2026-11-02T09:00:00-05:00", -5),
    ],
)
def test_r4_window_is_local_business_hours_in_any_zone(
    tz: str, expected: str, not_before: str, offset: int
) -> None:
    zone = ZoneInfo(tz)
    iv = interview(start=at("2026-10-20 10:00", zone), expected_response_by=day(expected))
    [c] = check_ins(plan_application(facts(iv, tz=tz), at("2026-10-21 10:00", zone)))
    assert c.not_before is not None
    assert c.not_before.isoformat() == not_before
    assert c.due.utcoffset() == timedelta(hours=offset)
    assert c.due.astimezone(zone).hour == 17


@pytest.mark.parametrize(
    ("cadence", "last", "not_before", "due"),
    [
        (1, "2026-12-03 10:00", "2026-12-10 10:00", "2026-12-10 17:00"),  # inside the window
        (2, "2026-12-03 10:00", "2026-12-07 09:00", "2026-12-07 17:00"),  # Sun 22:00 -> Mon
        (2, "2026-12-07 14:00", "2026-12-11 09:00", "2026-12-11 17:00"),  # Fri 02:00 -> 09:00
        (2, "2026-12-08 08:00", "2026-12-11 20:00", None),  # Fri 20:00 -> Mon 09:00
        (1, "2026-12-05 11:00", "2026-12-14 09:00", "2026-12-14 17:00"),  # Sat -> Mon
    ],
)
def test_r4_next_check_in_waits_for_the_cadence(
    cadence: int, last: str, not_before: str, due: str | None
) -> None:
    sent = (Sent(kind="check_in", contact="c1", method="email", at=at(last)),)
    f = facts(interview(expected_response_by=day("2026-12-02")), cadence=cadence, sent=sent)
    [c] = check_ins(plan_application(thanked(f, at("2026-11-24 18:00")), at(last)))
    if due is None:
        assert c.not_before == at("2026-12-14 09:00")
    else:
        assert (c.not_before, c.due) == (at(not_before), at(due))
    assert c.id == "check_in:c1:2"


def test_r4_only_the_next_check_in_is_listed_however_late() -> None:
    f = facts(interview(expected_response_by=day("2026-12-02")))
    plan = plan_application(f, at("2027-02-01 10:00"))
    [c] = check_ins(plan)
    assert (c.status, c.not_before) == ("overdue", at("2026-12-03 09:00"))


@pytest.mark.parametrize(
    ("now", "status"),
    [("2026-12-03 08:59", "planned"), ("2026-12-03 09:00", "due"), ("2026-12-03 17:01", "overdue")],
)
def test_r4_status(now: str, status: str) -> None:
    f = facts(interview(expected_response_by=day("2026-12-02")))
    assert check_ins(plan_application(f, at(now)))[0].status == status


def test_r4_check_ins_before_a_new_round_do_not_count() -> None:
    early = interview("i1", at("2026-11-02 10:00"), expected_response_by=day("2026-11-05"))
    late = interview("i2", at("2026-11-24 14:00"), expected_response_by=day("2026-12-02"))
    sent = (Sent(kind="check_in", contact="c1", method="email", at=at("2026-11-06 10:00")),)
    [c] = check_ins(plan_application(facts(early, late, sent=sent), NOW))
    assert c.not_before == at("2026-12-03 09:00")
    assert c.interview == "i2"


@pytest.mark.parametrize(
    ("reply_at", "stops"),
    [
        ("2026-11-24 13:59", False),  # before the latest interview: about an earlier stage
        ("2026-11-24 14:00", True),  # at its start
        ("2026-12-04 11:00", True),
    ],
)
def test_r4_a_reply_since_the_latest_interview_stops_check_ins(reply_at: str, stops: bool) -> None:
    f = facts(replies=(Reply(at=at(reply_at), contact="c1"),))
    assert (check_ins(plan_application(f, NOW)) == []) is stops


@pytest.mark.parametrize("status", ["offer", "rejected", "withdrawn", "no_response"])
def test_r4_a_closed_application_gets_no_check_in(status: str) -> None:
    assert check_ins(plan_application(facts(status=status), NOW)) == []


@pytest.mark.parametrize(("primary", "to"), [("c2", "c2"), (None, "c1")])
def test_r4_goes_to_the_primary_contact_else_the_first_person_met(
    primary: str | None, to: str
) -> None:
    iv = interview(people=(person("c1"), person("c2", "Raj Patel")))
    [c] = check_ins(plan_application(facts(iv, primary_contact=primary), NOW))
    assert c.contact == to


def test_r4_check_in_channel_is_r2_for_that_person() -> None:
    iv = interview(people=(person("c1", phone=None),))
    [c] = check_ins(plan_application(facts(iv, client_facing=True), NOW))
    assert c.method == "email"
    assert any("no phone number" in r for r in c.reasons)


def test_r4_no_interview_no_people_no_check_in() -> None:
    plan = plan_application(facts(interview(people=())), NOW)
    assert plan.actions == ()


def test_actions_are_sorted_by_due_and_sent_check_ins_are_done() -> None:
    sent = (Sent(kind="check_in", contact="c1", method="phone", at=at("2026-12-03 10:00")),)
    f = thanked(facts(interview(expected_response_by=day("2026-12-02")), sent=sent), NOW)
    plan = plan_application(f, at("2026-12-04 10:00"))
    assert [(a.id, a.status) for a in plan.actions] == [
        ("thank_you:i1:c1", "done"),
        ("check_in:c1:1", "done"),
        ("check_in:c1:2", "planned"),
    ]
    assert [a.due for a in plan.actions] == sorted(a.due for a in plan.actions)


# -- R5 -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cadence", "previous", "new", "warns"),
    [
        (1, "2026-12-03 10:00", "2026-12-08 10:00", True),
        (1, "2026-12-03 10:00", "2026-12-10 10:00", False),
        (2, "2026-12-03 10:00", "2026-12-06 21:59", True),
        (2, "2026-12-03 10:00", "2026-12-07 10:00", False),
        (1, None, "2026-12-02 16:00", True),  # on the promised answer date itself
        (1, None, "2026-12-03 09:00", False),
    ],
)
def test_r5_warns_when_a_check_in_comes_too_soon(
    cadence: int, previous: str | None, new: str, warns: bool
) -> None:
    sent = (
        (Sent(kind="check_in", contact="c1", method="email", at=at(previous)),) if previous else ()
    )
    f = facts(interview(expected_response_by=day("2026-12-02")), cadence=cadence, sent=sent)
    warning = checkin_warning(f, at(new))
    assert (warning is not None) is warns
    if warning and previous:
        assert "sooner than" in warning
