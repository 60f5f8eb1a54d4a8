"""Interview invitations in the web app: the drop zone / file picker (an application's page,
Today), the questions an invitation may leave open (which application, which occurrences of a
series), and the interviews to add that sync found (Today's proposals).

A file that cannot be read is refused beside the picker it came from, nothing stored. A file
waiting for an answer travels with the question (base64 in the form), never kept on the server.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from followup.core.errors import FollowupError, InvalidInputError
from followup.core.model import INTERVIEW_WORDS
from followup.core.workdays import counted, short_when
from followup.inputs.models import ApplicationIn
from followup.services.calendar import ApplicationChoiceError, ImportReport
from followup.web.forms import FormError, checked
from followup.web.redirects import safe_next
from followup.web.security import verify_csrf
from followup.web.views import back, page, said, stored_id, svc

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
APPLICATION_PAGE = re.compile(r"/applications/([1-9][0-9]{0,9})")
COMPANY_HINTS = {
    "domain": "Guessed from the people's email domain: correct it if needed.",
    "title": "Guessed from the invitation's title: correct it if needed.",
    "": "The company's name, as you will look for it.",
}


# -- the picker ----------------------------------------------------------------------------
@router.post("/invites")
async def invite_import(request: Request) -> Response:
    """An .ics or .eml from the picker (or dropped on it), or one carried back by a question."""
    form = await request.form()
    upload = form.get("file")
    data: bytes | None = None
    name = "the invitation"
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data = await upload.read()
        name = _file_name(upload.filename)
    else:
        carried = form.get("data")
        if isinstance(carried, str) and carried:
            try:
                data = base64.b64decode(carried, validate=True)
            except (binascii.Error, ValueError):
                data = None
            name = _file_name(str(form.get("name") or name))
    return await run_in_threadpool(_import_file, request, form, data, name)


def _file_name(given: str) -> str:
    """The file's own name, as the user knows it (no folders a browser may send)."""
    return re.split(r"[\\/]", given)[-1][:120] or "the invitation"


def _import_file(request: Request, form: FormData, data: bytes | None, name: str) -> Response:
    service = svc(request)
    origin = safe_next(str(form.get("next") or "/"))  # a page of followup, whatever was sent
    if data is None:
        return _refused(request, origin, "Choose an .ics or .eml file first.")
    try:
        reading = service.read_invitation(data, name)
        dates, every = _occurrences(form)
    except InvalidInputError as exc:
        return _refused(request, origin, exc.message)
    question = Question(
        action="/invites",
        carried={
            "data": base64.b64encode(data).decode(),
            "name": name,
            "next": origin,
            "app": str(form.get("app") or ""),
        },
        invite=reading.invites[0] if len(reading.invites) == 1 else None,
    )
    if question.invite and question.invite.recurring and not dates and not every:
        return question.ask(request, occurrences=True, errors=_none_picked(form))
    try:
        report, target = _with_application(
            request,
            form,
            lambda app: service.import_invite(
                data, name, app=app, occurrences=dates, all_occurrences=every
            ),
        )
    except ApplicationChoiceError as exc:
        return question.ask(request, form=form, choice=exc)
    except _NewApplicationRefused as exc:
        return question.ask(request, form=form, errors=exc.errors, candidates=exc.candidates)
    except InvalidInputError as exc:
        return _refused(request, origin, exc.message)
    return _imported(request, report, origin if target is None else f"/applications/{target}")


def _refused(request: Request, origin: str, message: str) -> Response:
    """The page the file came from again, the problem beside its picker (nothing stored)."""
    from followup.web.applications import _application_page
    from followup.web.pages import _today

    found = APPLICATION_PAGE.fullmatch(origin)
    if found:
        return _application_page(request, found.group(1), {}, {}, 400, invite_error=message)
    return _today(request, request.state.csrf, status=400, invite_error=message)


def _occurrences(form: FormData) -> tuple[list[date], bool]:
    dates = []
    for value in form.getlist("occurrence"):
        try:
            dates.append(date.fromisoformat(str(value)))
        except ValueError:
            raise InvalidInputError("occurrence", f"{str(value)[:20]!r} is not a date") from None
    return dates, form.get("all_occurrences") == "on"


def _none_picked(form: FormData) -> dict[str, str] | None:
    """The occurrences question sent back with nothing ticked says so beside it."""
    if form.get("asked") != "occurrences":
        return None
    return {"occurrence": "Tick the occurrences that are interviews, or every occurrence."}


