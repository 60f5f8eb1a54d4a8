"""The draft editor: one follow-up's draft, live proofreading, downloads, mark as sent."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from followup.core.errors import InvalidInputError
from followup.core.ids import ActionId
from followup.inputs.parse import check_note_text
from followup.services import writing
from followup.web.redirects import safe_next
from followup.web.security import verify_csrf
from followup.web.views import back, form_of, page, svc
from followup.writing.proofread import CHECK_IN_ELEMENTS, THANK_YOU_ELEMENTS

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
ELEMENTS = {"thank_you": THANK_YOU_ELEMENTS, "check_in": CHECK_IN_ELEMENTS}
ELEMENT_WORDS = {
    "full_name": "your full name", "role": "the role", "when_met": "when you met",
    "thanks": "a thank-you", "detail": "something from this conversation",
    "forgot": "what you forgot to say", "enthusiasm": "enthusiasm",
    "qualifications": "why you fit",
}  # fmt: skip
MAILTO_LIMIT = 1500


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
    made = writing.compose_for(target)  # proofread below, once, as the text shown
    if text is None:
        text = writing.kept_text(service, target) or made.text
    report = writing.check(target, text)
    missing = {f.element for f in report.findings if f.kind == "missing"}
    checklist = [(ELEMENT_WORDS[e], e not in missing) for e in ELEMENTS[target.kind]]
    action = target.action
    return page(
        request,
        template,
        status,
        action=action,
        target=target,
        draft=made,
        text=text,
        report=report,
        marked=_marked(text, report),
        checklist=checklist,
        mailto=_mailto(made, text),
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
        check_note_text(form.get("text", ""), "the note"),
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
    text = check_note_text(text[:start] + form.get("replacement", "") + text[end:], "the note")
    return _editor(request, action_id, text, form.get("method") or None, template="editor.html")


@router.post("/actions/{action_id}/eml")
async def draft_eml(request: Request, action_id: str) -> Response:
    from followup.services.mail import eml_for

    form = await form_of(request)
    data, name = eml_for(svc(request), action_id, form.get("text", ""))
    return Response(
        data,
        media_type="message/rfc822",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.post("/actions/{action_id}/pdf")
async def draft_pdf(request: Request, action_id: str) -> Response:
    form = await form_of(request)
    text = check_note_text(form.get("text", ""), "the note")
    name = ActionId.parse(action_id, stored=True).slug
    return Response(
        writing.letter_pdf(text),
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{name}.pdf"'},
    )


@router.get("/actions/{action_id}/callsheet", response_class=HTMLResponse)
def call_sheet(request: Request, action_id: str) -> Response:
    target = writing.stored_target(svc(request), action_id, "phone")
    call = writing.compose_for(target)
    return page(request, "callsheet.html", draft=call, company=target.facts.application)


@router.post("/actions/{action_id}/sent")
async def draft_sent(request: Request, action_id: str) -> Response:
    form = await form_of(request)
    result = svc(request).mark_sent(
        action_id, text=form.get("text"), method=form.get("method") or None
    )
    target = safe_next(form.get("next"))
    notice = "notice=sent" + (f"&warning={quote(result.warning)}" if result.warning else "")
    return back(target + ("&" if "?" in target else "?") + notice)
