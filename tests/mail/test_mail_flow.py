"""The mail commands end to end against the real test servers, on SQLite and PostgreSQL: set up,
test, send (exactly once, threaded check-ins), save to Drafts (replacing), sync (a reply recorded
once, check-ins stop; unsure ones confirmed), the outbox, the digest; and the exact errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.mail.conftest import deliver, folder_messages
from tests.mail.dovecot import USERS
from tests.mail.smtp_server import free_port

NOW = "2026-11-24T17:00:00-05:00"
LATER = "2026-11-25T09:00:00-05:00"
PANEL = {
    "kind": "video",
    "start": "2026-11-24T14:00:00-05:00",
    "end": "2026-11-24T15:00:00-05:00",
    "expected_response_by": "2026-12-02",
    "people": [
        {
            "name": "Katherine Chen",
            "title": "Hiring Manager",
            "email": "kchen@globex.example",
            "salutation": "Ms. Chen",
            "primary": True,
            "discussed": ["the migration to dbt"],
            "liked": ["my query tuning work"],
        },
        {
            "name": "Raj Patel",
            "title": "Analytics Lead",
            "email": "raj.patel@globex.example",
            "discussed": ["forecasting churn"],
            "liked": ["the A/B testing framework I built"],
        },
    ],
}


def ok(result):  # type: ignore[no-untyped-def]
    assert result.code == 0, result.err
    return result


def stored_application(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok(
        cli(
            "setup",
            "--name",
            "Jordan A. Rivera",
            "--email",
            "jordan@example.org",
            "--timezone",
            "America/New_York",
        )
    )
    ok(cli("app", "add", "--company", "Globex Corporation", "--role", "Senior Data Analyst"))
    notes = tmp_path / "panel.yaml"
    notes.write_text(yaml.safe_dump(PANEL))
    ok(cli("interview", "add", "1", "--file", str(notes), now=NOW))


def password_file(tmp_path: Path, user: str = "jordan", mode: int = 0o600) -> Path:
    path = tmp_path / f"{user}.password"
    path.write_text(USERS[user] + "\n")
    path.chmod(mode)
    return path


def set_up_mail(cli, tmp_path: Path, smtp_port: int, imap_port: int, user: str = "jordan"):  # type: ignore[no-untyped-def]
    return cli(
        "mail",
        "setup",
        "--address",
        "jordan@example.org",
        "--smtp",
        f"127.0.0.1:{smtp_port}",
        "--imap",
        f"127.0.0.1:{imap_port}",
        "--security",
        "plain",
        "--username",
        user,
        "--password-file",
        str(password_file(tmp_path, user)),
    )


@pytest.mark.usefixtures("use_db")
def test_send_save_draft_sync_from_setup_to_check_ins_stopping(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)  # files in Sent, as Gmail does
    result = ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    assert result.out.startswith("Mail account jordan@example.org saved (SMTP 127.0.0.1:")

    tested = json.loads(ok(cli("mail", "test", "--json")).out)
    assert (tested["drafts"], tested["sent"], tested["archive"]) == ("Drafts", "Sent", "Archive")

    sent = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    assert sent["state"] == "sent" and sent["to"] == "kchen@globex.example"
    assert sent["message_id"].endswith("@example.org>")
    assert [m["message_id"] for m in smtp.messages] == [sent["message_id"]]
    wire = smtp.messages[0]["data"]
    assert (
        'From: "Jordan A. Rivera" <jordan@example.org>' in wire
        or "From: Jordan A. Rivera <jordan@example.org>" in wire
    )
    assert f"Subject: {sent['subject']}" in wire
    assert len(folder_messages(dovecot, "Sent")) == 1  # filed by the provider, not again by us

    again = json.loads(ok(cli("send", "thank_you:1:1", "--json", now=NOW)).out)
    assert again == sent | {"state": "already_sent"}
    assert len(smtp.messages) == 1
    plan = json.loads(ok(cli("plan", "1", "--json", now=NOW)).out)
    done = next(a for a in plan["actions"] if a["id"] == "thank_you:1:1")
    assert done["status"] == "done"

    for _ in range(2):
        draft = json.loads(ok(cli("mail", "save-draft", "thank_you:1:2", "--json", now=NOW)).out)
    assert draft["replaced"] is True and draft["folder"] == "Drafts"
    drafts = folder_messages(dovecot, "Drafts")
    assert len(drafts) == 1 and b"\\Draft" in drafts[0][0]
    assert draft["message_id"].encode() in drafts[0][1]

    reply = (
        "From: Katherine Chen <kchen@globex.example>\r\nTo: jordan@example.org\r\n"
        f"Subject: Re: {sent['subject']}\r\nDate: Wed, 25 Nov 2026 08:00:00 -0500\r\n"
        f"Message-ID: <answer-1@globex.example>\r\nIn-Reply-To: {sent['message_id']}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nWe would like to offer you the role.\r\n"
    ).encode()
    deliver(dovecot, reply)
    found = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert found["fetched"] == 1
    assert [
        (r["application"], r["from"], r["contact"], r["kind"], r["matched_by"], r["message_id"])
        for r in found["replies"]
    ] == [(1, "kchen@globex.example", 1, "answer", "thread", "<answer-1@globex.example>")]
    assert json.loads(ok(cli("sync", "--json", now=LATER)).out) == {
        "fetched": 0,
        "replies": [],
        "unsure": [],
        "bounces": [],
        "invitations": [],
    }
    plan = json.loads(ok(cli("plan", "1", "--json", now="2026-12-10T10:00:00-05:00")).out)
    assert not [a for a in plan["actions"] if a["kind"] == "check_in"]

    entries = json.loads(ok(cli("outbox", "--json")).out)["entries"]
    assert [(e["action_id"], e["state"], e["attempts"]) for e in entries] == [
        ("thank_you:1:1", "sent", 1)
    ]
    unseen = folder_messages(dovecot, "INBOX")
    assert b"\\Seen" not in unseen[0][0]  # read with BODY.PEEK: still unread


@pytest.mark.usefixtures("use_db")
def test_a_check_in_replies_in_the_thank_yous_thread(
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):  # type: ignore[no-untyped-def]
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    thanks = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    ok(cli("sent", "thank_you:1:2", now=NOW))
    checkin = json.loads(
        ok(cli("send", "check_in:1:1", "--yes", "--json", now="2026-12-03T10:00:00-05:00")).out
    )
    assert checkin["subject"] == f"Re: {thanks['subject']}"
    assert list(checkin) == ["action", "message_id", "state", "to", "subject"]
    wire = smtp.messages[1]["data"]
    assert f"In-Reply-To: {thanks['message_id']}" in wire
    assert f"References: {thanks['message_id']}" in wire


@pytest.mark.usefixtures("use_db")
def test_a_check_in_sent_before_the_answer_date_goes_with_a_warning(
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):  # type: ignore[no-untyped-def]
    stored_application(cli, tmp_path)
    smtp = smtp_server()
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    ok(cli("sent", "thank_you:1:1", now=NOW))
    ok(cli("sent", "thank_you:1:2", now=NOW))
    early = ok(cli("send", "check_in:1:1", "--yes", "--json", now="2026-11-30T10:00:00-05:00"))
    assert json.loads(early.out)["state"] == "sent"  # R5 warns, it does not refuse
    assert early.err == (
        "Warning: this check-in comes before the promised answer date, Wed 2 Dec: give them "
        "until then before checking in.\n"
    )
    assert len(smtp.messages) == 1


@pytest.mark.usefixtures("use_db")
def test_unsure_by_domain_until_confirmed(cli, tmp_path, smtp_server, dovecot, mailbox_user):  # type: ignore[no-untyped-def]
    stored_application(cli, tmp_path)
    smtp = smtp_server()
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    deliver(
        dovecot,
        b"From: HR <talent@mail.globex.example>\r\nSubject: Your application\r\n"
        b"Date: Wed, 25 Nov 2026 08:00:00 -0500\r\nMessage-ID: <hr-1@globex.example>\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\nMerci, nous d\xe9cidons vendredi.\r\n",
    )
    deliver(
        dovecot,
        b"From: Friend <pal@gmail.com>\r\nSubject: lunch?\r\nMessage-ID: <p@gmail.com>\r\n\r\nhi\r\n",
    )
    found = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert found["replies"] == []
    assert [(u["from"], u["subject"]) for u in found["unsure"]] == [
        ("talent@mail.globex.example", "Your application")
    ]
    assert "globex.example" in found["unsure"][0]["why"]
    again = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert [u["id"] for u in again["unsure"]] == [
        found["unsure"][0]["id"]
    ]  # listed until confirmed
    confirmed = json.loads(
        ok(
            cli(
                "mail",
                "confirm",
                str(found["unsure"][0]["id"]),
                "new_date",
                "--by",
                "2026-12-09",
                "--json",
            )
        ).out
    )
    assert confirmed["kind"] == "update"
    assert json.loads(ok(cli("sync", "--json", now=LATER)).out)["unsure"] == []
    plan = json.loads(ok(cli("plan", "1", "--json", now="2026-12-09T10:00:00-05:00")).out)
    checkins = [a for a in plan["actions"] if a["kind"] == "check_in"]
    assert checkins and checkins[0]["not_before"].startswith("2026-12-10")


@pytest.mark.usefixtures("use_db")
def test_errors_are_one_clear_line_with_exit_2(cli, tmp_path, smtp_server, dovecot, mailbox_user):  # type: ignore[no-untyped-def]
    stored_application(cli, tmp_path)
    smtp = smtp_server()
    assert cli("send", "thank_you:1:1").err == (
        "Error: no mail account yet; set one up with `followup mail setup --address ADDR "
        "--smtp HOST --imap HOST --password-file FILE` (or --preset gmail, …)\n"
    )
    loose = password_file(tmp_path, mode=0o644)
    result = cli(
        "mail",
        "setup",
        "--address",
        "jordan@example.org",
        "--smtp",
        "127.0.0.1:1",
        "--imap",
        "127.0.0.1:2",
        "--security",
        "plain",
        "--password-file",
        str(loose),
    )
    assert (result.code, result.err) == (
        2,
        f"Error: --password-file: {loose}: other users can read it (mode 0644); run `chmod 600 {loose}`\n",
    )
    result = cli(
        "mail",
        "setup",
        "--address",
        "jordan@example.org",
        "--smtp",
        "smtp.example.org",
        "--imap",
        "imap.example.org",
        "--security",
        "plain",
        "--password-file",
        str(loose),
    )
    assert (result.code, result.err) == (
        2,
        "Error: --security: plain (unencrypted) is allowed only for a server on this machine, "
        "not smtp.example.org; use tls or starttls\n",
    )
    assert cli("mail", "test").code == 2  # nothing set up by the refused commands

    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port, user="nospecial"))
    result = cli("mail", "save-draft", "thank_you:1:1", now=NOW)
    assert (result.code, result.err) == (
        2,
        f"Error: IMAP 127.0.0.1:{dovecot.port}: the mailbox marks no \\Drafts folder (IMAP "
        "SPECIAL-USE, RFC 6154); create a Drafts folder in your mail program or ask your provider\n",
    )
    dead = free_port()
    ok(set_up_mail(cli, tmp_path, dead, dovecot.port))
    result = cli("send", "thank_you:1:1", "--yes", now=NOW)
    assert result.code == 2
    assert result.err.startswith(f"Error: SMTP 127.0.0.1:{dead}: cannot connect (")
    entries = json.loads(ok(cli("outbox", "--json")).out)["entries"]
    assert [(e["state"], e["attempts"]) for e in entries] == [("failed", 3)]
    plan = json.loads(ok(cli("plan", "1", "--json", now=NOW)).out)
    assert next(a for a in plan["actions"] if a["id"] == "thank_you:1:1")["status"] != "done"


@pytest.mark.usefixtures("use_db")
def test_a_reply_lost_after_the_server_took_the_message_is_not_sent_again(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):
    """The server accepts (and files in Sent, as Gmail does), then the connection drops before
    its 250 arrives: the outbox finds the message in Sent instead of sending it again."""
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port, mode="accept_then_drop")
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    sent = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    assert sent["state"] == "sent"
    assert [m["message_id"] for m in smtp.messages] == [sent["message_id"]]
    entries = json.loads(ok(cli("outbox", "--json")).out)["entries"]
    assert [(e["state"], e["attempts"]) for e in entries] == [("sent", 1)]
    assert len(folder_messages(dovecot, "Sent")) == 1


@pytest.mark.usefixtures("use_db")
def test_an_update_in_the_thread_moves_the_check_ins_past_its_date(
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):  # type: ignore[no-untyped-def]
    stored_application(cli, tmp_path)
    smtp = smtp_server()
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    sent = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    deliver(
        dovecot,
        (
            "From: Katherine Chen <kchen@globex.example>\r\nTo: jordan@example.org\r\n"
            f"Subject: Re: {sent['subject']}\r\nDate: Wed, 25 Nov 2026 08:00:00 -0500\r\n"
            f"Message-ID: <update-1@globex.example>\r\nIn-Reply-To: {sent['message_id']}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Thanks Jordan! We are still interviewing and expect to decide by December 10.\r\n"
            "\r\nOn Tue, 24 Nov 2026, Jordan A. Rivera wrote:\r\n> I look forward to hearing "
            "from you. We'd like to offer nothing here.\r\n"
        ).encode(),
    )
    found = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert [(r["kind"], r["expected_by"], r["matched_by"]) for r in found["replies"]] == [
        ("update", "2026-12-10", "thread")
    ]
    plan = json.loads(ok(cli("plan", "1", "--json", now="2026-12-01T10:00:00-05:00")).out)
    check_ins = [a for a in plan["actions"] if a["kind"] == "check_in"]
    assert check_ins and all(a["not_before"] > "2026-12-10" for a in check_ins)


@pytest.mark.usefixtures("use_db")
def test_nothing_in_the_sample_is_sent(cli, tmp_path, smtp_server, dovecot, mailbox_user):  # type: ignore[no-untyped-def]
    """The sample's banner says nothing is sent, and its people are made up: Send refuses."""
    ok(cli("demo", now=NOW))
    smtp = smtp_server()
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    first = json.loads(ok(cli("agenda", "--json", now=NOW)).out)["actions"][0]["id"]
    refused = cli("send", first, "--yes", now=NOW)
    assert refused.code == 2
    assert refused.err.startswith(f"Error: {first} belongs to the sample, whose people are made up")
    assert smtp.messages == []
    assert json.loads(ok(cli("outbox", "--json")).out)["entries"] == []


