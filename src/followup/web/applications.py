"""The application pages: the list (and adding one), an application's page (its timeline,
next follow-ups, facts), replies, closing and reopening, and deleting what was entered."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from followup.core.errors import InvalidInputError
from followup.core.jsonable import action_to_dict
from followup.core.model import CLOSED_STATUSES
from followup.inputs.models import ApplicationIn
from followup.services.agenda import nobody_met
from followup.web.charts import timeline_entries, timeline_svg, timeliness_svg
from followup.web.forms import FormError, checked, form_day, service_error
from followup.web.pagecache import from_memory
from followup.web.security import verify_csrf
from followup.web.views import back, cached, form_of, has_message, page, stored_id, svc, with_form

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
OUTCOMES = [
    ("", "Choose how it ended"),
    ("offer", "An offer"),
    ("rejected", "Rejected"),
    ("withdrawn", "I withdrew"),
    ("no_response", "No response"),
]
REPLY_KINDS = [
    ("answer", "Their answer: the check-ins stop"),
    ("update", "An update with a new date: check in after it"),
    ("auto_reply", "An automatic reply (out of office): the check-ins go on"),
]


# -- the list ------------------------------------------------------------------------------
@router.get("/applications", response_class=HTMLResponse)
def applications(request: Request) -> Response:
    return _applications_page(request, {}, {})


def _applications_page(
    request: Request, values: dict[str, Any], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    service = svc(request)
    t = service.timeliness()
    return page(
        request,
        "applications.html",
        status,
        apps=service.applications(),
        values=values,
        errors=errors,
        timeliness=timeliness_svg(t.on_time, t.late, t.missed, t.days),
        counts=t,
    )


def _application_values(form: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "company": form.get("company", "").strip(),
        "role": form.get("role", "").strip(),
        "decision_speed": form.get("decision") or "unknown",
        "client_facing": form.get("client_facing") == "on",
        "verbal_role": form.get("verbal_role") == "on",
        "culture": form.get("culture") or "unknown",
        "expected_response_by": form.get("expected_response_by") or None,
    }
    return {k: v for k, v in values.items() if v != ""}


@router.post("/applications")
async def application_add(request: Request) -> Response:
    return await with_form(_application_add, request)


def _application_add(request: Request, form: dict[str, str]) -> Response:
    try:
        app_id = svc(request).add_application(checked(ApplicationIn, _application_values(form)))
    except FormError as exc:
        return _applications_page(request, form, exc.errors, 400)
    return back(f"/applications/{app_id}/interviews/new")


# -- one application -----------------------------------------------------------------------
@router.get("/applications/{app_id}", response_class=HTMLResponse)
async def application(request: Request, app_id: str) -> Response:
    """An application's page: from memory when nothing was written since it was rendered
    (web/pagecache.py), else rendered in a thread."""
    app_id = stored_id(app_id, "application")
    key = ("application", app_id, request.query_params.get("notice") == "ask")
    if not has_message(request):
        hit = from_memory(request, key)
        if hit is not None:
            return hit
    return await run_in_threadpool(_application_cached, request, app_id, key)


def _application_cached(request: Request, app_id: str, key: Any) -> Response:
    if has_message(request):
        return _application_page(request, app_id, {}, {})
    return cached(request, key, _application_page, app_id, {}, {}, 200)


def _application_page(
    request: Request,
    app_id: str,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
    csrf_token: str | None = None,
    **extra: Any,
) -> HTMLResponse:
    service = svc(request)
    view = service.application(app_id)
    profile = service.profile()
    tz = ZoneInfo(profile.timezone if profile else "UTC")
    now = service.clock()
    people = {p.id: p for i in view.facts.interviews for p in i.participants}
    bounced = service.bounces()
    open_actions = []
    if view.application.status == "active":
        for a in view.plan.open_actions:
            card = action_to_dict(a) | {"application": int(app_id)}
            if a.id in bounced:
                card["bounced"] = bounced[a.id]
            open_actions.append(card)
    return page(
        request,
        "application.html",
        status,
        view=view,
        app=view.application,
        people=list(people.values()),
        open_actions=open_actions,
        nobody_met=nobody_met(view.facts),
        chart=timeline_svg(view, now, tz),
        entries=timeline_entries(view, now),
        contact_options=[(p.id, p.name) for p in people.values()],
        values=values or _facts_values(view.application),
        errors=errors,
        outcomes=OUTCOMES,
        csrf_token=csrf_token or request.state.csrf,
        **extra,
    )


def _facts_values(app: Any) -> dict[str, Any]:
    return {
        "company": app.company,
        "role": app.role,
        "decision": app.decision_speed,
        "client_facing": "on" if app.client_facing else "",
        "verbal_role": "on" if app.verbal_role else "",
        "culture": app.culture,
        "expected_response_by": app.expected_response_by.isoformat()
        if app.expected_response_by
        else "",
        "primary_contact": app.primary_contact or "",
    }


@router.post("/applications/{app_id}")
async def application_edit(request: Request, app_id: str) -> Response:
    return await with_form(_application_edit, request, app_id)


def _application_edit(request: Request, app_id: str, form: dict[str, str]) -> Response:
    service = svc(request)
    changes = _application_values(form)
    try:
        checked(ApplicationIn, changes)
        if form.get("primary_contact"):
            changes["primary_contact"] = form["primary_contact"]
        service.update_application(app_id, changes)
    except FormError as exc:
        return _application_page(request, app_id, form, exc.errors, 400)
    except InvalidInputError as exc:
        return _application_page(request, app_id, form, service_error(exc).errors, 400)
    return back(f"/applications/{app_id}")


# -- closing -------------------------------------------------------------------------------
@router.post("/applications/{app_id}/close")
async def application_close(request: Request, app_id: str) -> Response:
    return await with_form(_application_close, request, app_id)


def _application_close(request: Request, app_id: str, form: dict[str, str]) -> Response:
    service = svc(request)
    outcome = form.get("outcome", "")
    if outcome not in CLOSED_STATUSES:
        facts = _facts_values(service.application(app_id).application)
        errors = {"outcome": "Choose how it ended"}
        return _application_page(request, app_id, facts, errors, 400)
    if form.get("confirmed") != "1":
        app = service.application(app_id).application
        words = dict(OUTCOMES)[outcome].lower()
        return page(
            request,
            "confirm.html",
            title=f"Close {app.company}?",
            lines=[
                f"{app.company} — {app.role} will be closed as “{words}”: no more "
                "thank-yous or check-ins are planned for it.",
                "You can reopen it later, or undo this for a minute.",
            ],
            action=f"/applications/{app_id}/close",
            fields={"outcome": outcome},
            button="Close the application",
            cancel=f"/applications/{app_id}",
            danger=False,
            findings=None,
        )
    closed = service.close_application(app_id, outcome)
    return back(f"/applications/{app_id}", done=closed.change)


@router.post("/applications/{app_id}/reopen")
def application_reopen(request: Request, app_id: str) -> Response:
    change = svc(request).reopen_application(app_id)
    return back(f"/applications/{app_id}", done=change)


# -- replies -------------------------------------------------------------------------------
@router.get("/applications/{app_id}/reply", response_class=HTMLResponse)
def reply_form(request: Request, app_id: str) -> Response:
    """The reply page: what kind of word came, from whom, with its date. Recording an answer
    here is the confirmation that the check-ins stop."""
    params = request.query_params
    values = {"person": params.get("person", ""), "kind": "answer", "next": params.get("next")}
    return _reply_page(request, stored_id(app_id, "application"), values, {})


def _reply_page(
    request: Request, app_id: str, values: dict[str, Any], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    view = svc(request).application(app_id)
    people = {p.id: p for i in view.facts.interviews for p in i.participants}
    return page(
        request,
        "reply.html",
        status,
        app=view.application,
        person_options=[(p.id, p.name) for p in people.values()],
        kinds=REPLY_KINDS,
        values=values,
        errors=errors,
    )


@router.post("/applications/{app_id}/replies")
async def reply(request: Request, app_id: str) -> Response:
    return await with_form(_reply, request, app_id)


def _reply(request: Request, app_id: str, form: dict[str, str]) -> Response:
    service = svc(request)
    try:
        done = service.record_reply(
            app_id,
            person=form.get("person") or None,
            note=form.get("note") or None,
            kind=form.get("kind") or "answer",
            expected_by=form_day(form, "expected_by"),
            until=form_day(form, "until"),
        )
    except FormError as exc:
        return _reply_page(request, app_id, form, exc.errors, 400)
    except InvalidInputError as exc:
        return _reply_page(request, app_id, form, service_error(exc).errors, 400)
    return back(form.get("next"), f"/applications/{app_id}", done=done.change)


# -- deleting ------------------------------------------------------------------------------
# What each kind of record is called, and what deleting it does, for the confirmation.
DELETABLE = {
    "app": ("application", "Everything entered for it goes: interviews, people, what was sent."),
    "interview": (
        "interview",
        "Its thank-yous (sent or planned) go, and the people met only there.",
    ),
    "person": (
        "person",
        "Their thank-yous and check-ins go; their replies stay, as the company's.",
    ),
    "sent": ("sent record", "The follow-up is planned again, as if it had not been made."),
    "reply": ("reply", "If it stopped the check-ins, they come back."),
}


@router.post("/delete/{kind}/{record_id}")
async def delete(request: Request, kind: str, record_id: str) -> Response:
    """Delete a record, after a confirmation; undo brings it back for a minute."""
    from followup.core.errors import NotFoundError

    if kind not in DELETABLE:
        raise NotFoundError("kind of record", kind)
    form = await form_of(request)
    service = svc(request)
    target = form.get("next") or "/"
    if form.get("confirmed") != "1":
        what, effect = DELETABLE[kind]
        return page(
            request,
            "confirm.html",
            title=f"Delete {form.get('label') or 'this ' + what}?",
            lines=[effect, "You can undo it for a minute after."],
            action=f"/delete/{kind}/{record_id}",
            fields={"next": target, "label": form.get("label", "")},
            button=f"Delete the {what}",
            cancel=target,
            danger=True,
            findings=None,
        )
    done = {
        "app": service.delete_application,
        "interview": service.delete_interview,
        "person": service.delete_person,
        "sent": service.delete_sent,
        "reply": service.delete_reply,
    }[kind](record_id)
    if kind == "app":
        target = "/applications"
    return back(target, done=done.change)
