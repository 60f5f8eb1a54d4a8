"""The pages: thin routes over the services; templates do the rest."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from followup.core.errors import FollowupError, InvalidInputError
from followup.core.jsonable import action_to_dict
from followup.services import Followup, writing
from followup.services.backup import export_document, import_document
from followup.services.inputs import (
    ApplicationIn,
    InterviewEditIn,
    InterviewIn,
    ProfileIn,
    validate,
)
from followup.web.charts import timeline_svg, timeliness_svg
from followup.web.forms import field_of, interview_data
from followup.web.security import verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
ELEMENTS = {
    "thank_you": ["full_name", "role", "when_met", "thanks", "detail", "forgot", "enthusiasm",
                  "qualifications"],
    "check_in": ["full_name", "role", "when_met", "enthusiasm"],
}  # fmt: skip
ELEMENT_WORDS = {
    "full_name": "your full name", "role": "the role", "when_met": "when you met",
    "thanks": "a thank-you", "detail": "something from this conversation",
    "forgot": "what you forgot to say", "enthusiasm": "enthusiasm",
    "qualifications": "why you fit",
}  # fmt: skip
MAILTO_LIMIT = 1500
TODAY_LIMIT = 40
CSRF_SLOT = "@@csrf-token@@"  # stands in a cached page for each browser's own token


def svc(request: Request) -> Followup:
    return request.app.state.service  # type: ignore[no-any-return]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    service = svc(request)
    profile = service.profile()
    context.setdefault("profile", profile)
    context["tz"] = ZoneInfo(profile.timezone if profile else "UTC")
    context["now"] = service.clock()
    context.setdefault("csrf_token", request.state.csrf)
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, name, context, status_code=status
    )


async def form_of(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- today ---------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def today(request: Request) -> Response:
    """Today, rendered once per data revision and minute (times read "in 5 h"), then served
    from memory with this browser's CSRF token put in."""
    return cached(request, _today)


