"""The planner's rules change only with a PLANNER_VERSION bump.

Stored plan caches are recomputed when PLANNER_VERSION changes; a rule changed without a bump
would leave every stored agenda stale. So this test plans a fixed, varied set of scenarios (the
three of examples/, and seeded ones covering every branch of R1-R5) at several moments, and
compares a hash of the `plan --json` output with the one recorded for this version.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.core.jsonable import plan_to_dict
from followup.core.model import (
    Application,
    Candidate,
    Facts,
    Interview,
    Participant,
    Reply,
    Sent,
    Skip,
)
from followup.core.plan import checkin_warning, plan_application
from followup.core.status import PLANNER_VERSION
from followup.scenario import load_scenario
from tests.conftest import EXAMPLES

# PLANNER_VERSION -> the fingerprint of its plans. A new version adds a line.
FINGERPRINTS = {
    1: "dcdf3d23f159703d91000d98d4d4b7b8d7c4b333c3f12b3dbd427a39bfe5403b",
    # 2: public holidays, R1b skips, updates and auto-replies, the check-in limit
    2: "9ef1579504b4e89e920b02ec92f4830f468bdc705c2b607b15fcecd2eae46b95",
    # 3: a to-do for a missing detail no longer says it "goes by" the channel it cannot use
    3: "18d7f3633658b8727a5527f94097dcfce18ca46042325f98d6b881d180e87184",
}
ZONES = ("America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney", "UTC")


def _person(rng: random.Random, n: int) -> Participant:
    return Participant(
        id=f"p{n}",
        name=f"Person {n}",
        email=f"p{n}@globex.example" if rng.random() < 0.7 else None,
        phone="+1 212 555 0100" if rng.random() < 0.5 else None,
        address="1 Globex Way" if rng.random() < 0.4 else None,
    )


def generated(seed: int) -> Facts:
    """A scenario drawn from every choice the rules branch on."""
    rng = random.Random(seed)
    tz = ZoneInfo(rng.choice(ZONES))
    # around the DST changes of both hemispheres, and ordinary weeks
    base = datetime(2026, rng.choice((3, 4, 10, 11)), rng.randint(1, 28), rng.randint(7, 20), 0)
    start = base.replace(tzinfo=tz)
    people = [_person(rng, n) for n in range(rng.randint(0, 3))]
    interviews = []
    for i in range(rng.randint(1, 3)):
        begins = start + timedelta(days=9 * i)
        interviews.append(
            Interview(
                id=f"i{i}",
                kind=rng.choice(("phone", "video", "in_person")),
                start=begins,
                end=begins + timedelta(minutes=rng.choice((30, 60, 180))),
                participants=tuple(people[: rng.randint(0, len(people))]) if i else tuple(people),
                expected_response_by=(begins + timedelta(days=rng.randint(3, 14))).date()
                if rng.random() < 0.4
                else None,
            )
        )
    latest = interviews[-1]
    sent: list[Sent] = []
    for iv in interviews:
        for p in iv.participants:
            if rng.random() < 0.6:
                at = iv.end + timedelta(hours=rng.choice((2, 20, 30)))
                sent.append(
                    Sent("thank_you", p.id, rng.choice(("email", "phone", "letter")), at, iv.id)
                )
    contacts = [p.id for p in people]
    if contacts:
        for k in range(rng.randint(0, 3)):
            at = latest.end + timedelta(days=8 + k * rng.choice((2, 4, 8)), hours=rng.randint(0, 9))
            sent.append(Sent("check_in", rng.choice(contacts), "email", at))
    replies = []
    if rng.random() < 0.3:
        replies.append(
            Reply(
                at=latest.start + timedelta(days=rng.choice((-1, 5, 12))),
                contact=rng.choice(contacts) if contacts else None,
            )
        )
    # The revised rules: updates, out-of-office replies, skips, holidays, the limit.
    for _ in range(rng.randint(0, 2)):
        got = latest.start + timedelta(days=rng.choice((3, 9, 20)), hours=rng.randint(0, 9))
        kind = rng.choice(("update", "auto_reply"))
        later = (got + timedelta(days=rng.choice((2, 6, 11)))).date()
        dated = rng.random() < 0.7
        replies.append(
            Reply(
                at=got,
                kind=kind,
                expected_by=later if kind == "update" and dated else None,
                until=later if kind == "auto_reply" and dated else None,
            )
        )
    skipped = []
    if people and rng.random() < 0.3:
        skipped.append(Skip(f"thank_you:i0:{people[0].id}", interviews[0].end + timedelta(hours=3)))
    if contacts and rng.random() < 0.3:
        made = sum(1 for s in sent if s.kind == "check_in")
        at = latest.end + timedelta(days=rng.choice((9, 30)))
        skipped.append(Skip(f"check_in:{rng.choice(contacts)}:{made + 1}", at))
    return Facts(
        candidate=Candidate(
            full_name="Jordan A. Rivera",
            timezone=tz.key,
            checkins_per_week=rng.choice((1, 2)),
            default_wait_days=rng.choice((5, 7, 10)),
            country=rng.choice((None, None, "US", "GB", "DE", "JP")),
            checkin_limit=rng.choice((1, 2, 4)),
        ),
        application=Application(
            company="Globex",
            role="Analyst",
            decision_speed=rng.choice(("quick", "normal", "slow", "unknown")),
            client_facing=rng.random() < 0.3,
            verbal_role=rng.random() < 0.3,
            culture=rng.choice(("traditional", "modern", "unknown")),
            expected_response_by=date(2026, rng.choice((3, 11, 12)), rng.randint(1, 28))
            if rng.random() < 0.5
            else None,
            status=rng.choice(("active", "active", "active", "offer", "withdrawn", "no_response")),
            primary_contact=rng.choice(contacts) if contacts and rng.random() < 0.5 else None,
        ),
        interviews=tuple(interviews),
        sent=tuple(sorted(sent, key=lambda s: s.at.timestamp())),
        responses=tuple(replies),
        skipped=tuple(skipped),
    )


def fingerprint() -> str:
    cases = [load_scenario(path) for path in sorted(EXAMPLES.glob("*.json"))]
    cases += [(generated(seed), None) for seed in range(120)]
    digest = hashlib.sha256()
    for facts, given_now in cases:
        first = min(i.start for i in facts.interviews)
        moments = [first + timedelta(hours=h) for h in (-1, 1, 23, 25, 24 * 9, 24 * 30, 24 * 75)]
        for now in [*([given_now] if given_now else []), *moments]:
            plan = plan_to_dict(plan_application(facts, now))
            digest.update(json.dumps(plan, sort_keys=True, ensure_ascii=False).encode())
            digest.update(str(checkin_warning(facts, now)).encode())
    return digest.hexdigest()


def test_plans_change_only_with_a_planner_version_bump() -> None:
    found = fingerprint()
    assert FINGERPRINTS.get(PLANNER_VERSION) == found, (
        f"The planner's output changed under PLANNER_VERSION {PLANNER_VERSION}: stored plan "
        "caches would go stale. If the rules changed on purpose, bump PLANNER_VERSION "
        "(core/status.py) and update the fingerprint: record "
        f"{found!r} under the new version in FINGERPRINTS in this file."
    )


def test_the_fingerprint_sees_a_rule_change(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from followup.core import rules

    monkeypatch.setattr(rules, "THANK_YOU_WINDOW", timedelta(hours=25))
    assert fingerprint() != FINGERPRINTS[PLANNER_VERSION]