@pytest.mark.usefixtures("use_db")
def test_an_unreadable_invitation_never_holds_the_sync_back(
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):  # type: ignore[no-untyped-def]
    """Found by a probe: an invitation from a company domain that the reader choked on stopped
    every sync at it, so the replies after it were never read."""
    stored_application(cli, tmp_path)
    smtp = smtp_server()
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    hostile = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
        "UID:h@globex.example\r\nDTSTART:00010101T100000Z\r\nDTEND:00010101T110000Z\r\n"
        "RRULE:FREQ=WEEKLY\r\nSUMMARY:Interview\r\nORGANIZER:mailto:hr@globex.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    deliver(
        dovecot,
        (
            "From: HR <hr@globex.example>\r\nTo: jordan@example.org\r\nSubject: Interview\r\n"
            "Date: Wed, 25 Nov 2026 08:00:00 -0500\r\nMessage-ID: <inv-1@globex.example>\r\n"
            "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n" + hostile
        ).encode(),
    )
    deliver(
        dovecot,
        b"From: Katherine Chen <kchen@globex.example>\r\nTo: jordan@example.org\r\n"
        b"Subject: Next steps\r\nDate: Wed, 25 Nov 2026 09:00:00 -0500\r\n"
        b"Message-ID: <answer-2@globex.example>\r\nContent-Type: text/plain\r\n\r\n"
        b"We would like to offer you the role.\r\n",
    )
    found = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert found["fetched"] == 2 and found["invitations"] == []
    assert [(r["from"], r["kind"]) for r in found["replies"]] == [
        ("kchen@globex.example", "answer")
    ]
    assert json.loads(ok(cli("sync", "--json", now=LATER)).out)["fetched"] == 0


