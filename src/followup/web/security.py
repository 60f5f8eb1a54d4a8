"""CSRF tokens bound to this server, and the secret that signs them.

Each browser gets a random session value in a SameSite=Strict, HttpOnly cookie; its CSRF token
is HMAC(secret, session), with the secret in the data folder (0600). Every form post and API
write must carry the token, in the `csrf_token` field or the `X-CSRF-Token` header, or it is
refused with 403 before anything runs. A cookie planted by a page on another port of this
machine (cookies ignore ports) is worthless: without the secret nobody can make its token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi import Request

from followup.core.errors import FollowupError
from followup.private import private_folder, write_private

COOKIE = "followup_session"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
UNSAFE = frozenset(("POST", "PUT", "PATCH", "DELETE"))
# token_urlsafe(32) and an unpadded SHA-256 HMAC in base64url are both 43 of these
SESSION_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
SECRET_BYTES = 32

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class CsrfRefusedError(FollowupError):
    """A write without this browser's security token: maybe another site's form."""

    http_status = 403


class SecretError(FollowupError):
    """The web secret cannot be read or made."""

    http_status = 500


def load_secret(path: Path) -> bytes:
    """The signing secret in `path`, made (0600, in a 0700 folder) on first start."""
    try:
        private_folder(path.parent)
        if not path.exists():
            write_private(path, secrets.token_hex(SECRET_BYTES).encode() + b"\n")
        path.chmod(0o600)
        secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise SecretError(
            f"cannot use the web secret {path} ({exc}); delete it and start again"
        ) from None
    if len(secret) < SECRET_BYTES:
        raise SecretError(f"the web secret {path} is too short; delete it and start again")
    return secret


class Signer:
    """HMAC-SHA256 under the server's secret, one purpose per use so no value signs for two."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def sign(self, purpose: str, value: str) -> str:
        digest = hmac.new(self._secret, f"{purpose}\n{value}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def csrf_token(self, session: str) -> str:
        return self.sign("csrf", session)


def cookie_values(scope: Scope, name: str) -> list[str]:
    """Every value the request's Cookie headers give `name`, in order."""
    out = []
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                found, _, given = part.strip().partition("=")
                if found == name:
                    out.append(given)
    return out


def session_of(scope: Scope) -> str | None:
    """The first well-formed session value the browser sent; anything else is ignored."""
    for value in cookie_values(scope, COOKIE):
        if SESSION_SHAPE.fullmatch(value):
            return value
    return None


class Sessions:
    """New session values: 32 random bytes each, as secrets.token_urlsafe(32) makes them, drawn
    from a buffer the OS's generator fills 256 at a time. One urandom call per request (the
    session is new to every client without a cookie) cost ~0.2 ms on a loaded machine, more
    than the rest of serving a cached page; the bytes are the same bytes, only fetched in bulk.
    """

    BATCH = 256

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._at = 0

    def __call__(self) -> str:
        with self._lock:
            if self._at >= len(self._buffer):
                self._buffer, self._at = os.urandom(32 * self.BATCH), 0
            value = self._buffer[self._at : self._at + 32]
            self._at += 32
        return base64.urlsafe_b64encode(value).rstrip(b"=").decode()


async def verify_csrf(request: Request) -> None:
    """Refuse an unsafe request whose token is not this server's token for its session."""
    if request.method not in UNSAFE or request.scope.get("state", {}).get("bearer"):
        return  # a bearer token is never sent by a browser on its own: no forgery to fear
    session = session_of(request.scope)
    given = request.headers.get(HEADER)
    if given is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(FIELD)
        given = value if isinstance(value, str) else None
    signer: Signer = request.app.state.signer
    expected = signer.csrf_token(session) if session else None
    if (
        not expected
        or not given
        or not hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace"))
    ):
        raise CsrfRefusedError(
            "the form's security token is missing or stale; reload the page and try again"
        )
