"""The calendar routes the contract names (the secret feed, one follow-up's event) and
Settings → Calendar: the subscribe links and renewing their secret, your other addresses, and
your own calendar to follow."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse, Response

from followup.core import limits
from followup.core.errors import InvalidInputError, NotFoundError
from followup.inputs.messages import plain_error
from followup.web.security import verify_csrf
from followup.web.views import back, page, said, svc, with_form

router = APIRouter(include_in_schema=False)
ICS = "text/calendar; charset=utf-8"


def base_url(request: Request) -> str:
    """FOLLOWUP_BASE_URL when set (behind a proxy or tunnel), else the address asked for."""
    given: str | None = request.app.state.base_url
    return given or str(request.base_url).rstrip("/")


@router.get("/calendar/{secret}.ics")
def feed(request: Request, secret: str) -> Response:
    """The feed a calendar subscribes to: no cookie, no login; the secret is the key."""
    try:
        text = svc(request).feed_for_secret(secret, base_url=base_url(request))
    except NotFoundError:
        return PlainTextResponse("no such calendar\n", status_code=404)
    etag = '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(text.encode(), media_type=ICS, headers=headers)


@router.get("/actions/{action_id}/calendar.ics")
def action_event(request: Request, action_id: str) -> Response:
    """ "Add to calendar": one follow-up, with a reminder two hours before it is due."""
    name, text = svc(request).action_event(action_id, base_url=base_url(request))
    return Response(
        text.encode(),
        media_type=ICS,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# -- Settings → Calendar -------------------------------------------------------------------
SETTINGS = "/settings"
WRITES = [Depends(verify_csrf)]


def calendar_section(
    request: Request, values: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any]:
    """What Settings shows of the calendar: the feed's links, the aliases, the subscription
    (never its address: it is the calendar's own secret) and its last poll."""
    service = svc(request)
    subscribed, checked_at, problem = service.subscription()
    return {
        "link": service.feed_link(base_url=base_url(request)),
        "aliases": service.me().aliases,
        "subscribed": subscribed,
        "checked_at": checked_at,
        "problem": problem,
        "typed": values or {},
        "problems": errors or {},
    }


def _settings_page(request: Request, values: dict[str, str], errors: dict[str, str]) -> Response:
    """Settings again, the calendar's problem beside its field (nothing saved)."""
    from followup.web.pages import settings_page

    return settings_page(request, 400, calendar=calendar_section(request, values, errors))


def template_globals() -> dict[str, Any]:
    """What the calendar's parts of Settings, Today and an application's page ask for."""
    return {
        "calendar_section": calendar_section,
        "calendar_proposals": lambda request: svc(request).proposals(),
        "invite_bytes": limits.CALENDAR_BYTES,
    }


@router.post("/settings/calendar/aliases", dependencies=WRITES)
async def aliases_save(request: Request) -> Response:
    """Your other addresses, one per line (or separated by commas or spaces)."""
    return await with_form(_aliases_save, request)


def _aliases_save(request: Request, form: dict[str, str]) -> Response:
    typed = form.get("aliases", "")
    try:
        svc(request).set_aliases([a for a in re.split(r"[\s,;]+", typed) if a])
    except InvalidInputError as exc:
        return _settings_page(request, {"aliases": typed}, {"aliases": plain_error(exc)})
    return back(said(request, SETTINGS, "Saved your other addresses."))


@router.post("/settings/calendar/subscription", dependencies=WRITES)
async def subscription_save(request: Request) -> Response:
    """Follow your own calendar's secret iCal address; empty (or "Stop") stops following. The
    first read happens in a worker thread: a slow calendar server never holds other pages."""
    return await with_form(_subscription_save, request)


def _subscription_save(request: Request, form: dict[str, str]) -> Response:
    url = (form.get("url") or "").strip()
    if form.get("stop") == "1" or not url:
        svc(request).set_subscription(None)
        return back(said(request, SETTINGS, "followup no longer reads your calendar."))
    try:
        svc(request).set_subscription(url)
    except InvalidInputError as exc:
        return _settings_page(request, {"url": url}, {"url": plain_error(exc)})
    polled = svc(request).poll_subscription()
    kind = "warning" if polled.status == "failed" else "notice"
    return back(said(request, SETTINGS, "Following your calendar. " + polled.describe(), kind))


@router.post("/settings/calendar/poll", dependencies=WRITES)
def subscription_poll(request: Request) -> Response:
    """Read the subscribed calendar now, rather than at the next half-hourly check."""
    polled = svc(request).poll_subscription()
    kind = "warning" if polled.status == "failed" else "notice"
    return back(said(request, SETTINGS, polled.describe(), kind))


@router.post("/settings/calendar/renew", dependencies=WRITES)
async def renew(request: Request) -> Response:
    """A new secret link, after saying that the old one stops working."""
    return await with_form(_renew, request)


def _renew(request: Request, form: dict[str, str]) -> Response:
    if form.get("confirmed") != "1":
        return page(
            request,
            "confirm.html",
            title="Make a new calendar link?",
            lines=[
                "The link your calendars subscribe to stops working at once: they will show "
                "no more follow-ups until you subscribe again with the new link.",
                "Do this when someone else may have seen the link.",
            ],
            action="/settings/calendar/renew",
            fields={},
            button="Make a new link",
            cancel=SETTINGS,
            danger=True,
            findings=None,
        )
    svc(request).renew_feed_secret(base_url=base_url(request))
    return back(
        said(
            request,
            SETTINGS,
            "New link made: the old one no longer works. Subscribe again with the link below.",
        )
    )
