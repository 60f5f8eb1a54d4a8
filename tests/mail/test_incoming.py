"""What sync makes of the mail a real INBOX holds, on SQLite and PostgreSQL: malformed messages,
a 25 MB message, replies in Windows-1252 and ISO-2022-JP, bounces, delays and read receipts,
and an interview invitation. Each gets a correct classification or is passed over; nothing is
recorded wrongly or twice, nothing is sent twice, and nothing is read whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.mail import samples
from tests.mail.conftest import deliver, folder_messages
from tests.mail.imap_proxy import RecordingProxy
from tests.mail.test_mail_flow import LATER, NOW, ok, set_up_mail, stored_application

INVITES = Path(__file__).resolve().parents[1] / "calendar" / "invites"


@pytest.fixture
def mailbox(cli, tmp_path, smtp_server, dovecot, mailbox_user, use_db):  # type: ignore[no-untyped-def]
    """The stored application (Katherine Chen and Raj Patel at globex.example) and a mail
    account; the SMTP server files sent mail in Sent, as Gmail does."""
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    return smtp


def sync(cli, now: str = LATER) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return json.loads(ok(cli("sync", "--json", now=now)).out)


def replies(cli) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    """(kind, person) of every reply stored."""
    tables = json.loads(ok(cli("export")).out)["tables"]
    return sorted((r["kind"], r["person_id"]) for r in tables["replies"])


def test_malformed_messages_never_break_a_sync(cli, dovecot, mailbox) -> None:  # type: ignore[no-untyped-def]
    for raw in samples.MALFORMED.values():
        deliver(dovecot, raw)
    found = sync(cli)
    assert found["fetched"] == len(samples.MALFORMED)
    # from a person of the application, however broken the rest: their answer; a garbage
    # line ends the header, as in mail programs, so that one's Message-ID is not read
    assert sorted(
        (r["from"], r["contact"], r["kind"], str(r["message_id"]), r["subject"])
        for r in found["replies"]
    ) == [
        ("kchen@globex.example", 1, "answer", "<broken-mime@globex.example>", "Re: Thank you"),
        ("kchen@globex.example", 1, "answer", "None", "=?x-unknown-charset?Q?=FF=FE?="),
        ("raj.patel@globex.example", 2, "answer", "<bad-date@globex.example>", "Re: our talk"),
    ]
    # no From: nobody to match, nothing recorded; a bad date is the time it was found
    assert found["unsure"] == []
    assert sync(cli) == {
        "fetched": 0,
        "replies": [],
        "unsure": [],
        "bounces": [],
        "invitations": [],
    }
    assert len(replies(cli)) == 3


def test_raw_bytes_and_control_characters_in_headers_are_stored_as_text(
    cli, dovecot, mailbox
) -> None:  # type: ignore[no-untyped-def]
    deliver(
        dovecot,
        b"From: Katherine Chen <kchen@globex.example>\r\n"
        b"Subject: Re: Caf\xc3\xa9 chat \xe2\x80\x93 next steps\x00\x07 \xff\r\n"
        b"Message-ID: <raw-8bit@globex.example>\r\n\r\nSee you soon.\r\n",
    )
    [reply] = sync(cli)["replies"]
    # Dovecot itself turns the NUL into 0x80: whatever arrives, no control character is kept
    assert reply["subject"].startswith("Re: Caf\u00e9 chat \u2013 next steps")
    assert reply["subject"].endswith("\ufffd")
    assert not [c for c in reply["subject"] if ord(c) < 32]


def test_a_25_mb_message_is_never_read_whole(cli, tmp_path, dovecot, mailbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    deliver(dovecot, samples.huge("<slides@globex.example>"))
    with RecordingProxy(dovecot.port) as proxy:
        ok(set_up_mail(cli, tmp_path, mailbox.port, proxy.port))
        found = sync(cli)
        commands, read = proxy.take()
    assert [(r["message_id"], r["contact"], r["kind"]) for r in found["replies"]] == [
        ("<slides@globex.example>", 2, "answer")
    ]
    assert read < 200_000, read  # the headers and the first 64 KB, of 25 MB
    fetches = [c.args for c in commands if c.name == "UID FETCH"]
    assert len(fetches) == 2 and "BODY.PEEK[TEXT]<0.65536>" in fetches[1]
    assert sync(cli)["fetched"] == 0


def test_replies_in_windows_1252_and_iso_2022_jp(cli, dovecot, mailbox) -> None:  # type: ignore[no-untyped-def]
    sent = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    deliver(dovecot, samples.windows_1252_auto_reply())
    deliver(dovecot, samples.iso_2022_jp_reply(sent["message_id"]))
    found = sync(cli)
    assert [(r["kind"], r["matched_by"], r["subject"], r["until"]) for r in found["replies"]] == [
        ("auto_reply", "contact", "R\u00e9ponse automatique \u2013 absente", "2026-12-07"),
        ("answer", "thread", "Re: \u9762\u63a5\u306e\u5fa1\u793c", None),
    ]
    assert replies(cli) == [("answer", 1), ("auto_reply", 1)]


def test_a_bounce_marks_the_send_failed_and_is_not_sent_again(cli, dovecot, mailbox) -> None:  # type: ignore[no-untyped-def]
    smtp = mailbox
    sent = json.loads(ok(cli("send", "thank_you:1:2", "--yes", "--json", now=NOW)).out)
    deliver(dovecot, samples.bounce(sent["message_id"], action="delayed", status="4.4.1"))
    deliver(dovecot, samples.read_receipt(sent["message_id"]))
    deliver(dovecot, samples.bounce("<not-ours@example.org>", message_id="<dsn-0@mx.example.org>"))
    quiet = sync(cli)
    assert (quiet["fetched"], quiet["replies"], quiet["bounces"]) == (3, [], [])
    deliver(dovecot, samples.bounce(sent["message_id"]))
    found = sync(cli)
    why = (
        "delivery failed: smtp; 550 5.1.1 <raj.patel@globex.example>: Recipient address "
        "rejected: User unknown"
    )
    assert (found["replies"], found["unsure"]) == ([], [])
    assert found["bounces"] == [{"outbox": 1, "why": why}]
    [entry] = json.loads(ok(cli("outbox", "--json")).out)["entries"]
    assert (entry["state"], entry["last_error"]) == ("failed", why)
    assert replies(cli) == []

    refused = cli("send", "thank_you:1:2", now=LATER)
    assert (refused.code, refused.err) == (
        2,
        f"Error: ACTION: thank_you:1:2 to raj.patel@globex.example bounced ({why.removeprefix('delivery failed: ')}); "
        "correct the address with `followup person edit 2 --email ADDRESS`, then send again\n",
    )
    assert len(smtp.messages) == 1  # nothing sent again
    assert sync(cli)["bounces"] == []  # the same report, read once

    ok(cli("person", "edit", "2", "--email", "rpatel@globex.example"))
    again = json.loads(ok(cli("send", "thank_you:1:2", "--yes", "--json", now=LATER)).out)
    assert (again["state"], again["to"]) == ("sent", "rpatel@globex.example")
    assert again["message_id"] != sent["message_id"]
    assert [m["to"] for m in smtp.messages] == [
        ["raj.patel@globex.example"],
        ["rpatel@globex.example"],
    ]
    [entry] = json.loads(ok(cli("outbox", "--json")).out)["entries"]
    assert (entry["state"], entry["message_id"]) == ("sent", again["message_id"])
    assert json.loads(ok(cli("send", "thank_you:1:2", "--json", now=LATER)).out)["state"] == (
        "already_sent"
    )
    assert len(smtp.messages) == 2
    assert len(folder_messages(dovecot, "INBOX")) == 4


def test_an_invitation_from_the_company_is_proposed_as_an_interview(cli, dovecot, mailbox) -> None:  # type: ignore[no-untyped-def]
    deliver(dovecot, (INVITES / "outlook-invite.eml").read_bytes())
    deliver(dovecot, (INVITES / "no-calendar.eml").read_bytes())
    when = "2026-04-07T12:00:00+00:00"
    found = sync(cli, now=when)
    [invitation] = found["invitations"]
    assert invitation["from"] == "maria.gonzalez@globex.example"
    assert invitation["subject"] == "Globex \u2013 Final round with Siobh\u00e1n O'Neill"
    # from the company's domain, by someone not yet known: unsure whether they answer; the
    # message without an invitation proposes nothing
    assert [(u["from"], u["subject"]) for u in found["unsure"]] == [
        ("maria.gonzalez@globex.example", "Globex \u2013 Final round with Siobh\u00e1n O'Neill"),
        ("maria.gonzalez@globex.example", "RE: Final round \u2013 Tuesday 14 April"),
    ]
    proposals = json.loads(ok(cli("calendar", "proposals", "--json", now=when)).out)
    assert [(p["id"], p["application"], p["summary"]) for p in proposals] == [
        (invitation["proposals"][0], 1, "Globex \u2013 Final round with Siobh\u00e1n O'Neill")
    ]
    text = ok(cli("sync", now=when)).out
    assert text.startswith("Read 0 new message(s)")
    assert sync(cli, now=when)["invitations"] == []
