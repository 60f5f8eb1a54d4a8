"""One JSON shape per output, for the command line's `--json` and the API alike.

Stored ids are JSON numbers everywhere; a scenario file's ids stay its own strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.core.jsonable import facts_to_scenario, ident, iso, plan_to_dict
from followup.core.model import Application, Facts, Participant, Plan

if TYPE_CHECKING:
    from followup.services.agenda import Agenda
    from followup.services.applications import ApplicationView
    from followup.services.calendar import Imported, ImportReport
    from followup.services.events import SentResult
    from followup.services.subscription import Polled, Proposal
    from followup.services.writing import Drafted
    from followup.writing.findings import Report


def plan_json(plan: Plan, *, stored: bool) -> dict[str, Any]:
    return plan_to_dict(plan, stored=stored)


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    return {"now": agenda.now.isoformat(), "actions": agenda.items, "todos": agenda.todos}


def applications_json(apps: Sequence[tuple[Application, datetime | None]]) -> list[dict[str, Any]]:
    """Every application, newest first, with its next due time (none when closed)."""
    return [
        {
            "id": ident(a.id, True),
            "company": a.company,
            "role": a.role,
            "status": a.status,
            "next_due": iso(due),
        }
        for a, due in apps
    ]


def application_json(view: ApplicationView, now: datetime) -> dict[str, Any]:
    """An application's facts, as a scenario document, and its plan."""
    return {
        "id": ident(view.application.id, True),
        "scenario": facts_to_scenario(view.facts, now),
        "plan": plan_json(view.plan, stored=True),
    }


def person_json(person: Participant, *, stored: bool = True) -> dict[str, Any]:
    return {
        "id": ident(person.id, stored),
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "salutation": person.salutation,
    }


def people_json(facts: Facts) -> list[dict[str, Any]]:
    """Everyone met at the application's interviews, once each, in order of meeting."""
    found: dict[str, Participant] = {}
    for interview in facts.interviews:
        for p in interview.participants:
            found[p.id] = p
    return [person_json(p) for p in found.values()]


def sent_json(result: SentResult) -> dict[str, Any]:
    return {
        "action": result.action_id,
        "application": result.application_id,
        "warning": result.warning,
        "change": result.change,  # `followup undo` / POST /api/undo takes it back
    }


def draft_json(made: Drafted, *, stored: bool) -> dict[str, Any]:
    d = made.draft
    return {
        "kind": d.kind,
        "method": d.method,
        "to": {
            "id": ident(d.to.id, stored),
            "name": d.to.name,
            "email": d.to.email,
            "phone": d.to.phone,
            "address": d.to.address,
        },
        "subject": d.subject,
        "body": d.body,
        "key_points": list(d.key_points),
        "voicemail": d.voicemail,
        "findings": [f.to_dict() for f in made.report.findings],
        "notes": list(d.notes),  # what to see to before sending (a letter with no address)
    }


def report_json(report: Report) -> dict[str, Any]:
    return report.to_dict()


def imported_json(done: Imported) -> dict[str, Any]:
    """One imported event, as docs/contracts.md's calendar contract has it (plus what happened)."""
    invite = done.invite
    out: dict[str, Any] = {
        "application": done.application_id,
        "interview": done.interview_id,
        "created": done.result == "created",
        "result": done.result,
        "kind": invite.kind,
        "start": invite.start.isoformat(),
        "end": invite.end.isoformat(),
        "people": [{"id": int(p.id), "name": p.name, "email": p.email} for p in done.people],
        "uid": invite.uid,
        "sequence": invite.sequence,
        "summary": invite.summary,
        "left_out": [{"email": x.email, "why": x.why} for x in invite.left_out],
    }
    if done.removed_id is not None:
        out["removed"] = done.removed_id  # `followup interview restore` takes it
    return out


def import_json(report: ImportReport) -> dict[str, Any]:
    """A one-event file gives that event's object; a calendar export, every import and skip."""
    if report.single and len(report.imported) == 1:
        return imported_json(report.imported[0])
    return {
        "imported": [imported_json(d) for d in report.imported],
        "skipped": [{"uid": u or None, "summary": s, "why": w} for u, s, w in report.skipped],
    }


def proposal_json(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.id,
        "source": p.source,
        "uid": p.uid,
        "summary": p.summary,
        "start": p.start.isoformat(),
        "application": p.application_id,
        "guess": {"company": p.guess[0], "role": p.guess[1]},
        "people": [{"name": g.name, "email": g.email} for g in p.invite.people],
        "state": p.state,
    }


def proposals_json(found: Sequence[Proposal]) -> list[dict[str, Any]]:
    return [proposal_json(p) for p in found]


def poll_json(polled: Polled) -> dict[str, Any]:
    return {
        "status": polled.status,
        "events": polled.events,
        "new": polled.new,
        "problem": polled.problem,
        "proposals": proposals_json(polled.proposals),
    }
