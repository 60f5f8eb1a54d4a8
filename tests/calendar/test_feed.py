"""The follow-up feed read back with icalendar: one event per open action, titled and described
for the user, UIDs stable across runs and across an export/import, SEQUENCE rising when times
move, nothing for done or skipped actions; the secret link refused when wrong or renewed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
import pytest

from followup.core.errors import NotFoundError
from followup.inputs.models import InterviewEditIn
from followup.services import Followup
from followup.services.backup import export_document, import_document
from followup.storage.store import open_store
from tests.calendar.conftest import NOW, invite


def events(text: str) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(text)
    for component in calendar.walk():
        assert component.errors == []
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def open_actions(service: Followup) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in service.agenda().items}


def test_one_event_per_open_action(service: Followup) -> None:
    text = service.feed()
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["REFRESH-INTERVAL"].to_ical().decode()) == "PT1H"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    assert str(calendar["METHOD"]) == "PUBLISH"
    found = events(text)
    wanted = open_actions(service)
    assert len(found) == len(wanted) > 0
    by_action = {uid.split(".", 1)[0]: e for uid, e in found.items()}
    assert set(by_action) == set(wanted)
    for action_id, event in by_action.items():
        action = wanted[action_id]
        due = datetime.fromisoformat(action["due"])
        assert due == event.DTEND
        if action["kind"] == "thank_you":
            assert due - timedelta(minutes=15) == event.DTSTART
            assert str(event["SUMMARY"]).startswith(f"Thank-you to {action['contact_name']} (")
        else:
            assert datetime.fromisoformat(action["not_before"]) == event.DTSTART
        assert str(event["SUMMARY"]).endswith(f"({action['method']}) — {action['company']}")
        description = str(event["DESCRIPTION"])
        assert all(reason in description for reason in action["reasons"])
        assert f"http://127.0.0.1:8765/actions/{action_id}" in description
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert int(event["SEQUENCE"]) == 0


def test_the_title_names_the_person_the_channel_and_the_company(service: Followup) -> None:
    titles = {str(e["SUMMARY"]) for e in events(service.feed()).values()}
    assert "Thank-you to Katherine Chen (email) — Globex Corporation" in titles


def test_uids_and_text_are_stable_across_runs(service: Followup) -> None:
    assert service.feed() == service.feed()


def test_sequence_rises_when_an_interview_moves(service: Followup) -> None:
    [made] = service.import_invite_file(invite("google-meet.ics")).imported
    before = events(service.feed())
    service.import_invite_file(invite("update-seq1.ics"))
    after = events(service.feed())
    assert set(after) == set(before)
    moved = {
        u
        for u in after
        if (after[u].DTSTART, after[u].DTEND) != (before[u].DTSTART, before[u].DTEND)
    }
    thank_yous = {u for u in after if u.startswith(f"thank_you:{made.interview_id}:")}
    assert len(thank_yous) == 3 and thank_yous <= moved
    for uid, event in after.items():
        assert int(event["SEQUENCE"]) == (1 if uid in moved else 0)
    # an edit by hand moves them again
    service.edit_interview(
        made.interview_id, InterviewEditIn.model_validate({"end": "2026-03-12T17:00:00-04:00"})
    )
    again = events(service.feed())
    assert {int(again[u]["SEQUENCE"]) for u in thank_yous} == {2}


def test_nothing_for_done_or_skipped_actions(service: Followup) -> None:
    ids = sorted(open_actions(service))
    sent, skipped = ids[0], ids[1]
    service.mark_sent(sent, at=NOW - timedelta(hours=1))
    service.skip_action(skipped, at=NOW - timedelta(hours=1))
    found = {uid.split(".", 1)[0] for uid in events(service.feed())}
    assert sent not in found and skipped not in found
    assert found == set(open_actions(service))


def test_uids_and_sequence_survive_an_export_and_import(service: Followup, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service.import_invite_file(invite("google-meet.ics"))
    service.feed()
    service.import_invite_file(invite("update-seq1.ics"))
    before = events(service.feed())
    secret = service.feed_link().url
    document = export_document(service)
    assert "feed_secret" not in str(document)
    fresh = Followup(open_store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}"), clock=lambda: NOW)
    import_document(fresh, document, "backup.json")
    after = events(fresh.feed())
    assert {u: int(e["SEQUENCE"]) for u, e in after.items()} == {
        u: int(e["SEQUENCE"]) for u, e in before.items()
    }
    assert fresh.feed_link().url != secret  # the secret is made anew, never carried
    assert fresh.me().aliases == ("jordan@rivera.example",)
    # the calendar identity came along: an update applies to the imported interview
    [done] = fresh.import_invite_file(invite("update-seq2.ics")).imported
    assert done.result == "updated"


def test_the_secret_link(service: Followup) -> None:
    link = service.feed_link()
    secret = link.url.rsplit("/", 1)[1].removesuffix(".ics")
    assert link.webcal == "webcal://" + link.url.split("://", 1)[1]
    assert service.feed_for_secret(secret) == service.feed()
    with pytest.raises(NotFoundError):
        service.feed_for_secret(secret[:-1] + ("x" if secret[-1] != "x" else "y"))
    renewed = service.renew_feed_secret()
    assert renewed.url != link.url
    with pytest.raises(NotFoundError):
        service.feed_for_secret(secret)
    assert service.feed_for_secret(renewed.url.rsplit("/", 1)[1].removesuffix(".ics"))


def test_a_single_event_carries_a_reminder_two_hours_before_due(service: Followup) -> None:
    action_id = "thank_you:1:1"
    name, text = service.action_event(action_id)
    assert name == "thank_you-1-1.ics"
    [event] = events(text).values()
    due = datetime.fromisoformat(open_actions(service)[action_id]["due"])
    [alarm] = event.walk("VALARM")
    assert event.DTSTART + alarm["TRIGGER"].dt == due - timedelta(hours=2)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(event["UID"]) in events(service.feed())


def test_a_sent_action_has_no_single_event(service: Followup) -> None:
    service.mark_sent("thank_you:1:1", at=NOW - timedelta(hours=1))
    with pytest.raises(NotFoundError):
        service.action_event("thank_you:1:1")


def test_folding_keeps_long_and_accented_text_whole() -> None:
    from followup.calendar.feed import FeedEvent, feed_text

    text = "Søren Ødegaard, María, Siobhán; " * 10
    event = FeedEvent(
        uid="thank_you:1:1.k@followup",
        sequence=0,
        stamp=datetime(2026, 3, 1, tzinfo=UTC),
        start=datetime(2026, 3, 1, 9, tzinfo=UTC),
        end=datetime(2026, 3, 1, 10, tzinfo=UTC),
        summary=text,
        description=text + "\nline two",
        url="http://127.0.0.1:8765/actions/thank_you:1:1",
    )
    written = feed_text("Follow-ups", [event])
    assert all(len(line.encode()) <= 75 for line in written.split("\r\n"))
    [parsed] = events(written).values()
    assert str(parsed["SUMMARY"]) == text
    assert str(parsed["DESCRIPTION"]) == text + "\nline two"
