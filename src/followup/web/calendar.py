"""The calendar routes the contract names: the secret feed, and one follow-up's event."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from followup.core.errors import NotFoundError
from followup.web.views import svc

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
