"""SMTP and IMAP against the real test servers: sign-in by password and XOAUTH2, and one clear
error per failure (wrong password, app password needed, TLS mismatch, unreachable host, a
connection dropped mid-DATA, a mailbox without SPECIAL-USE)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from followup.mail import errors
from followup.mail.account import Server
from followup.mail.imap import open_mailbox
from followup.mail.message import Outgoing, build_message, message_bytes
from followup.mail.oauth import access_token
from followup.mail.smtp import Login, check_smtp, send_message
from tests.mail.conftest import deliver, folder_messages
from tests.mail.dovecot import USERS
from tests.mail.smtp_server import free_port

PASSWORD = Login("jordan", USERS["jordan"])


def a_message(message_id: str = "<t1@example.org>"):  # type: ignore[no-untyped-def]
    return build_message(
        Outgoing(
            from_address="jordan@example.org",
            from_name="Jordan A. Rivera",
            to_address="kchen@globex.example",
            to_name="Katherine Chen",
            subject="Thank you",
            body="Dear Ms. Chen,\n\nThank you.\n",
            message_id=message_id,
            date=datetime(2026, 11, 25, 14, 0, tzinfo=UTC),
        )
    )


def test_smtp_sends_with_a_password_and_files_in_sent(smtp_server, dovecot, mailbox_user):  # type: ignore[no-untyped-def]
    server = smtp_server(imap_port=dovecot.port)
    send_message(Server("127.0.0.1", server.port, "plain"), PASSWORD, a_message())
    assert [m["message_id"] for m in server.messages] == ["<t1@example.org>"]
    assert server.messages[0]["to"] == ["kchen@globex.example"]
    sent = folder_messages(dovecot, "Sent")
    assert len(sent) == 1 and b"Message-ID: <t1@example.org>" in sent[0][1]


@pytest.mark.parametrize(
    ("login", "mode", "error", "text"),
    [
        (
            Login("jordan", "wrong"),
            "normal",
            errors.AuthFailedError,
            "refused the user name or password",
        ),
        (PASSWORD, "app_password", errors.AppPasswordNeededError, "needs an app password"),
    ],
)
def test_smtp_sign_in_failures_are_named(smtp_server, login, mode, error, text):  # type: ignore[no-untyped-def]
    server = smtp_server(mode=mode)
    with pytest.raises(error) as caught:
        check_smtp(Server("127.0.0.1", server.port, "plain"), login)
    assert text in caught.value.message
    assert f"SMTP 127.0.0.1:{server.port}" in caught.value.message


def test_smtp_tls_against_a_plain_server_is_a_tls_mismatch(smtp_server):  # type: ignore[no-untyped-def]
    server = smtp_server()
    with pytest.raises(errors.TlsMismatchError) as caught:
        check_smtp(Server("127.0.0.1", server.port, "tls"), PASSWORD, timeout=5)
    assert "check --security" in caught.value.message
    with pytest.raises(errors.TlsMismatchError, match="offers no STARTTLS"):
        check_smtp(Server("127.0.0.1", server.port, "starttls"), PASSWORD, timeout=5)


def test_unreachable_hosts_are_named() -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(errors.HostUnreachableError, match=f"SMTP 127.0.0.1:{port}: cannot connect"):
        check_smtp(Server("127.0.0.1", port, "plain"), PASSWORD, timeout=5)
    with (
        pytest.raises(errors.HostUnreachableError, match=f"IMAP 127.0.0.1:{port}: cannot connect"),
        open_mailbox(Server("127.0.0.1", port, "plain"), PASSWORD, timeout=5),
    ):
        pass


def test_a_connection_dropped_mid_data_is_temporary_and_nothing_is_delivered(smtp_server):  # type: ignore[no-untyped-def]
    server = smtp_server(mode="drop")
    with pytest.raises(errors.ConnectionDroppedError) as caught:
        send_message(Server("127.0.0.1", server.port, "plain"), PASSWORD, a_message())
    assert caught.value.temporary
    assert server.messages == []


def test_a_4xx_reply_is_temporary_a_5xx_permanent(smtp_server):  # type: ignore[no-untyped-def]
    server = smtp_server(tempfail=1)
    target = Server("127.0.0.1", server.port, "plain")
    with pytest.raises(errors.ServerRefusedError) as caught:
        send_message(target, PASSWORD, a_message())
    assert caught.value.temporary and "451" in caught.value.message
    send_message(target, PASSWORD, a_message())
    assert len(server.messages) == 1


def test_xoauth2_over_smtp_and_imap_with_a_refreshed_token(smtp_server, oauth_server, dovecot):  # type: ignore[no-untyped-def]
    refresh = oauth_server.grant("jordan")
    token, rotated = access_token(
        "google", "client-1", "not-secret", refresh, endpoint=oauth_server.base
    )
    assert rotated is None and token.startswith("access-jordan-")
    server = smtp_server(tokens=oauth_server.access_tokens)
    login = Login("jordan", access_token=token)
    check_smtp(Server("127.0.0.1", server.port, "plain"), login)
    with open_mailbox(Server("127.0.0.1", dovecot.port, "plain"), login) as box:
        assert box.folders().drafts == "Drafts"
    with pytest.raises(errors.AuthFailedError):
        check_smtp(
            Server("127.0.0.1", server.port, "plain"), Login("jordan", access_token="forged")
        )


def test_microsoft_refresh_through_msal(oauth_server) -> None:  # type: ignore[no-untyped-def]
    refresh = oauth_server.grant("jordan")
    token, _ = access_token(
        "microsoft", "client-2", None, refresh, endpoint=f"{oauth_server.base}/consumers"
    )
    assert token.startswith("access-jordan-")
    with pytest.raises(errors.MailSetupError, match="Microsoft refused to renew"):
        access_token(
            "microsoft", "client-2", None, "revoked", endpoint=f"{oauth_server.base}/consumers"
        )


def test_imap_folders_by_special_use_and_tls(dovecot, mailbox_user) -> None:  # type: ignore[no-untyped-def]
    with open_mailbox(Server("127.0.0.1", dovecot.tls_port, "tls"), PASSWORD) as box:
        folders = box.folders()
    assert (folders.drafts, folders.sent, folders.archive) == ("Drafts", "Sent", "Archive")
    with (
        pytest.raises(errors.TlsMismatchError),
        open_mailbox(Server("127.0.0.1", dovecot.port, "tls"), PASSWORD, timeout=5),
    ):
        pass
    with (
        pytest.raises(errors.AuthFailedError, match="IMAP 127.0.0.1"),
        open_mailbox(Server("127.0.0.1", dovecot.port, "plain"), Login("jordan", "nope")),
    ):
        pass


def test_a_mailbox_without_special_use_is_named(dovecot) -> None:  # type: ignore[no-untyped-def]
    login = Login("nospecial", USERS["nospecial"])
    with (
        open_mailbox(Server("127.0.0.1", dovecot.port, "plain"), login) as box,
        pytest.raises(errors.NoSpecialUseError, match=r"marks no \\Drafts folder"),
    ):
        box.append_draft(b"Subject: x\r\n\r\nx\r\n", datetime.now(UTC))
    assert folder_messages(dovecot, "Drafts", user="nospecial") == []


def test_append_draft_replaces_our_earlier_draft(dovecot, mailbox_user) -> None:  # type: ignore[no-untyped-def]
    deliver(dovecot, message_bytes(a_message("<other@x.example>")), "Drafts")
    with open_mailbox(Server("127.0.0.1", dovecot.port, "plain"), PASSWORD) as box:
        box.append_draft(message_bytes(a_message("<d1@example.org>")), datetime.now(UTC))
        box.append_draft(
            message_bytes(a_message("<d2@example.org>")),
            datetime.now(UTC),
            replaces="<d1@example.org>",
        )
        assert box.find_message_id("<d2@example.org>", ["Drafts"]) == "Drafts"
    drafts = folder_messages(dovecot, "Drafts")
    ids = sorted(m.split(b"Message-ID: ")[1].split(b"\r\n")[0] for _, m in drafts)
    assert ids == [b"<d2@example.org>", b"<other@x.example>"]
    assert all(b"\\Draft" in flags for flags, m in drafts if b"d2@" in m)


def test_an_abandoned_google_sign_in_ends_and_says_so(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The loopback sign-in waits SIGN_IN_SECONDS for the browser, then gives up: a web
    request or a terminal never waits for ever on a tab the user closed."""
    from followup.mail import oauth
    from followup.mail.errors import MailSetupError

    monkeypatch.setattr(oauth, "SIGN_IN_SECONDS", 1)
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake provider speaks http
    with pytest.raises(MailSetupError) as refused:
        oauth.authorize("google", "client-id", None, endpoint="http://127.0.0.1:9", browser=False)
    assert str(refused.value).endswith(
        "the Google sign-in was not finished within 1 seconds; start it again"
    )
