"""The web app factory: `create_app(settings)` builds everything; nothing happens at import."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from followup.core import rules
from followup.core.errors import FollowupError
from followup.core.workdays import duration_words
from followup.services import Followup, open_service
from followup.services.base import Clock, system_clock
from followup.settings import Settings
from followup.web.security import SecurityMiddleware

HERE = Path(__file__).parent
HTMX = "htmx-2.0.11.min.js"  # vendored from the npm package htmx.org 2.0.11


def create_app(settings: Settings, *, clock: Clock = system_clock) -> FastAPI:
    """The followup web app over the database the settings name."""
    from followup.web import api, calendar, editor, pages

    service: Followup = open_service(settings, clock=clock)
    service.store  # open (and on SQLite migrate) now, not on the first request  # noqa: B018
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["htmx"] = HTMX
    templates.env.globals["window_words"] = rules.window_words
    templates.env.filters.update(
        local=filter_local, ago=filter_ago, ahead=filter_ahead, day=filter_day
    )
    app = FastAPI(
        title="followup",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN: followup never phones home
        redoc_url=None,
    )
    app.state.service = service
    app.state.templates = templates
    app.state.page_cache = {}
    app.state.base_url = settings.base_url if settings.base_url_given else None
    app.add_middleware(SecurityMiddleware)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(calendar.router)
    app.include_router(editor.router)
    app.include_router(pages.router)

    @app.exception_handler(FollowupError)
    async def followup_error(request: Request, exc: FollowupError) -> Response:
        status = exc.http_status
        if request.url.path.startswith("/api") or "hx-request" in request.headers:
            return JSONResponse({"error": exc.message}, status_code=status)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"message": exc.message, "status": status, "csrf_token": request.state.csrf},
            status_code=status,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return JSONResponse({"error": describe(exc.errors())}, status_code=422)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Any) -> Response:
        message = "no such page"
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message}, status_code=404)
        return HTMLResponse(
            templates.get_template("error.html").render(
                request=request, message=message, status=404, csrf_token=request.state.csrf
            ),
            status_code=404,
        )

    return app


def _moment(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[no-any-return]


def filter_local(value: Any, tz: ZoneInfo) -> str:
    """'Wed 25 Nov 16:00' in the candidate's timezone."""
    if value is None:
        return ""
    here = _moment(value).astimezone(tz)
    return f"{here:%a} {here.day} {here:%b %H:%M}"


def filter_day(value: Any) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}" if value else ""


def filter_ago(value: Any, now: datetime) -> str:
    return duration_words((now - _moment(value)).total_seconds()) if value else ""


def filter_ahead(value: Any, now: datetime) -> str:
    return duration_words((_moment(value) - now).total_seconds()) if value else ""


def describe(errors: Any) -> str:
    """FastAPI's validation errors as one line, as every face words them: 'start: not an ISO
    8601 time with offset'."""
    from followup.inputs.fields import problem_of

    where, message = problem_of(list(errors), skip=("body", "query", "path"))
    return f"{where}: {message}" if where else message