@pytest.mark.usefixtures("use_db")
def test_a_reply_its_provider_doubts_is_asked_about_not_recorded(
    cli, tmp_path, smtp_server, dovecot, mailbox_user
):  # type: ignore[no-untyped-def]
    """Found by a probe: a forged From of a known person ended the check-ins. The user's own
    provider stamps Authentication-Results on top; a DMARC failure there makes it unsure."""
    stored_application(cli, tmp_path)
    smtp = smtp_server()
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))

    def reply(n: int, stamps: str) -> bytes:
        return (
            f"{stamps}From: Katherine Chen <kchen@globex.example>\r\nTo: jordan@example.org\r\n"
            f"Subject: Re: our interview\r\nDate: Wed, 25 Nov 2026 0{n}:00:00 -0500\r\n"
            f"Message-ID: <r{n}@globex.example>\r\nContent-Type: text/plain\r\n\r\n"
            "We would like to offer you the role.\r\n"
        ).encode()

    forged = (
        "Authentication-Results: mx.example.org; dmarc=fail (p=reject) header.from=globex.example;"
        " spf=fail smtp.mailfrom=globex.example\r\n"
        # one the sender wrote itself, below the provider's: never believed
        "Authentication-Results: mx.example.org; dmarc=pass; dkim=pass\r\n"
    )
    deliver(dovecot, reply(1, forged))
    found = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert found["replies"] == []
    [unsure] = found["unsure"]
    assert unsure["from"] == "kchen@globex.example"
    assert unsure["why"].endswith(
        "; but its sender failed DMARC at your provider, so it may be forged"
    )
    deliver(dovecot, reply(2, "Authentication-Results: mx.example.org; dmarc=pass; dkim=pass\r\n"))
    found = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert [(r["from"], r["matched_by"]) for r in found["replies"]] == [
        ("kchen@globex.example", "contact")
    ]
