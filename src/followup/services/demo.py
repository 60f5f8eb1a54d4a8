"""A realistic sample, relative to now, marked as the sample: three applications at different
stages. Every interview and every note sent falls in business hours (09:00-17:00, New York, on
a weekday), whatever the hour `make run` is started; "Start with my own" removes it all.

Globex: a panel two business days ago, one thank-you sent, one overdue, one by phone for lack
of an email.
Initech: a client-facing role (phone); a second round earlier today (or at the end of the last
business day), no answer date asked.
Umbrella Health: a traditional company (letters); two rounds, letters sent, and a reply.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from followup.core.errors import ConflictError
from followup.core.workdays import is_business_day, zone
from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.services.followup import Followup

COUNTRY = "US"

PROFILE = {
    "full_name": "Jordan A. Rivera",
    "email": "jordan.rivera@example.org",
    "phone": "+1 646 555 0199",
    "address": "41 Orchard Street, Apt 3B, New York, NY 10002",
    "timezone": "America/New_York",
    "checkins_per_week": 1,
}


def load_demo(service: Followup) -> list[int]:
    """Fill an empty database with the sample; returns the new application ids."""
    with service.store.transaction() as repo:
        if not repo.is_empty():
            raise ConflictError(
                "the demo goes into an empty database only; this one already holds your data"
            )
    now = service.clock()
    tz = zone(PROFILE["timezone"])  # type: ignore[arg-type]
    local_now = now.astimezone(tz)
    today = local_now.date()

    def at(business_days_ago: int, hour: float) -> datetime:
        """`hour` o'clock local, that many business days before today."""
        day = today
        for _ in range(business_days_ago):
            day -= timedelta(days=1)
            while not is_business_day(day, COUNTRY):
                day -= timedelta(days=1)
        return datetime.combine(day, time(int(hour), int(hour % 1 * 60)), tzinfo=tz)

    def day(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    # The latest interview: two hours ago when that was in business hours today, else the
    # last hour of the business day before.
    open_today = is_business_day(today, COUNTRY) and local_now.hour >= 11
    recent = at(0, min(local_now.hour - 2, 15)) if open_today else at(1, 15)

    service.setup(ProfileIn(**PROFILE))  # type: ignore[arg-type]
    ids = []

    globex = service.add_application(
        ApplicationIn(
            company="Globex Corporation",
            role="Senior Data Analyst",
            decision_speed="quick",
            culture="modern",
        )
    )
    panel = _interview(
        service,
        globex,
        kind="in_person",
        start=at(2, 10),
        end=at(2, 13),
        expected=day(6),
        forgot=["I led the Looker rollout at my last job"],
        people=[
            _person(
                "Katherine Chen",
                "Hiring Manager",
                email="kchen@globex.example",
                salutation="Ms. Chen",
                discussed=["the migration to dbt"],
                liked=["my query tuning work"],
            ),
            _person(
                "Raj Patel",
                "Analytics Lead",
                email="raj.patel@globex.example",
                discussed=["forecasting churn", "on-call for dashboards"],
                liked=["the A/B testing framework I built"],
            ),
            _person(
                "María González",
                "Recruiter",
                phone="+1 212 555 0142",
                discussed=["the hybrid schedule"],
                liked=[],
            ),
        ],
    )
    people = _people_ids(service, globex)
    service.update_application(globex, {"primary_contact": people["Katherine Chen"]})
    service.mark_sent(f"thank_you:{panel}:{people['Katherine Chen']}", at=at(2, 15.5))
    service.mark_sent(f"thank_you:{panel}:{people['María González']}", at=at(2, 16))
    ids.append(globex)

    initech = service.add_application(
        ApplicationIn(
            company="Initech",
            role="Customer Success Manager",
            decision_speed="normal",
            client_facing=True,
        )
    )
    screen = _interview(
        service,
        initech,
        kind="phone",
        start=at(9, 11),
        end=at(9, 12),
        expected=None,
        forgot=[],
        people=[
            _person(
                "Priya Raman",
                "Talent Partner",
                email="priya@initech.example",
                phone="+1 415 555 0110",
                discussed=["the renewals team"],
                liked=["my churn-reduction playbook"],
            ),
        ],
    )
    people = _people_ids(service, initech)
    service.mark_sent(f"thank_you:{screen}:{people['Priya Raman']}", at=at(9, 15), method="phone")
    _interview(
        service,
        initech,
        kind="video",
        start=recent,
        end=recent + timedelta(hours=1),
        expected=None,
        forgot=["I have run quarterly business reviews for enterprise accounts"],
        people=[
            _person(
                "Tomás Álvarez",
                "Director of Customer Success",
                email="tomas.alvarez@initech.example",
                phone="+1 415 555 0134",
                discussed=["onboarding enterprise clients", "the health-score model"],
                liked=["how I rescued the Acme renewal"],
            ),
            _person("Priya Raman", None, discussed=["start dates"], liked=[]),
        ],
    )
    ids.append(initech)

    umbrella = service.add_application(
        ApplicationIn(
            company="Umbrella Health",
            role="Product Designer",
            decision_speed="slow",
            culture="traditional",
            expected_response_by=date.fromisoformat(day(-1)),
        )
    )
    first = _interview(
        service,
        umbrella,
        kind="video",
        start=at(16, 10),
        end=at(16, 11),
        expected=None,
        forgot=[],
        people=[
            _person(
                "Eleanor Whitfield",
                "Head of Design",
                email="e.whitfield@umbrella.example",
                address="Umbrella Health, 200 Park Avenue, New York, NY 10166",
                salutation="Ms. Whitfield",
                discussed=["the patient portal redesign"],
                liked=["my accessibility audits"],
            ),
        ],
    )
    people = _people_ids(service, umbrella)
    service.mark_sent(f"thank_you:{first}:{people['Eleanor Whitfield']}", at=at(16, 15))
    onsite = _interview(
        service,
        umbrella,
        kind="in_person",
        start=at(8, 13),
        end=at(8, 16),
        expected=day(-1),
        forgot=["I volunteer as a mentor at a design bootcamp"],
        people=[
            _person(
                "Eleanor Whitfield",
                "Head of Design",
                discussed=["design critiques"],
                liked=["my portfolio walk-through"],
            ),
            _person(
                "Samuel Osei",
                "Engineering Manager",
                email="samuel.osei@umbrella.example",
                address="Umbrella Health, 200 Park Avenue, New York, NY 10166",
                discussed=["handing designs to engineers"],
                liked=["my prototypes in code"],
            ),
        ],
    )
    people = _people_ids(service, umbrella)
    service.update_application(umbrella, {"primary_contact": people["Eleanor Whitfield"]})
    for name in ("Eleanor Whitfield", "Samuel Osei"):
        service.mark_sent(f"thank_you:{onsite}:{people[name]}", at=at(8, 16.5))
    service.record_reply(
        umbrella,
        person=people["Eleanor Whitfield"],
        at=at(1, 11),
        note="We'd like to invite you to a final conversation with our CEO.",
    )
    ids.append(umbrella)
    with service.store.transaction() as repo:
        pid = repo.profile_id()
        assert pid is not None
        repo.mark_demo(profile_id=pid)
        repo.forget_changes(before=now + timedelta(days=1))  # loading it is not a change to undo
        repo.bump_revision()
    return ids


def _person(name: str, title: str | None, **details: Any) -> dict[str, Any]:
    return {"name": name, "title": title, **details}


def _interview(
    service: Followup,
    app_id: int,
    *,
    kind: str,
    start: datetime,
    end: datetime,
    expected: str | None,
    forgot: list[str],
    people: list[dict[str, Any]],
) -> int:
    return service.add_interview(
        app_id,
        InterviewIn.model_validate(
            {
                "kind": kind,
                "start": start,
                "end": end,
                "expected_response_by": expected,
                "forgot_to_mention": forgot,
                "people": people,
            }
        ),
    )


def _people_ids(service: Followup, app_id: int) -> dict[str, str]:
    view = service.application(app_id)
    return {p.name: p.id for i in view.facts.interviews for p in i.participants}
