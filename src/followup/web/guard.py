"""What every request passes before any route runs, in one pure ASGI middleware.

1. Host: only the address the server was started on (127.0.0.1, localhost, [::1] with its
   port) and the configured public name. A page on evil.example rebound to 127.0.0.1 sends
   `Host: evil.example:PORT` and gets 421, so DNS rebinding reads and writes nothing.
2. Origin: a write (POST, PUT, PATCH, DELETE) from another origin, another port included, is
   refused 403 (by `Origin`, or `Sec-Fetch-Site` when a browser sends no Origin).
3. Login, when a login secret exists (always when serving beyond loopback).
4. Body size: 1 MB, 64 MB for a backup import; enforced on the bytes read, whatever the
   Content-Length says: 413.
5. A session cookie for the CSRF token (web/security.py), and security headers everywhere.
6. HEAD: answered as GET would be, headers only, wherever GET is.

Starlette's TrustedHostMiddleware was weighed for (1): it compares the name without the port
(another local port would pass), answers 400 with a bare text, and cannot tell an IP literal
from a name when the server listens on every address; the few lines here do all three.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import MutableMapping
from html import escape
from typing import Any
from urllib.parse import quote, urlsplit

from followup.core import limits
from followup.settings import Settings, is_loopback, url_host
from followup.web.errors import allowed_methods
from followup.web.login import Login
from followup.web.security import (
    COOKIE,
    UNSAFE,
    Receive,
    Scope,
    Send,
    Sessions,
    Signer,
    session_of,
)

HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # and so Origin on our own forms
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
WILDCARDS = frozenset(("0.0.0.0", "::", "[::]", ""))
# Uploads larger than a form: a backup, an invitation (as a file, or base64 in the form that
# asks which application it is for, so twice its limit)
BIG_BODIES = {"/backup/import": limits.BACKUP_BYTES, "/invites": 2 * limits.CALENDAR_BYTES}
# An over-long body is read and dropped up to this much before the 413 goes out, so the client,
# still sending, reads the answer instead of a reset connection; past it the connection closes.
DRAIN_BYTES = 128 * 1024 * 1024


class Hosts:
    """The Host values this server answers to."""

    def __init__(self, settings: Settings) -> None:
        port = settings.port
        names = {"127.0.0.1", "localhost", "[::1]"}
        bound = settings.host.lower()
        self.any_address = bound in WILDCARDS
        if not self.any_address and not is_loopback(bound):
            names.add(url_host(bound))
        self.exact = {f"{name}:{port}" for name in names} | (names if port == 80 else set())
        publics = [settings.public_host]
        if settings.base_url_given:
            publics.append(urlsplit(settings.base_url).netloc.lower())
        for public in filter(None, publics):
            assert public is not None
            self.exact.add(public)
            if re.fullmatch(r".*:[0-9]+", public) is None:  # no port: the server's, or none
                self.exact.add(f"{public}:{port}")
        self.port = port
        self.shown = f"127.0.0.1:{port}" + (
            f" or {settings.public_host}" if settings.public_host else ""
        )

    def allows(self, host: str | None) -> bool:
        if host is None:
            return False
        host = host.lower()
        if host in self.exact:
            return True
        if not self.any_address:
            return False
        # listening on every address: any IP literal of this port is this machine (an address
        # names no site, so no page can be rebound to it)
        name, _, port = host.rpartition(":")
        try:
            ipaddress.ip_address(name.strip("[]"))
        except ValueError:
            return False
        return port == str(self.port)


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")  # type: ignore[no-any-return]
    return None


def cross_site(scope: Scope, host: str) -> str | None:
    """Why this write comes from another origin, or None when it comes from our own pages.

    `Origin: null` (a page with a no-referrer policy, a sandboxed frame) says nothing, so the
    browser's own Sec-Fetch-Site decides then, as it does when there is no Origin at all.
    """
    origin = header(scope, b"origin")
    if origin is not None and origin != "null":
        parts = urlsplit(origin)
        if parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower():
            return None
        return f"this change came from another site ({origin[:100]!r})"
    site = header(scope, b"sec-fetch-site")
    if site == "same-origin" or (site in (None, "none") and origin is None):
        return None
    return f"this change came from a {site or 'hidden'} page"


def wants_json(scope: Scope) -> bool:
    path: str = scope["path"]
    return path == "/api" or path.startswith("/api/") or header(scope, b"hx-request") is not None


async def answer(
    scope: Scope,
    send: Send,
    status: int,
    message: str,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """A refusal before any route: {"error": ...} for the API, a small page for a browser."""
    if wants_json(scope):
        body = json.dumps({"error": message}).encode()
        kind = b"application/json"
    else:
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<title>Refused · followup</title><link rel="stylesheet" href="/static/style.css">'
            f'</head><body><main><h1>That didn\'t work</h1><p class="error" role="alert">'
            f'{escape(message)}</p><p><a href="/">Back to today</a></p></main></body></html>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
    )
    await send({"type": "http.response.body", "body": body})


async def read_body(receive: Receive, cap: int) -> tuple[bytes | None, bool]:
    """(the body, or None when it passed `cap`; whether the client is still connected)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None, False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= cap:
            chunks.append(chunk)
        elif size > DRAIN_BYTES:
            return None, True
        if not message.get("more_body", False):
            return (b"".join(chunks) if size <= cap else None), True


