"""What `followup serve` does by itself (web/background.py): it reads new mail every
FOLLOWUP_SYNC_EVERY seconds (a reply delivered to the IMAP INBOX is recorded without anyone
pressing anything) and stops cleanly on Ctrl+C; a failing mailbox or calendar shows on Settings
and the server goes on. SQLite and PostgreSQL, real Dovecot and aiosmtpd."""

# ruff: noqa: F811  (the fixtures of tests/mail, imported, are redefined as test arguments)
from __future__ import annotations

import json
import signal
import time

import pytest

from followup.web.background import Background
from tests.mail import samples
from tests.mail.conftest import (  # noqa: F401  (the fixtures of the mail tests)
    _mail_environment,
    deliver,
    dovecot,
    mail_cert,
    mailbox_user,
    oauth_server,
    smtp_server,
)
from tests.mail.test_mail_flow import NOW, ok, set_up_mail, stored_application
from tests.web.conftest import free_port, local_client
from tests.web.served import Served, followup_env, run_followup


@pytest.fixture
def mailbox(cli, tmp_path, use_db, smtp_server, dovecot, mailbox_user):  # type: ignore[no-untyped-def]
    """The stored application, a mail account (password file), and the thank-you to Katherine
    Chen sent; its Message-ID."""
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    sent = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    return sent["message_id"]


def replies(env: dict[str, str]) -> list[dict[str, object]]:
    return json.loads(run_followup(env, "export"))["tables"]["replies"]  # type: ignore[no-any-return]


def test_serve_records_a_reply_by_itself_and_stops_on_ctrl_c(  # type: ignore[no-untyped-def]
    mailbox, dovecot, tmp_path, use_db
):
    env = followup_env(tmp_path / "home", use_db, FOLLOWUP_SYNC_EVERY="1")
    with Served(env) as served:
        deliver(dovecot, samples.reply("<answer-7@globex.example>", in_reply_to=mailbox))
        deadline = time.monotonic() + 60
        while not replies(env) and time.monotonic() < deadline:
            time.sleep(0.5)
        [reply] = replies(env)
        assert (reply["kind"], reply["person_id"]) == ("answer", 1)
        settings = served.client().get("/settings").text
        assert "Mail is read every 1 second while followup runs; last at" in settings
        assert served.process is not None
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=30) == 0
    assert "Traceback" not in served.output
    assert len(replies(env)) == 1  # read again by every round since: still recorded once


def test_a_failing_mailbox_or_calendar_shows_on_settings_and_nothing_stops(  # type: ignore[no-untyped-def]
    mailbox, tmp_path, settings
):
    (tmp_path / "jordan.password").write_text("not-the-password\n")
    with local_client(settings) as client:
        service = client.app.state.service  # type: ignore[attr-defined]
        service.set_subscription(f"http://127.0.0.1:{free_port()}/calendar.ics")  # nobody there
        background = Background(service, sync_every=600, poll_every=1800)
        client.app.state.background = background  # type: ignore[attr-defined]
        background.mail_round()
        background.calendar_round()
        page = client.get("/settings").text
    assert "The automatic mail check at" in page
    assert "refused the user name or password" in page
    assert "followup tries again within 10 minutes." in page
    assert background.calendar.problem and background.calendar.ran == ("failed",)
    assert background.mail.ran == () and background.threads == []


def test_the_threads_stop_when_asked(mailbox, settings) -> None:  # type: ignore[no-untyped-def]
    with local_client(settings) as client:
        background = Background(
            client.app.state.service,  # type: ignore[attr-defined]
            sync_every=3600,
            poll_every=3600,
        )
        background.start()
        assert [t.is_alive() for t in background.threads] == [True, True]
        deadline = time.monotonic() + 30
        while background.mail.at is None and time.monotonic() < deadline:
            time.sleep(0.1)  # the first round reads the mailbox at once
        background.close()
        assert [t.is_alive() for t in background.threads] == [False, False]
        assert background.mail.ran == ("sync",) and background.mail.problem is None
