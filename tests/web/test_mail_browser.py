"""The mail journey in a real Chromium against a real server, with the real test mail servers
(Dovecot, aiosmtpd): set up the account in Settings (a preset fills the servers), test the
connection, send a thank-you from the editor and see it done on Today, a reply delivered to the
IMAP INBOX, Check mail, the check-ins stopped; an unsure message answered. Every page
photographed at desktop and phone width in test-artifacts/."""

# ruff: noqa: F811  (the fixtures of tests/mail, imported, are redefined as test arguments)
from __future__ import annotations

import re
from datetime import datetime, timedelta
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from followup.settings import Settings
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
from tests.mail.dovecot import USERS
from tests.mail.test_mail_flow import PANEL, ok
from tests.web.conftest import Server
from tests.web.test_browser import browser, shoot, watch  # noqa: F401  (the fixture)

TZ = "America/New_York"


@pytest.fixture
def stored(cli, tmp_path, monkeypatch) -> Settings:  # type: ignore[no-untyped-def]
    """Jordan's profile and the Globex panel of 22 hours ago (thank-yous due), on SQLite."""
    url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    now = datetime.now(ZoneInfo(TZ))
    panel = PANEL | {
        "start": (now - timedelta(hours=22)).isoformat(),
        "end": (now - timedelta(hours=21)).isoformat(),
        "expected_response_by": (now + timedelta(days=6)).date().isoformat(),
    }
    (tmp_path / "panel.yaml").write_text(yaml.safe_dump(panel))
    ok(
        cli(
            "setup", "--name", "Jordan A. Rivera", "--email", "jordan@example.org", "--timezone", TZ
        )
    )
    ok(cli("app", "add", "--company", "Globex Corporation", "--role", "Senior Data Analyst"))
    ok(cli("interview", "add", "1", "--file", str(tmp_path / "panel.yaml")))
    return Settings(home=tmp_path, database_url=url)


def fill_account(page: Page, smtp_port: int, imap_port: int) -> None:
    page.locator("#f-mail_address").fill("jordan@example.org")
    page.get_by_label("Your mail provider").select_option("gmail")
    # the preset fills the servers (mail.js); a server of one's own replaces them
    expect(page.get_by_label("Sending server (SMTP)")).to_have_value("smtp.gmail.com:465")
    expect(page.get_by_label("Reading server (IMAP)")).to_have_value("imap.gmail.com:993")
    page.get_by_label("Your mail provider").select_option("other")
    page.get_by_label("Sending server (SMTP)").fill(f"127.0.0.1:{smtp_port}")
    page.locator("#f-smtp_security").select_option("plain")
    page.get_by_label("Reading server (IMAP)").fill(f"127.0.0.1:{imap_port}")
    page.locator("#f-imap_security").select_option("plain")
    page.get_by_label("User name").fill("jordan")
    page.get_by_label("An app password, kept in your OS keyring").check()


def test_mail_journey(  # type: ignore[no-untyped-def]
    browser: Browser, stored, smtp_server, dovecot, mailbox_user
) -> None:
    smtp = smtp_server(imap_port=dovecot.port)  # files what it accepts in Sent, as Gmail does
    with Server(stored) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = watch(page)

        # without an account the editor offers no Send, and says where to set one up
        page.goto(server.url + "/actions/thank_you:1:1")
        expect(page.get_by_role("button", name="Send", exact=True)).to_be_disabled()
        looks = "b => getComputedStyle(b).backgroundColor + ' ' + getComputedStyle(b).cursor"
        send_looks = page.get_by_role("button", name="Send", exact=True).evaluate(looks)
        assert send_looks == "rgb(236, 238, 241) not-allowed"  # greyed out, not the blue of Mark
        expect(page.get_by_text("to send it or save it to Drafts from here")).to_be_visible()

        page.goto(server.url + "/settings")
        fill_account(page, smtp.port, dovecot.port)
        page.get_by_role("button", name="Save the account").click()
        expect(page.locator("#e-password")).to_have_text(re.compile("Give the app password"))
        expect(page.locator("#f-password")).to_be_focused()
        shoot(page, "mail-settings-error")
        page.locator("#f-password").fill(USERS["jordan"])
        page.get_by_role("button", name="Save the account").click()
        expect(page.get_by_text("Mail account jordan@example.org saved")).to_be_visible()
        page.get_by_role("button", name="Test connection").click()
        expect(page.locator("#mail-tested")).to_contain_text("Drafts folder: Drafts")
        assert USERS["jordan"] not in page.content()
        shoot(page, "mail-settings")

        page.get_by_role("link", name="Today").click()
        page.locator("li.action", has_text="Thank-you to Katherine Chen").get_by_role(
            "link", name="Draft"
        ).click()
        expect(page.get_by_role("button", name="Send", exact=True)).to_be_enabled()
        shoot(page, "mail-editor")
        page.get_by_role("button", name="Send", exact=True).click()
        if page.get_by_role("heading", name="Send it with these errors?").is_visible():
            page.get_by_role("button", name="Send it as it is").click()
        expect(page.get_by_text("Sent to kchen@globex.example")).to_be_visible()
        expect(page.get_by_role("heading", name="Today")).to_be_visible()
        expect(page.locator("li.action", has_text="Thank-you to Katherine Chen")).to_have_count(0)
        expect(page.locator("li.action", has_text="Check-in to Katherine Chen")).to_have_count(1)
        [sent] = smtp.messages
        shoot(page, "mail-today-sent")

        # written just now: the panel is 22 hours old whenever the test runs, so a fixed date
        # could fall before it ended, and a reply from before the interview answers nothing
        just_now = format_datetime(datetime.now(ZoneInfo(TZ)) - timedelta(minutes=5))
        deliver(
            dovecot,
            samples.reply(
                "<answer-1@globex.example>", in_reply_to=sent["message_id"], date=just_now
            ),
        )
        deliver(
            dovecot,
            samples.reply(
                "<hr-1@globex.example>",
                sender="Globex Talent <talent@globex.example>",
                subject="Next steps",
                date=just_now,
            ),
        )
        page.get_by_role("button", name="Check mail").click()
        expect(page.get_by_text("an answer from kchen@globex.example recorded")).to_be_visible()
        expect(page.locator("li.action", has_text="Check-in to Katherine Chen")).to_have_count(0)
        expect(page.get_by_role("heading", name=re.compile("Is this their answer"))).to_be_visible()
        shoot(page, "mail-today-checked")
        page.get_by_role("button", name="No: the message from talent@globex.example").click()
        expect(page.get_by_text("Noted: that message is not their answer.")).to_be_visible()
        expect(page.get_by_role("heading", name=re.compile("Is this their answer"))).to_have_count(
            0
        )

        page.goto(server.url + "/settings")
        page.get_by_role("link", name="Outbox").click()
        expect(page.locator("li.outbox-sent")).to_contain_text("To kchen@globex.example")
        shoot(page, "mail-outbox")
        page.goto(server.url + "/help/mail#oauth")
        expect(page.get_by_role("heading", name=re.compile("own OAuth app"))).to_be_visible()
        shoot(page, "mail-help")
        assert errors == []
