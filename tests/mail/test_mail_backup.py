"""The mail tables in export and import, on SQLite and PostgreSQL: a database that sent, saved a
draft, synced a reply, an unsure message and a bounce, and mailed its digest is exported,
imported into an empty database and exported again to the same document; no secret is in it;
the restored database goes on where the first stopped; every bad mail row is refused by name
and leaves the database as it was."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from followup.core.errors import InvalidInputError
from followup.services import Followup
from followup.services.backup import export_document, import_document
from followup.storage.store import open_store
from tests.conftest import fresh_postgres_database
from tests.mail import samples
from tests.mail.conftest import deliver
from tests.mail.dovecot import USERS
from tests.mail.test_mail_flow import LATER, NOW, ok, set_up_mail, stored_application

MAIL_TABLES = ("mail_accounts", "outbox", "mail_drafts", "mail_seen", "inbound")


def empty_like(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Another empty, migrated database of the same kind as `db_url`."""
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        url = fresh_postgres_database(request.getfixturevalue("postgres_url"))
    open_store(url, migrate=True).close()
    return url


def fill_every_mail_table(cli, tmp_path, smtp_server, dovecot) -> tuple[dict[str, Any], Any]:  # type: ignore[no-untyped-def]
    """Send, save a draft, mail the digest, sync a reply, an unsure message and a bounce, in
    the database the CLI uses; its export document, and the SMTP server."""
    stored_application(cli, tmp_path)
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    thanks = json.loads(ok(cli("send", "thank_you:1:1", "--yes", "--json", now=NOW)).out)
    ok(cli("mail", "save-draft", "thank_you:1:2", now=NOW))
    bounced = json.loads(ok(cli("send", "thank_you:1:2", "--yes", "--json", now=NOW)).out)
    ok(cli("digest", "--send", now=NOW))
    deliver(dovecot, samples.reply("<answer-1@globex.example>", in_reply_to=thanks["message_id"]))
    deliver(
        dovecot,
        samples.reply("<hr-1@globex.example>", sender="HR <talent@mail.globex.example>"),
    )
    deliver(dovecot, samples.bounce(bounced["message_id"]))
    found = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert (len(found["replies"]), len(found["unsure"]), len(found["bounces"])) == (1, 1, 1)
    return json.loads(ok(cli("export")).out), smtp


@pytest.fixture
def mailed(cli, tmp_path, smtp_server, dovecot, mailbox_user, use_db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A database with a row in every mail table; the export document of it."""
    document, smtp = fill_every_mail_table(cli, tmp_path, smtp_server, dovecot)
    return {"document": document, "use_db": use_db, "smtp": smtp}


_built: dict[str, dict[str, Any]] = {}


@pytest.fixture
def mail_document(cli, tmp_path, smtp_server, dovecot, mailbox_user, monkeypatch) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The export document of `fill_every_mail_table`, built once per test process."""
    if "document" not in _built:
        with monkeypatch.context() as patched:
            patched.setenv("FOLLOWUP_DATABASE_URL", f"sqlite:///{tmp_path / 'source.sqlite3'}")
            _built["document"] = fill_every_mail_table(cli, tmp_path, smtp_server, dovecot)[0]
    return copy.deepcopy(_built["document"])


def test_the_mail_tables_round_trip_without_secrets(  # type: ignore[no-untyped-def]
    mailed, cli, request, tmp_path, monkeypatch
) -> None:
    document = mailed["document"]
    tables = document["tables"]
    assert {t: len(tables[t]) for t in MAIL_TABLES} == {
        "mail_accounts": 1,
        "outbox": 3,  # two thank-yous and the digest
        "mail_drafts": 1,
        "mail_seen": 2,  # INBOX and Archive
        "inbound": 3,  # the reply, the unsure one, the bounce
    }
    assert [(o["action_id"], o["state"]) for o in tables["outbox"]] == [
        ("thank_you:1:1", "sent"),
        ("thank_you:1:2", "failed"),
        (None, "sent"),
    ]
    assert sorted(i["state"] for i in tables["inbound"]) == ["bounce", "recorded", "unsure"]
    text = json.dumps(document)
    assert USERS["jordan"] not in text  # the password is in its file, never in the export
    assert "claimed_by" not in text

    restored_url = empty_like(mailed["use_db"], request, tmp_path)
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", restored_url)
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(document))
    assert ok(cli("import", str(backup))).out == f"Imported 1 application(s) from {backup}.\n"
    restored = json.loads(ok(cli("export")).out)
    for name, rows in document["tables"].items():  # table by table, for a readable failure
        assert restored["tables"][name] == rows, name
    assert restored == document

    # the restored database goes on where the first stopped: nothing is sent or read again
    again = json.loads(ok(cli("send", "thank_you:1:1", "--json", now=LATER)).out)
    assert again["state"] == "already_sent"
    assert json.loads(ok(cli("digest", "--send", "--json", now=NOW)).out)["state"] == (
        "already_sent"
    )
    assert len(mailed["smtp"].messages) == 3
    synced = json.loads(ok(cli("sync", "--json", now=LATER)).out)
    assert (synced["fetched"], synced["replies"]) == (0, [])
    assert [u["from"] for u in synced["unsure"]] == ["talent@mail.globex.example"]


