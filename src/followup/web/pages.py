"""The pages: thin routes over the services; templates do the rest."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from followup.core.errors import FollowupError, InvalidInputError, NotFoundError
from followup.core.jsonable import action_to_dict
from followup.inputs.fields import validate
from followup.inputs.models import ApplicationIn, InterviewEditIn, InterviewIn, ProfileIn
from followup.services.backup import export_document, import_document
from followup.web.charts import timeline_svg, timeliness_svg
from followup.web.forms import PERSON_FIELDS, field_of, form_day, interview_data, person_rows
from followup.web.security import verify_csrf
from followup.web.views import back, cached, form_of, page, stored_id, svc

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
TODAY_LIMIT = 40


# -- today ---------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def today(request: Request) -> Response:
    """Today, rendered once per data revision and minute (times read "in 5 h"), then served
    from memory with this browser's CSRF token put in; a one-off notice is never cached."""
    if "notice" in request.query_params or "warning" in request.query_params:
        return _today(request, request.state.csrf)
    return cached(request, ("today", request.query_params.get("all") == "1"), _today)


def _today(request: Request, csrf_token: str) -> Response:
    service = svc(request)
    if service.profile() is None:
        return back("/setup")
    agenda = service.agenda()
    groups = {"overdue": [], "due": [], "planned": []}  # type: dict[str, list[dict[str, Any]]]
    for item in agenda.items:
        groups[item["status"]].append(item)
    everything = request.query_params.get("all") == "1"
    counts = {k: len(v) for k, v in groups.items()}
    if not everything:  # a page of thousands of cards helps nobody: the first ones, then a link
        groups = {k: v[:TODAY_LIMIT] for k, v in groups.items()}
    return page(
        request,
        "today.html",
        csrf_token=csrf_token,
        groups=groups,
        counts=counts,
        todos=agenda.todos[:TODAY_LIMIT] if not everything else agenda.todos,
        todo_count=len(agenda.todos),
        notice=request.query_params.get("notice"),
    )


# -- profile -------------------------------------------------------------------------------
@router.get("/setup", response_class=HTMLResponse)
@router.get("/settings", response_class=HTMLResponse)
def settings_form(request: Request) -> Response:
    profile = svc(request).profile()
    values = {} if profile is None else {k: getattr(profile, k) for k in ProfileIn.model_fields}
    return page(request, "settings.html", values=values, errors={}, first=profile is None)


@router.post("/setup")
@router.post("/settings")
async def settings_save(request: Request) -> Response:
    form = await form_of(request)
    service = svc(request)
    first = service.profile() is None
    data = {k: (form.get(k) or "").strip() or None for k in ProfileIn.model_fields}
    data = {k: v for k, v in data.items() if v is not None}
    for number in ("checkins_per_week", "default_wait_days", "checkin_limit"):
        if str(data.get(number, "")).isdigit():
            data[number] = int(data[number])
    try:
        service.setup(validate(ProfileIn, data, "settings"))
    except InvalidInputError as exc:
        return page(
            request,
            "settings.html",
            400,
            values=form,
            errors={field_of(exc): exc.problem},
            first=first,
        )
    return back("/" if first else "/settings?saved=1")


# -- applications --------------------------------------------------------------------------
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
    )


def _application_values(form: dict[str, str]) -> dict[str, Any]:
    return {
        "company": form.get("company", ""),
        "role": form.get("role", ""),
        "decision_speed": form.get("decision") or "unknown",
        "client_facing": form.get("client_facing") == "on",
        "verbal_role": form.get("verbal_role") == "on",
        "culture": form.get("culture") or "unknown",
        "expected_response_by": form.get("expected_response_by") or None,
    }


@router.post("/applications")
async def application_add(request: Request) -> Response:
    form = await form_of(request)
    service = svc(request)
    try:
        app_id = service.add_application(
            validate(ApplicationIn, _application_values(form), "application")
        )
    except InvalidInputError as exc:
        return _applications_page(request, form, {field_of(exc): exc.problem}, 400)
    return back(f"/applications/{app_id}/interviews/new")


