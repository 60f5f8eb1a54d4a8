"""`followup mail remove` on SQLite and PostgreSQL: it asks on a terminal and wants --yes
elsewhere, forgets the account and what was read of its mailbox, and keeps the outbox's
history; a password file is the user's own and stays."""

from __future__ import annotations

import json

import pytest

from tests.mail.test_mail_flow import NOW, ok, password_file, set_up_mail, stored_application


@pytest.mark.usefixtures("use_db")
def test_remove_wants_yes_off_a_terminal_and_keeps_the_outbox(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    ok(cli("send", "thank_you:1:1", "--yes", now=NOW))
    ok(cli("sync", now=NOW))
    tables = json.loads(ok(cli("export")).out)["tables"]
    assert tables["mail_accounts"] and tables["mail_seen"]  # INBOX read up to somewhere

    refused = cli("mail", "remove")
    assert (refused.code, refused.err) == (
        2,
        "Error: --yes: needed to remove the account when there is no terminal to ask on\n",
    )
    assert ok(cli("mail", "test")).out.startswith("Signed in")  # still there

    removed = ok(cli("mail", "remove", "--yes"))
    assert removed.out == (
        "Removed the mail account jordan@example.org; the outbox keeps what was sent. The "
        f"password file {password_file(tmp_path)} is yours to delete.\n"
    )
    assert password_file(tmp_path).exists()
    assert cli("mail", "test").err.startswith("Error: no mail account yet")
    [entry] = json.loads(ok(cli("outbox", "--json")).out)["entries"]
    assert (entry["action_id"], entry["state"]) == ("thank_you:1:1", "sent")
    tables = json.loads(ok(cli("export")).out)["tables"]
    assert tables["mail_accounts"] == [] and tables["mail_seen"] == []

    again = cli("mail", "remove", "--yes")
    assert (again.code, again.err) == (2, "Error: there is no mail account to remove\n")


@pytest.mark.usefixtures("use_db")
def test_another_mailbox_is_read_from_its_start(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):
    """Saving the account again keeps what was read of its mailbox; pointing it at another
    mailbox (another user or server) forgets it, as two mailboxes may share a UIDVALIDITY."""
    stored_application(cli, tmp_path)
    smtp = smtp_server()
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    ok(cli("sync", now=NOW))
    read = json.loads(ok(cli("export")).out)["tables"]["mail_seen"]
    assert read
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))  # the same mailbox, saved again
    assert json.loads(ok(cli("export")).out)["tables"]["mail_seen"] == read
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port, user="nospecial"))
    assert json.loads(ok(cli("export")).out)["tables"]["mail_seen"] == []