def test_a_merge_carries_the_mail_of_each_new_application(mailed, request, tmp_path) -> None:  # type: ignore[no-untyped-def]
    document = mailed["document"]
    store = open_store(mailed["use_db"])
    service = Followup(store)
    assert import_document(service, copy.deepcopy(document), "backup.json", merge=True) == 0
    tables = copy.deepcopy(document["tables"])
    tables["applications"][0]["created_at"] = "2026-11-01T00:00:00+00:00"  # another one
    for entry in tables["outbox"]:
        entry["message_id"] = entry["message_id"].replace("@", ".copy@")
    for row in tables["inbound"]:
        row["message_key"] = row["message_key"].replace("@", ".copy@")
    added = import_document(service, {**document, "tables": tables}, "copy.json", merge=True)
    assert added == 1
    after = export_document(service)["tables"]
    # the merged application (2) has its thank-yous and their messages; the digest and the
    # account stay the stored profile's
    assert [(o["application_id"], o["action_id"]) for o in after["outbox"]] == [
        (1, "thank_you:1:1"),
        (1, "thank_you:1:2"),
        (None, None),
        (2, "thank_you:2:3"),
        (2, "thank_you:2:4"),
    ]
    assert [o["idempotency_key"] for o in after["outbox"][3:]] == [
        "action:thank_you:2:3",
        "action:thank_you:2:4",
    ]
    assert [(d["application_id"], d["action_id"]) for d in after["mail_drafts"]] == [
        (1, "thank_you:1:2"),
        (2, "thank_you:2:4"),
    ]
    merged = [i for i in after["inbound"] if i["id"] > 3]
    assert sorted((i["state"], i["application_id"], i["person_id"]) for i in merged) == [
        ("bounce", None, None),
        ("recorded", 2, 3),
        ("unsure", 2, None),
    ]
    bounce = next(i for i in merged if i["state"] == "bounce")
    assert bounce["outbox_id"] == after["outbox"][4]["id"]
    recorded = next(i for i in merged if i["state"] == "recorded")
    assert recorded["reply_id"] in {r["id"] for r in after["replies"] if r["application_id"] == 2}
    assert len(after["mail_accounts"]) == 1 and len(after["mail_seen"]) == 2
    store.close()


def _first(table: str, **changes: Any):  # type: ignore[no-untyped-def]
    def mutate(document: dict[str, Any]) -> None:
        document["tables"][table][0].update(changes)

    return mutate


def _outbox_by_action(action: str | None, **changes: Any):  # type: ignore[no-untyped-def]
    def mutate(document: dict[str, Any]) -> None:
        next(o for o in document["tables"]["outbox"] if o["action_id"] == action).update(changes)

    return mutate


def _inbound(state: str, **changes: Any):  # type: ignore[no-untyped-def]
    def mutate(document: dict[str, Any]) -> None:
        next(i for i in document["tables"]["inbound"] if i["state"] == state).update(changes)

    return mutate


def _twice(table: str):  # type: ignore[no-untyped-def]
    def mutate(document: dict[str, Any]) -> None:
        rows = document["tables"][table]
        rows.append(dict(rows[0], id=99) if "id" in rows[0] else dict(rows[0]))

    return mutate


