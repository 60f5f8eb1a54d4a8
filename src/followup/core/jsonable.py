"""Plans and facts as plain JSON-ready dicts, in the field names of docs/contracts.md.

A scenario file's ids are its own strings ("onsite", "aisha"); a stored application's are
numbers, and `stored=True` writes them as JSON numbers, as every other stored id is written.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from followup.core.model import Action, Facts, Plan, Todo


def iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def ident(value: str | None, stored: bool) -> str | int | None:
    """An id as JSON: a number for stored data, the scenario's own text otherwise."""
    return int(value) if stored and value is not None else value


def action_to_dict(action: Action, *, stored: bool = False) -> dict[str, Any]:
    return {
        "id": action.id,
        "kind": action.kind,
        "interview": ident(action.interview, stored),
        "contact": ident(action.contact, stored),
        "contact_name": action.contact_name,
        "method": action.method,
        "not_before": iso(action.not_before),
        "due": iso(action.due),
        "status": action.status,
        "rule": action.rule,
        "reasons": list(action.reasons),
        "sent_at": iso(action.sent_at),
    }


def todo_to_dict(todo: Todo, *, stored: bool = False) -> dict[str, Any]:
    return {
        "kind": todo.kind,
        "interview": ident(todo.interview, stored),
        "contact": ident(todo.contact, stored),
        "need": todo.need,
        "message": todo.message,
    }


def plan_to_dict(plan: Plan, *, stored: bool = False) -> dict[str, Any]:
    return {
        "expected_response_by": iso(plan.expected_response_by),
        "expected_source": plan.expected_source,
        "actions": [action_to_dict(a, stored=stored) for a in plan.actions],
        "todos": [todo_to_dict(t, stored=stored) for t in plan.todos],
    }


def facts_to_scenario(facts: Facts, now: datetime | None) -> dict[str, Any]:
    """The scenario document of docs/contracts.md for these facts."""
    c, a = facts.candidate, facts.application
    return {
        "now": iso(now),
        "candidate": {
            "full_name": c.full_name,
            "email": c.email,
            "phone": c.phone,
            "address": c.address,
            "timezone": c.timezone,
            "checkins_per_week": c.checkins_per_week,
            "default_wait_days": c.default_wait_days,
            "country": c.country,
            "english": c.english,
            "checkin_limit": c.checkin_limit,
        },
        "application": {
            "company": a.company,
            "role": a.role,
            "decision_speed": a.decision_speed,
            "client_facing": a.client_facing,
            "verbal_role": a.verbal_role,
            "culture": a.culture,
            "expected_response_by": iso(a.expected_response_by),
            "status": a.status,
            "primary_contact": a.primary_contact,
        },
        "interviews": [
            {
                "id": i.id,
                "kind": i.kind,
                "start": iso(i.start),
                "end": iso(i.end),
                "participants": [
                    {
                        "id": p.id,
                        "name": p.name,
                        "title": p.title,
                        "email": p.email,
                        "phone": p.phone,
                        "address": p.address,
                        "salutation": p.salutation,
                        "discussed": list(p.discussed),
                        "liked": list(p.liked),
                    }
                    for p in i.participants
                ],
                "forgot_to_mention": list(i.forgot_to_mention),
                "expected_response_by": iso(i.expected_response_by),
            }
            for i in facts.interviews
        ],
        "sent": [
            {
                "kind": s.kind,
                "interview": s.interview,
                "contact": s.contact,
                "method": s.method,
                "at": iso(s.at),
            }
            for s in facts.sent
        ],
        "responses": [
            {
                "at": iso(r.at),
                "from": r.contact,
                "kind": r.kind,
                "expected_by": iso(r.expected_by),
                "until": iso(r.until),
            }
            for r in facts.responses
        ],
        "skipped": [{"action": k.action, "at": iso(k.at)} for k in facts.skipped],
        "other_companies": list(facts.other_companies),
    }
