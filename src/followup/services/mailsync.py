"""Noticing replies: read new mail in INBOX and the archive folder since each folder's
watermark, match it to applications (mail/matching.py) and record each reply once.

Headers are read for every new message; the first 64 KB of the body only for the few that
matter (a match, an unsure one, a delivery report, mail from a company's domain). A report
(multipart/report) is never a reply: a delivery failure naming one of our messages marks its
outbox entry failed, anything else (a delay, a read receipt) is passed over. An invitation
(a text/calendar part) from a company's domain is fetched part by part, never past the
calendar's size limit, and handed to the calendar as a proposed interview.

Each folder's findings and its new watermark are stored in one transaction, so an interrupted
sync is simply done again; a message already in `inbound` (same Message-ID) is never recorded
twice, and an invitation proposed again updates its proposal.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core import limits
from followup.core.errors import ConflictError, InvalidInputError, NotFoundError
from followup.core.model import Reply
from followup.mail.inbound import Inbound, parse_inbound, triage
from followup.mail.matching import (
    Directory,
    KnownPerson,
    Match,
    OurMessage,
    match_reply,
)
from followup.services.agenda import refresh_plan
from followup.services.events import reply_date_error, withdraw_bounced
from followup.services.mail import load_account, login_for, mail_queries, profile_id
from followup.services.sending import BOUNCED

if TYPE_CHECKING:
    from followup.mail.imap import Fetched, Mailbox
    from followup.services.followup import Followup
    from followup.storage.store import Repo


@dataclass
class SyncResult:
    fetched: int = 0
    replies: list[dict[str, Any]] = field(default_factory=list)
    unsure: list[dict[str, Any]] = field(default_factory=list)
    bounces: list[dict[str, Any]] = field(default_factory=list)
    invitations: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Known:
    """What a sync matches incoming mail against."""

    ours: dict[str, OurMessage]
    people: Directory
    own_address: str

    def from_company(self, sender: str) -> bool:
        """Whether `sender` writes from the domain of a person of an active application."""
        if not sender or sender == self.own_address:
            return False
        return bool(self.people.domain_applications(sender)[1])


Finding = tuple[Inbound, str, Match | None]


def message_key(found: Inbound, raw: bytes) -> str:
    """The Message-ID, or for mail without one a digest of its header."""
    return found.message_id or "sha256:" + hashlib.sha256(raw).hexdigest()


def _known(repo: Repo, pid: int) -> tuple[dict[str, OurMessage], list[KnownPerson]]:
    mq = mail_queries(repo)
    ours = {
        mid: OurMessage(app, person)
        for mid, (app, person) in mq.our_message_ids(profile_id=pid).items()
    }
    active = {a.id: status for a, status in _statuses(repo, pid)}
    people = [
        KnownPerson(app, person, email, active=active.get(str(app)) == "active")
        for app, person, email in mq.people_emails()
        if str(app) in active
    ]
    return ours, people


def _statuses(repo: Repo, pid: int) -> list[tuple[Any, str]]:
    return [(a, a.status) for a, _ in repo.applications(profile_id=pid)]


def sync(service: Followup) -> SyncResult:
    """Read new mail, record the replies it holds, list what is unsure."""
    from followup.mail.imap import open_mailbox

    with service.store.transaction() as repo:
        pid, account = load_account(repo)
        ours, people = _known(repo, pid)
        marks = mail_queries(repo).watermarks(profile_id=pid)
    known = Known(ours, Directory(people), account.address.lower())
    result = SyncResult()
    with open_mailbox(account.imap, login_for(account)) as box:
        folders = ["INBOX"] + [f for f in (box.folders().archive,) if f and f != "INBOX"]
        for folder in folders:
            state = box.examine(folder)
            validity, seen_next = marks.get(folder, (state.uidvalidity, 1))
            start = seen_next if validity == state.uidvalidity else 1
            findings: list[Finding] = []
            invitations: list[tuple[Inbound, bytes]] = []
            for item in box.new_headers(start, state.uidnext):
                result.fetched += 1
                _read(box, item, known, findings, invitations)
            # proposed before the watermark moves past them: a sync cut short proposes again
            _propose(service, invitations, result)
            with service.store.transaction() as repo:
                _record(service, repo, pid, folder, findings, result)
                mail_queries(repo).set_watermark(
                    profile_id=pid,
                    folder=folder,
                    uidvalidity=state.uidvalidity,
                    uidnext=state.uidnext,
                    now=service.clock(),
                )
    with service.store.transaction() as repo:
        result.unsure = [
            _unsure_view(r) for r in mail_queries(repo).inbound_rows(profile_id=pid, state="unsure")
        ]
    return result


def _read(
    box: Mailbox,
    item: Fetched,
    known: Known,
    findings: list[Finding],
    invitations: list[tuple[Inbound, bytes]],
) -> None:
    """Look at one new message: note it in `findings` if it is a reply or a bounce, and its
    invitations in `invitations`."""
    head = triage(item.header)
    if head.report is not None:
        if head.report == "delivery-status":
            found = box.candidate(item.uid)
            full = parse_inbound(found.header + found.text)
            if full.bounce and full.bounced_ids:
                findings.append((full, message_key(full, found.header), None))
        return
    matched = match_reply(
        head, ours=known.ours, people=known.people, own_addresses=[known.own_address]
    )
    if matched is None and not known.from_company(head.sender or ""):
        return
    found = box.candidate(item.uid)
    full = parse_inbound(found.header + found.text)
    if found.calendars:
        invitations.extend((full, data) for data in box.calendar_parts(item.uid, found.calendars))
    if matched is not None:
        if full.doubted and matched.sure:
            # a forged From of a known person would end the check-ins: the user says first
            matched = replace(
                matched, sure=False, why=f"{matched.why}; but {full.doubted}, so it may be forged"
            )
        findings.append((full, message_key(full, found.header), matched))


def _propose(
    service: Followup, invitations: list[tuple[Inbound, bytes]], result: SyncResult
) -> None:
    """Hand each invitation to the calendar; list the interviews it proposes."""
    for found, data in invitations:
        name = f"the invitation from {found.sender} ({found.subject or 'no subject'})"
        try:
            ids = service.propose_from_mail(data, name)
        except Exception as exc:  # noqa: BLE001 - one message nobody can read must never stop
            # the sync, nor hold its watermark back so that every later sync meets it again
            logging.getLogger("followup.mail").warning(
                "passed over %s: %s", name, type(exc).__name__
            )
            continue
        listed = next((i for i in result.invitations if i["message_id"] == found.message_id), None)
        if listed is None:
            listed = {
                "from": found.sender,
                "subject": found.subject,
                "message_id": found.message_id,
                "proposals": [],
            }
            result.invitations.append(listed)
        listed["proposals"] = sorted(set(listed["proposals"]) | set(ids))
    result.invitations = [i for i in result.invitations if i["proposals"]]


def _unsure_view(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "from": row["from_address"],
        "subject": row["subject"],
        "why": row["why"],
        "application": row["application_id"],
        "received_at": row["received_at"].isoformat() if row["received_at"] else None,
    }


def _record(
    service: Followup,
    repo: Repo,
    pid: int,
    folder: str,
    findings: list[tuple[Inbound, str, Match | None]],
    result: SyncResult,
) -> None:
    mq = mail_queries(repo)
    now = service.clock()
    for found, key, matched in findings:
        # a Date header from the future or before any plausible date: when we saw it
        when = found.date
        received = when if when and when.date() >= limits.FIRST_DAY and when <= now else now
        base = {
            "profile_id": pid,
            "message_key": key[: limits.MESSAGE_ID],
            "folder": folder,
            "from_address": (found.sender or "")[: limits.EMAIL] or None,
            "subject": found.subject[: limits.SUBJECT],
            "received_at": received,
            "invitation": found.invitation,
            "found_at": now,
        }
        if found.bounce:
            outbox_ids = mq.outbox_by_message_ids(profile_id=pid, ids=found.bounced_ids)
            if not outbox_ids:
                continue  # a bounce of mail followup did not send: none of its business
            why = f"{BOUNCED}{found.bounce_reason or 'the receiving server refused it'}"
            if mq.add_inbound(**base, state="bounce", why=why, outbox_id=outbox_ids[0]) is None:
                continue
            for entry_id in outbox_ids:
                mq.update_outbox(entry_id=entry_id, state="failed", last_error=why, updated_at=now)
                withdraw_bounced(repo, entry=mq.outbox_entry(entry_id=entry_id), now=now)
                result.bounces.append({"outbox": entry_id, "why": why})
            continue
        assert matched is not None
        kind = found.kind
        row = base | {
            "application_id": matched.application_id,
            "person_id": matched.person_id,
            "matched_by": matched.matched_by,
            "why": matched.why,
            "kind": kind,
            "until": found.until if kind == "auto_reply" and _plausible(found.until) else None,
            "expected_by": found.expected_by if _plausible(found.expected_by) else None,
        }
        if not matched.sure:
            if mq.add_inbound(**row, state="unsure") is not None:
                repo.bump_revision()  # Today lists it: a page made before must be made again
            continue
        inbound_id = mq.add_inbound(**row, state="recorded")
        if inbound_id is None:
            continue  # found by an earlier sync
        reply_id = _add_reply(
            repo,
            matched.application_id,
            matched.person_id,
            received,
            kind,
            row["expected_by"],
            row["until"],
            read_from_text=True,
        )
        mq.update_inbound(inbound_id=inbound_id, reply_id=reply_id)
        result.replies.append(
            {
                "application": matched.application_id,
                "from": found.sender,
                "contact": matched.person_id,
                "kind": kind,
                "matched_by": matched.matched_by,
                "expected_by": row["expected_by"].isoformat() if row["expected_by"] else None,
                "until": row["until"].isoformat() if row["until"] else None,
                "message_id": found.message_id,
                "subject": found.subject,
                "invitation": found.invitation,
            }
        )


def _add_reply(
    repo: Repo,
    app_id: int,
    person_id: int | None,
    at: datetime,
    kind: str,
    expected_by: date | None,
    until: date | None,
    *,
    read_from_text: bool = False,
) -> int:
    """A `responses` fact, as `followup reply` records it (a date that cannot be is dropped)."""
    from followup.core.checkins import reply_date_problem
    from followup.core.workdays import local_date, zone

    reply = Reply(
        at=at,
        contact=str(person_id) if person_id else None,
        kind=kind,
        expected_by=expected_by,
        until=until,
    )  # type: ignore[arg-type]
    tz = zone(repo.facts(application_id=app_id).candidate.timezone)
    problem = reply_date_problem(reply, local_date(at, tz))
    if problem is not None and (kind == "auto_reply" or read_from_text):  # a date it cannot be
        reply = Reply(at=at, contact=reply.contact, kind=kind)  # type: ignore[arg-type]
    elif problem is not None:
        raise reply_date_error(problem)
    reply_id = repo.add_reply(application_id=app_id, reply=reply)
    refresh_plan(repo, app_id)
    return reply_id


def confirm(
    service: Followup, inbound_id: int, answer: str, expected_by: date | None = None
) -> dict[str, Any]:
    """The user's word on an unsure message: `yes` (their answer), `no` (not about this
    application), or `new_date` (an update: they will decide by `expected_by`)."""
    if answer not in ("yes", "no", "new_date"):
        raise InvalidInputError("answer", f"must be yes, no or new_date, not {answer!r}")
    if answer == "new_date" and expected_by is None:
        raise InvalidInputError("expected_by", "give the date they said they would decide by")
    with service.store.transaction() as repo:
        pid = profile_id(repo)
        rows = mail_queries(repo).inbound_rows(profile_id=pid, id=inbound_id)
        if not rows:
            raise NotFoundError("message", str(inbound_id), "see `followup sync`")
        row = rows[0]
        if row["state"] != "unsure":
            raise ConflictError(f"message {inbound_id} is already settled ({row['state']})")
        if answer == "no" or row["application_id"] is None:
            mail_queries(repo).update_inbound(inbound_id=inbound_id, state="dismissed")
            repo.bump_revision()
            return {"id": inbound_id, "state": "dismissed"}
        kind = "update" if answer == "new_date" else row["kind"] or "answer"
        if answer == "yes" and kind == "update":
            expected_by = row["expected_by"]  # the date the message itself gave, if any
        reply_id = _add_reply(
            repo,
            row["application_id"],
            row["person_id"],
            row["received_at"],
            kind,
            expected_by if kind == "update" else None,
            row["until"] if kind == "auto_reply" else None,
            read_from_text=answer == "yes",
        )
        mail_queries(repo).update_inbound(
            inbound_id=inbound_id,
            state="recorded",
            reply_id=reply_id,
            kind=kind,
            expected_by=expected_by if kind == "update" else None,
        )
    return {
        "id": inbound_id,
        "state": "recorded",
        "kind": kind,
        "application": row["application_id"],
    }


def unsure(service: Followup) -> list[dict[str, Any]]:
    """Messages that may be a company's answer, waiting for the user's word."""
    with service.store.transaction() as repo:
        pid = profile_id(repo)
        return [
            _unsure_view(r) for r in mail_queries(repo).inbound_rows(profile_id=pid, state="unsure")
        ]


def _plausible(day: date | None) -> bool:
    """A return date an out-of-office states, within the dates followup keeps."""
    return day is not None and limits.FIRST_DAY <= day <= limits.LAST_DAY
