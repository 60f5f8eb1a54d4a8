"""The draft editor: one follow-up's draft, kept as you type, live proofreading, suggestions
applied only to the text they were found in, downloads, and marking it sent."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from followup.core import limits
from followup.core.errors import InvalidInputError
from followup.core.ids import ActionId
from followup.core.model import METHODS
from followup.inputs.parse import check_note_text
from followup.services import writing
from followup.services.events import ProofreadingErrorsError
from followup.services.writing import CHECK_IN_ELEMENTS, THANK_YOU_ELEMENTS
from followup.web.security import verify_csrf
from followup.web.views import back, page, said, svc, with_form

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
ELEMENTS = {"thank_you": THANK_YOU_ELEMENTS, "check_in": CHECK_IN_ELEMENTS}
ELEMENT_WORDS = {
    "full_name": "your full name", "role": "the role", "when_met": "when you met",
    "thanks": "a thank-you", "detail": "something from this conversation",
    "forgot": "what you forgot to say", "enthusiasm": "enthusiasm",
    "qualifications": "why you fit",
}  # fmt: skip
MAILTO_LIMIT = 1500


def text_hash(text: str) -> str:
    """What a suggestion carries of the text it was found in: applied to any other, its
    offsets would land in the wrong word."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _method(value: str | None) -> Any:
    """A method the form names, or None when it names none."""
    if not value:
        return None
    if value not in METHODS:
        raise InvalidInputError(
            "the method", f"must be email, phone or letter, not {value[:20]!r}", field="method"
        )
    return value


# -- drafts --------------------------------------------------------------------------------
def _editor(
    request: Request,
    action_id: str,
    text: str | None,
    method: str | None,
    status: int = 200,
    template: str = "draft.html",
    **extra: Any,
) -> HTMLResponse:
    service = svc(request)
    target = writing.stored_target(service, action_id, _method(method))
    made = writing.compose_for(target)  # proofread below, once, as the text shown
    kept = writing.kept_text(service, target)
    if text is None:
        text = made.text if request.query_params.get("fresh") == "1" else (kept or made.text)
    report = writing.check(target, text)
    missing = {f.element for f in report.findings if f.kind == "missing"}
    checklist = [(ELEMENT_WORDS[e], e not in missing) for e in ELEMENTS[target.kind]]
    return page(
        request,
        template,
        status,
        action=target.action,
        target=target,
        draft=made,
        text=text,
        edited=text != made.text,
        checked=text_hash(text),
        report=report,
        marked=_marked(text, report),
        checklist=checklist,
        mailto=_mailto(made, text),
        **extra,
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
    """The editor: the note kept for this follow-up (restored as it was left), else the
    draft; `fresh=1` shows the draft of the chosen method instead."""
    return _editor(request, action_id, None, method)


@router.post("/actions/{action_id}/check", response_class=HTMLResponse)
async def draft_check(request: Request, action_id: str) -> Response:
    return await with_form(_draft_check, request, action_id)


def _draft_check(request: Request, action_id: str, form: dict[str, str]) -> Response:
    return _editor(
        request,
        action_id,
        check_note_text(form.get("text", ""), "the note"),
        form.get("method") or None,
        template="findings.html",
    )


@router.post("/actions/{action_id}/keep")
async def draft_keep(request: Request, action_id: str) -> Response:
    """Keep the note as it stands (the editor saves as you type; without JavaScript, the
    "Save the draft" button): it is there when you come back, and is what gets sent."""
    return await with_form(_draft_keep, request, action_id)


def _draft_keep(request: Request, action_id: str, form: dict[str, str]) -> Response:
    service = svc(request)
    text = form.get("text", "")
    method = _method(form.get("method")) or "email"
    if text.strip():
        target = writing.stored_target(service, action_id, method)
        writing.keep(service, target, text, method)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"kept": bool(text.strip()), "at": service.clock().isoformat()})
    return back(said(request, f"/actions/{action_id}?method={method}", "Draft saved."))


@router.post("/actions/{action_id}/switch")
async def draft_switch(request: Request, action_id: str) -> Response:
    """Another method: the note as written is kept under it (nothing typed is lost); the
    editor then offers that method's own draft."""
    return await with_form(_draft_switch, request, action_id)


def _draft_switch(request: Request, action_id: str, form: dict[str, str]) -> Response:
    service = svc(request)
    method = _method(form.get("switch_to")) or "email"
    text = form.get("text", "")
    was = writing.stored_target(service, action_id, _method(form.get("method")))
    if text.strip() and text != writing.compose_for(was).text:  # written on: keep it
        writing.keep(service, writing.stored_target(service, action_id, method), text, method)
        return back(f"/actions/{action_id}?method={method}")
    return back(f"/actions/{action_id}?method={method}&fresh=1")


