"""The web's mail pages on SQLite and PostgreSQL against the real test servers (Dovecot, aiosmtpd):
Settings → Mail (setup, problems beside their fields, no secret ever shown, Test connection,
the digest time), Send and Save to Drafts from the editor, Check mail and "Is this their
answer?" on Today, bounces, the Outbox, and the help page."""

# ruff: noqa: F811  (the fixtures of tests/mail, imported, are redefined as test arguments)
from __future__ import annotations

import html
import html as html_module
import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.mail import samples
from tests.mail.conftest import (  # noqa: F401  (the fixtures of the mail tests)
    _mail_environment,
    clear_mailbox,
    deliver,
    dovecot,
    folder_messages,
    mail_cert,
    mailbox_user,
    oauth_server,
    smtp_server,
)
from tests.mail.dovecot import USERS
from tests.mail.test_mail_flow import LATER, password_file, stored_application
from tests.web.conftest import local_client

PASSWORD = USERS["jordan"]


def later() -> datetime:
    return datetime.fromisoformat(LATER)


@pytest.fixture
def web(cli, tmp_path, use_db, settings) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """The stored application (Katherine Chen and Raj Patel at globex.example), no mail
    account yet, and a browser-like client of the web app at LATER."""
    stored_application(cli, tmp_path)
    with local_client(settings, clock=later) as client:
        client.get("/settings")
        yield client


