"""`followup interview import` and `followup calendar` as a user runs them: the contract's JSON,
the exact one-line errors with exit status 2, the feed on stdout or in a file."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from tests.calendar.conftest import INVITES, make_service

NOW = "2026-03-01T07:00:00-05:00"


@pytest.fixture
def run(cli, use_db: str):  # type: ignore[no-untyped-def]
    make_service(use_db)

    def go(*args: str):  # type: ignore[no-untyped-def]
        return cli(*args, now=NOW)

    return go


def test_import_json_is_the_contract(run) -> None:  # type: ignore[no-untyped-def]
    result = run("interview", "import", str(INVITES / "outlook-teams.ics"), "--json")
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    assert {
        k: data[k] for k in ("application", "interview", "created", "kind", "start", "end")
    } == {
        "application": 1,
        "interview": 5,
        "created": True,
        "kind": "video",
        "start": "2026-03-17T10:00:00-04:00",
        "end": "2026-03-17T11:15:00-04:00",
    }
    assert data["people"] == [
        {"id": 1, "name": "Katherine Chen", "email": "kchen@globex.example"},
        {"id": 2, "name": "Raj Patel", "email": "raj.patel@globex.example"},
        {"id": 6, "name": "Tomás Nguyen", "email": "tomas.nguyen@globex.example"},
    ]
    again = json.loads(run("interview", "import", str(INVITES / "outlook-teams.ics"), "--json").out)
    assert (again["created"], again["result"], again["interview"]) == (False, "unchanged", 5)


def test_import_with_app_and_the_plain_text(run) -> None:  # type: ignore[no-untyped-def]
    result = run("interview", "import", str(INVITES / "zoom.ics"), "--app", "3")
    assert result.code == 0
    # in the candidate's zone (America/New_York), as the web and the rest of the CLI show it;
    # the invitation says 17:00–17:45 UTC
    assert result.out.startswith(
        "Added interview 5 in application 3: video, Tue 21 Apr 13:00–13:45; meeting nobody named."
    )
    assert "UTC" not in result.out
    json_start = json.loads(
        run("interview", "import", str(INVITES / "zoom.ics"), "--app", "3", "--json").out
    )["start"]
    assert json_start == "2026-04-21T17:00:00+00:00"  # the contract keeps ISO times, offsets


def test_cancel_then_restore(run) -> None:  # type: ignore[no-untyped-def]
    run("interview", "import", str(INVITES / "google-meet.ics"))
    result = run("interview", "import", str(INVITES / "cancel.ics"), "--json")
    data = json.loads(result.out)
    assert (data["result"], data["created"], data["removed"]) == ("removed", False, 1)
    older = run("interview", "import", str(INVITES / "google-meet.ics"))
    assert older.out == (
        "Nothing changed: interview 5 was cancelled (removed Sun 1 Mar 07:00); this older copy "
        "changes nothing. Undo the cancellation: followup interview restore 1\n"
    )
    back = run("interview", "restore", "1")
    assert back.code == 0
    assert back.out == "Interview 5 is back in application 2.\n"  # its own number


def test_restore_when_the_number_was_taken(run) -> None:  # type: ignore[no-untyped-def]
    run("interview", "import", str(INVITES / "google-meet.ics"))  # interview 5
    removed = run("interview", "import", str(INVITES / "cancel.ics"))
    assert "cancelled: Initech – Senior Data Analyst: second round" in removed.out
    # SQLite gives the freed number 5 to the next interview; PostgreSQL's sequence moves on
    added = run("interview", "import", str(INVITES / "zoom.ics"), "--app", "3", "--json")
    taken = json.loads(added.out)["interview"] == 5
    back = run("interview", "restore", "1")
    assert back.code == 0
    assert back.out == (
        "The interview is back in application 2, brought back as interview 6 (it was 5; that "
        "number is taken now).\n"
        if taken
        else "Interview 5 is back in application 2.\n"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-icalendar.ics", "not an iCalendar file (it does not begin with BEGIN:VCALENDAR)"),
        (
            "no-dtstart.ics",
            "event 'Initech – Hiring manager interview (time to be confirmed)': no DTSTART "
            "(the invitation gives no start time)",
        ),
        (
            "unknown-tzid.ics",
            "event 'Globex – offer timeline': unknown timezone 'Mars Standard Time' in DTSTART",
        ),
        ("malformed.ics", "malformed iCalendar (it stops before END:VCALENDAR)"),
        (
            "no-calendar.eml",
            "no calendar invitation in this email (no text/calendar part, no .ics file)",
        ),
        (
            "recurring.ics",
            "a recurring event (4 occurrences, 2026-10-22 to 2026-11-12); import the ones that "
            "are interviews with --occurrence DATE (repeat it), or --all-occurrences",
        ),
        (
            "zoom.ics",
            "the invitation names nobody from a company (no organizer or guests); say which "
            "application it is for with --app N: 1 Globex Corporation — Senior Data Analyst; "
            "2 Initech — Senior Data Analyst; 3 Umbrella Health — Clinical Data Analyst; "
            "4 Hooli — Analytics Engineer",
        ),
    ],
)
def test_bad_inputs_exit_2_with_one_line(run, name: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = str(INVITES / name)
    result = run("interview", "import", path, "--json")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"Error: {path}: {message}\n"


def test_other_bad_arguments(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = str(tmp_path / "nope.ics")
    assert run("interview", "import", missing).err == f"Error: {missing}: no such file\n"
    result = run(
        "interview", "import", str(INVITES / "recurring.ics"), "--occurrence", "22/10/2026"
    )
    assert (result.code, result.err) == (
        2,
        "Error: --occurrence: '22/10/2026' is not a date (YYYY-MM-DD)\n",
    )
    result = run("interview", "import", str(INVITES / "webex.ics"), "--app", "99")
    assert (result.code, result.err) == (
        2,
        "Error: no application with id '99'; see `followup app list`\n",
    )
    result = run("calendar", "subscribe", "ftp://example.org/cal.ics")
    assert (result.code, result.err) == (
        2,
        "Error: URL: not a calendar address (https://…, or webcal://… as calendars give)\n",
    )


def test_the_recurring_choice(run) -> None:  # type: ignore[no-untyped-def]
    path = str(INVITES / "recurring.ics")
    result = run("interview", "import", path, "--occurrence", "2026-11-05", "--json")
    data = json.loads(result.out)
    assert (data["start"], data["end"]) == (
        "2026-11-05T16:00:00-06:00",
        "2026-11-05T16:30:00-06:00",
    )


def test_calendar_writes_the_feed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("calendar")
    assert out.code == 0
    feed = icalendar.Calendar.from_ical(out.out)
    count = len(feed.walk("VEVENT"))
    assert count > 0
    target = tmp_path / "followups.ics"
    written = run("calendar", "-o", str(target))
    assert (written.code, written.err) == (0, f"Wrote {count} follow-up(s) to {target}.\n")
    assert target.read_bytes().decode() == out.out


def test_calendar_link_renew_and_subscribe(run) -> None:  # type: ignore[no-untyped-def]
    first = run("calendar", "link").out.splitlines()
    assert first[0].startswith("Google Calendar, Outlook: http://127.0.0.1:8765/calendar/")
    assert first[1].startswith("Apple Calendar:           webcal://127.0.0.1:8765/calendar/")
    renewed = run("calendar", "renew").out.splitlines()
    assert renewed[0] != first[0]
    assert renewed[2] == "The old address no longer works: subscribe again with this one."
    assert run("calendar", "subscribe", "webcal://calendar.example/secret/basic.ics").code == 0
    assert run("calendar", "subscribe", "--off").out == "No longer following your calendar.\n"
    assert run("calendar", "aliases").out == "Aliases: jordan@rivera.example\n"


def test_help_has_examples(cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("interview", "import"), ("calendar",), ("calendar", "subscribe")):
        result = cli(*args, "--help")
        assert result.code == 0 and "Example" in result.out
