"""What every page route shares: the service, rendering, forms, redirects, messages; the page
cache is web/pagecache.py."""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followup.core.errors import NotFoundError
from followup.services import Followup
from followup.web.pagecache import cached  # noqa: F401  (the routes take it from here)
from followup.web.redirects import safe_next

STORED_ID = re.compile(r"[1-9][0-9]{0,9}")


def stored_id(value: str, what: str) -> str:
    """A stored id as a URL gives it (digits, no padding), or NotFoundError: `/interviews/%201`
    names nothing."""
    if not STORED_ID.fullmatch(value) or int(value) > 2**31 - 1:
        raise NotFoundError(what, value[:40])
    return value


def svc(request: Request) -> Followup:
    return request.app.state.service  # type: ignore[no-any-return]


# What a page may carry in its address to say what just happened: a toast with Undo for the
# change `done`, or a message `say` signed by this server (so no link from elsewhere can put
# words of its own on a followup page). Pages carrying one are never cached.
MESSAGE_PARAMS = ("done", "say")


def has_message(request: Request) -> bool:
    return any(p in request.query_params for p in MESSAGE_PARAMS)


def with_params(target: str, **params: Any) -> str:
    """`target` with query parameters added (None values left out)."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    if not query:
        return target
    return target + ("&" if "?" in target else "?") + query


def said(request: Request, target: str, text: str, kind: str = "notice") -> str:
    """`target` carrying a message for the next page to show (signed: see MESSAGE_PARAMS)."""
    signer = request.app.state.signer
    value = f"{kind}:{text}"
    return with_params(target, say=value, sig=signer.sign("say", value)[:22])


def message_of(request: Request) -> tuple[str, str] | None:
    """(kind, text) of the signed message in the address, if any and genuine."""
    value = request.query_params.get("say")
    signature = request.query_params.get("sig", "")
    if not value or ":" not in value:
        return None
    expected = request.app.state.signer.sign("say", value)[:22]
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        return None
    kind, _, text = value.partition(":")
    return (kind if kind in ("notice", "warning") else "notice"), text[:500]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    service = svc(request)
    profile = service.profile()
    context.setdefault("profile", profile)
    context["tz"] = ZoneInfo(profile.timezone if profile else "UTC")
    context["now"] = service.clock()
    context.setdefault("csrf_token", request.state.csrf)
    context["demo"] = profile is not None and service.is_demo()
    done = request.query_params.get("done")
    context["toast"] = service.change(done) if done else None
    context["message"] = message_of(request)
    context["here"] = request.url.path
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, name, context, status_code=status
    )


async def form_of(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


async def with_form(handler: Callable[..., Response], request: Request, *args: Any) -> Response:
    """`handler(request, *args, form)` in a worker thread, once the form is read: proofreading,
    PDFs and database work would otherwise hold the event loop, and every other request with it."""
    form = await form_of(request)
    return await run_in_threadpool(handler, request, *args, form)


def back(url: str | None, fallback: str = "/", **params: Any) -> RedirectResponse:
    """See Other, to `url` when it is a path on this site (a form's `next`), else `fallback`;
    `params` (done=<change> for a toast) are added to its query."""
    return RedirectResponse(with_params(safe_next(url, fallback), **params), status_code=303)
