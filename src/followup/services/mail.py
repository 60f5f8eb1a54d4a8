"""Use cases of mail: set the account up and test it, send a follow-up through the outbox, save
it to Drafts, list the outbox, and the .eml download. Sync and the digest are in mailsync.py
and digest.py.

The outbox (DESIGN §2 Mail): the Message-ID is stored before the first attempt; the states go
prepared -> sending -> sent | failed; a send found in `sending` whose process is gone is settled
by searching Sent and All Mail for its Message-ID (found: sent; not found: sent again, same
Message-ID). The sent message becomes the `sent` fact of its action in the same transaction
that marks it sent.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.core import limits
from followup.core.errors import ConflictError, InvalidInputError
from followup.core.model import Sent
from followup.mail.account import Account, account_from_dict, account_to_dict, make_account
from followup.mail.errors import MailError, NoAccountError
from followup.mail.message import (
    DEFAULT_SUBJECT,
    Outgoing,
    build_message,
    message_bytes,
    new_message_id,
    reply_subject,
    split_note,
)
from followup.mail.smtp import Login
from followup.services.agenda import refresh_plan
from followup.services.lookup import resolve_action

if TYPE_CHECKING:
    from followup.services.followup import Followup
    from followup.storage.mail import MailQueries
    from followup.storage.store import Repo

RETRY_DELAYS = (1.0, 4.0)  # seconds before the 2nd and 3rd attempt after a temporary failure
IN_DOUBT_GRACE = 5.0  # seconds a provider may take to file a message it accepted in Sent


def mail_queries(repo: Repo) -> MailQueries:
    from followup.storage.mail import MailQueries

    return MailQueries(repo.conn)


def profile_id(repo: Repo) -> int:
    pid = repo.profile_id()
    if pid is None:
        raise ConflictError("no profile yet; run `followup setup` first")
    return pid


def load_account(repo: Repo) -> tuple[int, Account]:
    pid = profile_id(repo)
    row = mail_queries(repo).account_row(profile_id=pid)
    if row is None:
        raise NoAccountError()
    return pid, account_from_dict(row)


# -- the account ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SetupResult:
    account: Account
    kept_in: str  # "keyring (SecretService)" or the password file


def setup_account(service: Followup, *, secret: str | None = None, **options: Any) -> SetupResult:
    """Check and keep the account; a password goes to the keyring only when no file is named
    (`secret`), an OAuth sign-in's refresh token always does."""
    from followup.mail import secrets

    account = make_account(**options)
    kept_in = f"the file {account.password_file}"
    if account.auth == "password" and account.password_file:
        secrets.read_secret_file(account.password_file)  # refused now, not at the first send
    elif secret is not None:
        secrets.store_secret(account.secret_key, secret)
        kept_in = f"the keyring ({secrets.keyring_check()})"
    with service.store.transaction() as repo:
        pid = profile_id(repo)
        mail_queries(repo).save_account(
            profile_id=pid, values=account_to_dict(account), now=service.clock()
        )
    return SetupResult(account, kept_in)


def authorize_oauth(service: Followup, options: dict[str, Any], *, browser: bool, say: Any) -> str:
    """Sign in with the user's own OAuth client and keep the refresh token in the keyring."""
    from followup.mail import oauth, secrets

    secrets.keyring_check()  # before the user signs in, not after
    client_secret = None
    if options.get("client_secret_file"):
        client_secret = secrets.read_secret_file(
            options["client_secret_file"], "--client-secret-file"
        )
    return oauth.authorize(
        options["oauth"],
        options["client_id"],
        client_secret,
        endpoint=options.get("oauth_endpoint"),
        browser=browser,
        say=say,
    )


def login_for(account: Account) -> Login:
    """The credentials for both servers: the password (file or keyring), or a fresh OAuth
    access token from the refresh token in the keyring (a rotated one is kept)."""
    from followup.mail import oauth, secrets

    if account.auth == "password":
        if account.password_file:
            return Login(account.username, password=secrets.read_secret_file(account.password_file))
        return Login(account.username, password=secrets.load_secret(account.secret_key))
    refresh = secrets.load_secret(account.secret_key)
    client_secret = (
        secrets.read_secret_file(account.client_secret_file, "--client-secret-file")
        if account.client_secret_file
        else None
    )
    assert account.oauth_provider and account.client_id
    token, rotated = oauth.access_token(
        account.oauth_provider,
        account.client_id,
        client_secret,
        refresh,
        endpoint=account.oauth_endpoint,
    )
    if rotated:
        secrets.store_secret(account.secret_key, rotated)
    return Login(account.username, access_token=token)


