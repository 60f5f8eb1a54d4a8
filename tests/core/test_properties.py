"""Properties of the rules that must hold for any timezone, date and cadence (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.model import Reply, Sent
from followup.core.plan import plan_application
from tests.core.factories import facts, interview, person

ZONES = sorted(
    z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))
)
zones = st.sampled_from(ZONES)
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


# No deadline: a busy machine is no failure of the rules (and timing is for benchmarks/).
@settings(deadline=None)
@given(tz=zones, end=instants, minutes=st.integers(5, 600))
def test_a_thank_you_is_due_exactly_24_hours_after_the_end_in_any_zone(
    tz: str, end: datetime, minutes: int
) -> None:
    start = end - timedelta(minutes=minutes)
    f = facts(interview(start=start.astimezone(ZoneInfo(tz)), minutes=minutes), tz=tz)
    action = plan_application(f, end).actions[0]
    assert action.due.timestamp() - f.interviews[0].end.timestamp() == 24 * 3600


def _in_business_hours(moment: datetime, tz: ZoneInfo) -> bool:
    local = moment.astimezone(tz)
    return local.weekday() < 5 and 9 <= local.hour < 17


@settings(deadline=None)
@given(
    tz=zones,
    start=instants,
    wait=st.integers(0, 30),
    cadence=st.sampled_from([1, 2]),
    last=st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=60))),
)
def test_check_ins_fall_only_on_business_days_between_09_and_17_local(
    tz: str, start: datetime, wait: int, cadence: int, last: timedelta | None
) -> None:
    zone = ZoneInfo(tz)
    expected = start.astimezone(zone).date() + timedelta(days=wait)
    sent = () if last is None else (Sent("check_in", "c1", "email", start + last),)
    f = facts(
        interview(start=start, expected_response_by=expected), tz=tz, cadence=cadence, sent=sent
    )
    [c] = [
        a for a in plan_application(f, start).actions if a.kind == "check_in" and a.status != "done"
    ]
    assert c.not_before is not None
    assert _in_business_hours(c.not_before, zone)
    due = c.due.astimezone(zone)
    assert (due.date(), due.hour, due.minute) == (c.not_before.astimezone(zone).date(), 17, 0)
    if last is None:
        assert c.not_before.astimezone(zone).date() > expected
    else:
        assert c.not_before.timestamp() >= (start + last).timestamp() + 7 / cadence * 86400 - 1e-6


@settings(max_examples=60, deadline=None)
@given(
    tz=zones,
    start=instants,
    cadence=st.sampled_from([1, 2]),
    delays=st.lists(st.floats(0, 3), min_size=1, max_size=12),
    reply_after=st.one_of(st.none(), st.integers(0, 11)),
)
def test_a_simulated_timeline_respects_the_cadence_and_stops_at_a_reply(
    tz: str, start: datetime, cadence: int, delays: list[float], reply_after: int | None
) -> None:
    """The user makes each check-in as soon as, or some days after, the plan allows."""
    zone = ZoneInfo(tz)
    expected = start.astimezone(zone).date() + timedelta(days=7)
    f = facts(
        interview(start=start, people=(person("c1"),), expected_response_by=expected),
        tz=tz,
        cadence=cadence,
    )
    now = start
    replied_at: datetime | None = None
    for step, delay in enumerate(delays):
        if reply_after is not None and step == reply_after:
            replied_at = now + timedelta(hours=1)
            f = replace(f, responses=(Reply(at=replied_at, contact="c1"),))
            now = replied_at
        plan = plan_application(f, now)
        open_ = [a for a in plan.open_actions if a.kind == "check_in"]
        if replied_at is not None:
            assert open_ == []
            break
        made_so_far = sum(1 for s in f.sent if s.kind == "check_in")
        if made_so_far == f.candidate.checkin_limit:
            assert open_ == []
            assert [t.kind for t in plan.todos] == ["consider_closing"]
            break
        [c] = open_
        assert c.not_before is not None
        made = c.not_before + timedelta(days=delay)
        f = replace(f, sent=f.sent + (Sent("check_in", c.contact, c.method, made),))
        now = made
    times = sorted(s.at.timestamp() for s in f.sent if s.kind == "check_in")
    for i, t in enumerate(times):
        within = [u for u in times[i:] if u - t < 7 * 86400]
        assert len(within) <= cadence
    if replied_at is not None:
        assert all(t < replied_at.timestamp() for t in times)
