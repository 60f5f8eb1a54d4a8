"""Real mail servers for the mail tests: Dovecot (IMAP), aiosmtpd (SMTP) and a fake OAuth
provider, all on loopback. A missing Dovecot fails these tests with the reason; none is skipped."""

from __future__ import annotations

import imaplib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.mail.certs import make_cert
from tests.mail.dovecot import USERS, DovecotServer, missing_reason
from tests.mail.oauth_server import OAuthServer
from tests.mail.smtp_server import Behaviour, SmtpServer


@pytest.fixture(scope="session")
def mail_cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1 and localhost."""
    return make_cert(tmp_path_factory.mktemp("cert"))


@pytest.fixture(scope="session")
def oauth_server(mail_cert: tuple[Path, Path]) -> Iterator[OAuthServer]:
    with OAuthServer(*mail_cert) as server:
        yield server


@pytest.fixture(scope="session")
def dovecot(mail_cert: tuple[Path, Path], oauth_server: OAuthServer) -> Iterator[DovecotServer]:
    reason = missing_reason()
    if reason:
        pytest.fail(reason, pytrace=False)
    server = DovecotServer(*mail_cert, tokeninfo_url=f"{oauth_server.base}/tokeninfo")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _mail_environment(
    mail_cert: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trust the test certificate; keep secrets in a file keyring of this test's own."""
    monkeypatch.setenv("SSL_CERT_FILE", str(mail_cert[0]))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(mail_cert[0]))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.mail.keyring_backend.FileKeyring")
    monkeypatch.setenv("FOLLOWUP_TEST_KEYRING", str(tmp_path / "keyring.json"))
    import keyring.core

    keyring.core._keyring_backend = None  # pick the backend the environment names


@pytest.fixture
def mailbox_user(dovecot: DovecotServer) -> Iterator[str]:
    """The `jordan` mailbox, emptied before the test."""
    clear_mailbox(dovecot, "jordan")
    yield "jordan"


def imap_login(dovecot: DovecotServer, user: str = "jordan") -> imaplib.IMAP4:
    imap = imaplib.IMAP4("127.0.0.1", dovecot.port)
    imap.login(user, USERS[user])
    return imap


def clear_mailbox(dovecot: DovecotServer, user: str) -> None:
    imap = imap_login(dovecot, user)
    try:
        for folder in ("INBOX", "Drafts", "Sent", "Archive"):
            status, count = imap.select(folder)
            if status == "OK" and count[0] != b"0":
                imap.store("1:*", "+FLAGS", "\\Deleted")
                imap.expunge()
    finally:
        imap.logout()


def deliver(
    dovecot: DovecotServer, raw: bytes, folder: str = "INBOX", user: str = "jordan"
) -> None:
    """Put a message in a folder, as a mail server delivering it would."""
    imap = imap_login(dovecot, user)
    try:
        status, detail = imap.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
        assert status == "OK", detail
    finally:
        imap.logout()


def folder_messages(
    dovecot: DovecotServer, folder: str, user: str = "jordan"
) -> list[tuple[bytes, bytes]]:
    """(flags, whole message) of every message in the folder, read without changing it."""
    imap = imap_login(dovecot, user)
    try:
        imap.select(folder, readonly=True)
        _, data = imap.uid("SEARCH", None, "ALL")
        out = []
        for uid in data[0].split():
            _, parts = imap.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
            flags = parts[0][0]
            out.append((flags, parts[0][1]))
        return out
    finally:
        imap.logout()


@pytest.fixture
def smtp_server(dovecot: DovecotServer) -> Callable[..., SmtpServer]:
    """Start an SMTP server with the given behaviour (stopped after the test)."""
    started: list[SmtpServer] = []

    def start(**behaviour: object) -> SmtpServer:
        server = SmtpServer(Behaviour(users=dict(USERS), **behaviour))  # type: ignore[arg-type]
        server.__enter__()
        started.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in started:
        server.__exit__(None, None, None)
