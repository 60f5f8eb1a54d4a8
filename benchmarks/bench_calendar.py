"""The calendar: importing a 1,000-event calendar export, and the follow-up feed of a database
of 10,000 applications. Plain figures, nothing asserted.

Goals: the import <= 2 s; the feed <= 1 s. Both run in one process over SQLite in a temporary
folder, through the same service calls as `followup interview import` and `followup calendar`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import export_document  # noqa: E402

from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn  # noqa: E402
from followup.services import Followup  # noqa: E402
from followup.services.backup import import_document  # noqa: E402
from followup.storage.store import open_store  # noqa: E402

EVENTS = 1_000
COMPANIES = 250
APPLICATIONS = 10_000
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def calendar_export(events: int) -> bytes:
    """A Google-style export: events with an organizer and two guests from a company each."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN", "METHOD:PUBLISH"]
    start = datetime(2026, 3, 2, 14, tzinfo=UTC)
    for n in range(events):
        company = n % COMPANIES
        at = start + timedelta(hours=n)
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{n}@example.org",
            f"DTSTAMP:{NOW:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{at:%Y%m%dT%H%M%SZ}",
            f"DTEND:{at + timedelta(minutes=45):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:Company {company} – Analyst interview, round {n // COMPANIES + 1}",
            f"ORGANIZER;CN=Lead {company}:mailto:lead@company{company}.example",
            f"ATTENDEE;CN=Lead {company};PARTSTAT=ACCEPTED:mailto:lead@company{company}.example",
            "ATTENDEE;CN=Jordan Rivera:mailto:jordan@example.org",
            f'ATTENDEE;CN="Panel, Member {n}":mailto:member{n}@company{company}.example',
            f"LOCATION:https://meet.google.com/abc-defg-{n:03d}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def bench_import(folder: Path) -> None:
    service = Followup(open_store(f"sqlite:///{folder / 'import.sqlite3'}"), clock=lambda: NOW)
    service.setup(ProfileIn(full_name="Jordan Rivera", email="jordan@example.org", timezone="UTC"))
    for company in range(COMPANIES):
        app_id = service.add_application(
            ApplicationIn(company=f"Company {company}", role="Analyst")
        )
        service.add_interview(
            app_id,
            InterviewIn.model_validate(
                {
                    "kind": "phone",
                    "start": "2026-02-02T10:00:00+00:00",
                    "end": "2026-02-02T10:30:00+00:00",
                    "people": [
                        {"name": f"Lead {company}", "email": f"lead@company{company}.example"}
                    ],
                }
            ),
        )
    data = calendar_export(EVENTS)
    path = folder / "export.ics"
    path.write_bytes(data)
    started = time.perf_counter()
    report = service.import_invite_file(path)
    took = time.perf_counter() - started
    print(
        f"calendar: imported a {len(data) / 1024:.0f} KB export of {EVENTS:,} events into "
        f"{COMPANIES} applications ({len(report.imported):,} interviews) in {took:.2f} s "
        "(goal <= 2 s)"
    )


def bench_feed(folder: Path) -> None:
    service = Followup(open_store(f"sqlite:///{folder / 'feed.sqlite3'}"), clock=lambda: NOW)
    import_document(service, export_document(APPLICATIONS), "synthetic")
    times = []
    count = 0
    for _ in range(6):
        started = time.perf_counter()
        text = service.feed()
        times.append(time.perf_counter() - started)
        count = text.count("BEGIN:VEVENT")
    print(
        f"calendar: the feed of {APPLICATIONS:,} applications ({count:,} events, "
        f"{len(text) / 1_048_576:.1f} MB): first run {times[0] * 1000:.0f} ms (records what it "
        f"publishes), then median {statistics.median(times[1:]) * 1000:.0f} ms (goal <= 1 s)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        bench_import(Path(home))
        bench_feed(Path(home))


if __name__ == "__main__":
    main()
