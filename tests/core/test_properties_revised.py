"""Properties of the revised rules that must hold whatever the facts (hypothesis): a check-in
never falls on a weekend or a public holiday of the candidate's country; no more check-ins are
made or planned than the limit; a skipped action never comes back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.locale import country_of
from followup.core.model import Reply, Sent, Skip
from followup.core.plan import plan_application
from followup.core.workdays import holidays_in
from tests.core.factories import facts, interview, person

COUNTRIES = ["US", "GB", "DE", "FR", "JP", "IN", "AU", "CA", "BR", "IE", None]
ZONES = ["America/New_York", "Europe/London", "Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata",
         "Australia/Sydney", "America/Sao_Paulo", "UTC"]  # fmt: skip
instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
offsets = st.timedeltas(timedelta(0), timedelta(days=40))


@st.composite
def replies(draw: st.DrawFn, start: datetime) -> tuple[Reply, ...]:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        at = start + draw(offsets)
        kind = draw(st.sampled_from(["update", "auto_reply"]))
        later = (at + draw(st.timedeltas(timedelta(0), timedelta(days=20)))).date()
        dated = draw(st.booleans())
        found.append(
            Reply(
                at=at,
                contact="c1",
                kind=kind,
                expected_by=later if kind == "update" and dated else None,
                until=later if kind == "auto_reply" and dated else None,
            )
        )
    return tuple(found)


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    tz=st.sampled_from(ZONES),
    country=st.sampled_from(COUNTRIES),
    start=instants,
    wait=st.integers(0, 30),
    cadence=st.sampled_from([1, 2]),
    made=st.lists(offsets, max_size=3),
    skipped=st.lists(offsets, max_size=2),
)
def test_a_check_in_never_falls_on_a_weekend_or_a_public_holiday(
    data: st.DataObject,
    tz: str,
    country: str | None,
    start: datetime,
    wait: int,
    cadence: int,
    made: list[timedelta],
    skipped: list[timedelta],
) -> None:
    zone = ZoneInfo(tz)
    expected = start.astimezone(zone).date() + timedelta(days=wait)
    sent = tuple(Sent("check_in", "c1", "email", start + d) for d in made)
    skips = tuple(
        Skip(f"check_in:c1:{len(made) + n + 1}", start + d) for n, d in enumerate(skipped)
    )
    f = facts(
        interview(start=start, expected_response_by=expected),
        tz=tz,
        cadence=cadence,
        sent=sent,
        skipped=skips,
        replies=data.draw(replies(start)),
        country=country,
        limit=12,
    )
    where = country_of(f.candidate)
    for a in plan_application(f, start).open_actions:
        if a.kind != "check_in":
            continue
        assert a.not_before is not None
        local = a.not_before.astimezone(zone)
        assert local.weekday() < 5
        assert where is None or local.date() not in holidays_in(where, local.year)
        assert 9 <= local.hour < 17
        due = a.due.astimezone(zone)
        assert (due.date(), due.hour, due.minute) == (local.date(), 17, 0)


@settings(max_examples=80, deadline=None)
@given(
    tz=st.sampled_from(ZONES),
    country=st.sampled_from(COUNTRIES),
    start=instants,
    limit=st.integers(1, 5),
    cadence=st.sampled_from([1, 2]),
    steps=st.lists(st.tuples(st.sampled_from(["send", "skip"]), st.floats(0, 3)), max_size=14),
    skip_thank_you=st.booleans(),
)
def test_the_limit_holds_and_skipped_actions_never_come_back(
    tz: str,
    country: str | None,
    start: datetime,
    limit: int,
    cadence: int,
    steps: list[tuple[str, float]],
    skip_thank_you: bool,
) -> None:
    """The user sends or skips each check-in as soon as, or some days after, the plan allows."""
    zone = ZoneInfo(tz)
    expected = start.astimezone(zone).date() + timedelta(days=7)
    f = facts(
        interview(start=start, people=(person("c1"),), expected_response_by=expected),
        tz=tz,
        cadence=cadence,
        country=country,
        limit=limit,
    )
    now = start + timedelta(hours=2)
    gone: set[str] = set()
    if skip_thank_you:
        f = replace(f, skipped=(Skip("thank_you:i1:c1", now),))
        gone.add("thank_you:i1:c1")
    for how, delay in steps:
        plan = plan_application(f, now)
        statuses = {a.id: a.status for a in plan.actions}
        assert all(statuses.get(i) == "skipped" for i in gone)
        made = sum(1 for s in f.sent if s.kind == "check_in")
        open_ = [a for a in plan.open_actions if a.kind == "check_in"]
        assert made + len(open_) <= limit
        if not open_:
            assert made == limit
            assert [t.kind for t in plan.todos] == ["consider_closing"]
            break
        [c] = open_
        assert c.id not in gone
        assert c.not_before is not None
        when = c.not_before + timedelta(days=delay)
        if how == "send":
            f = replace(f, sent=(*f.sent, Sent("check_in", c.contact, c.method, when)))
        else:
            f = replace(f, skipped=(*f.skipped, Skip(c.id, when)))
            gone.add(c.id)
        now = when
    made = sum(1 for s in f.sent if s.kind == "check_in")
    assert made <= limit
    final = plan_application(f, now + timedelta(days=60))
    assert all(a.status == "skipped" for a in final.actions if a.id in gone)
    ids = [a.id for a in final.actions]
    assert len(ids) == len(set(ids))