@dataclass(frozen=True)
class TestResult:
    address: str
    smtp: str
    imap: str
    drafts: str | None
    sent: str | None
    archive: str | None


def test_account(service: Followup) -> TestResult:
    """Sign in to both servers; name the Drafts, Sent and archive folders (SPECIAL-USE)."""
    from followup.mail.imap import DRAFTS, SENT, open_mailbox
    from followup.mail.smtp import check_smtp

    with service.store.transaction() as repo:
        _, account = load_account(repo)
    login = login_for(account)
    check_smtp(account.smtp, login)
    with open_mailbox(account.imap, login) as box:
        folders = box.folders()
        box.require(DRAFTS)
        box.require(SENT)
    return TestResult(
        account.address,
        str(account.smtp),
        str(account.imap),
        folders.drafts,
        folders.sent,
        folders.archive,
    )


# -- composing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Prepared:
    application_id: int
    action_id: str
    to_address: str
    to_name: str
    subject: str
    body: str
    in_reply_to: str | None
    kind: str
    interview: str | None
    contact: str


def prepare(service: Followup, action_id: str, text: str | None = None) -> tuple[Prepared, Any]:
    """What an action's email says (the given text, else the kept note, else the draft), to
    whom, in which thread; with its proofreading report."""
    from followup.services import writing

    target = writing.stored_target(service, action_id)
    with service.store.transaction() as repo:
        kept = repo.kept_notes(application_id=target.application_id)  # type: ignore[arg-type]
    kept_note = kept.get(target.action.id)
    method = kept_note[0] if kept_note else target.action.method
    if text is None and kept_note is not None and method != "email":
        raise InvalidInputError(
            "ACTION",
            f"the note kept for {target.action.id} is a {method} note; write it as an email "
            f"first: followup write {target.action.id} --method email",
        )
    if text is None:
        text = (
            kept_note[1]
            if kept_note
            else writing.draft(writing.stored_target(service, action_id, "email")).draft.text
        )
    person = target.facts.person(target.contact)
    if person is None or not person.email:
        name = person.name if person else f"person {target.contact}"
        raise InvalidInputError(
            "ACTION",
            f"{name} has no email address; add one with `followup person edit "
            f"{target.contact} --email ADDRESS`",
        )
    report = writing.check(target, text)
    subject, body = split_note(text)
    in_reply_to = None
    assert target.application_id is not None
    if target.kind == "check_in":
        with service.store.transaction() as repo:
            root = mail_queries(repo).thread_root(
                application_id=target.application_id, person_id=int(target.contact)
            )
        if root is not None:
            in_reply_to = root["message_id"]
            subject = reply_subject(root["subject"])
    prepared = Prepared(
        application_id=target.application_id,
        action_id=target.action.id,
        to_address=person.email,
        to_name=person.name,
        subject=subject or DEFAULT_SUBJECT,
        body=body,
        in_reply_to=in_reply_to,
        kind=target.kind,
        interview=target.action.interview,
        contact=target.contact,
    )
    return prepared, report


def outgoing(
    prepared: Prepared, from_address: str, from_name: str, message_id: str, at: datetime
) -> Outgoing:
    return Outgoing(
        from_address=from_address,
        from_name=from_name,
        to_address=prepared.to_address,
        to_name=prepared.to_name,
        subject=prepared.subject,
        body=prepared.body,
        message_id=message_id,
        date=at,
        in_reply_to=prepared.in_reply_to,
        references=(prepared.in_reply_to,) if prepared.in_reply_to else (),
    )


def eml_for(service: Followup, action_id: str, text: str) -> tuple[bytes, str]:
    """The note as an .eml file to open in a mail program (X-Unsent), and its file name; the
    same builder as sending, so threading and headers match."""
    from followup.core.ids import ActionId
    from followup.inputs.parse import check_note_text

    text = check_note_text(text, "the note")
    prepared, _ = prepare(service, action_id, text)
    with service.store.transaction() as repo:
        candidate = repo.candidate(profile_id=profile_id(repo))
        row = mail_queries(repo).account_row(profile_id=profile_id(repo))
    address = row["address"] if row else candidate.email
    if not address:
        raise InvalidInputError("email", "your profile has no email address; add it in Settings")
    message = build_message(
        outgoing(prepared, address, candidate.full_name, new_message_id(address), service.clock()),
        unsent=True,
    )
    return message_bytes(message), f"{ActionId.parse(action_id, stored=True).slug}.eml"


