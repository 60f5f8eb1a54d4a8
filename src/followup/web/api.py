"""The JSON API under /api, on the same services as the CLI and the pages.

Writes need this session's CSRF token (GET /api/session gives it, with the session cookie) in an
`X-CSRF-Token` header, or, when followup asks for a login, `Authorization: Bearer <token>`.
Errors are `{"error": "..."}` with a 4xx status.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from pydantic import BaseModel, Field

from followup.core.ids import STORED_PATTERN
from followup.inputs.fields import StoredId
from followup.inputs.models import (
    ApplicationIn,
    InterviewEditIn,
    InterviewIn,
    NoteIn,
    PersonEditIn,
    ReplyIn,
    SentIn,
    SkipIn,
    UndoIn,
)
from followup.inputs.parse import check_note_text
from followup.services import Followup, outputs, writing
from followup.web.security import verify_csrf

router = APIRouter(prefix="/api", dependencies=[Depends(verify_csrf)], tags=["followup"])
_ERROR = {"application/json": {"example": {"error": "..."}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "description": "Bad input: a body that is not valid JSON, or facts that do not fit "
        "together (an interview that ends before it starts, a reply before the interview)",
        "content": _ERROR,
    },
    401: {"description": "Login needed (when served beyond this machine)", "content": _ERROR},
    403: {
        "description": "Missing or stale CSRF token, or a write from another site",
        "content": _ERROR,
    },
    404: {"description": "Unknown id", "content": _ERROR},
    405: {"description": "Method not answered here; the Allow header names those that are"},
    409: {"description": "Conflicts with what is stored", "content": _ERROR},
    413: {"description": "Body larger than 1 MB", "content": _ERROR},
    415: {"description": "Body not sent as application/json", "content": _ERROR},
    421: {"description": "Host is not the address followup answers at", "content": _ERROR},
    422: {
        "description": "A field breaks a rule the schema cannot say: an interview that ends "
        "before it starts, a date outside 1900-2100, more than one address in an email field, "
        "a control character in a one-line field, a reply date before the reply, "
        "a flag given as a number",
        "content": _ERROR,
    },
    429: {"description": "Too many failed logins; Retry-After says when", "content": _ERROR},
}
ActionPath = Annotated[str, Field(pattern=STORED_PATTERN)]


def svc(request: Request) -> Followup:
    return request.app.state.service  # type: ignore[no-any-return]


class Created(BaseModel):
    id: int


AppId = StoredId  # in a path too: /api/applications/1.0 names nothing


@router.get("/session", responses=ERRORS)
def session(request: Request) -> dict[str, str]:
    """This session's CSRF token: send it as `X-CSRF-Token` with every write, with the
    `followup_session` cookie this answer sets."""
    return {"csrf_token": request.state.csrf}


@router.get("/agenda", responses=ERRORS)
def agenda(request: Request) -> dict[str, Any]:
    """Every open follow-up: overdue, then due, then planned; and the to-dos."""
    return outputs.agenda_json(svc(request).agenda())


@router.get("/applications", responses=ERRORS)
def applications(request: Request) -> list[dict[str, Any]]:
    return outputs.applications_json(svc(request).applications())


@router.post("/applications", status_code=201, responses=ERRORS)
def application_add(request: Request, body: Annotated[ApplicationIn, Body()]) -> Created:
    return Created(id=svc(request).add_application(body))


@router.get("/applications/{app_id}", responses=ERRORS)
def application(request: Request, app_id: AppId) -> dict[str, Any]:
    """The application's facts, as a scenario document, and its plan."""
    service = svc(request)
    return outputs.application_json(service.application(app_id), service.clock())


@router.get("/applications/{app_id}/plan", responses=ERRORS)
def plan(request: Request, app_id: AppId) -> dict[str, Any]:
    return outputs.plan_json(svc(request).application(app_id).plan, stored=True)


@router.post("/applications/{app_id}/interviews", status_code=201, responses=ERRORS)
def interview_add(request: Request, app_id: AppId, body: Annotated[InterviewIn, Body()]) -> Created:
    return Created(id=svc(request).add_interview(app_id, body))


@router.patch("/interviews/{interview_id}", responses=ERRORS)
def interview_edit(
    request: Request, interview_id: AppId, body: Annotated[InterviewEditIn, Body()]
) -> dict[str, Any]:
    app_id = svc(request).edit_interview(interview_id, body)
    return outputs.plan_json(svc(request).application(app_id).plan, stored=True)