# -- which application ---------------------------------------------------------------------
class _NewApplicationRefused(Exception):
    """The company or role typed for a new application is refused: asked again."""

    def __init__(self, errors: dict[str, str], candidates: list[tuple[int, str, str]]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors
        self.candidates = candidates


def _with_application(
    request: Request, form: FormData, run: Any
) -> tuple[ImportReport, int | None]:
    """Run the import into the application the form names: one of the list, a new one made
    from the company and role typed (gone again if the import fails), or none (found by the
    invitation's domains). Returns the report and the application to show."""
    service = svc(request)
    chosen = str(form.get("app") or "")
    if chosen != "new":
        app = stored_id(chosen, "application") if chosen else None
        report: ImportReport = run(app)
        return report, int(app) if app else _single_application(report)
    typed = {"company": str(form.get("company") or ""), "role": str(form.get("role") or "")}
    try:
        new_values = checked(ApplicationIn, {k: v.strip() for k, v in typed.items()})
    except FormError as exc:
        raise _NewApplicationRefused(exc.errors, _active(request)) from None
    app_id = service.add_application(new_values)
    try:
        report = run(app_id)
    except FollowupError:
        service.delete_application(app_id)
        raise
    return report, app_id


def _single_application(report: ImportReport) -> int | None:
    apps = {d.application_id for d in report.imported}
    return apps.pop() if len(apps) == 1 else None


def _active(request: Request) -> list[tuple[int, str, str]]:
    return [
        (int(a.id), a.company, a.role)
        for a, _ in svc(request).applications()
        if a.status == "active"
    ]


class Question:
    """The page that asks what an invitation leaves open, carrying the file (or proposal)."""

    def __init__(self, action: str, carried: dict[str, str], invite: Any) -> None:
        self.action = action
        self.carried = carried
        self.invite = invite

    def ask(
        self,
        request: Request,
        *,
        form: FormData | None = None,
        choice: ApplicationChoiceError | None = None,
        occurrences: bool = False,
        errors: dict[str, str] | None = None,
        candidates: list[tuple[int, str, str]] | None = None,
    ) -> Response:
        service = svc(request)
        profile = service.profile()
        tz = ZoneInfo(profile.timezone if profile else "UTC")
        carried = dict(self.carried)
        if occurrences:
            carried["asked"] = "occurrences"
        values: dict[str, Any] = {}
        if form is not None:
            carried["all_occurrences"] = "on" if form.get("all_occurrences") == "on" else ""
            values = {k: str(form.get(k)) for k in ("app", "company", "role") if form.get(k)}
        guess = choice.guess if choice else ("", "")
        values.setdefault("company", guess[0])
        values.setdefault("role", guess[1])
        if candidates is None and choice is not None:
            candidates = choice.candidates or _active(request)
        preselected = values.get("app", "")
        if candidates is not None:
            carried.pop("app", None)  # the question asks it again
            if not occurrences:
                carried["asked"] = "application"
            candidates, preselected = _offered(candidates, choice, preselected)
            if choice is not None and form is not None and form.get("asked") == "application":
                errors = {"app": "Choose the application it is for, or a new one."}
        picked = [str(d) for d in form.getlist("occurrence")] if form is not None else []
        invite = self.invite
        return page(
            request,
            "invite_choose.html",
            200 if not errors else 400,
            action=self.action,
            carried={k: v for k, v in carried.items() if v},
            picked=picked,
            invite=invite,
            when=short_when(invite.start, tz) if invite else "",
            kind=INTERVIEW_WORDS.get(invite.kind, invite.kind) if invite else "",
            ask_application=candidates is not None,
            candidates=candidates or [],
            preselected=preselected,
            company_hint=COMPANY_HINTS[choice.guessed_from if choice else ""],
            problem=_why_asked(choice, invite) if choice else None,
            occurrences=[
                (o.start.date().isoformat(), short_when(o.start, tz))
                for o in (invite.occurrences if occurrences and invite else ())
            ],
            values=values,
            errors=errors or {},
            cancel=self.carried.get("next", "/"),
        )


def _offered(
    candidates: list[tuple[int, str, str]],
    choice: ApplicationChoiceError | None,
    chosen: str,
) -> tuple[list[tuple[int, str, str]], str]:
    """The applications in the order offered, and the one chosen beforehand: the user's own
    choice; else, when no application matches, the one whose company is exactly the guessed
    company (offered first), else a new application; when several match, none (the user
    says which: an import never lands in an application merely listed first)."""
    if chosen or choice is None:
        return candidates, chosen
    if choice.matched:
        return candidates, ""
    company = " ".join(choice.guess[0].split()).casefold()
    same = [c for c in candidates if company and " ".join(c[1].split()).casefold() == company]
    if len(same) == 1:
        return same + [c for c in candidates if c not in same], str(same[0][0])
    return candidates, "new"


def _why_asked(choice: ApplicationChoiceError, invite: Any) -> str:
    domains = ", ".join(invite.domains) if invite else ""
    if not domains:
        return "The invitation names nobody from a company (no organizer or guests)."
    if "several applications match" in choice.message:
        return f"Several of your applications have people at {domains}."
    return f"None of your applications has people at {domains}."


# -- what was done -------------------------------------------------------------------------
def _imported(request: Request, report: ImportReport, target: str) -> Response:
    """The application's page (or Today, for several) saying what the import did, with the
    toast's Undo when one application changed (as a delete has it)."""
    profile = svc(request).profile()
    tz = ZoneInfo(profile.timezone if profile else "UTC")
    done = report.imported
    removed = [d for d in done if d.result == "removed"]
    if report.single and len(removed) == 1 and removed[0].change is not None:
        return back(target, done=removed[0].change)
    if report.single and len(done) == 1:
        one = done[0]
        names = _names([p.name for p in one.people])
        when = short_when(one.invite.start, tz)
        kind = INTERVIEW_WORDS.get(one.invite.kind, "")
        text = {
            "created": f"Added the {kind} interview of {when}{names}.",
            "updated": f"Updated the interview from the newer invitation: {when}{names}.",
            "unchanged": "This invitation was imported already and is not newer: nothing changed.",
            "removed": "Removed the interview: it was cancelled in the calendar.",
        }[one.result]
        if one.cancelled_at is not None:
            text = _cancelled_already(one, tz)
        return back(said(request, target, text), **_undo(done))
    counts = {r: sum(1 for d in done if d.result == r) for r in ("created", "updated", "removed")}
    parts = [
        f"{counted(n, 'interview')} {verb}"
        for verb, n in (
            ("added", counts["created"]),
            ("updated", counts["updated"]),
            ("removed", counts["removed"]),
        )
        if n
    ] or ["nothing new"]
    text = "Imported: " + ", ".join(parts) + "."
    if report.skipped:
        first = report.skipped[0]
        left_out = counted(len(report.skipped), "event")
        text += f" {left_out} left out (such as “{first[1] or first[0]}”: "
        text += f"{first[2]})."
    return back(said(request, target, text[:480]), **_undo(done))


def _undo(done: list[Any]) -> dict[str, int]:
    """The toast's change, when the import changed one application (one change to undo)."""
    changes = {d.change for d in done if d.change is not None}
    return {"done": changes.pop()} if len(changes) == 1 else {}


def _cancelled_already(one: Any, tz: ZoneInfo) -> str:
    removed = f"removed {short_when(one.cancelled_at, tz)}"
    if one.invite.cancelled:
        return f"This cancellation was imported already ({removed}): nothing changed."
    return f"This invitation was cancelled ({removed}); this older copy changes nothing."


def _names(names: list[str]) -> str:
    """' with A, B and C', as a sentence about the interview ends."""
    if not names:
        return " (the invitation names nobody: add the people you met)"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return " with " + listed


# -- proposals (Today) ---------------------------------------------------------------------
@router.post("/proposals/{proposal_id}/import")
async def proposal_import(request: Request, proposal_id: str) -> Response:
    form = await request.form()
    return await run_in_threadpool(_accept, request, stored_id(proposal_id, "proposal"), form)


def _accept(request: Request, proposal_id: str, form: FormData) -> Response:
    service = svc(request)
    found = next((p for p in service.proposals() if str(p.id) == proposal_id), None)
    if found is None:
        return back(said(request, "/", "That interview was imported or dismissed already."))
    question = Question(f"/proposals/{proposal_id}/import", {"next": "/"}, found.invite)
    try:
        dates, every = _occurrences(form)
    except InvalidInputError as exc:
        return back(said(request, "/", exc.message, "warning"))
    if found.invite.recurring and not dates and not every:
        return question.ask(request, occurrences=True, errors=_none_picked(form))
    try:
        report, target = _with_application(
            request,
            form,
            lambda app: service.accept_proposal(
                proposal_id, app=app, occurrences=dates, all_occurrences=every
            ),
        )
    except ApplicationChoiceError as exc:
        return question.ask(request, form=form, choice=exc)
    except _NewApplicationRefused as exc:
        return question.ask(request, form=form, errors=exc.errors, candidates=exc.candidates)
    except InvalidInputError as exc:
        return back(said(request, "/", f"Not imported: {exc.message}", "warning"))
    return _imported(request, report, "/" if target is None else f"/applications/{target}")


@router.post("/proposals/{proposal_id}/dismiss")
def proposal_dismiss(request: Request, proposal_id: str) -> Response:
    svc(request).dismiss_proposal(stored_id(proposal_id, "proposal"))
    return back(said(request, "/", "Dismissed: it will not be proposed again."))
