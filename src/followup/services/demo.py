"""A realistic sample, relative to now: three applications at different stages.

Globex: a panel yesterday, one thank-you sent, one overdue, one by phone for lack of an email.
Initech: a client-facing role (phone); a second round two hours ago, no answer date asked.
Umbrella Health: a traditional company (letters); two rounds, letters sent, and a reply.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from followup.core.errors import ConflictError
from followup.core.workdays import zone
from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.services.followup import Followup

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
    local_now = now.astimezone(tz).replace(minute=0, second=0, microsecond=0)

    def ago(hours: float) -> datetime:
        return local_now - timedelta(hours=hours)

    def day(days: int) -> str:
        return (local_now.date() + timedelta(days=days)).isoformat()

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
        start=ago(30),
        end=ago(27),
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
    service.mark_sent(f"thank_you:{panel}:{people['Katherine Chen']}", at=ago(20))
    service.mark_sent(f"thank_you:{panel}:{people['María González']}", at=ago(19))
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
        start=ago(24 * 9 + 1),
        end=ago(24 * 9),
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
    service.mark_sent(
        f"thank_you:{screen}:{people['Priya Raman']}", at=ago(24 * 9 - 3), method="phone"
    )
    _interview(
        service,
        initech,
        kind="video",
        start=ago(3),
        end=ago(2),
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
        start=ago(24 * 16 + 1),
        end=ago(24 * 16),
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
    service.mark_sent(f"thank_you:{first}:{people['Eleanor Whitfield']}", at=ago(24 * 16 - 4))
    onsite = _interview(
        service,
        umbrella,
        kind="in_person",
        start=ago(24 * 8 + 3),
        end=ago(24 * 8),
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
        service.mark_sent(f"thank_you:{onsite}:{people[name]}", at=ago(24 * 7 + 2))
    service.record_reply(
        umbrella,
        person=people["Eleanor Whitfield"],
        at=ago(5),
        note="We'd like to invite you to a final conversation with our CEO.",
    )
    ids.append(umbrella)
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
