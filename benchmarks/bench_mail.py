"""Mail: `followup sync` over a mailbox of 10,000 messages on a loopback Dovecot (the first sync,
then incremental ones with 20 new messages each), and what the outbox adds to a bare SMTP round
trip. Plain figures, nothing asserted.

Goals: first sync <= 5 s; an incremental sync of 20 new messages <= 300 ms; the outbox <= +50 ms
over the SMTP round trip. Needs Debian's dovecot-imapd (scripts/ensure-dovecot); the servers
are the tests' own (tests/mail/), on loopback ports, in a temporary folder.

The mailbox looks like a job seeker's: 10,000 messages in INBOX, most from shops, lists and
friends, 150 from people of the 50 applications (replies to record), 50 from others at those
companies (unsure). Dovecot keeps it in sdbox, its own format (in maildir, a server-side rescan
of the 10,000-file folder after each delivery costs 0.6-0.9 s per EXAMINE on the 2-core machine,
whatever the client does).
"""

from __future__ import annotations

import imaplib
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mail.certs import make_cert  # noqa: E402
from tests.mail.dovecot import USERS, DovecotServer, missing_reason  # noqa: E402
from tests.mail.smtp_server import Behaviour, SmtpServer  # noqa: E402

from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn  # noqa: E402
from followup.services import Followup  # noqa: E402
from followup.storage.store import open_store  # noqa: E402

MESSAGES = 10_000
APPLICATIONS = 50
FROM_PEOPLE = 150
FROM_COMPANIES = 50
NEW = 20
ROUNDS = 5
SENDS = 30
NOW = datetime(2026, 11, 25, 14, tzinfo=UTC)


