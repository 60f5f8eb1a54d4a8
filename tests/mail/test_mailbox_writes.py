"""What followup does to a mailbox, proved on the wire: a recording proxy between followup and
Dovecot notes every IMAP command of a whole session (mail test, send, save-draft twice, sync
twice, digest --send). The only commands that write are the Drafts APPEND, the removal of
followup's own earlier draft (SELECT Drafts, UID STORE +FLAGS \\Deleted on that message, UID
EXPUNGE of that message alone) and, for a provider that does not file sent mail itself, the
APPEND to Sent; every read is read-only (EXAMINE, BODY.PEEK, SEARCH, LIST, STATUS)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from tests.mail import samples
from tests.mail.conftest import deliver, folder_messages
from tests.mail.imap_proxy import Command, RecordingProxy
from tests.mail.test_mail_flow import LATER, NOW, ok, set_up_mail, stored_application

# commands that read, or only manage the connection
READ_ONLY = {
    "CAPABILITY",
    "LOGIN",
    "AUTHENTICATE",
    "ID",
    "NOOP",
    "LIST",
    "LSUB",
    "STATUS",
    "EXAMINE",
    "SEARCH",
    "UID SEARCH",
    "FETCH",
    "UID FETCH",
    "UNSELECT",
    "LOGOUT",
}
# FETCH items that set \Seen: BODY[...] without .PEEK, RFC822 and RFC822.TEXT
MARKS_READ = re.compile(r"BODY\[|RFC822(?!\.SIZE|\.HEADER)", re.IGNORECASE)


@pytest.fixture
def proxy(dovecot) -> Iterator[RecordingProxy]:  # type: ignore[no-untyped-def]
    with RecordingProxy(dovecot.port) as recording:
        yield recording


def run(cli, proxy: RecordingProxy, *args: str, now: str = NOW) -> tuple[dict, list[Command]]:  # type: ignore[no-untyped-def,type-arg]
    result = ok(cli(*args, "--json", now=now))
    commands, _ = proxy.take()
    return json.loads(result.out), commands


@pytest.mark.parametrize("provider_files_sent", [True, False], ids=["gmail-like", "files-nothing"])
@pytest.mark.usefixtures("use_db")
def test_a_whole_session_writes_only_drafts_and_sent(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user, proxy, provider_files_sent
):
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port if provider_files_sent else None)
    ok(set_up_mail(cli, tmp_path, smtp.port, proxy.port))
    seen: dict[str, list[Command]] = {}

    _, seen["mail test"] = run(cli, proxy, "mail", "test")
    sent, seen["send"] = run(cli, proxy, "send", "thank_you:1:1", "--yes")
    first, seen["save-draft"] = run(cli, proxy, "mail", "save-draft", "thank_you:1:2")
    _, seen["save-draft again"] = run(cli, proxy, "mail", "save-draft", "thank_you:1:2")
    deliver(dovecot, samples.reply("<answer-1@globex.example>", in_reply_to=sent["message_id"]))
    deliver(dovecot, samples.read_receipt(sent["message_id"]))
    deliver(dovecot, samples.reply("<news@list.example>", sender="News <news@list.example>"))
    synced, seen["sync"] = run(cli, proxy, "sync", now=LATER)
    assert [r["matched_by"] for r in synced["replies"]] == ["thread"]
    _, seen["sync again"] = run(cli, proxy, "sync", now=LATER)
    _, seen["digest --send"] = run(cli, proxy, "digest", "--send", now=LATER)

    writes = {
        step: [(c.name, c.folder) for c in commands if c.name not in READ_ONLY]
        for step, commands in seen.items()
    }
    sent_copy = [] if provider_files_sent else [("APPEND", "Sent")]
    assert writes == {
        "mail test": [],
        "send": sent_copy,
        "save-draft": [("APPEND", "Drafts")],
        "save-draft again": [
            ("SELECT", "Drafts"),
            ("UID STORE", "Drafts"),
            ("UID EXPUNGE", "Drafts"),
            ("APPEND", "Drafts"),
        ],
        "sync": [],
        "sync again": [],
        "digest --send": sent_copy,
    }, "\n".join(str(c) for step in seen.values() for c in step)
    appends = [c.args for step in seen.values() for c in step if c.name == "APPEND"]
    assert all(re.match(r'"(Drafts|Sent)" \(\\(Draft \\)?Seen\) "', a) for a in appends), appends
    [store] = [c.args for c in seen["save-draft again"] if c.name == "UID STORE"]
    [expunge] = [c.args for c in seen["save-draft again"] if c.name == "UID EXPUNGE"]
    uid = store.split()[0]
    assert (store, expunge) == (f"{uid} +FLAGS (\\Deleted)", uid)  # that one message only
    # the earlier draft's UID is the one the first save-draft made, found by its Message-ID
    search = [c for c in seen["save-draft again"] if c.name == "UID SEARCH"]
    assert [c.args for c in search] == [f"HEADER Message-ID {first['message_id']}"]

    every = [c for step in seen.values() for c in step]
    reads = [c for c in every if c.name in ("FETCH", "UID FETCH")]
    assert reads and not [str(c) for c in reads if MARKS_READ.search(c.args)]
    assert {c.folder for c in every if c.name == "EXAMINE"} == {"INBOX", "Archive", "Sent"}
    assert {c.name for c in every} <= READ_ONLY | {"SELECT", "UID STORE", "UID EXPUNGE", "APPEND"}

    inbox = folder_messages(dovecot, "INBOX")
    assert len(inbox) == 3 and not [flags for flags, _ in inbox if b"\\Seen" in flags]
    assert len(folder_messages(dovecot, "Drafts")) == 1
    assert len(folder_messages(dovecot, "Sent")) == 2  # the thank-you and the digest, once each


def test_replacing_a_draft_leaves_the_users_own_deleted_drafts_alone(  # type: ignore[no-untyped-def]
    cli, tmp_path, smtp_server, dovecot, mailbox_user, use_db, proxy
):
    """A mail program that marks messages \\Deleted and expunges later: replacing followup's
    draft must not expunge the user's marked one too (CLOSE or a bare EXPUNGE would)."""
    from tests.mail.conftest import imap_login

    stored_application(cli, tmp_path)
    ok(set_up_mail(cli, tmp_path, smtp_server().port, proxy.port))
    deliver(
        dovecot,
        samples.reply("<my-own-draft@example.org>", sender="me <jordan@example.org>"),
        "Drafts",
    )
    imap = imap_login(dovecot)
    try:
        imap.select("Drafts")
        imap.store("1", "+FLAGS", "\\Deleted")
    finally:
        imap.logout()
    ok(cli("mail", "save-draft", "thank_you:1:2", now=NOW))
    ok(cli("mail", "save-draft", "thank_you:1:2", now=NOW))
    drafts = folder_messages(dovecot, "Drafts")
    assert len(drafts) == 2
    assert [b"my-own-draft" in m for _, m in drafts] == [True, False]
    assert b"\\Deleted" in drafts[0][0]
    assert not [c for c in proxy.take()[0] if c.name in ("CLOSE", "EXPUNGE")]
