"""The login that serving beyond this machine requires: a password or a generated access token.

A browser logs in once with a form and keeps an HttpOnly, SameSite=Strict cookie holding a
random session id; the server keeps only the ids' hashes (0600 in the data folder, so a restart
keeps browsers logged in), and logging out revokes the id for good. A program sends
`Authorization: Bearer <token>`. Failed attempts are rate-limited per client address; past 30 in
a minute from everywhere, a client that has itself failed waits too (a guesser with many
addresses is slowed), while one that has not still gets its try (the owner is never locked out
by someone else's guessing). The cookie is not marked Secure: followup serves plain HTTP itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from followup.core.errors import FollowupError
from followup.private import write_private
from followup.settings import Settings
from followup.web.security import cookie_values, verify_csrf

LOGIN_COOKIE = "followup_login"
LOGIN_SECONDS = 7 * 24 * 3600
FAILURES_PER_CLIENT = 5  # per minute, from one address
FAILURES_IN_ALL = 30  # per minute, from everywhere: a guesser with many addresses is slowed too
WINDOW = 60.0
TOKEN_PREFIX = "sha256:"


class LoginNeededError(FollowupError):
    """Serving beyond loopback without a login secret would serve everything to everyone."""


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "replace")).digest()


def generate_token(path: Path) -> str:
    """A new access token; only its hash is kept (0600), so it is shown once."""
    token = secrets.token_urlsafe(32)
    write_private(path, f"{TOKEN_PREFIX}{_digest(token).hex()}\n".encode())
    return token


class Credentials:
    """What a login may present: the password of FOLLOWUP_WEB_PASSWORD_FILE, or the access
    token whose hash `serve --generate-token` stored. A random 256-bit token needs no slow
    hash; the password file is the user's own, read at start."""

    def __init__(self, digests: list[bytes]) -> None:
        self._digests = digests
        # changing the password or the token logs every browser out
        self.fingerprint = hashlib.sha256(b"".join(sorted(digests))).hexdigest()

    @classmethod
    def from_settings(cls, settings: Settings) -> Credentials | None:
        """The configured credentials, or None when there is none (loopback, no login)."""
        digests = []
        if settings.web_password:
            digests.append(_digest(settings.web_password))
        path = settings.web_token_path
        if path.exists():
            try:
                line = path.read_text(encoding="ascii").strip()
                digests.append(bytes.fromhex(line.removeprefix(TOKEN_PREFIX)))
            except (OSError, ValueError, UnicodeDecodeError) as exc:
                raise LoginNeededError(
                    f"cannot read the access token's hash in {path} ({exc}); "
                    "make a new one with `followup serve --generate-token`"
                ) from None
        return cls(digests) if digests else None

    def accepts(self, given: str) -> bool:
        digest = _digest(given)
        return any(hmac.compare_digest(digest, d) for d in self._digests)


class FailedLogins:
    """Failed attempts in the last minute, per client address and in all."""

    def __init__(self) -> None:
        self.by_client: dict[str, deque[float]] = {}
        self.everyone: deque[float] = deque()

    def _recent(self, times: deque[float], now: float) -> int:
        while times and times[0] <= now - WINDOW:
            times.popleft()
        return len(times)

    def retry_after(self, client: str, now: float) -> int | None:
        """Seconds to wait before trying again, or None when an attempt may be made now."""
        mine = self.by_client.get(client, deque())
        failed = self._recent(mine, now)
        if failed >= FAILURES_PER_CLIENT:
            return int(mine[0] + WINDOW - now) + 1
        if failed and self._recent(self.everyone, now) >= FAILURES_IN_ALL:
            return int(self.everyone[0] + WINDOW - now) + 1
        return None

    def record(self, client: str, now: float) -> None:
        if len(self.by_client) > 10_000:  # bounded, whoever is knocking
            self.by_client = {k: v for k, v in self.by_client.items() if self._recent(v, now)}
        self.by_client.setdefault(client, deque()).append(now)
        self.everyone.append(now)