def message(n: int, sender: str, subject: str, body_lines: int = 40) -> bytes:
    sent = format_datetime(datetime.fromtimestamp(NOW.timestamp() - 60 * (MESSAGES - n), UTC))
    body = "".join(
        f"Line {k} of message {n}: nothing to see here, just text.\r\n" for k in range(body_lines)
    )
    return (
        f"From: {sender}\r\nTo: jordan@example.org\r\nSubject: {subject}\r\nDate: {sent}\r\n"
        f"Message-ID: <m{n}@bench.example>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    ).encode()


def sender_of(n: int) -> tuple[str, str]:
    """Who wrote message n, and its subject: a person of an application, someone else at a
    company, or the rest of the world."""
    if n % (MESSAGES // FROM_PEOPLE) == 0:
        app = (n // 7) % APPLICATIONS
        return f"Lead {app} <lead{n % 3}@company{app}.example>", "Re: Thank you"
    if n % (MESSAGES // FROM_COMPANIES) == 1:
        app = (n // 11) % APPLICATIONS
        return f"Recruiting <talent@company{app}.example>", "Your application"
    return f"Shop {n % 400} <news@shop{n % 400}.example>", f"Deals of the week #{n}"


def fill_inbox(server: DovecotServer) -> None:
    """APPEND the messages (nine in ten already read) over one connection."""
    started = time.perf_counter()
    imap = imaplib.IMAP4("127.0.0.1", server.port)
    imap.login("jordan", USERS["jordan"])
    for n in range(MESSAGES):
        flags = "(\\Seen)" if n % 10 else ""
        imap.append(
            "INBOX", flags, imaplib.Time2Internaldate(time.time()), message(n, *sender_of(n))
        )
    imap.logout()
    print(f"mail: {MESSAGES:,} messages put in INBOX in {time.perf_counter() - started:.1f} s")


def deliver(server: DovecotServer, raws: list[bytes]) -> None:
    imap = imaplib.IMAP4("127.0.0.1", server.port)
    imap.login("jordan", USERS["jordan"])
    for raw in raws:
        imap.append("INBOX", "", imaplib.Time2Internaldate(time.time()), raw)
    imap.logout()


def service_with_account(folder: Path, smtp_port: int, imap_port: int) -> Followup:
    from followup.services import mail

    service = Followup(open_store(f"sqlite:///{folder / 'mail.sqlite3'}"), clock=lambda: NOW)
    service.setup(ProfileIn(full_name="Jordan Rivera", email="jordan@example.org", timezone="UTC"))
    for app in range(APPLICATIONS):
        app_id = service.add_application(ApplicationIn(company=f"Company {app}", role="Analyst"))
        service.add_interview(
            app_id,
            InterviewIn.model_validate(
                {
                    "kind": "video",
                    "start": "2026-11-24T15:00:00+00:00",
                    "end": "2026-11-24T16:00:00+00:00",
                    "people": [
                        {"name": f"Lead {k} of {app}", "email": f"lead{k}@company{app}.example"}
                        for k in range(3)
                    ],
                }
            ),
        )
    secret = folder / "password"
    secret.write_text(USERS["jordan"])
    secret.chmod(0o600)
    mail.setup_account(
        service,
        address_text="jordan@example.org",
        smtp=f"127.0.0.1:{smtp_port}",
        imap=f"127.0.0.1:{imap_port}",
        security="plain",
        username="jordan",
        password_file=str(secret),
    )
    with service.store.transaction() as repo:
        mail.mail_queries(repo).set_account_fields(profile_id=repo.profile_id(), files_sent=True)
    return service


def bench_sync(server: DovecotServer, service: Followup, folder: Path) -> None:
    from followup.services.mailsync import sync

    started = time.perf_counter()
    first = sync(service)
    took = time.perf_counter() - started
    print(
        f"mail: first sync of {first.fetched:,} messages ({len(first.replies)} replies recorded, "
        f"{len(first.unsure)} unsure) in {took:.2f} s (goal <= 5 s)"
    )
    times = []
    for round_ in range(ROUNDS):
        raws = [
            message(
                MESSAGES + round_ * NEW + k,
                *(
                    (f"Lead 3 <lead{k % 3}@company{k}.example>", "Re: Thank you")
                    if k < 3
                    else sender_of(2 + k)
                ),
            )
            for k in range(NEW)
        ]
        deliver(server, raws)
        started = time.perf_counter()
        found = sync(service)
        times.append(time.perf_counter() - started)
        assert found.fetched == NEW, found.fetched
    deliver(server, [message(MESSAGES + 999 + k, *sender_of(2 + k)) for k in range(NEW)])
    env = dict(os.environ, FOLLOWUP_DATABASE_URL=f"sqlite:///{folder / 'mail.sqlite3'}")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "followup", "--now", NOW.isoformat(), "sync"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    command = time.perf_counter() - started
    print(
        f"mail: incremental sync of {NEW} new messages: median "
        f"{statistics.median(times) * 1000:.0f} ms in process (min {min(times) * 1000:.0f}, "
        f"max {max(times) * 1000:.0f}; goal <= 300 ms); the whole `followup sync` command "
        f"{command * 1000:.0f} ms"
    )


def bench_send(service: Followup, smtp: SmtpServer) -> None:
    from followup.mail.message import build_message, message_bytes, new_message_id
    from followup.mail.smtp import send_message
    from followup.services.mail import load_account, login_for, mail_queries, outgoing, prepare
    from followup.services.sending import deliver as deliver_entry

    with service.store.transaction() as repo:
        pid, account = load_account(repo)
        candidate = repo.candidate(profile_id=pid)
    entries = []
    for app in range(1, SENDS + 1):
        action = f"thank_you:{app}:{3 * app - 2}"
        prepared, _ = prepare(service, action)
        message_id = new_message_id(account.address)
        built = build_message(
            outgoing(prepared, account.address, candidate.full_name, message_id, NOW)
        )
        with service.store.transaction() as repo:
            entry_id = mail_queries(repo).add_outbox(
                profile_id=pid,
                application_id=app,
                action_id=action,
                purpose="follow_up",
                idempotency_key=f"action:{action}",
                message_id=message_id,
                state="prepared",
                to_address=prepared.to_address,
                subject=str(built["Subject"]),
                body=prepared.body,
                raw=message_bytes(built).decode("ascii"),
                attempts=0,
                created_at=NOW,
                updated_at=NOW,
            )
            entries.append((mail_queries(repo).outbox_entry(entry_id=entry_id), built))
    login = login_for(account)
    bare, through_outbox = [], []
    for entry, built in entries:  # alternate, so both see the same machine
        started = time.perf_counter()
        send_message(account.smtp, login, built)
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        deliver_entry(service, account, entry)
        through_outbox.append(time.perf_counter() - started)
    b, o = statistics.median(bare) * 1000, statistics.median(through_outbox) * 1000
    print(
        f"mail: sending, median of {SENDS}: bare SMTP round trip {b:.1f} ms; through the outbox "
        f"(claim, send, mark sent and record the follow-up, refresh the plan) {o:.1f} ms: "
        f"+{o - b:.1f} ms (goal <= +50 ms); {len(smtp.messages)} messages delivered"
    )


def main() -> None:
    reason = missing_reason()
    if reason:
        sys.exit(f"bench_mail: {reason}")
    with tempfile.TemporaryDirectory() as home:
        folder = Path(home)
        os.environ["FOLLOWUP_HOME"] = str(folder / "home")
        cert, key = make_cert(folder)
        server = DovecotServer(cert, key, mail_format="sdbox", fsync=False)
        server.start()
        warnings.filterwarnings("ignore", module="aiosmtpd")
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        smtp = SmtpServer(Behaviour(users=dict(USERS)))
        smtp.__enter__()
        try:
            fill_inbox(server)
            service = service_with_account(folder, smtp.port, server.port)
            bench_sync(server, service, folder)
            bench_send(service, smtp)
        finally:
            smtp.__exit__(None, None, None)
            server.stop()


if __name__ == "__main__":
    main()
