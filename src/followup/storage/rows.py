"""Rows <-> facts: what a table row means as a core model object, and back."""

from __future__ import annotations

from typing import Any

from followup.core.model import Application, Candidate, Interview, Participant


def candidate_of(row: Any) -> Candidate:
    return Candidate(
        full_name=row.full_name,
        email=row.email,
        phone=row.phone,
        address=row.address,
        timezone=row.timezone,
        checkins_per_week=row.checkins_per_week,
        default_wait_days=row.default_wait_days,
    )


def application_of(row: Any) -> Application:
    return Application(
        id=str(row.id),
        company=row.company,
        role=row.role,
        decision_speed=row.decision_speed,
        client_facing=row.client_facing,
        verbal_role=row.verbal_role,
        culture=row.culture,
        expected_response_by=row.expected_response_by,
        status=row.status,
        primary_contact=str(row.primary_contact_id) if row.primary_contact_id else None,
    )


def application_values(app: Application) -> dict[str, Any]:
    return {
        "company": app.company,
        "role": app.role,
        "decision_speed": app.decision_speed,
        "client_facing": app.client_facing,
        "verbal_role": app.verbal_role,
        "culture": app.culture,
        "expected_response_by": app.expected_response_by,
        "status": app.status,
        "primary_contact_id": int(app.primary_contact) if app.primary_contact else None,
    }


def contact_of(row: Any) -> Participant:
    return Participant(
        id=str(row.id),
        name=row.name,
        title=row.title,
        email=row.email,
        phone=row.phone,
        address=row.address,
        salutation=row.salutation,
    )


def person_values(person: Participant) -> dict[str, Any]:
    return {
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "salutation": person.salutation,
    }


def interview_values(interview: Interview) -> dict[str, Any]:
    return {
        "kind": interview.kind,
        "start_at": interview.start,
        "end_at": interview.end,
        "expected_response_by": interview.expected_response_by,
        "forgot_to_mention": list(interview.forgot_to_mention),
    }
