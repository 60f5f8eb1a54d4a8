"""Each invitation in invites/ reads as expected.yaml says: method, UID, sequence, kind, start and
end with their offsets, the people met, what was left out and why, the domains; the bad ones
fail with their phrase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from followup.calendar.invite import Me
from followup.calendar.read import read_calendar
from followup.core.errors import InvalidInputError

INVITES = Path(__file__).with_name("invites")
EXPECTED: dict[str, Any] = yaml.safe_load((INVITES / "expected.yaml").read_text("utf-8"))
CANDIDATE = EXPECTED["candidate"]
ME = Me(email=CANDIDATE["email"], aliases=tuple(CANDIDATE["aliases"]), timezone="America/New_York")
SINGLE = {n: e for n, e in EXPECTED["invites"].items() if "uid" in e}
BAD = {n: e for n, e in EXPECTED["invites"].items() if "uid" not in e and "events" not in e}


def read(name: str) -> Any:
    return read_calendar((INVITES / name).read_bytes(), name, ME)


@pytest.mark.parametrize("name", sorted(SINGLE))
def test_each_invitation_reads_as_expected(name: str) -> None:
    want = SINGLE[name]
    reading = read(name)
    assert reading.problems == []
    assert len(reading.invites) == 1  # the .eml's inline part and invite.ics: one event
    got = reading.invites[0]
    assert (got.method, got.uid, got.sequence, got.summary) == (
        want["method"], want["uid"], want["sequence"], want["summary"],
    )  # fmt: skip
    # the instant AND the offset: a wrong zone often still gives a plausible time
    assert (got.start.isoformat(), got.end.isoformat()) == (want["start"], want["end"])
    assert got.cancelled is (want["method"] == "CANCEL")
    if "kind" in want:
        assert got.kind == want["kind"]
    if "people" in want:
        assert [(g.name, g.email) for g in got.people] == [
            (p["name"], p["email"]) for p in want["people"]
        ]
    if "left_out" in want:
        assert sorted((x.email, x.why) for x in got.left_out) == sorted(
            (x["email"], x["why"]) for x in want["left_out"]
        )
    if "domains" in want:
        assert list(got.domains) == want["domains"]
    assert got.recurring is bool(want.get("recurring"))
    if "occurrences" in want:
        assert [o.start.isoformat() for o in got.occurrences] == want["occurrences"]


def test_a_google_export_is_read_in_its_x_wr_timezone() -> None:
    reading = read("google-feed.ics")
    found = {i.uid: i for i in reading.invites}
    for want in EXPECTED["invites"]["google-feed.ics"]["events"]:
        if want["uid"] not in found:  # the all-day event is no event at a time
            assert not want["interview"]
            continue
        got = found[want["uid"]]
        assert got.looks_like_interview is want["interview"]
        if want["interview"]:
            assert (got.start.isoformat(), got.end.isoformat()) == (want["start"], want["end"])
            assert (got.kind, got.sequence, list(got.domains)) == (
                want["kind"], want["sequence"], want["domains"],
            )  # fmt: skip
            assert [(g.name, g.email) for g in got.people] == [
                (p["name"], p["email"]) for p in want["people"]
            ]
    assert reading.skipped == [("Flight to Chicago (UA 1472)", "an all-day event")]


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_invitations_name_their_problem(name: str) -> None:
    phrase = BAD[name]["error"]
    try:
        reading = read(name)
    except InvalidInputError as exc:
        assert exc.message.startswith(f"{name}: ")
        assert phrase in exc.message
        assert "\n" not in exc.message
        return
    # a problem with the one event in the file is listed, not raised, by the reader
    assert reading.invites == []
    assert len(reading.problems) == 1 and phrase in reading.problems[0]


def test_a_ten_megabyte_file_is_refused() -> None:
    padded = (
        (INVITES / "google-meet.ics")
        .read_bytes()
        .replace(b"END:VEVENT", b"X-PADDING:" + b"x" * (10 * 1024 * 1024) + b"\r\nEND:VEVENT")
    )
    with pytest.raises(InvalidInputError, match=r"^big\.ics: too large \(10\.0 MB\)"):
        read_calendar(padded, "big.ics", ME)


@pytest.mark.parametrize(
    ("cn", "email", "name"),
    [
        ("Chen, Katherine", "kchen@globex.example", "Katherine Chen"),
        ("O'Neill, Siobhán", "s@globex.example", "Siobhán O'Neill"),
        ("Smith, Jr.", "js@globex.example", "Smith, Jr."),
        ("priya.natarajan@initech.example", "priya.natarajan@initech.example", "Priya Natarajan"),
        (None, "raj_patel@globex.example", "Raj Patel"),
        ("  Dana   Whitfield ", "d@initech.example", "Dana Whitfield"),
    ],
)
def test_names_from_cn(cn: str | None, email: str, name: str) -> None:
    from followup.calendar.people import display_name

    assert display_name(cn, email) == name


def test_a_floating_time_without_any_zone_is_the_candidates_local_time() -> None:
    text = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:f1\r\n"
        b"DTSTART:20260305T110000\r\nDTEND:20260305T120000\r\nSUMMARY:Chat\r\n"
        b"ORGANIZER:mailto:kchen@globex.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    got = read_calendar(text, "f.ics", Me(email=None, timezone="Europe/London")).invites[0]
    assert got.start.isoformat() == "2026-03-05T11:00:00+00:00"
    assert str(got.start.tzinfo) == "Europe/London"


def test_an_answer_to_an_invitation_is_not_an_invitation() -> None:
    text = (INVITES / "google-meet.ics").read_bytes().replace(b"METHOD:REQUEST", b"METHOD:REPLY")
    reading = read_calendar(text, "reply.ics", ME)
    assert reading.invites == []
    assert "METHOD:REPLY" in reading.problems[0]
