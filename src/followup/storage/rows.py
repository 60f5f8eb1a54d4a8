"""Rows <-> facts: what a table row means as a core model object, and back."""

from __future__ import annotations

from typing import Any

from followup.core.model import Application, Candidate, Interview, Participant, Reply


def candidate_of(row: Any) -> Candidate:
    return Candidate(
        full_name=row.full_name,
        email=row.email,
        phone=row.phone,
        address=row.address,
        timezone=row.timezone,
        checkins_per_week=row.checkins_per_week,
        default_wait_days=row.default_wait_days,
        country=row.country,
        english=row.english,
        checkin_limit=row.checkin_limit,
    )


def candidate_values(candidate: Candidate) -> dict[str, Any]:
    return {
        "full_name": candidate.full_name,
        "email": candidate.email,
        "phone": candidate.phone,
        "address": candidate.address,
        "timezone": candidate.timezone,
        "checkins_per_week": candidate.checkins_per_week,
        "default_wait_days": candidate.default_wait_days,
        "country": candidate.country,
        "english": candidate.english,
        "checkin_limit": candidate.checkin_limit,
    }


def reply_of(row: Any) -> Reply:
    return Reply(
        at=row.received_at,
        contact=str(row.person_id) if row.person_id else None,
        kind=row.kind,
        expected_by=row.expected_by,
        until=row.until,
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
