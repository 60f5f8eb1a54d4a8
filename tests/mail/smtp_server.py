"""A real SMTP server for the tests: aiosmtpd on a free loopback port, with AUTH PLAIN/LOGIN,
a test XOAUTH2 mechanism, and modes that behave like the servers users meet:

- `files_sent`: each accepted message is filed in the sender's Sent folder over IMAP before
  the 250 reply, as Gmail and Outlook do;
- `drop`: the connection is closed once the data has arrived, before any reply (a server that
  dies mid-DATA);
- `accept_then_drop`: the message is accepted (and filed), then the connection is closed before
  the 250 reply reaches the client (the reply lost on the way);
- `app_password`: AUTH answers Gmail's "534 5.7.9 Application-specific password required";
- `tempfail`: the data is refused with 451 (try again later) `tempfail` times, then accepted.

Every accepted message is appended to `log` (one JSON line per message, fsynced), so a test in
another process can count deliveries. Run as a program (`python -m tests.mail.smtp_server`) it
serves until killed, for tests that fork senders and want no thread in their own process.
"""

from __future__ import annotations

import argparse
import base64
import imaplib
import json
import os
import socket
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Behaviour:
    users: dict[str, str]  # SMTP (and IMAP) user -> password
    tokens: dict[str, str] = field(default_factory=dict)  # access token -> user
    imap_port: int | None = None  # files_sent: where the Sent folder is
    mode: str = "normal"  # normal, drop, accept_then_drop, app_password, no_auth
    tempfail: int = 0
    log: Path | None = None


class Handler:
    def __init__(self, behaviour: Behaviour) -> None:
        self.b = behaviour
        self.messages: list[dict[str, Any]] = []
        self.refused = 0

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        blob = args[1] if len(args) > 1 else None
        if blob is None:
            answer = await server.challenge_auth("", encode_to_b64=False)
            if not isinstance(answer, bytes):
                return AuthResult(success=False, handled=True)
            raw = answer
        else:
            raw = base64.b64decode(blob)
        parts = dict(
            p.split("=", 1) for p in raw.decode("utf-8", "replace").split("\x01") if "=" in p
        )
        user = parts.get("user", "")
        token = parts.get("auth", "").removeprefix("Bearer ")
        if self.b.tokens.get(token) == user:
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        error = base64.b64encode(b'{"status":"401","schemes":"bearer"}').decode()
        await server.push(f"334 {error}")
        await server._reader.readline()
        return AuthResult(success=False, handled=False, message="535 5.7.8 token refused")

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.b.mode == "drop":
            server.transport.close()
            return "421 4.3.0 closing"
        if self.b.mode == "accept_then_drop":
            import asyncio

            await asyncio.to_thread(self._accept, session, envelope)
            server.transport.close()
            return "421 4.3.0 closing"
        if self.refused < self.b.tempfail:
            self.refused += 1
            return "451 4.3.0 try again later"
        import asyncio

        # accepted is accepted: a client that dies now does not undo the delivery
        return await asyncio.shield(asyncio.to_thread(self._accept, session, envelope))

    def _accept(self, session: Any, envelope: Any) -> str:
        content = envelope.content
        user = session.login_data.decode() if isinstance(session.login_data, bytes) else ""
        if self.b.imap_port is not None and user:
            self._file_in_sent(user, content)
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "message_id": message_from_bytes(content).get("Message-ID"),
            "data": content.decode("utf-8", "replace"),
            "user": user,
        }
        self.messages.append(record)
        if self.b.log is not None:
            with self.b.log.open("a") as out:
                out.write(json.dumps(record) + "\n")
                out.flush()
                os.fsync(out.fileno())
        return "250 2.0.0 OK queued"

    def _file_in_sent(self, user: str, content: bytes) -> None:
        imap = imaplib.IMAP4("127.0.0.1", self.b.imap_port)
        try:
            imap.login(user, self.b.users[user])
            imap.append("Sent", "(\\Seen)", imaplib.Time2Internaldate(time.time()), content)
        finally:
            imap.logout()


def authenticator(users: dict[str, str], mode: str):  # type: ignore[no-untyped-def]
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = data.login.decode(), data.password.decode()
        if mode == "app_password" and users.get(user) == password:
            return AuthResult(
                success=False,
                handled=False,
                message="534 5.7.9 Application-specific password required. Learn more at "
                "https://support.google.com/mail/?p=InvalidSecondFactor",
            )
        if users.get(user) == password:
            return AuthResult(success=True, auth_data=data)
        return AuthResult(success=False, handled=False)

    return check


class SmtpServer:
    """The server in a thread of this process."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.handler = Handler(behaviour)
        self.port = free_port()
        self.controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=authenticator(behaviour.users, behaviour.mode),
            # no_auth: AUTH is offered only over TLS, which this server has not (a relay's port)
            auth_require_tls=behaviour.mode == "no_auth",
            auth_required=behaviour.mode != "no_auth",
        )

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.handler.messages

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--users", required=True, help="JSON object user -> password")
    parser.add_argument("--imap-port", type=int)
    parser.add_argument("--log", type=Path, required=True)
    args = parser.parse_args()
    behaviour = Behaviour(users=json.loads(args.users), imap_port=args.imap_port, log=args.log)
    handler = Handler(behaviour)
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=args.port,
        authenticator=authenticator(behaviour.users, "normal"),
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
