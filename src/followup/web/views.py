"""What every page route shares: the service, rendering, forms, redirects, the page cache."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from followup.services import Followup

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
