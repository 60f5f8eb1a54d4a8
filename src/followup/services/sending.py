"""Sending a follow-up (or the digest) through the outbox, exactly once (docs/contracts.md, "Mail").

The Message-ID is stored before the first attempt; the states go prepared -> sending -> sent |
failed; a send found in `sending` whose process is gone is settled by searching Sent and All
Mail for its Message-ID (found: sent; not found: sent again, same Message-ID). The sent message
becomes the `sent` fact of its action in the same transaction that marks it sent.

A failed send goes again as it was, unless the person's address has changed since: then it is a
new message to the new address (nobody got the old one). A send that bounced (sync found the
delivery report) is refused while the address is the one that bounced.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.core import limits
from followup.core.errors import ConflictError, InvalidInputError
from followup.core.model import Sent
from followup.core.plan import checkin_warning
from followup.mail.account import Account
from followup.mail.errors import MailError
from followup.mail.message import build_message, message_bytes, new_message_id
from followup.mail.smtp import Login
from followup.services.agenda import refresh_plan
from followup.services.lookup import resolve_action
from followup.services.mail import (
    load_account,
    login_for,
    mail_queries,
    outgoing,
    prepare,
    profile_id,
)

if TYPE_CHECKING:
    from followup.core.model import Action, Candidate
    from followup.services.followup import Followup

RETRY_DELAYS = (1.0, 4.0)  # seconds before the 2nd and 3rd attempt after a temporary failure
IN_DOUBT_GRACE = 5.0  # seconds a provider may take to file a message it accepted in Sent
# how the last error of an outbox entry says its message bounced (sync writes it)
BOUNCED = "delivery failed: "


class UnsentErrorsError(InvalidInputError):
    """The note to send has proofreading errors: nothing is sent until the user confirms
    (`--yes`; the web's confirmation lists `findings`)."""

    def __init__(self, action_id: str, findings: list[Any]) -> None:
        self.findings = findings
        super().__init__(
            "ACTION",
            f"the note has {len(findings)} proofreading error(s), first: {findings[0].message}; "
            f"fix it (followup write {action_id}) or send anyway with --yes",
        )


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
        app_id, facts, action = resolve_action(repo, action_id, now)
        if repo.is_demo_application(application_id=app_id):
            raise ConflictError(
                f"{action.id} belongs to the sample, whose people are made up: nothing in it is "
                'sent (remove the sample with `followup demo --remove`, or "Start with my own")'
            )
        mq = mail_queries(repo)
        entry = mq.outbox_by_key(profile_id=pid, key=f"action:{action.id}")
        if entry is None and action.status == "done":
            raise ConflictError(f"{action.id} is already recorded as sent")
        candidate = repo.candidate(profile_id=pid)
        person = facts.person(action.contact)
        address_now = (person.email or "") if person else ""
        # R5: a check-in sooner than the cadence allows goes, with a word (as `sent` has it)
        warning = (
            checkin_warning(facts, now) if action.kind == "check_in" and entry is None else None
        )
    if entry is not None and entry["state"] == "sent":
        return SendResult(
            action.id, entry["message_id"], "already_sent", entry["to_address"], entry["subject"]
        )
    if entry is not None and entry["state"] == "failed":
        if address_now.lower() != entry["to_address"].lower():
            entry = _readdress(service, account, candidate, action, entry, yes)
        elif (entry["last_error"] or "").startswith(BOUNCED):
            why = entry["last_error"].removeprefix(BOUNCED)
            raise InvalidInputError(
                "ACTION",
                f"{action.id} to {entry['to_address']} bounced ({why}); correct the address "
                f"with `followup person edit {action.contact} --email ADDRESS`, then send again",
            )
    if entry is None:
        message_id, message, prepared = _compose(service, account, candidate, action, yes)
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
    return SendResult(
        action.id, entry["message_id"], state, entry["to_address"], entry["subject"], warning
    )


def _compose(
    service: Followup, account: Account, candidate: Candidate, action: Action, yes: bool
) -> tuple[str, Any, Any]:
    """The message of an action (a new Message-ID), after the proofreading check."""
    prepared, report = prepare(service, action.id)
    if report.errors and not yes:
        raise UnsentErrorsError(action.id, list(report.errors))
    message_id = new_message_id(account.address)
    message = build_message(
        outgoing(prepared, account.address, candidate.full_name, message_id, service.clock())
    )
    return message_id, message, prepared


def _readdress(
    service: Followup,
    account: Account,
    candidate: Candidate,
    action: Action,
    entry: dict[str, Any],
    yes: bool,
) -> dict[str, Any]:
    """A failed send whose person has a new address since: the entry becomes a new message to
    it (the old one reached nobody), still one entry per action."""
    message_id, message, prepared = _compose(service, account, candidate, action, yes)
    with service.store.transaction() as repo:
        mq = mail_queries(repo)
        moved = mq.claim_outbox(
            entry_id=entry["id"],
            from_states=("failed",),
            state="prepared",
            message_id=message_id,
            to_address=prepared.to_address,
            subject=str(message["Subject"]),
            body=prepared.body,
            raw=message_bytes(message).decode("ascii"),
            last_error=None,
            updated_at=service.clock(),
        )
        if not moved:
            raise ConflictError("this message was sent meanwhile by another followup process")
        return mq.outbox_entry(entry_id=entry["id"])


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
        deadline = entry["updated_at"].timestamp() + in_doubt_grace
        if _found_in_sent(account, login, entry["message_id"], deadline):
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
            if exc.maybe_delivered and _accepted_after_all(
                account, login, entry["message_id"], in_doubt_grace
            ):
                break
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


def _accepted_after_all(account: Account, login: Login, message_id: str, grace: float) -> bool:
    """After a failure that may have come once the server had the message: whether a provider
    that files sent mail has it in Sent (then sending again would deliver it twice). For one
    that files nothing, or when the mailbox cannot be read, nobody can tell: False."""
    if account.files_sent is False:
        return False
    try:
        return _found_in_sent(account, login, message_id, time.time() + grace)
    except MailError:
        return False


def _found_in_sent(account: Account, login: Login, message_id: str, deadline: float) -> bool:
    """Whether a message whose send was cut short reached the server: its Message-ID in Sent
    or All Mail. A provider files what it accepted within moments; until `deadline` (a time
    as time.time() gives), a miss is looked for again."""
    from followup.mail.imap import open_mailbox

    with open_mailbox(account.imap, login) as box:
        folders = box.folders()
        where = [f for f in (folders.sent, folders.all_mail) if f]
        while True:
            if box.find_message_id(message_id, where):
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