# -- sending --------------------------------------------------------------------------------
@dataclass(frozen=True)
class SendResult:
    action: str
    message_id: str
    state: str  # sent | already_sent
    to: str
    subject: str
    warning: str | None = None


def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(claimed_by: str | None) -> bool:
    """Whether the process that claimed a send is still running (on this machine)."""
    if not claimed_by:
        return False
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's: its age decides (see deliver)
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def send_action(
    service: Followup, action_id: str, *, yes: bool = False, in_doubt_grace: float = IN_DOUBT_GRACE
) -> SendResult:
    """Send a planned follow-up by email, exactly once (see the module's docstring)."""
    now = service.clock()
    with service.store.transaction() as repo:
        pid, account = load_account(repo)
        app_id, _, action = resolve_action(repo, action_id, now)
        entry = mail_queries(repo).outbox_by_key(profile_id=pid, key=f"action:{action.id}")
        if entry is None and action.status == "done":
            raise ConflictError(f"{action.id} is already recorded as sent")
        candidate = repo.candidate(profile_id=pid)
    if entry is not None and entry["state"] == "sent":
        return SendResult(
            action.id, entry["message_id"], "already_sent", entry["to_address"], entry["subject"]
        )
    if entry is None:
        prepared, report = prepare(service, action.id)
        if report.errors and not yes:
            first = report.errors[0]
            raise InvalidInputError(
                "ACTION",
                f"the note has {len(report.errors)} proofreading error(s), first: {first.message}; "
                f"fix it (followup write {action.id}) or send anyway with --yes",
            )
        message_id = new_message_id(account.address)
        message = build_message(
            outgoing(prepared, account.address, candidate.full_name, message_id, now)
        )
        with service.store.transaction() as repo:
            entry_id = mail_queries(repo).add_outbox(
                profile_id=pid,
                application_id=app_id,
                action_id=action.id,
                purpose="follow_up",
                idempotency_key=f"action:{action.id}",
                message_id=message_id,
                state="prepared",
                to_address=prepared.to_address,
                subject=str(message["Subject"]),
                body=prepared.body,
                raw=message_bytes(message).decode("ascii"),
                attempts=0,
                created_at=now,
                updated_at=now,
            )
            entry = mail_queries(repo).outbox_entry(entry_id=entry_id)
    state = deliver(service, account, entry, in_doubt_grace=in_doubt_grace)
    return SendResult(action.id, entry["message_id"], state, entry["to_address"], entry["subject"])


def deliver(
    service: Followup,
    account: Account,
    entry: dict[str, Any],
    *,
    in_doubt_grace: float = IN_DOUBT_GRACE,
) -> str:
    """Take an outbox entry to `sent` (or `failed`); 'sent' or 'already_sent'."""
    from followup.mail import imap, smtp

    login = login_for(account)
    entry_id = entry["id"]
    if entry["state"] == "sending":
        if _alive(entry["claimed_by"]):
            raise ConflictError("this message is being sent right now by another followup process")
        if _found_in_sent(account, login, entry, in_doubt_grace):
            _mark_sent(service, entry, account)
            return "already_sent"
    data = entry["raw"].encode("ascii")
    from email import message_from_bytes, policy

    message = message_from_bytes(data, policy=policy.SMTP)
    for attempt in range(len(RETRY_DELAYS) + 1):
        with service.store.transaction() as repo:
            claimed = mail_queries(repo).claim_outbox(
                entry_id=entry_id,
                from_states=("prepared", "sending", "failed"),
                state="sending",
                claimed_by=_me(),
                attempts=entry["attempts"] + attempt + 1,
                updated_at=service.clock(),
            )
        if not claimed:
            raise ConflictError("this message was sent meanwhile by another followup process")
        try:
            smtp.send_message(account.smtp, login, message)  # type: ignore[arg-type]
        except MailError as exc:
            final = not exc.temporary or attempt == len(RETRY_DELAYS)
            with service.store.transaction() as repo:
                mail_queries(repo).update_outbox(
                    entry_id=entry_id,
                    state="failed" if final else "prepared",
                    last_error=exc.message[: limits.MAIL_ERROR],
                    claimed_by=None,
                    updated_at=service.clock(),
                )
            if final:
                raise
            time.sleep(RETRY_DELAYS[attempt])
            continue
        break
    _mark_sent(service, entry, account)
    if not account.files_sent:
        _copy_to_sent(service, account, login, entry, imap)
    return "sent"