def cached(request: Request, render: Any, *args: Any) -> HTMLResponse:
    """A page rendered once per data revision, minute and URL, then served from memory.

    Pages say "in 5 h", so they are made again every minute, and whenever a fact changes (in
    this process or any other: the revision lives in the database). Each browser's CSRF token
    is put into the cached page on the way out.
    """
    service = svc(request)
    cache: dict[tuple[int, int, str], str] = request.app.state.page_cache
    minute = int(service.clock().timestamp() // 60)
    key = (service.revision(), minute, str(request.url.path) + "?" + str(request.query_params))
    html = cache.get(key)
    if html is None:
        response = render(request, *args)
        if response.status_code != 200:
            return response  # type: ignore[no-any-return]
        html = response.body.decode()
        for old in [k for k in cache if k[:2] != key[:2]]:
            del cache[old]  # only views of the newest revision and minute are worth keeping
        cache[key] = html
    return HTMLResponse(html.replace(CSRF_SLOT, request.state.csrf))


def _today(request: Request) -> Response:
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
        csrf_token=CSRF_SLOT,
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
    for number in ("checkins_per_week", "default_wait_days"):
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
    return cached(request, _application_page, app_id, {}, {}, 200, CSRF_SLOT)


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
        open_actions=[action_to_dict(a) for a in view.plan.actions if a.status != "done"],
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
    svc(request).record_reply(
        app_id, person=form.get("person") or None, note=form.get("note") or None
    )
    return back(form.get("next") or f"/applications/{app_id}")


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
    service = svc(request)
    view = service.application(app_id)
    form = await form_of(request)
    tz = ZoneInfo(view.facts.candidate.timezone)
    rows: list[int] = []
    try:
        data = interview_data(form, tz)
        rows = data.pop("_rows")
        service.add_interview(app_id, validate(InterviewIn, data, "interview"))
    except InvalidInputError as exc:
        return page(
            request,
            "interview_form.html",
            400,
            app=view.application,
            interview=None,
            values=form,
            rows=_form_rows(form),
            errors={field_of(exc, rows): exc.problem},
        )
    notice = "" if data.get("expected_response_by") else "?notice=ask"
    return back(f"/applications/{app_id}{notice}")


def _form_rows(form: dict[str, str]) -> list[int]:
    rows = sorted(
        {
            int(k.split("-")[1])
            for k in form
            if k.startswith("person-") and k.split("-")[1].isdigit()
        }
    )
    return rows or [0]


@router.get("/interviews/{interview_id}/edit", response_class=HTMLResponse)
def interview_edit_form(request: Request, interview_id: str) -> Response:
    service = svc(request)
    app_id = service.interview_application(interview_id)
    view = service.application(app_id)
    interview = view.facts.interview(interview_id)
    tz = ZoneInfo(view.facts.candidate.timezone)
    assert interview is not None
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
        contact = next((c for c in view.facts.interviews[-1].participants if c.id == p.id), p)
        values.update(
            {
                f"person-{n}-{f}": getattr(p, f) or getattr(contact, f) or ""
                for f in ("name", "title", "email", "phone", "address", "salutation")
            }
        )
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
    app_id = service.interview_application(interview_id)
    view = service.application(app_id)
    form = await form_of(request)
    tz = ZoneInfo(view.facts.candidate.timezone)
    rows: list[int] = []
    try:
        data = interview_data(form, tz)
        rows = data.pop("_rows")
        data["clear_expected_response_by"] = not data.get("expected_response_by")
        service.edit_interview(interview_id, validate(InterviewEditIn, data, "interview"))
    except InvalidInputError as exc:
        return page(
            request,
            "interview_form.html",
            400,
            app=view.application,
            interview=view.facts.interview(interview_id),
            values=form,
            rows=_form_rows(form),
            errors={field_of(exc, rows): exc.problem},
        )
    return back(f"/applications/{app_id}")


@router.get("/people-row", response_class=HTMLResponse)
def person_row(request: Request, n: int = 0) -> Response:
    return page(request, "person_row.html", n=max(0, min(n, 49)), values={}, errors={})


# -- drafts --------------------------------------------------------------------------------
def _editor(
    request: Request,
    action_id: str,
    text: str | None,
    method: str | None,
    status: int = 200,
    template: str = "draft.html",
) -> HTMLResponse:
    service = svc(request)
    target = writing.stored_target(service, action_id, method)  # type: ignore[arg-type]
    made = writing.draft(target)
    if text is None:
        text = writing.kept_text(service, target) or made.draft.text
    report = writing.check(target, text)
    missing = {f.element for f in report.findings if f.kind == "missing"}
    checklist = [(ELEMENT_WORDS[e], e not in missing) for e in ELEMENTS[target.kind]]
    from followup.core.plan import plan_application

    action = next(
        a for a in plan_application(target.facts, service.clock()).actions if a.id == action_id
    )
    return page(
        request,
        template,
        status,
        action=action,
        target=target,
        draft=made.draft,
        text=text,
        report=report,
        marked=_marked(text, report),
        checklist=checklist,
        mailto=_mailto(made.draft, text),
    )


def _marked(text: str, report: Any) -> list[tuple[str, str | None, int | None]]:
    """The text cut into (piece, finding kind or None, finding index) for highlighting."""
    spans = sorted(
        (f.start, f.end, f.kind, n)
        for n, f in enumerate(report.findings)
        if f.start is not None and f.end is not None
    )
    out, at = [], 0
    for start, end, kind, n in spans:
        if start < at:
            continue
        out.append((text[at:start], None, None))
        out.append((text[start:end], kind, n))
        at = end
    out.append((text[at:], None, None))
    return out


def _mailto(draft: Any, text: str) -> str | None:
    if draft.method != "email" or not draft.to.email:
        return None
    subject, body = _split_subject(text)
    url = f"mailto:{quote(draft.to.email)}?subject={quote(subject)}&body={quote(body)}"
    return url if len(url) <= MAILTO_LIMIT else None


def _split_subject(text: str) -> tuple[str, str]:
    if text.startswith("Subject:"):
        first, _, rest = text.partition("\n")
        return first.removeprefix("Subject:").strip(), rest.lstrip("\n")
    return "", text


@router.get("/actions/{action_id}", response_class=HTMLResponse)
def draft_page(request: Request, action_id: str, method: str | None = None) -> Response:
    return _editor(request, action_id, None, method)


@router.post("/actions/{action_id}/check", response_class=HTMLResponse)
async def draft_check(request: Request, action_id: str) -> Response:
    form = await form_of(request)
    return _editor(
        request,
        action_id,
        writing.check_note_text(form.get("text", ""), "the note"),
        form.get("method") or None,
        template="findings.html",
    )


@router.post("/actions/{action_id}/apply", response_class=HTMLResponse)
async def draft_apply(request: Request, action_id: str) -> Response:
    form = await form_of(request)
    text = form.get("text", "")
    try:
        start, end = int(form.get("start", "")), int(form.get("end", ""))
    except ValueError:
        raise InvalidInputError("start", "not a position in the note") from None
    if not 0 <= start <= end <= len(text):
        raise InvalidInputError("start", "outside the note; it changed, check it again")
    text = text[:start] + form.get("replacement", "") + text[end:]
    return _editor(request, action_id, text, form.get("method") or None, template="editor.html")


@router.post("/actions/{action_id}/eml")
async def draft_eml(request: Request, action_id: str) -> Response:
    from email.message import EmailMessage
    from email.utils import formataddr

    form = await form_of(request)
    service = svc(request)
    target = writing.stored_target(service, action_id)
    text = writing.check_note_text(form.get("text", ""), "the note")
    subject, body = _split_subject(text)
    person = target.facts.person(target.contact)
    candidate = target.facts.candidate
    message = EmailMessage()
    message["Subject"] = subject or f"Thank you: {target.facts.application.role}"
    message["To"] = (
        formataddr((person.name if person else "", person.email or "")) if person else ""
    )
    message["From"] = formataddr((candidate.full_name, candidate.email or ""))
    message["X-Unsent"] = "1"  # mail programs open it as a draft to send
    message.set_content(body)
    name = action_id.replace(":", "-")
    return Response(
        bytes(message),
        media_type="message/rfc822",
        headers={"content-disposition": f'attachment; filename="{name}.eml"'},
    )


@router.post("/actions/{action_id}/pdf")
async def draft_pdf(request: Request, action_id: str) -> Response:
    form = await form_of(request)
    text = writing.check_note_text(form.get("text", ""), "the note")
    name = action_id.replace(":", "-")
    return Response(
        writing.letter_pdf(text),
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{name}.pdf"'},
    )


@router.get("/actions/{action_id}/callsheet", response_class=HTMLResponse)
def call_sheet(request: Request, action_id: str) -> Response:
    target = writing.stored_target(svc(request), action_id, "phone")
    made = writing.draft(target)
    return page(request, "callsheet.html", draft=made.draft, company=target.facts.application)


@router.post("/actions/{action_id}/sent")
async def draft_sent(request: Request, action_id: str) -> Response:
    form = await form_of(request)
    service = svc(request)
    text = form.get("text")
    method = form.get("method") or None
    if text is not None and text.strip():
        target = writing.stored_target(service, action_id, method)  # type: ignore[arg-type]
        writing.keep(service, target, text, target.method or "email")  # type: ignore[arg-type]
    result = service.record_sent(action_id, method=method)
    notice = f"?notice=sent&warning={quote(result.warning)}" if result.warning else "?notice=sent"
    return back((form.get("next") or "/") + notice)


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
    from followup.web.app import status_of

    if upload is None or isinstance(upload, str):
        return page(request, "backup.html", 400, message=None, error="choose a backup file")
    raw = await upload.read()
    try:
        data = parse_document(raw, upload.filename or "backup")
        added = import_document(
            svc(request), data, upload.filename or "backup", merge=form.get("merge") == "on"
        )
    except FollowupError as exc:
        return page(request, "backup.html", status_of(exc), message=None, error=exc.message)
    return page(request, "backup.html", message=f"Imported {added} application(s).", error=None)