@router.post("/applications/{app_id}/close")
async def application_close(request: Request, app_id: str) -> Response:
    form = await form_of(request)
    svc(request).close_application(app_id, form.get("outcome", ""))
    return back(f"/applications/{app_id}")


@router.post("/applications/{app_id}/reopen")
def application_reopen(request: Request, app_id: str) -> Response:
    svc(request).reopen_application(app_id)
    return back(f"/applications/{app_id}")


@router.get("/applications/{app_id}", response_class=HTMLResponse)
def application(request: Request, app_id: str) -> Response:
    app_id = stored_id(app_id, "application")
    asked = request.query_params.get("notice") == "ask"
    return cached(request, ("application", app_id, asked), _application_page, app_id, {}, {}, 200)


def _application_page(
    request: Request,
    app_id: str,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
    csrf_token: str | None = None,
) -> HTMLResponse:
    service = svc(request)
    view = service.application(app_id)
    profile = service.profile()
    tz = ZoneInfo(profile.timezone if profile else "UTC")
    people = {p.id: p for i in view.facts.interviews for p in i.participants}
    return page(
        request,
        "application.html",
        status,
        view=view,
        app=view.application,
        people=list(people.values()),
        open_actions=[action_to_dict(a) for a in view.plan.open_actions],
        chart=timeline_svg(view, service.clock(), tz),
        contact_options=[(p.id, p.name) for p in people.values()],
        values=values or _facts_values(view.application),
        errors=errors,
        csrf_token=csrf_token or request.state.csrf,
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
    form = await form_of(request)
    changes = _application_values(form)
    if form.get("primary_contact"):
        changes["primary_contact"] = form["primary_contact"]
    try:
        svc(request).update_application(app_id, changes)
    except InvalidInputError as exc:
        return _application_page(request, app_id, form, {field_of(exc): exc.problem}, 400)
    return back(f"/applications/{app_id}")


@router.post("/applications/{app_id}/replies")
async def reply(request: Request, app_id: str) -> Response:
    form = await form_of(request)
    try:
        svc(request).record_reply(
            app_id,
            person=form.get("person") or None,
            note=form.get("note") or None,
            kind=form.get("kind") or "answer",
            expected_by=form_day(form, "expected_by"),
            until=form_day(form, "until"),
        )
    except InvalidInputError as exc:
        field = exc.where.rsplit(": ", 1)[-1].lstrip("-").replace("-", "_")
        facts = _facts_values(svc(request).application(app_id).application)
        return _application_page(request, app_id, {**facts, **form}, {field: exc.problem}, 400)
    return back(form.get("next"), f"/applications/{app_id}")


@router.post("/actions/{action_id}/skip")
async def skip(request: Request, action_id: str) -> Response:
    form = await form_of(request)
    svc(request).skip_action(action_id)
    return back(form.get("next"), "/?notice=skipped")


# -- interviews ----------------------------------------------------------------------------
@router.get("/applications/{app_id}/interviews/new", response_class=HTMLResponse)
def interview_new(request: Request, app_id: str) -> Response:
    view = svc(request).application(app_id)
    return page(
        request,
        "interview_form.html",
        app=view.application,
        interview=None,
        values={"kind": "video"},
        rows=[0, 1],
        errors={},
    )


@router.post("/applications/{app_id}/interviews")
async def interview_add(request: Request, app_id: str) -> Response:
    view = svc(request).application(app_id)
    form = await form_of(request)
    return _save_interview(
        request,
        view,
        None,
        form,
        lambda data: svc(request).add_interview(app_id, validate(InterviewIn, data, "interview")),
        ask_date=True,
    )


def _save_interview(
    request: Request,
    view: Any,
    interview_id: str | None,
    form: dict[str, str],
    save: Any,
    *,
    ask_date: bool = False,
) -> Response:
    """Save the interview form with `save(data)`; a problem re-shows it, message by the field."""
    rows: list[int] = []
    try:
        data = interview_data(form, ZoneInfo(view.facts.candidate.timezone))
        rows = data.pop("_rows")
        if interview_id is not None:
            data["clear_expected_response_by"] = not data.get("expected_response_by")
        save(data)
    except InvalidInputError as exc:
        return page(
            request,
            "interview_form.html",
            400,
            app=view.application,
            interview=view.facts.interview(interview_id) if interview_id else None,
            values=form,
            rows=person_rows(form) or [0],
            errors={field_of(exc, rows): exc.problem},
        )
    notice = "?notice=ask" if ask_date and not data.get("expected_response_by") else ""
    return back(f"/applications/{view.application.id}{notice}")


@router.get("/interviews/{interview_id}/edit", response_class=HTMLResponse)
def interview_edit_form(request: Request, interview_id: str) -> Response:
    service = svc(request)
    app_id = service.interview_application(stored_id(interview_id, "interview"))
    view = service.application(app_id)
    interview = view.facts.interview(interview_id)
    tz = ZoneInfo(view.facts.candidate.timezone)
    if interview is None:
        raise NotFoundError("interview", interview_id)
    values: dict[str, Any] = {
        "kind": interview.kind,
        "start": interview.start.astimezone(tz).strftime("%Y-%m-%dT%H:%M"),
        "end": interview.end.astimezone(tz).strftime("%Y-%m-%dT%H:%M"),
        "forgot": "\n".join(interview.forgot_to_mention),
        "expected_response_by": interview.expected_response_by.isoformat()
        if interview.expected_response_by
        else "",
    }
    for n, p in enumerate(interview.participants):
        values.update({f"person-{n}-{f}": getattr(p, f) or "" for f in PERSON_FIELDS})
        values[f"person-{n}-id"] = p.id
        values[f"person-{n}-discussed"] = "\n".join(p.discussed)
        values[f"person-{n}-liked"] = "\n".join(p.liked)
        if view.application.primary_contact == p.id:
            values["primary"] = str(n)
    rows = list(range(max(1, len(interview.participants))))
    return page(
        request,
        "interview_form.html",
        app=view.application,
        interview=interview,
        values=values,
        rows=rows,
        errors={},
    )


@router.post("/interviews/{interview_id}")
async def interview_edit(request: Request, interview_id: str) -> Response:
    service = svc(request)
    view = service.application(service.interview_application(stored_id(interview_id, "interview")))
    form = await form_of(request)
    return _save_interview(
        request,
        view,
        interview_id,
        form,
        lambda data: service.edit_interview(
            interview_id, validate(InterviewEditIn, data, "interview")
        ),
    )


@router.get("/people-row", response_class=HTMLResponse)
def person_row(request: Request, n: int = 0) -> Response:
    return page(request, "person_row.html", n=max(0, min(n, 49)), values={}, errors={})


# -- backup --------------------------------------------------------------------------------
@router.get("/backup", response_class=HTMLResponse)
def backup(request: Request) -> Response:
    return page(request, "backup.html", message=None, error=None)


@router.get("/backup/export.json")
def backup_export(request: Request) -> Response:
    document = export_document(svc(request))
    return Response(
        json.dumps(document, indent=2, ensure_ascii=False),
        media_type="application/json",
        headers={"content-disposition": 'attachment; filename="followup-backup.json"'},
    )


@router.post("/backup/import")
async def backup_import(request: Request) -> Response:
    from followup.scenario import parse_document

    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        return page(request, "backup.html", 400, message=None, error="choose a backup file")
    raw = await upload.read()
    try:
        data = parse_document(raw, upload.filename or "backup")
        added = import_document(
            svc(request), data, upload.filename or "backup", merge=form.get("merge") == "on"
        )
    except FollowupError as exc:
        return page(request, "backup.html", exc.http_status, message=None, error=exc.message)
    return page(request, "backup.html", message=f"Imported {added} application(s).", error=None)
