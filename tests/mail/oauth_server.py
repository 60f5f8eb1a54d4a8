"""A fake OAuth 2.0 provider on loopback (Starlette over HTTPS with the test certificate):
the refresh-token grant, OpenID discovery for msal, and a token-info URL Dovecot checks XOAUTH2
access tokens against. Access tokens it issues are shared with the test SMTP server."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.mail.smtp_server import free_port


class OAuthServer:
    def __init__(self, cert: Path, key: Path) -> None:
        self.port = free_port()
        self.base = f"https://127.0.0.1:{self.port}"
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> user
        self.access_tokens: dict[str, str] = {}  # access token -> user (shared with SMTP)
        self.requests: list[dict[str, Any]] = []
        self._counter = itertools.count(1)
        app = Starlette(
            routes=[
                Route("/token", self._token, methods=["POST"]),
                Route("/{tenant}/oauth2/v2.0/token", self._token, methods=["POST"]),
                Route("/tokeninfo", self._tokeninfo),
                Route("/{tenant}/v2.0/.well-known/openid-configuration", self._discovery),
            ]
        )
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            ssl_certfile=str(cert),
            ssl_keyfile=str(key),
            log_level="error",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def grant(self, user: str) -> str:
        """A refresh token for `user`, as a sign-in would have given."""
        token = f"refresh-{user}-{next(self._counter)}"
        self.refresh_tokens[token] = user
        return token

    async def _token(self, request: Request) -> JSONResponse:
        form = dict(await request.form())
        self.requests.append({k: v for k, v in form.items() if k != "refresh_token"})
        user = self.refresh_tokens.get(str(form.get("refresh_token")))
        if form.get("grant_type") != "refresh_token" or user is None:
            return JSONResponse(
                {"error": "invalid_grant", "error_description": "Token has been revoked."}, 400
            )
        access = f"access-{user}-{next(self._counter)}"
        self.access_tokens[access] = user
        body = {"access_token": access, "expires_in": 3600, "token_type": "Bearer"}
        body["scope"] = str(form.get("scope") or "https://mail.google.com/")
        return JSONResponse(body)

    async def _tokeninfo(self, request: Request) -> JSONResponse:
        user = self.access_tokens.get(request.query_params.get("access_token", ""))
        if user is None:
            return JSONResponse({"error": "invalid_token"}, 401)
        return JSONResponse({"email": user, "active": True})

    async def _discovery(self, request: Request) -> JSONResponse:
        tenant = request.path_params["tenant"]
        root = f"{self.base}/{tenant}"
        return JSONResponse(
            {
                "authorization_endpoint": f"{root}/oauth2/v2.0/authorize",
                "token_endpoint": f"{root}/oauth2/v2.0/token",
                "device_authorization_endpoint": f"{root}/oauth2/v2.0/devicecode",
                "issuer": f"{root}/v2.0",
            }
        )

    def __enter__(self) -> OAuthServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(5)
