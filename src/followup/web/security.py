"""Security for the web app: headers on every response, and CSRF by double submit.

Every response carries a strict Content-Security-Policy (no inline script), nosniff,
frame-ancestors 'none' and no referrer. A random CSRF token lives in a SameSite=Strict cookie;
every form post and API write must echo it, in the `csrf_token` field or the `X-CSRF-Token`
header, or it is refused with 403 before anything runs.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request

from followup.core.errors import FollowupError

COOKIE = "followup_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
UNSAFE = frozenset(("POST", "PUT", "PATCH", "DELETE"))
HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class CsrfRefusedError(FollowupError):
    """A write without this browser's security token: maybe another site's form."""

    http_status = 403


def _cookie_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == COOKIE and 20 <= len(token) <= 100:
                    return token
    return None


class SecurityMiddleware:
    """Pure ASGI (cheaper than BaseHTTPMiddleware): issues the CSRF cookie, adds headers."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _cookie_token(scope)
        # a calendar subscribing to the feed has no use for a cookie, and gets none
        fresh = token is None and not scope.get("path", "").startswith("/calendar/")
        if fresh:
            token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = token

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += HEADERS
                if fresh:
                    headers.append(
                        (
                            b"set-cookie",
                            f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict".encode(),
                        )
                    )
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def verify_csrf(request: Request) -> None:
    """Refuse an unsafe request whose token does not match the cookie's."""
    if request.method not in UNSAFE:
        return
    expected = _cookie_token(request.scope)
    given = request.headers.get(HEADER)
    if given is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise CsrfRefusedError(
            "the form's security token is missing or stale; reload the page and try again"
        )
