"""Undo and delete on both databases: every change a user can regret is undone for a minute,
with the same ids, in one go; deleting is a fact change the plan follows; an undo never
overwrites what was done since."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from followup.core.errors import ConflictError, NotFoundError
from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.services import Followup
from followup.services.backup import export_document
from followup.services.changes import NothingToUndoError
from followup.storage.store import open_store

# Tue 24 Nov 2026, 14:00-15:00 New York: Katherine Chen and Raj Patel; the answer by 2 Dec.
START = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


class World:
    """A profile, one application with an interview of two, Katherine's thank-you sent with its
    note, and a second application, so a change shows where it must not."""

    def __init__(self, db_url: str) -> None:
        self.clock = Clock(START + timedelta(hours=2))
        self.service = Followup(open_store(db_url), clock=self.clock)
        s = self.service
        s.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="America/New_York"))
        self.app = s.add_application(ApplicationIn(company="Globex", role="Analyst"))
        self.interview = s.add_interview(
            self.app,
            InterviewIn.model_validate(
                {
                    "start": "2026-11-24T14:00:00-05:00",
                    "end": "2026-11-24T15:00:00-05:00",
                    "expected_response_by": "2026-12-02",
                    "people": [
                        {"name": "Katherine Chen", "email": "k@globex.example", "primary": True},
                        {"name": "Raj Patel", "email": "raj@globex.example"},
                    ],
                }
            ),
        )
        met = s.application(self.app).facts.interviews[0].participants
        self.kc, self.rp = (int(p.id) for p in met)
        s.mark_sent(self.thanks(self.kc), text="Dear Katherine,\n\nThank you.\n", confirmed=True)
        self.other = s.add_application(ApplicationIn(company="Initech", role="PM"))
        self.clock.moment += timedelta(hours=1)

    def thanks(self, person: int) -> str:
        return f"thank_you:{self.interview}:{person}"

    def agenda(self) -> list[tuple[str, str]]:
        return [(i["id"], i["status"]) for i in self.service.agenda().items]

    def sent_id(self) -> int:
        [row] = self.service.application(self.app).history["sent"]
        return int(row["id"])


def _reply(w: World) -> Any:
    return w.service.record_reply(w.app, person=str(w.rp), note="We will call you.")


def _delete_reply(w: World) -> Any:
    w.service.record_reply(w.app, kind="update", expected_by=date(2026, 12, 9))
    w.clock.moment += timedelta(minutes=2)  # the reply itself is no longer undoable
    [reply] = w.service.application(w.app).history["replies"]
    return w.service.delete_reply(reply["id"])


CHANGES: list[tuple[str, Callable[[World], Any], str]] = [
    (
        "mark sent",
        lambda w: w.service.mark_sent(w.thanks(w.rp), text="Hi Raj,\n\nThanks!\n\n"),
        "Marked the thank-you to Raj Patel as sent",
    ),
    ("reply", _reply, "Recorded an answer from Raj Patel"),
    ("skip", lambda w: w.service.skip_action(w.thanks(w.rp)), "Skipped the thank-you to Raj Patel"),
    (
        "close",
        lambda w: w.service.close_application(w.app, "no_response"),
        "Closed Globex as no response",
    ),
    (
        "delete application",
        lambda w: w.service.delete_application(w.app),
        "Deleted the application Globex — Analyst",
    ),
    (
        "delete interview",
        lambda w: w.service.delete_interview(w.interview),
        "Deleted the video interview with Katherine Chen, Raj Patel",
    ),
    ("delete person", lambda w: w.service.delete_person(w.kc), "Deleted Katherine Chen"),
    (
        "delete sent",
        lambda w: w.service.delete_sent(w.sent_id()),
        "Deleted the record of the thank-you to Katherine Chen",
    ),
    ("delete reply", _delete_reply, "Deleted the reply from the company"),
]


@pytest.mark.parametrize(
    ("change", "summary"), [(c, s) for _, c, s in CHANGES], ids=[n for n, *_ in CHANGES]
)
def test_each_change_is_undone_with_the_same_ids(
    db_url: str, change: Callable[[World], Any], summary: str
) -> None:
    w = World(db_url)
    if change is _delete_reply:  # the state to come back to has the update in it
        w.service.record_reply(w.app, kind="update", expected_by=date(2026, 12, 9))
        w.clock.moment += timedelta(minutes=2)
        [reply] = w.service.application(w.app).history["replies"]
        before, agenda = export_document(w.service), w.agenda()
        done = w.service.delete_reply(reply["id"])
    else:
        before, agenda = export_document(w.service), w.agenda()
        done = change(w)
    assert export_document(w.service) != before
    assert w.service.change(done.change) is not None
    assert w.service.change(done.change).summary == summary  # type: ignore[union-attr]
    w.clock.moment += timedelta(seconds=59)
    undone = w.service.undo()
    assert undone.summary == summary
    assert export_document(w.service) == before
    assert w.agenda() == agenda
    with pytest.raises(NothingToUndoError, match="nothing to undo"):
        w.service.undo()


def test_deleting_is_a_fact_change_the_plan_follows(db_url: str) -> None:
    w = World(db_url)
    s = w.service
    check_in = (f"check_in:{w.kc}:1", "planned")
    assert w.agenda() == [(w.thanks(w.rp), "due"), check_in]
    s.delete_sent(w.sent_id())
    assert sorted(w.agenda()) == sorted(
        [(w.thanks(w.kc), "due"), (w.thanks(w.rp), "due"), check_in]
    )
    s.delete_person(w.rp)
    assert w.agenda() == [(w.thanks(w.kc), "due"), check_in]
    assert [p.name for p in s.application(w.app).facts.interviews[0].participants] == [
        "Katherine Chen"
    ]
    s.delete_interview(w.interview)
    assert s.application(w.app).facts.interviews == ()
    assert w.agenda() == []
    with pytest.raises(NotFoundError):
        s.edit_person(w.kc, {"email": "kc@globex.example"})  # met only there: gone with it
    s.delete_application(w.app)
    assert [a.company for a, _ in s.applications()] == ["Initech"]


def test_a_deleted_reply_lets_the_check_ins_come_back(db_url: str) -> None:
    w = World(db_url)
    s = w.service
    s.mark_sent(w.thanks(w.rp))
    w.clock.moment = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    assert [kind for kind, _ in w.agenda()] == [f"check_in:{w.kc}:1"]
    s.record_reply(w.app, person=str(w.kc))
    assert w.agenda() == []
    [reply] = s.application(w.app).history["replies"]
    s.delete_reply(reply["id"])
    assert w.agenda() == [(f"check_in:{w.kc}:1", "due")]


def test_undo_lasts_a_minute(db_url: str) -> None:
    w = World(db_url)
    done = w.service.skip_action(w.thanks(w.rp))
    after = export_document(w.service)
    w.clock.moment += timedelta(seconds=61)
    assert w.service.change(done.change) is None
    with pytest.raises(NothingToUndoError, match="for a minute"):
        w.service.undo()
    with pytest.raises(NothingToUndoError, match="too late to undo that"):
        w.service.undo(done.change)
    assert export_document(w.service) == after


def test_undo_goes_back_one_change_at_a_time(db_url: str) -> None:
    w = World(db_url)
    s = w.service
    start = export_document(s)
    first = s.skip_action(w.thanks(w.rp))
    middle = export_document(s)
    s.close_application(w.app, "rejected")
    with pytest.raises(ConflictError, match="something else was changed since"):
        s.undo(first.change)
    assert s.undo().summary == "Closed Globex as rejected"
    assert export_document(s) == middle
    assert s.undo().summary == "Skipped the thank-you to Raj Patel"
    assert export_document(s) == start


def test_undo_never_overwrites_what_was_done_since(db_url: str) -> None:
    """Undo puts back only what the change did, and only while nothing changed it since: a
    close reverted by another program (no undo log saw it) is not closed again, and the facts
    edited after the close are kept."""
    w = World(db_url)
    s = w.service
    closed = s.close_application(w.app, "withdrawn")
    s.update_application(w.app, {"role": "Senior Analyst"})  # not a change one undoes
    with s.store.transaction() as repo:
        repo.update_application(application_id=w.app, status="active", closed_at=None)
    reopened = export_document(s)
    with pytest.raises(ConflictError, match="has been changed again since"):
        s.undo(closed.change)
    assert export_document(s) == reopened


def test_an_undone_close_keeps_the_facts_edited_since(db_url: str) -> None:
    w = World(db_url)
    s = w.service
    s.close_application(w.app, "offer")
    s.update_application(w.app, {"role": "Senior Analyst"})
    s.undo()
    app = s.application(w.app).application
    assert (app.status, app.role) == ("active", "Senior Analyst")


def test_an_undone_delete_never_takes_the_place_of_a_newer_row(db_url: str) -> None:
    """A reply deleted, then one recorded by another program: SQLite hands out the deleted id
    again, and putting the old reply back would overwrite the new one. Refused there; on
    PostgreSQL the new reply has an id of its own and the old one comes back beside it."""
    w = World(db_url)
    s = w.service
    s.record_reply(w.app, kind="update", expected_by=date(2026, 12, 9))
    [reply] = s.application(w.app).history["replies"]
    deleted = s.delete_reply(reply["id"])
    with s.store.transaction() as repo:
        from followup.core.model import Reply

        repo.add_reply(application_id=w.app, reply=Reply(at=w.clock.moment, kind="answer"))
    if db_url.startswith("sqlite"):
        with pytest.raises(ConflictError, match="has been changed again since"):
            s.undo(deleted.change)
        kinds = ["answer"]
    else:
        s.undo(deleted.change)
        kinds = ["update", "answer"]
    assert [r["kind"] for r in s.application(w.app).history["replies"]] == kinds


def test_an_undone_delete_of_an_application_gives_back_what_outlived_it(db_url: str) -> None:
    """A matched incoming message outlives its application (its link emptied); undoing the
    delete links it again."""
    w = World(db_url)
    s = w.service
    with s.store.transaction() as repo:
        pid = repo.profile_id()
        repo.insert_rows(
            "inbound",
            [
                {
                    "id": 7,
                    "profile_id": pid,
                    "message_key": "<m1@globex.example>",
                    "folder": "INBOX",
                    "subject": "Re: Thank you",
                    "application_id": w.app,
                    "person_id": w.kc,
                    "why": "a reply in the thread",
                    "state": "recorded",
                    "invitation": False,
                    "found_at": START,
                }
            ],
        )
    before = export_document(s)
    s.delete_application(w.app)
    [row] = export_document(s)["tables"]["inbound"]
    assert (row["application_id"], row["person_id"]) == (None, None)
    s.undo()
    assert export_document(s) == before
