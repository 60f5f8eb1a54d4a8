"""The interview form (add, correct) with everyone met, and a person's own page (contact
details, where the to-do "Add the contact detail" leads)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from followup.core.errors import InvalidInputError, NotFoundError
from followup.inputs.models import InterviewEditIn, InterviewIn, PersonEditIn
from followup.web.forms import (
    PERSON_FIELDS,
    FormError,
    checked,
    interview_data,
    person_rows,
    service_error,
)
from followup.web.security import verify_csrf
from followup.web.views import back, form_of, page, stored_id, svc, with_form

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
NEEDS = {"email": "email", "phone": "phone", "address": "address"}


@router.get("/applications/{app_id}/interviews/new", response_class=HTMLResponse)
def interview_new(request: Request, app_id: str) -> Response:
    """A new interview; the answer date the application was given is carried over."""
    view = svc(request).application(stored_id(app_id, "application"))
    given = view.application.expected_response_by
    values = {"kind": "video", "expected_response_by": given.isoformat() if given else ""}
    return _form(request, view, None, values, [0, 1], {})


def _form(
    request: Request,
    view: Any,
    interview: Any,
    values: dict[str, Any],
    rows: list[int],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    return page(
        request,
        "interview_form.html",
        status,
        app=view.application,
        interview=interview,
        values=values,
        rows=rows,
        errors=errors,
    )


@router.post("/applications/{app_id}/interviews")
async def interview_add(request: Request, app_id: str) -> Response:
    service = svc(request)
    view = service.application(stored_id(app_id, "application"))
    form = await form_of(request)
    return _save(request, view, None, form, InterviewIn, lambda v: service.add_interview(app_id, v))


def _save(
    request: Request, view: Any, interview_id: str | None, form: Any, model: Any, persist: Any
) -> Response:
    """Check the interview form as `model` and `persist` it; problems re-show it, each beside
    its field, and nothing is saved."""
    data, rows, errors = interview_data(form, ZoneInfo(view.facts.candidate.timezone))
    if interview_id is not None:
        data["clear_expected_response_by"] = not data.get("expected_response_by")
    try:
        value = checked(model, data, rows)
    except FormError as exc:
        errors = {**exc.errors, **errors}  # a time that could not be read says so
    if not errors:
        try:
            persist(value)
        except InvalidInputError as exc:
            errors = service_error(exc, rows).errors
    if errors:
        interview = view.facts.interview(interview_id) if interview_id else None
        return _form(request, view, interview, form, person_rows(form) or [0], errors, 400)
    app_id = view.application.id
    plan = svc(request).application(app_id).plan
    notice = "?notice=ask" if interview_id is None and plan.expected_source == "default" else ""
    return back(f"/applications/{app_id}{notice}")


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
    return _form(request, view, interview, values, rows, {})


@router.post("/interviews/{interview_id}")
async def interview_edit(request: Request, interview_id: str) -> Response:
    service = svc(request)
    view = service.application(service.interview_application(stored_id(interview_id, "interview")))
    form = await form_of(request)
    return _save(
        request,
        view,
        interview_id,
        form,
        InterviewEditIn,
        lambda v: service.edit_interview(interview_id, v),
    )


@router.get("/people-row", response_class=HTMLResponse)
def person_row(request: Request, n: int = 0) -> Response:
    """One more person on the interview form, and its choice in "Check-ins go to"."""
    return page(request, "person_row.html", n=max(0, min(n, 49)), values={}, errors={}, more=True)


# -- a person ------------------------------------------------------------------------------
@router.get("/people/{person_id}/edit", response_class=HTMLResponse)
def person_form(request: Request, person_id: str) -> Response:
    """A person's name and contact details; `need` (from the to-do) puts that field first."""
    service = svc(request)
    app_id, person = service.person(stored_id(person_id, "person"))
    values = {f: getattr(person, f) or "" for f in PERSON_FIELDS}
    need = NEEDS.get(request.query_params.get("need", ""))
    return _person_page(request, person_id, app_id, person, values, {}, need)


def _person_page(
    request: Request,
    person_id: str,
    app_id: int,
    person: Any,
    values: dict[str, Any],
    errors: dict[str, str],
    need: str | None,
    status: int = 200,
) -> HTMLResponse:
    view = svc(request).application(app_id)
    return page(
        request,
        "person.html",
        status,
        person=person,
        person_id=person_id,
        app=view.application,
        values=values,
        errors=errors,
        need=need,
    )


@router.post("/people/{person_id}")
async def person_save(request: Request, person_id: str) -> Response:
    return await with_form(_person_save, request, person_id)


def _person_save(request: Request, person_id: str, form: dict[str, str]) -> Response:
    service = svc(request)
    app_id, person = service.person(stored_id(person_id, "person"))
    typed = {f: (form.get(f) or "").strip() for f in PERSON_FIELDS}
    try:
        checked(PersonEditIn, typed)
        service.edit_person(person_id, {k: v or None for k, v in typed.items()})
    except FormError as exc:
        return _person_page(request, person_id, app_id, person, form, exc.errors, None, 400)
    except InvalidInputError as exc:
        errors = service_error(exc).errors
        return _person_page(request, person_id, app_id, person, form, errors, None, 400)
    return back(form.get("next"), f"/applications/{app_id}")