@router.get("/applications/{app_id}/people", responses=ERRORS)
def people(request: Request, app_id: AppId) -> list[dict[str, Any]]:
    return outputs.people_json(svc(request).application(app_id).facts)


@router.patch("/people/{person_id}", responses=ERRORS)
def person_edit(
    request: Request, person_id: AppId, body: Annotated[PersonEditIn, Body()]
) -> dict[str, Any]:
    return outputs.person_json(
        svc(request).edit_person(person_id, body.model_dump(exclude_none=True))
    )


@router.get("/actions/{action_id}/draft", responses=ERRORS)
def draft(
    request: Request,
    action_id: ActionPath,
    method: Annotated[Literal["email", "phone", "letter"] | None, Query()] = None,
) -> dict[str, Any]:
    made = writing.draft(writing.stored_target(svc(request), action_id, method))
    return outputs.draft_json(made, stored=True)


@router.post("/actions/{action_id}/check", responses=ERRORS)
def check(
    request: Request, action_id: ActionPath, body: Annotated[NoteIn, Body()]
) -> dict[str, Any]:
    target = writing.stored_target(svc(request), action_id)
    return outputs.report_json(writing.check(target, check_note_text(body.text, "text")))


@router.post("/actions/{action_id}/sent", responses=ERRORS)
def sent(
    request: Request, action_id: ActionPath, body: Annotated[SentIn, Body()]
) -> dict[str, Any]:
    """Record a follow-up as made; a kept note with proofreading errors is refused (409, the
    errors listed) unless `confirm` is true."""
    return outputs.sent_json(
        svc(request).mark_sent(action_id, at=body.at, method=body.method, confirmed=body.confirm)
    )


@router.post("/applications/{app_id}/replies", status_code=201, responses=ERRORS)
def reply(request: Request, app_id: AppId, body: Annotated[ReplyIn, Body()]) -> dict[str, Any]:
    done = svc(request).record_reply(
        app_id,
        person=str(body.from_) if body.from_ else None,
        at=body.at,
        note=body.note,
        kind=body.kind,
        expected_by=body.expected_by,
        until=body.until,
    )
    return {
        "application": app_id,
        "kind": body.kind,
        "check_ins": "stopped" if body.kind == "answer" else "continue",
        "change": done.change,
    }


@router.post("/actions/{action_id}/skip", responses=ERRORS)
def skip(
    request: Request, action_id: ActionPath, body: Annotated[SkipIn, Body()]
) -> dict[str, Any]:
    result = svc(request).skip_action(action_id, at=body.at)
    return {
        "action": result.action_id,
        "application": result.application_id,
        "status": "skipped",
        "change": result.change,
    }


@router.post("/undo", responses=ERRORS)
def undo(request: Request, body: Annotated[UndoIn, Body()]) -> dict[str, Any]:
    """Undo a change of the last minute (`change`, as a write answered it; by default the
    latest): what it touched is put back with its own ids. 409 when it is too late, or when
    something changed it since."""
    done = svc(request).undo(body.change)
    return {"undone": done.summary, "application": done.application_id}


def _deleted(done: Any) -> dict[str, Any]:
    return {"deleted": done.summary, "application": done.application_id, "change": done.change}


@router.delete("/applications/{app_id}", responses=ERRORS)
def application_delete(request: Request, app_id: AppId) -> dict[str, Any]:
    """Delete an application with everything entered for it (undo for a minute)."""
    return _deleted(svc(request).delete_application(app_id))


@router.delete("/interviews/{interview_id}", responses=ERRORS)
def interview_delete(request: Request, interview_id: AppId) -> dict[str, Any]:
    """Delete an interview, its thank-yous and the people met only there."""
    return _deleted(svc(request).delete_interview(interview_id))


@router.delete("/people/{person_id}", responses=ERRORS)
def person_delete(request: Request, person_id: AppId) -> dict[str, Any]:
    """Delete a person met with their follow-ups; their replies stay, from the company."""
    return _deleted(svc(request).delete_person(person_id))


@router.delete("/sent/{sent_id}", responses=ERRORS)
def sent_delete(request: Request, sent_id: AppId) -> dict[str, Any]:
    """Delete the record of a follow-up made: it is planned again."""
    return _deleted(svc(request).delete_sent(sent_id))


@router.delete("/replies/{reply_id}", responses=ERRORS)
def reply_delete(request: Request, reply_id: AppId) -> dict[str, Any]:
    """Delete a reply recorded by mistake: the check-ins it stopped come back."""
    return _deleted(svc(request).delete_reply(reply_id))
