"""Every error as the user's face needs it: `{"error": ...}` with its 4xx under /api (and for
HTMX), one error page elsewhere. No `{"detail": ...}` ever leaves the app."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from followup.core.errors import FollowupError

WORDS = {
    400: "the request could not be read",
    401: "log in first",
    404: "no such page",
    413: "the request is too large",
    415: "the body must be JSON (Content-Type: application/json)",
}


RouteTable = list[tuple[re.Pattern[str], frozenset[str]]]


def route_table(routers: list[Any], extra: RouteTable) -> RouteTable:
    """(path pattern, methods) of every route, read once: an Allow header names them."""
    table = list(extra)
    for router in routers:
        for route in router.routes:
            methods = set(route.methods or ())
            if "GET" in methods:
                methods.add("HEAD")  # the guard answers HEAD for every GET (web/guard.py)
            table.append((route.path_regex, frozenset(methods)))
    return table


def allowed_methods(app: Any, scope: Any) -> list[str]:
    """The methods some route answers at this path (and OPTIONS), for an Allow header; only
    OPTIONS when no route is there."""
    methods = {"OPTIONS"}
    for pattern, answered in app.state.routes:
        if pattern.match(scope["path"]):
            methods |= answered
    return sorted(methods)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or "hx-request" in request.headers


def error_response(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    templates = request.app.state.templates
    html = templates.get_template("error.html").render(
        request=request, message=message, status=status, csrf_token=request.state.csrf
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def validation_message(errors: Any) -> tuple[int, str]:
    """(status, one line) for FastAPI's validation errors: 'start: not an ISO 8601 time with
    offset'; a body that is not JSON at all is a 400."""
    from followup.inputs.fields import problem_of

    errors = list(errors)
    if errors and errors[0].get("type") == "json_invalid":
        where = (errors[0].get("ctx") or {}).get("error", "")
        return 400, f"the body is not valid JSON ({where})" if where else "the body is not JSON"
    where, message = problem_of(errors, skip=("body", "query", "path"))
    return 422, f"{where}: {message}" if where else message


def install(app: FastAPI) -> None:
    """The exception handlers of the app."""

    @app.exception_handler(FollowupError)
    async def followup_error(request: Request, exc: FollowupError) -> Response:
        return error_response(request, exc.http_status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        kind = request.headers.get("content-type", "")
        sent = request.headers.get("content-length", "0") != "0"
        if wants_json(request) and sent and "json" not in kind:
            return error_response(request, 415, WORDS[415])
        status, message = validation_message(exc.errors())
        if not wants_json(request):
            status = 400 if status == 422 else status
        return error_response(request, status, message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers or {})
        message = WORDS.get(exc.status_code) or str(exc.detail).lower()
        if exc.status_code == 405:
            allow = allowed_methods(request.app, request.scope)
            headers["Allow"] = ", ".join(allow)
            message = f"{request.method} is not answered here; this address takes " + (
                ", ".join(allow)
            )
        return error_response(request, exc.status_code, message, headers)

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> Response:
        return error_response(
            request,
            500,
            f"followup failed unexpectedly ({type(exc).__name__}); nothing was saved. "
            "Please report it.",
        )
