"""The web app factory: `create_app(settings)` builds everything; nothing happens at import."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.routing import Route

from followup.core import rules
from followup.core.workdays import duration_words, long_day, short_when, when_window
from followup.services import Followup, open_service
from followup.services.base import Clock, system_clock
from followup.settings import Settings
from followup.web.pagecache import PageCache

HERE = Path(__file__).parent
HTMX = "htmx-2.0.11.min.js"  # vendored from the npm package htmx.org 2.0.11


def create_app(settings: Settings, *, clock: Clock = system_clock) -> FastAPI:
    """The followup web app over the database the settings name, answering at the address
    they name (web/guard.py), with a login when a login secret exists."""
    from followup.web import (
        api,
        applications,
        calendar,
        editor,
        errors,
        interviews,
        invites,
        login,
        mail,
        pages,
    )
    from followup.web.guard import Guard, Hosts
    from followup.web.redirects import safe_next
    from followup.web.security import Signer, load_secret

    credentials = login.Credentials.from_settings(settings)
    if credentials is None and not settings.loopback_only:
        raise login.LoginNeededError(
            f"serving on {settings.host} would show your data to every machine that can reach "
            "it; set FOLLOWUP_WEB_PASSWORD_FILE to a file holding a password, or add "
            "--generate-token"
        )
    signer = Signer(load_secret(settings.web_secret_path))
    service: Followup = open_service(settings, clock=clock)
    service.store  # open (and on SQLite migrate) now, not on the first request  # noqa: B018
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["htmx"] = HTMX
    templates.env.globals["window_words"] = rules.window_words
    templates.env.globals.update(mail.template_globals())
    templates.env.globals.update(calendar.template_globals())
    templates.env.filters.update(
        local=filter_local, ago=filter_ago, ahead=filter_ahead, day=filter_day, window=filter_window
    )
    # a link built from what a form sent back ("next") goes only to a page of followup
    templates.env.filters["safe_next"] = safe_next
    app = FastAPI(
        title="followup",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN: followup never phones home
        redoc_url=None,
    )
    app.state.service = service
    app.state.templates = templates
    app.state.page_cache = PageCache(service.sqlite_path)
    app.state.base_url = settings.base_url if settings.base_url_given else None
    app.state.signer = signer
    app.state.login = login.Login(credentials, settings.web_sessions_path) if credentials else None
    app.add_middleware(Guard, hosts=Hosts(settings), signer=signer, login=app.state.login)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    routers = [
        pages.router,
        applications.router,
        interviews.router,
        editor.router,
        api.router,
        calendar.router,
        invites.router,
        mail.router,
        login.router,
    ]
    # Today first, as a plain route: served from memory it needs no dependency, no thread
    app.router.routes.insert(0, Route("/", pages.today, methods=["GET"]))
    for router in routers:
        app.include_router(router)
    app.state.routes = errors.route_table(
        routers,
        [
            (re.compile("^/$"), frozenset(("GET", "HEAD"))),
            (re.compile("^/api/openapi.json$"), frozenset(("GET", "HEAD"))),
            (re.compile("^/static/.+$"), frozenset(("GET", "HEAD"))),
        ],
    )
    errors.install(app)
    return app


def _moment(value: Any) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[no-any-return]


def filter_local(value: Any, tz: ZoneInfo) -> str:
    """'Wed 25 Nov 16:00' in the candidate's timezone (as the CLI prints it)."""
    if value is None:
        return ""
    try:
        return short_when(_moment(value), tz)
    except OverflowError:  # a far date stored before the limits: shown as it is, not a 500
        return str(value)


def filter_window(start: Any, end: Any, tz: ZoneInfo) -> str:
    """'Thu 3 Dec 09:00–17:00': a check-in's window, as every page and the CLI print it."""
    try:
        return when_window(_moment(start), _moment(end), tz)
    except OverflowError:
        return f"{start} – {end}"


def filter_day(value: Any) -> str:
    """'Thu 3 Dec 2026'."""
    if not value:
        return ""
    return long_day(date.fromisoformat(value) if isinstance(value, str) else value)


def filter_ago(value: Any, now: datetime) -> str:
    return duration_words((now - _moment(value)).total_seconds()) if value else ""


def filter_ahead(value: Any, now: datetime) -> str:
    return duration_words((_moment(value) - now).total_seconds()) if value else ""