def _found_in_sent(account: Account, login: Login, entry: dict[str, Any], grace: float) -> bool:
    """Whether the message of a send that died in `sending` reached the server: its Message-ID
    in Sent or All Mail. A provider files what it accepted within moments; until `grace`
    seconds after the attempt began, a miss is looked for again."""
    from followup.mail.imap import open_mailbox

    deadline = entry["updated_at"].timestamp() + grace
    with open_mailbox(account.imap, login) as box:
        folders = box.folders()
        where = [f for f in (folders.sent, folders.all_mail) if f]
        while True:
            if box.find_message_id(entry["message_id"], where):
                return True
            if time.time() >= deadline:
                return False
            time.sleep(min(0.25, max(0.0, deadline - time.time())))


def _mark_sent(service: Followup, entry: dict[str, Any], account: Account) -> None:
    """The outbox entry `sent` and, for a follow-up, its `sent` fact: one transaction."""
    from followup.core.ids import ActionId

    at = service.clock()
    with service.store.transaction() as repo:
        mail_queries(repo).update_outbox(
            entry_id=entry["id"],
            state="sent",
            sent_at=at,
            updated_at=at,
            claimed_by=None,
            last_error=None,
        )
        if entry["purpose"] != "follow_up":
            return
        app_id = entry["application_id"]
        action = ActionId.parse(entry["action_id"], stored=True)
        try:
            _, _, planned = resolve_action(repo, entry["action_id"], at)
            done = planned.status == "done"
        except Exception:  # noqa: BLE001 - the action is gone from the plan: nothing to record
            done = True
        if not done:
            repo.add_follow_up(
                application_id=app_id,
                sent=Sent(
                    kind=action.kind,
                    interview=action.interview,
                    contact=action.contact,
                    method="email",
                    at=at,
                ),
                # trimmed as every kept note is (the outbox keeps the exact message)
                body=f"Subject: {entry['subject']}\n\n{entry['body']}".strip(),
            )
            refresh_plan(repo, app_id)


def _copy_to_sent(
    service: Followup, account: Account, login: Login, entry: dict[str, Any], imap: Any
) -> None:
    """Providers that do not file SMTP mail in Sent get a copy there; when it is not known
    whether this one does, look first and remember the answer."""
    try:
        with imap.open_mailbox(account.imap, login) as box:
            folders = box.folders()
            files = account.files_sent
            if files is None and folders.sent:
                files = bool(box.find_message_id(entry["message_id"], [folders.sent]))
            if not files:
                box.append_sent(entry["raw"].encode("ascii"), service.clock())
    except MailError:
        return  # the message went; a missing copy in Sent is no reason to fail the send
    if files != account.files_sent:
        with service.store.transaction() as repo:
            mail_queries(repo).set_account_fields(profile_id=profile_id(repo), files_sent=files)


# -- drafts and the outbox ------------------------------------------------------------------
@dataclass(frozen=True)
class DraftResult:
    action: str
    message_id: str
    folder: str
    replaced: bool
    to: str
    subject: str


def save_draft(service: Followup, action_id: str) -> DraftResult:
    """APPEND the note to the \\Drafts folder; a draft saved earlier for the action is replaced."""
    from followup.mail.imap import open_mailbox

    now = service.clock()
    with service.store.transaction() as repo:
        _, account = load_account(repo)
        candidate = repo.candidate(profile_id=profile_id(repo))
    prepared, _ = prepare(service, action_id)
    with service.store.transaction() as repo:
        earlier = mail_queries(repo).draft(
            application_id=prepared.application_id, action_id=prepared.action_id
        )
    message_id = new_message_id(account.address)
    message = build_message(
        outgoing(prepared, account.address, candidate.full_name, message_id, now)
    )
    with open_mailbox(account.imap, login_for(account)) as box:
        folder = box.append_draft(
            message_bytes(message), now, replaces=earlier["message_id"] if earlier else None
        )
    with service.store.transaction() as repo:
        mail_queries(repo).save_draft(
            application_id=prepared.application_id,
            action_id=prepared.action_id,
            message_id=message_id,
            folder=folder,
            now=now,
        )
    return DraftResult(
        prepared.action_id,
        message_id,
        folder,
        earlier is not None,
        prepared.to_address,
        str(message["Subject"]),
    )


def outbox_list(service: Followup) -> list[dict[str, Any]]:
    """Every send attempt and its state, oldest first."""
    with service.store.transaction() as repo:
        pid = profile_id(repo)
        rows = mail_queries(repo).outbox_entries(profile_id=pid)
    keys = (
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
    )
    return [{k: row[k] for k in keys} for row in rows]
