"""docs/contracts.md, "Mail", line by line against the CLI: the exact JSON keys of every mail command, the
proofreading gate of `send`, and the password file checked each time it is read."""

from __future__ import annotations

import json

import pytest

from tests.mail import samples
from tests.mail.conftest import deliver
from tests.mail.test_mail_flow import (
    LATER,
    NOW,
    ok,
    password_file,
    set_up_mail,
    stored_application,
)

# the contract's keys; the CLI may add fields, never rename them (the additions are pinned
# here too, so that each one is deliberate)
SEND = {"action", "message_id", "state", "to", "subject"}
REPLY = {"application", "from", "contact", "kind", "matched_by", "expected_by", "until"}
REPLY |= {"message_id"}
UNSURE = {"from", "subject", "why"}


@pytest.mark.usefixtures("use_db")
def test_every_mail_command_prints_the_contracts_keys(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):
    stored_application(cli, tmp_path)
    ok(set_up_mail(cli, tmp_path, smtp_server(imap_port=dovecot.port).port, dovecot.port))
    tested = json.loads(ok(cli("mail", "test", "--json")).out)
    assert set(tested) == {"address", "smtp", "imap", "drafts", "sent", "archive", "ok"}

    sent = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    assert set(sent) == SEND and sent["state"] == "sent"
    again = json.loads(ok(cli("send", "thank_you:1:1", "--json", now=NOW)).out)
    assert set(again) == SEND and again["state"] == "already_sent"

    draft = json.loads(ok(cli("mail", "save-draft", "thank_you:1:2", "--json", now=NOW)).out)
    assert set(draft) == {"action", "message_id", "folder", "replaced", "to", "subject"}

    deliver(dovecot, samples.reply("<a-1@globex.example>", in_reply_to=sent["message_id"]))
    deliver(dovecot, samples.reply("<hr-1@globex.example>", sender="HR <hr@jobs.globex.example>"))
    synced = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert set(synced) == {"fetched", "replies", "unsure", "bounces", "invitations"}
    [reply] = synced["replies"]
    assert set(reply) == REPLY | {"subject", "invitation"}
    assert (reply["application"], reply["contact"], reply["expected_by"]) == (1, 1, None)
    [unsure] = synced["unsure"]
    assert set(unsure) == UNSURE | {"id", "application", "received_at"}

    outbox = json.loads(ok(cli("outbox", "--json")).out)
    assert set(outbox) == {"entries"}
    assert set(outbox["entries"][0]) == {
        "id",
        "action_id",
        "purpose",
        "message_id",
        "state",
        "to_address",
        "subject",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    }
    digest = json.loads(ok(cli("digest", "--send", "--json", now=LATER)).out)
    assert set(digest) == {
        "date",
        "overdue",
        "due_today",
        "coming_up",
        "replies",
        "text",
        "state",
        "to",
        "message_id",
    }
    assert digest["state"] == "sent"
    assert json.loads(ok(cli("digest", "--json", now=LATER)).out)["state"] is None


@pytest.mark.usefixtures("use_db")
def test_send_refuses_a_note_with_proofreading_errors_unless_yes(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user, monkeypatch
):
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    monkeypatch.setenv("EDITOR", "sed -i s/Chen/Chan/g")  # the kept note misspells her name
    assert (
        "name: 'Chan' looks like a misspelling of 'Chen'"
        in ok(cli("write", "thank_you:1:1", now=NOW)).out
    )
    refused = cli("send", "thank_you:1:1", now=NOW)
    assert refused.code == 2
    assert refused.err.startswith("Error: ACTION: the note has 1 proofreading error(s), first: ")
    assert refused.err.endswith(
        "; fix it (followup write thank_you:1:1) or send anyway with --yes\n"
    )
    assert smtp.messages == [] and json.loads(ok(cli("outbox", "--json")).out)["entries"] == []
    sent = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    assert "Dear Ms. Chan," in smtp.messages[0]["data"] and sent["state"] == "sent"


@pytest.mark.usefixtures("use_db")
def test_a_password_file_others_can_read_is_refused_each_time_it_is_read(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    secret = password_file(tmp_path)
    secret.chmod(0o640)
    for command in (("mail", "test"), ("send", "thank_you:1:1", "--yes"), ("sync",)):
        result = cli(*command, now=NOW)
        assert (result.code, result.err) == (
            2,
            f"Error: --password-file: {secret}: other users can read it (mode 0640); "
            f"run `chmod 600 {secret}`\n",
        )
    assert smtp.messages == []
    secret.chmod(0o600)
    sent = json.loads(ok(cli("send", "thank_you:1:1", "--json", now=NOW)).out)
    assert sent["state"] == "sent" and len(smtp.messages) == 1
