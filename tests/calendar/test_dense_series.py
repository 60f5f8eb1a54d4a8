"""A recurring invitation is read lazily: however long its series, only its first occurrences are
looked at, and a series denser than daily is refused (found by a probe: COUNT=1,000,000 took 16 s
and 323 MB, a secondly series with COUNT=100,000,000 never finished)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from followup.calendar.invite import Me
from followup.calendar.read import MAX_OCCURRENCES, read_calendar

ME = Me(email="jordan.rivera@example.org", aliases=(), timezone="America/New_York")


def series(rule: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\n"
        "BEGIN:VEVENT\r\nUID:dense@globex.example\r\nSEQUENCE:0\r\n"
        "DTSTART:20261201T150000Z\r\nDTEND:20261201T160000Z\r\nSUMMARY:Interview\r\n"
        f"RRULE:{rule}\r\n"
        "ORGANIZER;CN=Katherine Chen:mailto:kchen@globex.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY", "HOURLY"])
def test_a_series_denser_than_daily_is_refused(freq: str) -> None:
    reading = read_calendar(series(f"FREQ={freq};COUNT=100000000"), "dense.ics", ME)
    assert reading.invites == []
    assert reading.problems == [
        "event 'Interview': a series repeating more than once a day, not an interview"
    ]


def test_a_daily_series_of_ten_million_is_read_up_to_its_first_occurrences() -> None:
    # in a child process, so that a regression shows as a failure rather than a hung suite
    code = (
        "from tests.calendar.test_dense_series import ME, series\n"
        "from followup.calendar.read import read_calendar\n"
        "r = read_calendar(series('FREQ=DAILY;COUNT=10000000'), 'long.ics', ME)\n"
        "print(len(r.invites[0].occurrences), r.invites[0].occurrences[1].start.isoformat())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    count, second = done.stdout.split()
    assert int(count) == MAX_OCCURRENCES
    assert second == "2026-12-02T15:00:00+00:00"


def event(
    uid: str, rule: str, start: str = "20261201T150000Z", end: str = "DTEND:20261201T160000Z"
) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\n{end}\r\nSUMMARY:Interview {uid}\r\n"
        f"ORGANIZER:mailto:kchen@globex.example\r\n{rule}END:VEVENT\r\n"
    )


def calendar(*events: str, head: str = "") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\n"
        + head
        + "".join(events)
        + "END:VCALENDAR\r\n"
    ).encode()


def read_in_a_child(data: bytes, name: str) -> str:
    """What reading `data` gives, in a child process: a regression shows as a failure after the
    timeout, not as a hung suite."""
    code = (
        "import sys\n"
        "from tests.calendar.test_dense_series import ME\n"
        "from followup.calendar.read import read_calendar\n"
        "from followup.core.errors import InvalidInputError\n"
        "try:\n"
        f"    r = read_calendar(sys.stdin.buffer.read(), {name!r}, ME)\n"
        "    print([len(i.occurrences) for i in r.invites], r.problems)\n"
        "except InvalidInputError as exc:\n"
        "    print('refused:', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, timeout=120, check=True
    )
    return done.stdout.decode().strip()


@pytest.mark.parametrize(("data", "read"), [
    # found by a probe: each of these kept the reader busy for good, or for seconds a series
    (calendar(event("a", "RRULE:FREQ=DAILY;INTERVAL=0\r\n")),
     "[] [\"event 'Interview a': its recurrence repeats every 0 periods\"]"),
    # a finished series beside an endless one: each is walked alone
    (calendar(event("a", "RRULE:FREQ=DAILY;COUNT=3\r\n"), event("b", "RRULE:FREQ=WEEKLY\r\n")),
     f"[3, {MAX_OCCURRENCES}] []"),
    (calendar(*(event(f"s{i}", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\n") for i in range(5))),
     "[] " + str([f"event 'Interview s{i}': its recurrence names a day no month has"
                  for i in range(5)])),
    (calendar(event("a", "RRULE:FREQ=MONTHLY;BYDAY=6FR\r\n")),
     "[] [\"event 'Interview a': its recurrence names a weekday no month has (a sixth Friday)\"]"),
    (calendar(event("a", "RRULE:FREQ=YEARLY;BYWEEKNO=60\r\n")),
     "[] [\"event 'Interview a': its recurrence uses BYWEEKNO, which no interview needs\"]"),
    (calendar(event("a", "RRULE:FREQ=DAILY;BYHOUR=1,2,3\r\n")),
     "[] [\"event 'Interview a': a series repeating more than once a day, not an interview\"]"),
    (calendar(event("a", "RRULE:FREQ=WEEKLY;COUNT=4\r\n", "20261201T150000",
                    "DTEND:20261201T160000")), "[4] []"),  # floating: UNTIL floating too
    (calendar(event("a", "RRULE:FREQ=WEEKLY\r\n", "00010101T100000Z", "DTEND:00010101T110000Z")),
     "refused: hostile.ics: cannot be read (date value out of range)"),
    (calendar(event("a", "", end="DURATION:P99999999W")),
     "refused: hostile.ics: cannot be read (date value out of range)"),
    (calendar(event("a", ""), head="X-WR-TIMEZONE:../../etc/passwd\r\n"),
     "refused: hostile.ics: cannot be read (ZoneInfo keys must refer to subdirectories of "
     "TZPATH, got: ../../etc/passwd)"),
])  # fmt: skip
def test_hostile_series_are_refused_or_bounded(data: bytes, read: str) -> None:
    assert read_in_a_child(data, "hostile.ics") == read


def test_an_email_nested_three_thousand_deep_is_refused() -> None:
    head = "From: hr@globex.example\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
    body = "".join(
        f"--b{i}\r\nContent-Type: multipart/mixed; boundary=b{i + 1}\r\n\r\n" for i in range(3000)
    )
    assert read_in_a_child((head + body).encode(), "nested.eml") == (
        "refused: nested.eml: nested too deeply to be an email"
    )


def test_an_invitation_to_thousands_keeps_what_an_interview_needs() -> None:
    from followup.calendar.people import MAX_DOMAINS
    from followup.core import limits

    guests = "".join(f"ATTENDEE;CN=P{i}:mailto:p{i}@d{i}.example\r\n" for i in range(5000))
    reading = read_calendar(calendar(event("a", guests)), "all-hands.ics", ME)
    [invite] = reading.invites
    assert len(invite.people) == limits.PEOPLE_PER_INTERVIEW
    assert len(invite.domains) == MAX_DOMAINS
    assert invite.domains[0] == "globex.example"  # the organizer's comes first
