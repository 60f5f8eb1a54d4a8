"""The mail tables in a backup (services/backup.py calls these): every reference of an imported
mail row checked, and a merge's mail carried over with the new ids of its application.

The account and the watermarks belong to the profile: a merge keeps the stored ones. Whose
process was sending an outbox entry (`claimed_by`) is never exported: it means nothing outside
that process, and without it a send found in `sending` is settled by searching Sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from followup.core.errors import InvalidInputError
from followup.core.ids import ActionId

if TYPE_CHECKING:
    from followup.inputs.models import Tables
    from followup.storage.store import Repo

NOT_EXPORTED = frozenset({"claimed_by"})

Fail = Callable[[str, str], None]


def action_of(action_id: str, app_id: int, t: Tables) -> bool:
    """Whether `action_id` is an action of application `app_id`: its person, and its interview
    (for a thank-you), belong to that application."""
    try:
        action = ActionId.parse(action_id, stored=True)
    except InvalidInputError:
        return False
    person_app = {p.id: p.application_id for p in t.people}
    if person_app.get(int(action.contact)) != app_id:
        return False
    if action.interview is None:
        return True
    return {i.id: i.application_id for i in t.interviews}.get(int(action.interview)) == app_id


def check_mail(t: Tables, fail: Fail) -> None:
    """Every mail row points at the document's profile, applications, people, replies and
    outbox entries, and no key that must be unique is repeated."""
    profiles = {p.id for p in t.profiles}
    apps = {a.id for a in t.applications}
    person_app = {p.id: p.application_id for p in t.people}
    reply_app = {r.id: r.application_id for r in t.replies}

    def profile(table: str, n: int, pid: int) -> None:
        if pid not in profiles:
            fail(f"{table}[{n}].profile_id", f"unknown profile {pid}")

    def action(table: str, n: int, app_id: int, action_id: str) -> None:
        if app_id not in apps:
            fail(f"{table}[{n}].application_id", f"unknown application {app_id}")
        if not action_of(action_id, app_id, t):
            fail(f"{table}[{n}].action_id", f"not an action of its application: {action_id!r}")

    for n, account in enumerate(t.mail_accounts):
        profile("mail_accounts", n, account.profile_id)
    outbox_ids: set[int] = set()
    message_ids: set[str] = set()
    keys: set[str] = set()
    for n, o in enumerate(t.outbox):
        profile("outbox", n, o.profile_id)
        if o.id in outbox_ids:
            fail(f"outbox[{n}].id", f"duplicate id {o.id}")
        if o.message_id in message_ids:
            fail(f"outbox[{n}].message_id", f"{o.message_id} is listed twice")
        if o.idempotency_key in keys:
            fail(f"outbox[{n}].idempotency_key", f"{o.idempotency_key} is listed twice")
        outbox_ids.add(o.id)
        message_ids.add(o.message_id)
        keys.add(o.idempotency_key)
        if o.application_id is not None and o.action_id is not None:
            action("outbox", n, o.application_id, o.action_id)
    drafts: set[tuple[int, str]] = set()
    for n, d in enumerate(t.mail_drafts):
        action("mail_drafts", n, d.application_id, d.action_id)
        if (d.application_id, d.action_id) in drafts:
            fail(f"mail_drafts[{n}].action_id", f"{d.action_id} is listed twice")
        drafts.add((d.application_id, d.action_id))
    folders: set[tuple[int, str]] = set()
    for n, s in enumerate(t.mail_seen):
        profile("mail_seen", n, s.profile_id)
        if (s.profile_id, s.folder) in folders:
            fail(f"mail_seen[{n}].folder", f"{s.folder!r} is listed twice")
        folders.add((s.profile_id, s.folder))
    inbound_ids: set[int] = set()
    message_keys: set[tuple[int, str]] = set()
    for n, i in enumerate(t.inbound):
        profile("inbound", n, i.profile_id)
        if i.id in inbound_ids:
            fail(f"inbound[{n}].id", f"duplicate id {i.id}")
        if (i.profile_id, i.message_key) in message_keys:
            fail(f"inbound[{n}].message_key", f"{i.message_key} is listed twice")
        inbound_ids.add(i.id)
        message_keys.add((i.profile_id, i.message_key))
        if i.application_id is not None and i.application_id not in apps:
            fail(f"inbound[{n}].application_id", f"unknown application {i.application_id}")
        if i.person_id is not None and person_app.get(i.person_id) != i.application_id:
            fail(f"inbound[{n}].person_id", f"unknown person {i.person_id}")
        if i.reply_id is not None and reply_app.get(i.reply_id) != i.application_id:
            fail(f"inbound[{n}].reply_id", f"unknown reply {i.reply_id}")
        if i.outbox_id is not None and i.outbox_id not in outbox_ids:
            fail(f"inbound[{n}].outbox_id", f"unknown outbox entry {i.outbox_id}")


def merge_mail(
    repo: Repo,
    t: Tables,
    pid: int,
    app: tuple[int, int],
    ids: Callable[[str], str],
    people: dict[int, int],
    replies: dict[int, int],
) -> None:
    """The mail of one merged application (`app`: its id in the document, and the new one):
    its outbox entries, saved drafts and incoming messages, under the new ids (`ids` renumbers
    an action id). A message the database already knows (same Message-ID) is not added again."""
    from followup.storage.mail import MailQueries

    old_app, new_app = app
    queries = MailQueries(repo.conn)
    known = {e["message_id"] for e in queries.outbox_entries(profile_id=pid)}
    outbox: dict[int, int] = {}
    for o in t.outbox:
        if o.application_id != old_app or o.action_id is None or o.message_id in known:
            continue
        action = ids(o.action_id)
        row: dict[str, Any] = o.model_dump(exclude={"id"}) | {
            "profile_id": pid,
            "application_id": new_app,
            "action_id": action,
            "idempotency_key": f"action:{action}",
        }
        outbox[o.id] = repo.insert_returning_id("outbox", row)
    repo.insert_rows(
        "mail_drafts",
        [
            d.model_dump() | {"application_id": new_app, "action_id": ids(d.action_id)}
            for d in t.mail_drafts
            if d.application_id == old_app
        ],
    )
    keys = {r["message_key"] for r in queries.inbound_rows(profile_id=pid)}
    for i in t.inbound:
        ours = i.application_id == old_app or (i.outbox_id in outbox and i.application_id is None)
        if not ours or i.message_key in keys:
            continue
        row = i.model_dump(exclude={"id"}) | {
            "profile_id": pid,
            "application_id": new_app if i.application_id is not None else None,
            "person_id": people.get(i.person_id) if i.person_id else None,
            "reply_id": replies.get(i.reply_id) if i.reply_id else None,
            "outbox_id": outbox.get(i.outbox_id) if i.outbox_id else None,
        }
        repo.insert_returning_id("inbound", row)