@pytest.fixture
def servers(smtp_server, dovecot, mailbox_user):  # type: ignore[no-untyped-def]
    """(SMTP, Dovecot): the SMTP server files what it accepts in Sent, as Gmail does."""
    return smtp_server(imap_port=dovecot.port), dovecot


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def post(client: TestClient, url: str, data: dict[str, str], page: str = "/settings") -> Any:
    token = csrf_of(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def account_form(sending: Any, reading: Any, **changes: str) -> dict[str, str]:
    form = {
        "mail_address": "jordan@example.org",
        "preset": "other",
        "smtp": f"127.0.0.1:{sending.port}",
        "smtp_security": "plain",
        "imap": f"127.0.0.1:{reading.port}",
        "imap_security": "plain",
        "username": "jordan",
        "auth": "keyring",
        "password": PASSWORD,
    }
    return form | changes


def set_up(client: TestClient, smtp: Any, dovecot: Any, **changes: str) -> None:
    response = post(client, "/settings/mail", account_form(smtp, dovecot, **changes))
    assert response.status_code == 303, response.text
    assert re.fullmatch(r"/settings\?say=.*#mail", response.headers["location"])


def problem_beside(html: str, field: str) -> str:
    found = re.search(rf'<p class="error" id="e-{field}">([^<]+)</p>', html)
    assert found, f"no problem beside {field}"
    return html_module.unescape(found.group(1))


def visible(html: str) -> str:
    """The text of a page, without its markup (what a user reads)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#34;", '"')


# -- Settings -------------------------------------------------------------------------------
def test_setup_keeps_the_password_in_the_keyring_and_never_shows_it(  # type: ignore[no-untyped-def]
    web, servers, tmp_path
):
    smtp, dovecot = servers
    page = web.get("/settings").text
    assert "Set up your mailbox" in page and 'name="password" type="password" value=""' in page
    assert 'data-smtp="smtp.gmail.com:465"' in page  # the presets fill the servers
    set_up(web, smtp, dovecot)
    kept = json.loads((tmp_path / "keyring.json").read_text())
    assert kept == {"followup-mail/jordan@example.org:password": PASSWORD}
    page = web.get("/settings").text
    assert PASSWORD not in page
    assert "The app password is in your OS keyring." in visible(page)
    assert f"127.0.0.1:{smtp.port} · PLAIN" in page

    tested = post(web, "/settings/mail/test", {})
    assert tested.status_code == 200 and PASSWORD not in tested.text
    assert "Connected." in tested.text
    assert (
        "Drafts folder: <strong>Drafts</strong>; Sent folder: <strong>Sent</strong>" in tested.text
    )

    # a change of server needs no new password: the keyring still holds it
    set_up(web, smtp, dovecot, password="", username="jordan")
    assert post(web, "/settings/mail/test", {}).text.count("Connected.") == 1


def test_a_wrong_password_shows_the_failure_of_test_connection(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot, password="not-the-password")
    tested = post(web, "/settings/mail/test", {})
    said = visible(tested.text)
    assert "The connection failed for both servers." in said
    assert re.search(r"Sending \(SMTP [^)]+\): failed\. SMTP [^ ]+ the server refused", said)
    assert re.search(r"Reading \(IMAP [^)]+\): failed\. IMAP [^ ]+ the server refused", said)
    assert "not-the-password" not in tested.text


def test_test_connection_tries_both_servers_and_words_a_server_offering_no_sign_in(  # type: ignore[no-untyped-def]
    web, smtp_server, dovecot, mailbox_user
):
    relay = smtp_server(mode="no_auth")
    set_up(web, relay, dovecot)
    tested = post(web, "/settings/mail/test", {})
    said = visible(tested.text)
    assert "The connection failed for sending; reading works." in said
    assert (
        f"Sending (SMTP 127.0.0.1:{relay.port}): failed. The server at SMTP "
        f"127.0.0.1:{relay.port} offers no sign-in (AUTH); check the port and security"
    ) in said
    assert f"Reading (IMAP 127.0.0.1:{dovecot.port}): signed in. Drafts folder:" in said
    assert "Drafts folder: <strong>Drafts</strong>; Sent folder: <strong>Sent</strong>" in (
        tested.text
    )
    assert ".." not in said and "not supported" not in said


def test_saving_the_account_clears_the_last_automatic_checks_failure(web, servers) -> None:  # type: ignore[no-untyped-def]
    from followup.services.mail import account_settings
    from followup.web.background import Background, Round

    smtp, dovecot = servers
    set_up(web, smtp, dovecot, password="not-the-password")
    service = web.app.state.service  # type: ignore[attr-defined]
    background = Background(service, sync_every=600, poll_every=1800)
    web.app.state.background = background  # type: ignore[attr-defined]
    background.mail_round()
    failed = visible(web.get("/settings").text)
    assert "The automatic mail check at" in failed and "refused the user name" in failed
    set_up(web, smtp, dovecot)
    assert "The automatic mail check at" not in web.get("/settings").text
    # a failure from before the account was saved (by `followup mail setup`, say) is not shown
    saved = account_settings(service).saved_at  # type: ignore[union-attr]
    problem = "IMAP imap.gmail.com:993: cannot connect (timed out); check the host name and port"
    background.mail = Round(saved - timedelta(minutes=1), problem)
    assert "cannot connect (timed out)" not in web.get("/settings").text
    background.mail = Round(saved, problem)
    assert f"failed: {problem}. followup tries again" in visible(web.get("/settings").text)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"mail_address": "jordan at example"}, "mail_address", "jordan at example"),
        (
            {"smtp": "smtp.example.com:587", "smtp_security": "plain"},
            "smtp_security",
            "“None” (unencrypted) is allowed only for a server on this computer, not "
            "smtp.example.com; choose TLS or STARTTLS.",
        ),
        ({"imap": "imap.example.com:99999"}, "imap", "is not a port number"),
        ({"password": ""}, "password", "Give the app password"),
        ({"auth": "oauth", "client_id": ""}, "client_id", "OAuth needs the client id"),
        ({"auth": "file", "password_file": "/nonexistent/pw"}, "password_file", "no such file"),
    ],
)
def test_setup_problems_show_beside_their_field_and_nothing_is_kept(  # type: ignore[no-untyped-def]
    web, servers, tmp_path, changes, field, words
):
    smtp, dovecot = servers
    response = post(web, "/settings/mail", account_form(smtp, dovecot, **changes))
    assert response.status_code == 400
    assert words in problem_beside(response.text, field)
    assert PASSWORD not in response.text  # what was typed comes back, the password never
    assert "Nothing was saved" in response.text
    assert "Set up your mailbox" in web.get("/settings").text
    assert not (tmp_path / "keyring.json").exists()


def test_every_problem_of_the_form_shows_beside_its_field_at_once(  # type: ignore[no-untyped-def]
    web, servers, tmp_path
):
    smtp, dovecot = servers
    loose = password_file(tmp_path, mode=0o644)
    form = account_form(
        smtp, dovecot, mail_address="bad", smtp="x:0", imap="y:abc", auth="file"
    ) | {"password_file": str(loose), "smtp_security": "tls", "imap_security": "tls"}
    response = post(web, "/settings/mail", form)
    assert response.status_code == 400
    assert problem_beside(response.text, "mail_address") == "'bad' is not an email address."
    assert problem_beside(response.text, "smtp") == "'0' is not a port number (1-65535)."
    assert problem_beside(response.text, "imap") == "'abc' is not a port number (1-65535)."
    assert "other users can read it (mode 0644)" in problem_beside(response.text, "password_file")
    assert "4 things need your attention" in visible(response.text)
    assert "Set up your mailbox" in web.get("/settings").text


def test_the_form_words_its_problems_for_the_form_not_the_command_line(  # type: ignore[no-untyped-def]
    web, servers, monkeypatch
):
    smtp, dovecot = servers
    response = post(
        web,
        "/settings/mail",
        account_form(smtp, dovecot, smtp="", imap="", smtp_security="", imap_security=""),
    )
    assert problem_beside(response.text, "smtp") == (
        "Give the sending server as host:port, or choose your mail provider above."
    )
    assert problem_beside(response.text, "imap") == (
        "Give the reading server as host:port, or choose your mail provider above."
    )
    response = post(web, "/settings/mail", account_form(smtp, dovecot, smtp="smtp example"))
    assert problem_beside(response.text, "smtp") == "'smtp example' is not host:port."

    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core._keyring_backend = None
    response = post(web, "/settings/mail", account_form(smtp, dovecot))
    beside = problem_beside(response.text, "password")
    assert beside == (
        "This computer has no usable keyring (the backend is Keyring); choose “An app password "
        "in a file only you can read” below and give the file's path."
    )
    page = visible(response.text)
    assert "This computer has no usable keyring (the backend is Keyring). Keep" in page
    for problem in re.findall(r'<p class="error" id="e-[a-z_]+">([^<]+)</p>', response.text):
        assert "--" not in problem and "HOST[:PORT]" not in problem


def test_a_path_beside_its_field_keeps_its_case(web, servers, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    monkeypatch.chdir(tmp_path)
    response = post(
        web, "/settings/mail", account_form(smtp, dovecot, auth="file", password_file="pw600")
    )
    assert problem_beside(response.text, "password_file") == "pw600: no such file."
    (tmp_path / "secret").write_text("x\n")
    (tmp_path / "secret").chmod(0o644)
    response = post(
        web, "/settings/mail", account_form(smtp, dovecot, auth="file", password_file="secret")
    )
    assert problem_beside(response.text, "password_file").startswith(
        "secret: other users can read it (mode 0644); run `chmod 600 secret`"
    )
    response = post(web, "/settings/mail", account_form(smtp, dovecot, username="a\nb"))
    assert problem_beside(response.text, "username") == "Not a usable user name."


def test_a_password_file_others_can_read_is_refused_and_one_of_mine_works(  # type: ignore[no-untyped-def]
    web, servers, tmp_path
):
    smtp, dovecot = servers
    loose = password_file(tmp_path, mode=0o644)
    response = post(
        web, "/settings/mail", account_form(smtp, dovecot, auth="file", password_file=str(loose))
    )
    assert "other users can read it (mode 0644)" in problem_beside(response.text, "password_file")
    loose.chmod(0o600)
    set_up(web, smtp, dovecot, auth="file", password_file=str(loose), password="")
    assert f"The password is read from the file {loose} each time." in visible(
        web.get("/settings").text
    )
    assert "Connected." in post(web, "/settings/mail/test", {}).text
    loose.chmod(0o640)  # loosened since: the page says so in its words, not the CLI's flag
    said = visible(post(web, "/settings/mail/test", {}).text)
    assert (
        f"The connection test could not start: {loose}: other users can read it (mode 0640); "
        f"run `chmod 600 {loose}`."
    ) in said
    assert "--password-file" not in said


def test_without_a_keyring_settings_says_so_and_explains_the_password_file(  # type: ignore[no-untyped-def]
    web, servers, monkeypatch
):
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core._keyring_backend = None
    page = visible(web.get("/settings").text)
    assert "This computer has no usable keyring" in page
    assert "followup mail setup --password-file FILE" in page
    smtp, dovecot = servers
    response = post(web, "/settings/mail", account_form(smtp, dovecot))
    assert response.status_code == 400
    assert "This computer has no usable keyring" in problem_beside(response.text, "password")


def test_remove_the_account_asks_first_then_forgets_it_and_its_secret(  # type: ignore[no-untyped-def]
    web, servers, tmp_path
):
    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    send(web, "thank_you:1:1")
    assert 'action="/settings/mail/remove"' in web.get("/settings").text
    asked = post(web, "/settings/mail/remove", {})
    assert asked.status_code == 200
    assert "Remove the mail account jordan@example.org?" in visible(asked.text)
    assert 'value="confirmed"' not in asked.text and 'name="confirmed" value="1"' in asked.text
    assert json.loads((tmp_path / "keyring.json").read_text())  # nothing gone by asking

    removed = post(web, "/settings/mail/remove", {"confirmed": "1"})
    assert removed.status_code == 303
    page = visible(web.get(removed.headers["location"]).text)
    assert "Removed the mail account jordan@example.org; the outbox keeps what was sent." in page
    assert "Set up your mailbox" in page and "Remove the account" not in page
    assert json.loads((tmp_path / "keyring.json").read_text()) == {}
    assert "To kchen@globex.example" in visible(web.get("/outbox").text)
    again = post(web, "/settings/mail/remove", {"confirmed": "1"})
    assert "There is no mail account to remove." in web.get(again.headers["location"]).text


def test_the_digest_time(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    response = post(web, "/settings/mail/digest", {"digest_time": "25:00"})
    assert response.status_code == 400
    assert "'25:00' is not a time such as 08:00" in problem_beside(response.text, "digest_time")
    response = post(web, "/settings/mail/digest", {"digest_time": "08:00"})
    assert response.status_code == 303
    assert 'name="digest_time" type="time" value="08:00"' in web.get("/settings").text


def test_the_help_page_explains_each_way_to_sign_in(web) -> None:  # type: ignore[no-untyped-def]
    page = web.get("/help/mail").text
    assert '<section id="app-password">' in page and '<section id="oauth">' in page
    assert "https://myaccount.google.com/apppasswords" in page


# -- the editor -----------------------------------------------------------------------------
def test_send_and_save_to_drafts_wait_for_an_account(web) -> None:  # type: ignore[no-untyped-def]
    page = web.get("/actions/thank_you:1:1").text
    assert re.search(r'formaction="/actions/thank_you:1:1/send"[^>]*disabled', page)
    assert re.search(r'formaction="/actions/thank_you:1:1/save-draft"[^>]*disabled', page)
    assert "Set up your mailbox to send it or save it to Drafts from here." in visible(page)
    refused = post(web, "/actions/thank_you:1:1/send", {"text": "Hello"}, "/actions/thank_you:1:1")
    assert refused.status_code == 303
    assert "Not sent: no mail account yet" in web.get(refused.headers["location"]).text


def test_send_asks_first_about_errors_then_the_follow_up_is_done(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    editor = web.get("/actions/thank_you:1:1").text
    text = re.search(r'<textarea id="note"[^>]*>([^<]*)</textarea>', editor).group(1)  # type: ignore[union-attr]
    text = text.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&")
    faulty = text.replace("Thank you", "Thank you teh", 1)
    asked = post(
        web, "/actions/thank_you:1:1/send", {"text": faulty, "next": "/"}, "/actions/thank_you:1:1"
    )
    assert asked.status_code == 200 and "Send it with these errors?" in asked.text
    assert "“teh”" in visible(asked.text) and smtp.messages == []
    # the note as typed is kept: going back to fix it finds it
    assert "Thank you teh" in web.get("/actions/thank_you:1:1?method=email").text
    sent = post(
        web,
        "/actions/thank_you:1:1/send",
        {"text": text, "next": "/"},
        "/actions/thank_you:1:1",
    )
    assert sent.status_code == 303
    today = web.get(sent.headers["location"]).text
    assert "Sent to kchen@globex.example" in visible(today)
    assert "Thank-you to Katherine Chen" not in today
    assert len(smtp.messages) == 1 and "Katherine" in smtp.messages[0]["data"]
    outbox = visible(web.get("/outbox").text)
    assert "To kchen@globex.example" in outbox and "Sent" in outbox
    assert 'id="send"' not in web.get("/actions/thank_you:1:1").text  # done: no Send


def test_save_to_drafts_replaces_its_earlier_copy(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    first = post(web, "/actions/thank_you:1:2/save-draft", {"text": ""}, "/actions/thank_you:1:2")
    assert "Saved it as a draft in your Drafts folder." in web.get(first.headers["location"]).text
    again = post(
        web,
        "/actions/thank_you:1:2/save-draft",
        {"text": "Subject: Thank you\n\nDear Raj,\n\nThank you again.\n\nJordan A. Rivera"},
        "/actions/thank_you:1:2",
    )
    assert "Replaced the draft in your Drafts folder." in web.get(again.headers["location"]).text
    [(flags, raw)] = folder_messages(dovecot, "Drafts")
    assert b"\\Draft" in flags and b"Thank you again." in raw
    assert smtp.messages == []


# -- Today: Check mail ----------------------------------------------------------------------
def send(web: TestClient, action: str) -> str:
    """Send the follow-up as drafted, confirming any error; its Message-ID."""
    post(web, f"/actions/{action}/send", {"text": "", "confirmed": "1"}, f"/actions/{action}")
    [entry] = [e for e in _outbox(web) if e["action_id"] == action]
    return str(entry["message_id"])


def _outbox(web: TestClient) -> list[dict[str, Any]]:
    from followup.services.mail import outbox_list

    return outbox_list(web.app.state.service)  # type: ignore[attr-defined]


def test_check_mail_records_an_answer_and_the_check_ins_stop(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    assert 'id="check-mail"' in web.get("/").text
    message_id = send(web, "thank_you:1:1")
    deliver(dovecot, samples.reply("<answer-1@globex.example>", in_reply_to=message_id))
    checked = post(web, "/mail/check", {}, "/")
    assert checked.status_code == 303
    today = visible(web.get(checked.headers["location"]).text)
    assert (
        "Checked your mail: 1 new message; an answer from kchen@globex.example recorded." in today
    )
    assert "Check-in" not in today
    again = post(web, "/mail/check", {}, "/")
    assert "Checked your mail: 0 new messages." in visible(web.get(again.headers["location"]).text)


def test_unsure_messages_ask_is_this_their_answer(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    for n in (1, 2, 3):
        deliver(
            dovecot,
            samples.reply(
                f"<hr-{n}@globex.example>",
                sender=f"HR Team {n} <hr{n}@globex.example>",
                subject=f"Your application {n}",
            ),
        )
    checked = post(web, "/mail/check", {}, "/")
    today = web.get(checked.headers["location"]).text
    assert "3 to confirm below" in visible(today)
    assert "Is this their answer?" in today
    ids = [int(i) for i in re.findall(r'id="inbound-(\d+)"', today)]
    assert len(ids) == 3 and "About Globex Corporation · Senior Data Analyst ?" in visible(today)

    bad = post(web, f"/mail/inbound/{ids[0]}", {"answer": "new_date", "expected_by": "31/12"}, "/")
    assert bad.status_code == 400
    assert problem_beside(bad.text, "expected_by") and "Nothing was recorded" in bad.text

    no = post(web, f"/mail/inbound/{ids[0]}", {"answer": "no"}, "/")
    assert "Noted: that message is not their answer." in web.get(no.headers["location"]).text
    dated = post(
        web, f"/mail/inbound/{ids[1]}", {"answer": "new_date", "expected_by": "2026-12-09"}, "/"
    )
    assert "Recorded as a new date." in web.get(dated.headers["location"]).text
    yes = post(web, f"/mail/inbound/{ids[2]}", {"answer": "yes"}, "/")
    today = web.get(yes.headers["location"]).text
    assert "Recorded as their answer." in today and "Is this their answer?" not in today
    assert "Check-in" not in today
    twice = post(web, f"/mail/inbound/{ids[2]}", {"answer": "yes"}, "/")
    assert twice.status_code == 409 and "already settled" in twice.text


def test_a_bounce_shows_on_today_and_in_the_outbox(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    message_id = send(web, "thank_you:1:2")
    deliver(dovecot, samples.bounce(message_id))
    checked = post(web, "/mail/check", {}, "/")
    today = visible(web.get(checked.headers["location"]).text)
    assert "1 email(s) bounced" in today
    assert "Your email to raj.patel@globex.example bounced" in today
    outbox = visible(web.get("/outbox").text)
    assert "Bounced: smtp; 550 5.1.1" in outbox


def test_check_mail_says_why_it_could_not(web, servers) -> None:  # type: ignore[no-untyped-def]
    smtp, dovecot = servers
    set_up(web, smtp, dovecot, password="wrong")
    checked = post(web, "/mail/check", {}, "/")
    assert "Mail not checked:" in visible(web.get(checked.headers["location"]).text)


def test_a_keyring_that_will_not_forget_is_said(web, servers, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import keyring.core

    smtp, dovecot = servers
    set_up(web, smtp, dovecot)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.mail.keyring_backend.LockedKeyring")
    keyring.core._keyring_backend = None
    removed = post(web, "/settings/mail/remove", {"confirmed": "1"})
    page = html.unescape(visible(web.get(removed.headers["location"]).text))
    assert (
        "Your keyring would not forget its secret: remove the entry of service 'followup-mail' "
        "for jordan@example.org with your keyring's own tool." in page
    )
    assert json.loads((tmp_path / "keyring.json").read_text())  # still there, as it says
