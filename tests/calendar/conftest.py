"""A database holding the candidate and the four applications of invites/expected.yaml, each
with a person whose email gives the company's domain (Globex's people as in globex.json)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.services import Followup
from followup.storage.store import open_store

INVITES = Path(__file__).with_name("invites")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
KNOWN = {
    "Globex Corporation": [
        ("Katherine Chen", "kchen@globex.example"),
        ("Raj Patel", "raj.patel@globex.example"),
    ],
    "Initech": [("Priya Natarajan", "priya.natarajan@initech.example")],
    "Umbrella Health": [("Brenda Hollis", "brenda.hollis@umbrella-health.example")],
    "Hooli": [("Nadia Petrova", "nadia.petrova@hooli.example")],
}
ROLES = {
    "Globex Corporation": "Senior Data Analyst",
    "Initech": "Senior Data Analyst",
    "Umbrella Health": "Clinical Data Analyst",
    "Hooli": "Analytics Engineer",
}


def make_service(db_url: str, *, now: datetime = NOW, people: bool = True) -> Followup:
    service = Followup(open_store(db_url), clock=lambda: now)
    service.setup(
        ProfileIn(
            full_name="Jordan A. Rivera",
            email="jordan.rivera@example.org",
            timezone="America/New_York",
        )
    )
    service.set_aliases(["jordan@rivera.example"])
    for company, role in ROLES.items():
        app_id = service.add_application(ApplicationIn(company=company, role=role))
        if people:
            # an earlier screening call, where the company's people were met
            service.add_interview(
                app_id,
                InterviewIn.model_validate(
                    {
                        "kind": "phone",
                        "start": "2026-02-02T10:00:00-05:00",
                        "end": "2026-02-02T10:30:00-05:00",
                        "people": [{"name": n, "email": e} for n, e in KNOWN[company]],
                    }
                ),
            )
    return service


@pytest.fixture
def service(db_url: str) -> Followup:
    return make_service(db_url)


def invite(name: str) -> Path:
    return INVITES / name