class Sessions:
    """The logged-in browsers: a hash and an expiry per random session id, in a 0600 file.

    Only hashes are stored, so the file does not log anyone in; changing the password or the
    token (a new credentials fingerprint) logs every browser out."""

    def __init__(self, path: Path, fingerprint: str, clock: Callable[[], float]) -> None:
        self.path, self.fingerprint, self.clock = path, fingerprint, clock
        self._lock = threading.Lock()
        self._expiry: dict[str, float] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("credentials") == fingerprint:
                self._expiry = {str(k): float(v) for k, v in stored["sessions"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass  # none yet, or unreadable: everyone logs in again

    @staticmethod
    def _key(session: str) -> str:
        return hashlib.sha256(session.encode("utf-8", "replace")).hexdigest()

    def _save(self) -> None:
        now = self.clock()
        self._expiry = {k: v for k, v in self._expiry.items() if v > now}
        document = {"credentials": self.fingerprint, "sessions": self._expiry}
        write_private(self.path, json.dumps(document).encode())

    def open(self) -> str:
        session = secrets.token_urlsafe(32)
        with self._lock:
            self._expiry[self._key(session)] = self.clock() + LOGIN_SECONDS
            self._save()
        return session

    def valid(self, session: str) -> bool:
        return self._expiry.get(self._key(session), 0.0) > self.clock()

    def close(self, session: str) -> None:
        with self._lock:
            if self._expiry.pop(self._key(session), None) is not None:
                self._save()


class Login:
    """Checks a request's login (cookie or bearer token) and opens and closes sessions."""

    def __init__(
        self,
        credentials: Credentials,
        sessions_path: Path,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.credentials = credentials
        self.clock = clock
        self.failures = FailedLogins()
        self.sessions = Sessions(sessions_path, credentials.fingerprint, clock)

    def cookie_value(self) -> str:
        return self.sessions.open()

    def cookie_ok(self, scope: Any) -> bool:
        return any(self.sessions.valid(v) for v in cookie_values(scope, LOGIN_COOKIE))

    def log_out(self, scope: Any) -> None:
        for value in cookie_values(scope, LOGIN_COOKIE):
            self.sessions.close(value)

    def attempt(self, client: str, given: str) -> tuple[bool, int | None]:
        """(accepted, seconds to wait when refused for too many failures)."""
        now = self.clock()
        wait = self.failures.retry_after(client, now)
        if wait is not None:
            return False, wait
        if self.credentials.accepts(given):
            return True, None
        self.failures.record(client, now)
        return False, None


router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    from followup.web.redirects import safe_next
    from followup.web.views import page

    return page(request, "login.html", next=safe_next(next), error=None, profile=None)


@router.post("/login")
async def login(request: Request) -> Response:
    from followup.web.redirects import safe_next
    from followup.web.views import back, form_of, page

    form = await form_of(request)
    target = safe_next(form.get("next"))
    login: Login | None = request.app.state.login
    if login is None:
        return back(target)
    accepted, wait = login.attempt(_client(request), form.get("secret", ""))
    if accepted:
        response = back(target)
        response.set_cookie(
            LOGIN_COOKIE,
            login.cookie_value(),
            max_age=LOGIN_SECONDS,
            httponly=True,
            samesite="strict",
        )
        return response
    error = (
        f"too many failed attempts; wait {wait} seconds and try again"
        if wait
        else "that password or access token is not right"
    )
    response = page(request, "login.html", 429 if wait else 401, next=target, error=error)
    if wait:
        response.headers["Retry-After"] = str(wait)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    from followup.web.views import back

    login: Login | None = request.app.state.login
    if login is not None:
        login.log_out(request.scope)  # the session is revoked: a copy of the cookie is worthless
    response = back("/login")
    response.delete_cookie(LOGIN_COOKIE, httponly=True, samesite="strict")
    return response