@router.post("/actions/{action_id}/apply", response_class=HTMLResponse)
async def draft_apply(request: Request, action_id: str) -> Response:
    """Apply a suggestion to the text it was found in. When the note has changed since (typed
    on before the check caught up), nothing is replaced: the note is checked again as it is,
    and its suggestions offered anew."""
    return await with_form(_draft_apply, request, action_id)


def _draft_apply(request: Request, action_id: str, form: dict[str, str]) -> Response:
    text = check_note_text(form.get("text", ""), "the note")
    method = form.get("method") or None
    replacement = form.get("replacement", "")
    if len(replacement) > limits.WORD:
        raise InvalidInputError("the suggestion", f"is longer than {limits.WORD} characters")
    try:
        start, end = int(form.get("start", "")), int(form.get("end", ""))
    except ValueError:
        raise InvalidInputError("start", "not a position in the note") from None
    fresh = (
        form.get("checked") == text_hash(text)
        and 0 <= start <= end <= len(text)
        and text[start:end] == form.get("expected", "")
    )
    if not fresh:
        return _editor(request, action_id, text, method, template="editor.html", caret=None)
    text = check_note_text(text[:start] + replacement + text[end:], "the note")
    service = svc(request)
    target = writing.stored_target(service, action_id, _method(method))
    writing.keep(service, target, text, target.method)
    caret = start + len(replacement)
    return _editor(request, action_id, text, method, template="editor.html", caret=caret)


@router.post("/actions/{action_id}/eml")
async def draft_eml(request: Request, action_id: str) -> Response:
    return await with_form(_draft_eml, request, action_id)


def _draft_eml(request: Request, action_id: str, form: dict[str, str]) -> Response:
    from followup.services.mail import eml_for

    data, name = eml_for(svc(request), action_id, form.get("text", ""))
    return Response(
        data,
        media_type="message/rfc822",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.post("/actions/{action_id}/pdf")
async def draft_pdf(request: Request, action_id: str) -> Response:
    return await with_form(_draft_pdf, request, action_id)


def _draft_pdf(request: Request, action_id: str, form: dict[str, str]) -> Response:
    text = check_note_text(form.get("text", ""), "the note")
    name = ActionId.parse(action_id, stored=True).slug
    return Response(
        writing.letter_pdf(text),
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{name}.pdf"'},
    )


@router.get("/actions/{action_id}/callsheet", response_class=HTMLResponse)
def call_sheet(request: Request, action_id: str) -> Response:
    """The printable call sheet: the note as edited (kept), else the phone draft."""
    service = svc(request)
    target = writing.stored_target(service, action_id, "phone")
    call = writing.compose_for(target)
    kept = writing.kept_text(service, target)
    edited = kept if kept and kept != call.text else None
    return page(
        request, "callsheet.html", draft=call, company=target.facts.application, edited=edited
    )


@router.post("/actions/{action_id}/sent")
async def draft_sent(request: Request, action_id: str) -> Response:
    """Mark a follow-up as made, with the note as sent (or the one kept). A note with
    proofreading errors is recorded only after a confirmation that lists them."""
    return await with_form(_draft_sent, request, action_id)


def _draft_sent(request: Request, action_id: str, form: dict[str, str]) -> Response:
    service = svc(request)
    target = form.get("next") or "/"
    text = form.get("text")
    try:
        result = service.mark_sent(
            action_id,
            text=text,
            method=form.get("method") or None,
            confirmed=form.get("confirmed") == "1",
        )
    except ProofreadingErrorsError as exc:
        if text and text.strip():  # going back to the editor finds it as it was
            t = writing.stored_target(service, action_id, _method(form.get("method")))
            writing.keep(service, t, text, t.method)
        fields = {k: v for k, v in form.items() if k in ("text", "method", "next")}
        return page(
            request,
            "confirm.html",
            title="Mark it sent with these errors?",
            lines=[
                f"The note has {len(exc.findings)} proofreading "
                f"error{'s' if len(exc.findings) != 1 else ''}:"
            ],
            findings=exc.findings,
            action=f"/actions/{action_id}/sent",
            fields=fields,
            button="It went as it is: mark it sent",
            cancel=f"/actions/{exc.action_id}",
            cancel_words="Back to the note to fix it",
            danger=False,
        )
    if result.warning:
        target = said(request, target, result.warning, "warning")
    return back(target, done=result.change)


@router.post("/actions/{action_id}/skip")
async def skip(request: Request, action_id: str) -> Response:
    """Skip a planned follow-up (R1b); undo brings it back for a minute."""
    return await with_form(_skip, request, action_id)


def _skip(request: Request, action_id: str, form: dict[str, str]) -> Response:
    result = svc(request).skip_action(action_id)
    return back(form.get("next"), "/", done=result.change)
