"""The daily digest (what is overdue, due today and coming up; replies found since yesterday),
mailed to the user at most once a day, and the runner a long-lived process (the web server)
calls: a sync every 10 minutes, the digest at the daily time the account names.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.mail.message import Outgoing, build_message, message_bytes, new_message_id
from followup.services.mail import load_account, mail_queries, profile_id
from followup.services.sending import deliver

if TYPE_CHECKING:
    from followup.services.followup import Followup

SYNC_EVERY = timedelta(minutes=10)
COMING_UP = timedelta(days=7)


@dataclass
class Digest:
    day: str
    overdue: list[dict[str, Any]]
    due_today: list[dict[str, Any]]
    coming_up: list[dict[str, Any]]
    replies: list[dict[str, Any]]
    text: str
    state: str | None = None  # sent | already_sent when --send
    to: str | None = None
    message_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day,
            "overdue": self.overdue,
            "due_today": self.due_today,
            "coming_up": self.coming_up,
            "replies": self.replies,
            "text": self.text,
            "state": self.state,
            "to": self.to,
            "message_id": self.message_id,
        }


def _line(item: dict[str, Any]) -> str:
    what = "thank-you" if item["kind"] == "thank_you" else "check-in"
    return (
        f"- {what} to {item['contact_name']} ({item['company']}) by {item['method']}, "
        f"due {item['due']}  [{item['id']}]"
    )


def build_digest(service: Followup) -> Digest:
    """Today's digest (nothing is sent)."""
    now = service.clock()
    agenda = service.agenda()
    tz = ZoneInfo(agenda.timezone)
    today = now.astimezone(tz).date()
    overdue, due_today, coming_up = [], [], []
    for item in agenda.items:
        due = datetime.fromisoformat(item["due"]).astimezone(tz)
        if item["status"] == "overdue":
            overdue.append(item)
        elif due.date() == today:
            due_today.append(item)
        elif item["status"] in ("due", "planned") and due - now <= COMING_UP:
            coming_up.append(item)
    since = now - timedelta(days=1)
    with service.store.transaction() as repo:
        rows = mail_queries(repo).inbound_rows(profile_id=profile_id(repo))
    replies = [
        {
            "application": r["application_id"],
            "from": r["from_address"],
            "subject": r["subject"],
            "state": r["state"],
            "kind": r["kind"],
        }
        for r in rows
        if r["found_at"] >= since and r["state"] in ("recorded", "unsure")
    ]
    parts = [f"Your follow-ups for {today:%A %d %B %Y}", ""]
    for title, items in (
        ("Overdue", overdue),
        ("Due today", due_today),
        ("Coming up", coming_up),
    ):
        parts.append(f"{title}: {len(items) or 'none'}")
        parts.extend(_line(i) for i in items)
        parts.append("")
    parts.append(f"Replies found since yesterday: {len(replies) or 'none'}")
    for r in replies:
        mark = " (is this their answer? `followup sync`)" if r["state"] == "unsure" else ""
        parts.append(f"- {r['from']}: {r['subject']}{mark}")
    return Digest(
        today.isoformat(), overdue, due_today, coming_up, replies, "\n".join(parts) + "\n"
    )


def digest(service: Followup, *, send: bool = False) -> Digest:
    """The digest; with `send`, mailed to the user once per local day (idempotency key)."""
    result = build_digest(service)
    if not send:
        return result
    now = service.clock()
    key = f"digest:{result.day}"
    with service.store.transaction() as repo:
        pid, account = load_account(repo)
        candidate = repo.candidate(profile_id=pid)
        entry = mail_queries(repo).outbox_by_key(profile_id=pid, key=key)
        if entry is None:
            message_id = new_message_id(account.address)
            subject = f"followup: your follow-ups for {result.day}"
            message = build_message(
                Outgoing(
                    from_address=account.address,
                    from_name=candidate.full_name,
                    to_address=account.address,
                    to_name=candidate.full_name,
                    subject=subject,
                    body=result.text,
                    message_id=message_id,
                    date=now,
                )
            )
            entry_id = mail_queries(repo).add_outbox(
                profile_id=pid,
                application_id=None,
                action_id=None,
                purpose="digest",
                idempotency_key=key,
                message_id=message_id,
                state="prepared",
                to_address=account.address,
                subject=subject,
                body=result.text,
                raw=message_bytes(message).decode("ascii"),
                attempts=0,
                created_at=now,
                updated_at=now,
            )
            entry = mail_queries(repo).outbox_entry(entry_id=entry_id)
    if entry["state"] == "sent":
        result.state = "already_sent"
    else:
        result.state = deliver(service, account, entry)
    result.to, result.message_id = account.address, entry["message_id"]
    return result


@dataclass
class MailRunner:
    """What a running server does with mail: call `tick()` every minute or so."""

    service: Followup
    sync_every: timedelta = SYNC_EVERY  # `followup serve` may set it (FOLLOWUP_SYNC_EVERY)
    last_sync: datetime | None = None
    errors: list[str] = field(default_factory=list)

    def tick(self) -> list[str]:
        """Run what is due now: a sync every `sync_every`, the digest once past its daily time.
        Returns what ran; a mail error is kept in `errors`, never raised (the server goes on)."""
        from followup.core.errors import FollowupError
        from followup.services.mailsync import sync

        now = self.service.clock()
        ran: list[str] = []
        with self.service.store.transaction() as repo:
            pid = repo.profile_id()
            row = None if pid is None else mail_queries(repo).account_row(profile_id=pid)
            zone = None if pid is None else repo.candidate(profile_id=pid).timezone
        if row is None:
            return ran
        try:
            if self.last_sync is None or now - self.last_sync >= self.sync_every:
                self.last_sync = now
                sync(self.service)
                ran.append("sync")
            at = row.get("digest_time")
            due = bool(at and zone and now.astimezone(ZoneInfo(zone)).strftime("%H:%M") >= at)
            if due and digest(self.service, send=True).state == "sent":
                ran.append("digest")
        except FollowupError as exc:
            self.errors.append(exc.message)
        return ran

    def run(self, stop: threading.Event, every: float = 60.0) -> None:
        """Tick until `stop` is set (a server runs this in a thread)."""
        while not stop.is_set():
            self.tick()
            stop.wait(every)


def set_digest_time(service: Followup, at: str | None) -> None:
    """The local time ("08:00") the running server mails the digest; None: never."""
    from followup.core.errors import InvalidInputError

    if at is not None:
        try:
            at = datetime.strptime(at, "%H:%M").strftime("%H:%M")
        except ValueError:
            raise InvalidInputError("digest time", f"{at!r} is not a time such as 08:00") from None
    with service.store.transaction() as repo:
        pid, _ = load_account(repo)
        mail_queries(repo).set_account_fields(profile_id=pid, digest_time=at)