BAD = [
    (_first("mail_accounts", smtp_port=0), "mail_accounts[0].smtp_port: "),
    (_first("mail_accounts", smtp_port="25"), "mail_accounts[0].smtp_port: "),
    (
        _first("mail_accounts", imap_host="imap.example.org"),
        "mail_accounts[0]: plain (unencrypted) is allowed only for loopback, not imap.example.org",
    ),
    (_first("mail_accounts", profile_id=7), "mail_accounts[0].profile_id: unknown profile 7"),
    (_first("mail_accounts", auth="oauth"), "an OAuth account names its provider and client id"),
    (
        _first("mail_accounts", password="hunter2"),
        "mail_accounts[0].password: is not a known field",
    ),
    (_first("mail_accounts", digest_time="25:00"), "mail_accounts[0].digest_time: "),
    (_first("mail_accounts", address="x" * 400 + "@example.org"), "is longer than 320 characters"),
    (_outbox_by_action("thank_you:1:1", id="one"), "outbox[0].id: "),
    (_outbox_by_action("thank_you:1:1", id="1"), "outbox[0].id: "),
    (_outbox_by_action("thank_you:1:1", id=1.5), "outbox[0].id: "),
    (_first("mail_accounts", files_sent="yes"), "mail_accounts[0].files_sent: "),
    (_inbound("unsure", invitation=1), "invitation: "),
    (_outbox_by_action("thank_you:1:1", application_id=9), "outbox[0].application_id: unknown"),
    (
        _outbox_by_action("thank_you:1:1", action_id="thank_you:1:7"),
        "outbox[0]: a follow-up's idempotency_key is 'action:thank_you:1:7'",
    ),
    (
        _outbox_by_action(
            "thank_you:1:1", action_id="thank_you:1:7", idempotency_key="action:thank_you:1:7"
        ),
        "outbox[0].action_id: not an action of its application: 'thank_you:1:7'",
    ),
    (_outbox_by_action("thank_you:1:1", message_id="no-brackets@x"), "outbox[0].message_id: "),
    (
        _outbox_by_action("thank_you:1:1", message_id="<" + "m" * 1000 + "@x>"),
        "outbox[0].message_id: is longer than 998 characters",
    ),
    (_outbox_by_action("thank_you:1:1", state="queued"), "outbox[0].state: must be"),
    (_outbox_by_action("thank_you:1:1", sent_at=None), "outbox[0]: a sent message has its sent_at"),
    (_outbox_by_action("thank_you:1:1", raw="Subject: \u00e9\r\n\r\nx"), "outbox[0]: raw:"),
    (_outbox_by_action(None, application_id=1), "outbox[2]: a digest belongs to no application"),
    (
        _outbox_by_action("thank_you:1:2", message_id=None),
        "outbox[1].message_id: ",
    ),
    (_twice("outbox"), "outbox[3].message_id: "),
    (_first("mail_drafts", action_id="check_in:9"), "mail_drafts[0].action_id: not an action"),
    (_twice("mail_drafts"), "mail_drafts[1].action_id: thank_you:1:2 is listed twice"),
    (_first("mail_seen", uidvalidity=-1), "mail_seen[0].uidvalidity: "),
    (_first("mail_seen", folder=""), "mail_seen[0].folder: "),
    (_twice("mail_seen"), "mail_seen[2].folder: 'Archive' is listed twice"),
    (_inbound("recorded", reply_id=99), "unknown reply 99"),
    (_inbound("unsure", person_id=99), "person_id: unknown person 99"),
    (_inbound("bounce", outbox_id=99), "outbox_id: unknown outbox entry 99"),
    (_inbound("bounce", application_id=1), "a bounce answers no application"),
    (_inbound("unsure", kind="maybe"), "kind: must be"),
    (_inbound("unsure", subject="s" * 2001), "subject: is longer than 2000 characters"),
    (_inbound("unsure", until="2026-13-01"), "until: "),
    (_twice("inbound"), "inbound[3].message_key: "),
]


@pytest.mark.parametrize(("mutate", "message"), BAD)
def test_bad_mail_rows_are_refused_and_change_nothing(  # type: ignore[no-untyped-def]
    mail_document, db_url, mutate, message
) -> None:
    document = mail_document
    mutate(document)
    target = Followup(open_store(db_url))
    with pytest.raises(InvalidInputError, match=re.escape(message)) as refused:
        import_document(target, document, "backup.json")
    assert str(refused.value).startswith("backup.json: tables.")
    with target.store.transaction() as repo:
        assert repo.is_empty()
