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