class Guard:
    def __init__(
        self, app: Any, *, hosts: Hosts, signer: Signer, login: Login | None = None
    ) -> None:
        self.app = app
        self.hosts = hosts
        self.signer = signer
        self.login = login
        self.new_session = Sessions()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        host = header(scope, b"host")
        if not self.hosts.allows(host):
            await answer(
                scope,
                self._with_headers(send, None),
                421,
                f"followup answers only at {self.hosts.shown}, and this request was for "
                f"{(host or 'no host')[:100]!r}: a page of another site may be trying to reach "
                "it. To open followup under another name, start it with --public-host NAME.",
            )
            return
        assert host is not None
        session = session_of(scope)
        fresh = session is None and not path.startswith("/calendar/")
        if session is None:
            session = self.new_session()
        scope.setdefault("state", {})["csrf"] = self.signer.csrf_token(session)
        send = self._with_headers(send, session if fresh else None, path.startswith("/static/"))
        method: str = scope["method"]
        if method in UNSAFE and (why := cross_site(scope, host)):
            await answer(
                scope, send, 403, f"{why}; followup accepts changes only from its own pages"
            )
            return
        if self.login is not None and not await self._logged_in(scope, send):
            return
        if method == "HEAD":  # what GET would answer, without the body (RFC 9110 9.3.2)
            scope["method"] = "GET"
            send = _headers_only(send)
        if method == "OPTIONS" and "app" in scope:
            allow = allowed_methods(scope["app"], scope)
            if len(allow) > 1:  # some route is here; else the app's own 404
                headers = [(b"allow", ", ".join(allow).encode()), (b"content-length", b"0")]
                await send({"type": "http.response.start", "status": 204, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return

        cap = BIG_BODIES.get(path, limits.REQUEST_BYTES)
        too_big = f"the request is larger than {cap // (1024 * 1024)} MB"
        length = header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > DRAIN_BYTES):
            await answer(scope, send, 413, too_big)
            return
        if length not in (None, "0") or header(scope, b"transfer-encoding") is not None:
            body, connected = await read_body(receive, cap)
            if body is None:
                if connected:
                    await answer(scope, send, 413, too_big, [(b"connection", b"close")])
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)

    async def _logged_in(self, scope: Scope, send: Send) -> bool:
        """Whether the request may go on; if not, the refusal has been sent."""
        assert self.login is not None
        path: str = scope["path"]
        method: str = scope["method"]
        if path in ("/login", "/logout") or path.startswith("/static/"):
            return True
        if path.startswith("/calendar/") and method in ("GET", "HEAD"):
            return True  # a calendar app has no login: the feed's secret address is the key
        authorization = header(scope, b"authorization") or ""
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer":
            client = scope.get("client") or ("unknown", 0)
            accepted, wait = self.login.attempt(str(client[0]), token.strip())
            if accepted:
                scope["state"]["bearer"] = True
                return True
            if wait:
                await answer(
                    scope,
                    send,
                    429,
                    f"too many failed logins; wait {wait} seconds",
                    [(b"retry-after", str(wait).encode())],
                )
            else:
                await answer(scope, send, 401, "that access token is not right", [_CHALLENGE])
            return False
        if self.login.cookie_ok(scope):
            return True
        if method in ("GET", "HEAD") and not wants_json(scope):
            query = scope.get("query_string", b"").decode("latin-1")
            target = path + (f"?{query}" if query else "")
            location = f"/login?next={quote(target, safe='')}".encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", location), (b"content-length", b"0")],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return False
        await answer(
            scope,
            send,
            401,
            "log in first: open /login in a browser, or send Authorization: Bearer <token>",
            [_CHALLENGE],
        )
        return False

    def _with_headers(self, send: Send, new_session: str | None, shared: bool = False) -> Send:
        """`send` adding the security headers, the new session's cookie, and, on everything but
        the static files, `Cache-Control: no-store` (unless the route chose): pages and exports
        hold a job search, which no disk cache or back-button snapshot should keep."""

        async def sending(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + HEADERS
                if not shared and not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                if new_session is not None:
                    cookie = f"{COOKIE}={new_session}; Path=/; HttpOnly; SameSite=Strict"
                    headers.append((b"set-cookie", cookie.encode()))
                message["headers"] = headers
            await send(message)

        return sending


_CHALLENGE = (b"www-authenticate", b'Bearer realm="followup"')


def _headers_only(send: Send) -> Send:
    async def sending(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return sending


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> MutableMapping[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
