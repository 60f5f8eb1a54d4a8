"""The pages: Today, Settings (and the first-visit setup), Backup, and undo. Thin routes over
the services; templates do the rest."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from followup.core.errors import FollowupError, InvalidInputError
from followup.inputs.models import ProfileIn
from followup.web.forms import FormError, checked, service_error
from followup.web.pagecache import from_memory
from followup.web.security import verify_csrf
from followup.web.views import back, cached, has_message, page, said, svc, with_form

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
TODAY_LIMIT = 40
NUMBERS = ("checkins_per_week", "default_wait_days", "checkin_limit")


# -- today ---------------------------------------------------------------------------------
async def today(request: Request) -> Response:
    """Today, the page opened most: answered from memory on the event loop when nothing was
    written since it was rendered (web/pagecache.py), else rendered in a thread. Mounted ahead
    of every other route (web/app.py)."""
    if not has_message(request):
        hit = from_memory(request, _today_key(request))
        if hit is not None:
            return hit
    return await run_in_threadpool(_today_page, request)


def _today_key(request: Request) -> tuple[str, bool]:
    return ("today", request.query_params.get("all") == "1")


def _today_page(request: Request) -> Response:
    """Today, rendered once per data revision and minute (times read "in 5 h"), then served
    from memory with this browser's CSRF token put in; a page saying what just happened (a
    toast, a message) is never cached."""
    if has_message(request):
        return _today(request, request.state.csrf)
    return cached(request, _today_key(request), _today)


def _today(request: Request, csrf_token: str, status: int = 200, **extra: Any) -> Response:
    service = svc(request)
    if service.profile() is None:
        return back("/setup")
    agenda = service.agenda()
    bounced = service.bounces()
    groups = {"overdue": [], "due": [], "planned": []}  # type: dict[str, list[dict[str, Any]]]
    for item in agenda.items:
        if item["id"] in bounced:
            item = {**item, "bounced": bounced[item["id"]]}
        groups[item["status"]].append(item)
    everything = request.query_params.get("all") == "1"
    counts = {k: len(v) for k, v in groups.items()}
    if not everything:  # a page of thousands of cards helps nobody: the first ones, then a link
        groups = {k: v[:TODAY_LIMIT] for k, v in groups.items()}
    return page(
        request,
        "today.html",
        status,
        csrf_token=csrf_token,
        groups=groups,
        counts=counts,
        todos=agenda.todos[:TODAY_LIMIT] if not everything else agenda.todos,
        todo_count=len(agenda.todos),
        **extra,
    )


# -- profile -------------------------------------------------------------------------------
@router.get("/setup", response_class=HTMLResponse)
@router.get("/settings", response_class=HTMLResponse)
def settings_form(request: Request) -> Response:
    return settings_page(request)


def settings_page(request: Request, status: int = 200, **sections: Any) -> Response:
    """Settings as stored; `sections` carry what a section's own form brought back (the
    mail and calendar routes render it with their problems beside their fields)."""
    profile = svc(request).profile()
    values = {} if profile is None else {k: getattr(profile, k) for k in ProfileIn.model_fields}
    return page(
        request,
        "settings.html",
        status,
        values=values,
        errors={},
        first=profile is None,
        **sections,
    )


@router.post("/setup")
@router.post("/settings")
async def settings_save(request: Request) -> Response:
    return await with_form(_settings_save, request)


def _settings_save(request: Request, form: dict[str, str]) -> Response:
    service = svc(request)
    first = service.profile() is None
    data: dict[str, Any] = {}
    for name in ProfileIn.model_fields:
        value = (form.get(name) or "").strip()
        if value:
            data[name] = int(value) if name in NUMBERS and value.isdigit() else value
    try:
        service.setup(checked(ProfileIn, data))
    except FormError as exc:
        return page(request, "settings.html", 400, values=form, errors=exc.errors, first=first)
    except InvalidInputError as exc:
        return page(
            request,
            "settings.html",
            400,
            values=form,
            errors=service_error(exc).errors,
            first=first,
        )
    return back("/" if first else said(request, "/settings", "Saved."))


# -- the sample ----------------------------------------------------------------------------
@router.post("/demo/remove")
def demo_remove(request: Request) -> Response:
    """ "Start with my own": the sample goes; the first-visit setup comes next (or Settings,
    when applications of the user's own stay)."""
    if svc(request).remove_demo():
        return back("/setup")
    return back(said(request, "/settings", "The sample is gone; your own applications stay."))


# -- undo ----------------------------------------------------------------------------------
@router.post("/undo/{change_id}")
async def undo(request: Request, change_id: str) -> Response:
    """Undo a change of the last minute (the toast's button); the page it came from follows."""
    return await with_form(_undo, request, change_id)


def _undo(request: Request, change_id: str, form: dict[str, str]) -> Response:
    target = form.get("next") or "/"
    try:
        done = svc(request).undo(change_id)
    except FollowupError as exc:
        return back(said(request, target, f"Not undone: {exc.message}.", "warning"))
    if not done.application_exists and target.startswith("/applications/"):
        target = "/applications"
    elif done.application_exists and target == "/applications":
        target = f"/applications/{done.application_id}"
    return back(said(request, target, f"Undone: {done.summary}."))


# -- backup --------------------------------------------------------------------------------
@router.get("/backup", response_class=HTMLResponse)
def backup(request: Request) -> Response:
    return page(request, "backup.html", result=None, error=None)


@router.get("/backup/export.json")
def backup_export(request: Request) -> Response:
    from followup.services.backup import export_document

    document = export_document(svc(request))
    return Response(
        json.dumps(document, indent=2, ensure_ascii=False),
        media_type="application/json",
        headers={"content-disposition": 'attachment; filename="followup-backup.json"'},
    )


@router.post("/backup/import")
async def backup_import(request: Request) -> Response:
    from followup.scenario import parse_document
    from followup.services.backup import NotEmptyError, import_document

    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        return page(request, "backup.html", 400, result=None, error="Choose a backup file.")
    raw = await upload.read()
    try:
        data = parse_document(raw, upload.filename or "backup")
        added = import_document(
            svc(request), data, upload.filename or "backup", merge=form.get("merge") == "on"
        )
    except NotEmptyError as exc:
        error = (
            f"This followup already holds a profile and {exc.count} application(s). Tick "
            "“Add to what is here (merge)” to add the backup's applications to them."
        )
        return page(request, "backup.html", exc.http_status, result=None, error=error)
    except FollowupError as exc:
        return page(request, "backup.html", exc.http_status, result=None, error=exc.message)
    return page(request, "backup.html", result=f"Imported {added} application(s).", error=None)
