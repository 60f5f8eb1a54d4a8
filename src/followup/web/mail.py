"""The mail pages: Settings' Mail section (the account, Test connection, the digest time), Send
and Save to Drafts in the draft editor, Check mail and "Is this their answer?" on Today, and the
Outbox. Thin routes over services/mail.py, sending.py, mailsync.py and digest.py; whatever talks
to a mail server runs in a worker thread, so the server answers other pages meanwhile.

No secret is ever put back into a page: the password field is always empty, and the section
says only where the secret is kept.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from followup.core.errors import FollowupError, InvalidInputError
from followup.web.forms import form_day
from followup.web.mail_settings import (
    FORM_WORDS,
    NO_KEYRING,
    field_problems,
    kept_words,
    mail_section,
    options_of,
    sentence,
)
from followup.web.pages import settings_page
from followup.web.security import verify_csrf
from followup.web.views import back, form_of, page, said, stored_id, svc

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
FORM_KEYS = (
    "mail_address", "preset", "smtp", "smtp_security", "imap", "imap_security", "username", "auth",
    "password_file", "oauth", "client_id", "client_secret_file",
)  # fmt: skip


def mail_ready(request: Request) -> bool:
    """Whether a mail account is set up (the editor's Send and Save to Drafts need one)."""
    from followup.services.mail import account_settings

    return account_settings(svc(request)) is not None


def mail_today(request: Request) -> dict[str, Any] | None:
    """Today's mail part: the unsure messages with their applications; None without an account."""
    from followup.services.mailsync import unsure

    service = svc(request)
    if not mail_ready(request):
        return None
    waiting = unsure(service)
    if waiting:
        names = {str(a.id): f"{a.company} · {a.role}" for a, _ in service.applications()}
        waiting = [w | {"application_name": names.get(str(w["application"]))} for w in waiting]
    return {"unsure": waiting}


def template_globals() -> dict[str, Any]:
    return {
        "mail_section": mail_section,
        "mail_ready": mail_ready,
        "mail_today": mail_today,
        "mail_sentence": sentence,
    }


# -- Settings: the account ------------------------------------------------------------------
def _mail_form(request: Request, form: dict[str, str], errors: dict[str, str]) -> Response:
    values = {k: form.get(k, "") for k in FORM_KEYS}  # the password never goes back
    return settings_page(request, 400, mail_values=values, mail_errors=errors)


def _page_words(exc: FollowupError) -> str:
    """An error as a page says it, without the command-line flag it names (`--password-file:
    …` is the command line's way) or a final full stop."""
    if isinstance(exc, InvalidInputError) and exc.where.startswith("--"):
        return exc.problem.rstrip(".")
    return exc.message.rstrip(".")


def _mail_problem(exc: Exception) -> str:
    from followup.services.mail import KeyringUnavailableError

    if isinstance(exc, KeyringUnavailableError):
        return sentence(NO_KEYRING.format(detail=exc.detail))
    return sentence(getattr(exc, "message", str(exc)))


@router.post("/settings/mail")
async def mail_setup(request: Request) -> Response:
    """Keep the account: an app password in the keyring, a password file, or an OAuth sign-in
    with the user's own client (the browser opens on this machine; the page waits for it).
    Every field's problem shows beside it at once."""
    from followup.services import mail
    from followup.services.mail import KeyringUnavailableError, MailError, keyring_check

    form = await form_of(request)
    service = svc(request)
    options = options_of(form)
    _, problems = await run_in_threadpool(mail.setup_problems, options, FORM_WORDS)
    errors = field_problems(problems)
    secret: str | None = None
    if options["keyring"]:
        try:
            keyring_check()
        except KeyringUnavailableError as exc:
            errors.setdefault("password", _mail_problem(exc))
        else:
            secret = (form.get("password") or "").strip("\r\n") or None
            if secret is None and not _secret_kept(service, options["address_text"]):
                errors.setdefault("password", "Give the app password: it goes to your keyring.")
    if errors:
        return _mail_form(request, form, errors)
    try:
        if options["oauth"]:
            secret = await run_in_threadpool(
                mail.authorize_oauth, service, options, browser=True, say=lambda _: None
            )
        result = await run_in_threadpool(mail.setup_account, service, secret=secret, **options)
    except InvalidInputError as exc:
        return _mail_form(request, form, field_problems([exc]))
    except MailError as exc:  # the keyring refused the secret, an OAuth sign-in refused
        where = "client_id" if options["oauth"] else "password"
        return _mail_form(request, form, {where: _mail_problem(exc)})
    _forget_background_problem(request)
    text = f"Mail account {result.account.address} saved; {kept_words(result.account)}."
    return back(said(request, "/settings", text + " Test the connection next.") + "#mail")


def _secret_kept(service: Any, address_text: str | None) -> bool:
    """Whether the stored account keeps its app password in the keyring under this address
    (a change of server or user name needs no new password)."""
    from followup.services.mail import account_settings

    found = account_settings(service)
    if found is None or not address_text:
        return False
    kept = found.account
    same = kept.address.lower() == address_text.strip().lower()
    return same and kept.auth == "password" and not kept.password_file


def _forget_background_problem(request: Request) -> None:
    """The last automatic mail check's failure was about the account just changed: Settings
    stops showing it (the next round reports on the new one)."""
    from followup.web.background import Round

    background = getattr(request.app.state, "background", None)
    if background is not None:
        background.mail = Round()


@router.post("/settings/mail/remove")
async def mail_remove(request: Request) -> Response:
    """Forget the account and its secret in the keyring, after asking; the outbox stays."""
    from followup.services.mail import account_settings, remove_account

    form = await form_of(request)
    service = svc(request)
    found = account_settings(service)
    if found is None:
        return back(said(request, "/settings", "There is no mail account to remove.") + "#mail")
    if form.get("confirmed") != "1":
        address = found.account.address
        return page(
            request,
            "confirm.html",
            title=f"Remove the mail account {address}?",
            lines=[
                "followup stops sending from it and reading it; its secret in your OS keyring "
                "is removed with it (a password file is yours: it stays).",
                "The Outbox keeps what was sent. You can set an account up again at any time.",
            ],
            action="/settings/mail/remove",
            fields={},
            button="Remove the account",
            cancel="/settings#mail",
            danger=True,
            findings=None,
        )
    removed = await run_in_threadpool(remove_account, service)
    _forget_background_problem(request)
    kind = "warning" if removed.secret_left else "notice"
    return back(said(request, "/settings", removed.words(), kind) + "#mail")


@router.post("/settings/mail/test", response_class=HTMLResponse)
async def mail_test(request: Request) -> Response:
    """Sign in to both servers; the section shows the folders found, or the failure."""
    from followup.services.mail import test_account

    try:
        result = await run_in_threadpool(test_account, svc(request))
    except FollowupError as exc:  # before any server: the secret could not be read
        return settings_page(request, 200, mail_test={"message": sentence(_page_words(exc))})
    return settings_page(request, 200, mail_test={"result": result})


@router.post("/settings/mail/digest")
async def mail_digest(request: Request) -> Response:
    from followup.services.digest import set_digest_time

    form = await form_of(request)
    at = (form.get("digest_time") or "").strip() or None
    try:
        set_digest_time(svc(request), at)
    except InvalidInputError as exc:
        return settings_page(request, 400, mail_errors={"digest_time": sentence(exc.problem)})
    words = f"The digest is mailed to you daily at {at}." if at else "No daily digest."
    return back(said(request, "/settings", words) + "#mail")


@router.get("/help/mail", response_class=HTMLResponse)
def mail_help(request: Request) -> Response:
    """The README's Mail section: each way to sign in, step by step."""
    from followup.web.mail_settings import readme_section

    return page(request, "help.html", title="Mail", sections=readme_section("Mail"))


@router.get("/outbox", response_class=HTMLResponse)
def outbox(request: Request) -> Response:
    """Every message followup sent or tried to send, newest first, and its state."""
    from followup.services.mail import outbox_list
    from followup.services.sending import BOUNCED

    entries = []
    for entry in reversed(outbox_list(svc(request))):
        error = entry["last_error"] or ""
        bounced = entry["state"] == "failed" and error.startswith(BOUNCED)
        entries.append(entry | {"bounced": error.removeprefix(BOUNCED) if bounced else None})
    return page(request, "outbox.html", entries=entries)


# -- the editor: Send and Save to Drafts ----------------------------------------------------
def _keep_as_email(request: Request, action_id: str, text: str) -> None:
    """The note as the editor shows it becomes the kept note, which is what goes out."""
    from followup.inputs.parse import check_note_text
    from followup.services import writing

    if text.strip():
        service = svc(request)
        target = writing.stored_target(service, action_id, "email")
        writing.keep(service, target, check_note_text(text, "the note"), "email")


def _to_editor(request: Request, action_id: str, words: str, kind: str = "notice") -> Response:
    return back(said(request, f"/actions/{action_id}?method=email", words, kind))


@router.post("/actions/{action_id}/send")
async def send(request: Request, action_id: str) -> Response:
    """Send the note by email, after the proofreading check: errors ask first, listing them,
    as Mark as sent does. A failure goes back to the note (kept) with the reason."""
    from followup.services.sending import UnsentErrorsError, send_action

    form = await form_of(request)
    service = svc(request)
    await run_in_threadpool(_keep_as_email, request, action_id, form.get("text", ""))
    confirmed = form.get("confirmed") == "1"
    try:  # one proofreading check, the sender's own
        result = await run_in_threadpool(send_action, service, action_id, yes=confirmed)
    except UnsentErrorsError as exc:
        return _confirm_send(request, action_id, exc.findings, form)
    except FollowupError as exc:
        return _to_editor(request, action_id, f"Not sent: {_page_words(exc)}.", "warning")
    words = (
        f"Sent to {result.to}: “{result.subject}”."
        if result.state == "sent"
        else f"This was already sent to {result.to}."
    )
    return back(said(request, form.get("next") or "/", words))


def _confirm_send(
    request: Request, action_id: str, errors: list[Any], form: dict[str, str]
) -> Response:
    return page(
        request,
        "confirm.html",
        title="Send it with these errors?",
        lines=[f"The note has {len(errors)} proofreading error{'s' if len(errors) != 1 else ''}:"],
        findings=errors,
        action=f"/actions/{action_id}/send",
        fields={"next": form.get("next") or "/"},
        button="Send it as it is",
        cancel=f"/actions/{action_id}?method=email",
        cancel_words="Back to the note to fix it",
        danger=False,
    )


@router.post("/actions/{action_id}/save-draft")
async def save_to_drafts(request: Request, action_id: str) -> Response:
    """Put the note in the mailbox's Drafts folder (again: the earlier copy is replaced)."""
    from followup.services.mail import save_draft

    form = await form_of(request)
    await run_in_threadpool(_keep_as_email, request, action_id, form.get("text", ""))
    try:
        result = await run_in_threadpool(save_draft, svc(request), action_id)
    except FollowupError as exc:
        return _to_editor(
            request, action_id, f"Not saved to Drafts: {_page_words(exc)}.", "warning"
        )
    verb = "Replaced the draft" if result.replaced else "Saved it as a draft"
    return _to_editor(request, action_id, f"{verb} in your {result.folder} folder.")


# -- Today: Check mail and "Is this their answer?" ------------------------------------------
@router.post("/mail/check")
async def check_mail(request: Request) -> Response:
    """Read new mail now; Today says what was found and lists what needs the user's word."""
    from followup.services.mailsync import sync

    try:
        result = await run_in_threadpool(sync, svc(request))
    except FollowupError as exc:
        return back(said(request, "/", f"Mail not checked: {_page_words(exc)}.", "warning"))
    return back(said(request, "/", _found_words(result)))


def _found_words(result: Any) -> str:
    parts = [f"Checked your mail: {result.fetched} new message{'s' if result.fetched != 1 else ''}"]
    for reply in result.replies:
        what = "an out-of-office reply" if reply["kind"] == "auto_reply" else "an answer"
        parts.append(f"{what} from {reply['from']} recorded")
    if result.bounces:
        parts.append(f"{len(result.bounces)} email(s) bounced (see below)")
    if result.invitations:
        parts.append(f"{len(result.invitations)} invitation(s) found")
    if result.unsure:
        parts.append(f"{len(result.unsure)} to confirm below")
    return "; ".join(parts) + "."


@router.post("/mail/inbound/{inbound_id}", response_class=HTMLResponse)
async def confirm_inbound(request: Request, inbound_id: str) -> Response:
    """The user's word on an unsure message: their answer, not about it, or a new date."""
    from followup.services.mailsync import confirm, unsure
    from followup.web.forms import FormError

    number = int(stored_id(inbound_id, "message"))
    form = await form_of(request)
    answer = form.get("answer", "")
    try:
        expected = form_day(form, "expected_by") if answer == "new_date" else None
        done = confirm(svc(request), number, answer, expected)
    except (FormError, InvalidInputError) as exc:
        errors = (
            exc.errors
            if isinstance(exc, FormError)
            else {exc.field or "expected_by": sentence(exc.problem)}
        )
        item = next((u for u in unsure(svc(request)) if u["id"] == number), None)
        return page(request, "mail_confirm.html", 400, item=item, errors=errors, values=form)
    if done["state"] == "dismissed":
        return back(said(request, "/", "Noted: that message is not their answer."))
    kind = "a new date" if done["kind"] == "update" else "their answer"
    return back(said(request, "/", f"Recorded as {kind}."))
