"""The use cases of the revised rules on both databases: skip and un-skip, replies with their
kind and dates, closing as no_response, the agenda and the backup that follow."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from followup.core.errors import ConflictError, InvalidInputError, NotFoundError
from followup.core.plan import plan_application
from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.scenario import validate_scenario
from followup.services import Followup
from followup.services.backup import export_document, import_document
from followup.storage.store import open_store

# Tue 24 Nov 2026, 14:00-15:00 New York: Katherine Chen and Raj Patel; the answer by 2 Dec.
START = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def setup(db_url: str, **profile: Any) -> tuple[Followup, Clock, int, int, int, int]:
    """A profile, one application, one interview of two; returns the ids."""
    clock = Clock(START + timedelta(hours=2))
    service = Followup(open_store(db_url), clock=clock)
    service.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="America/New_York", **profile))
    app = service.add_application(ApplicationIn(company="Globex", role="Analyst"))
    interview = service.add_interview(
        app,
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
    people = {p.name: int(p.id) for p in service.application(app).facts.interviews[0].participants}
    return service, clock, app, interview, people["Katherine Chen"], people["Raj Patel"]


def agenda_ids(service: Followup) -> list[str]:
    return [i["id"] for i in service.agenda().items]


def test_a_skipped_thank_you_leaves_the_agenda_for_good(db_url: str) -> None:
    service, clock, app, interview, kc, rp = setup(db_url)
    raj = f"thank_you:{interview}:{rp}"
    assert raj in agenda_ids(service)
    result = service.skip_action(raj)
    assert (result.action_id, result.application_id, result.kind) == (raj, app, "thank_you")
    assert raj not in agenda_ids(service)
    clock.moment += timedelta(days=30)
    assert raj not in agenda_ids(service)
    statuses = {a.id: a.status for a in service.application(app).plan.actions}
    assert statuses[raj] == "skipped"
    with pytest.raises(ConflictError, match=re.escape(f"{raj} is already skipped")):
        service.skip_action(raj)
    assert service.unskip_action(raj) == app
    assert raj in agenda_ids(service)
    with pytest.raises(NotFoundError, match=re.escape(f"no skipped action with id '{raj}'")):
        service.unskip_action(raj)


def test_a_sent_follow_up_cannot_be_skipped(db_url: str) -> None:
    service, _, _, interview, kc, _ = setup(db_url)
    kate = f"thank_you:{interview}:{kc}"
    service.mark_sent(kate)
    before = export_document(service)
    with pytest.raises(ConflictError, match=re.escape(f"{kate} is already recorded as sent")):
        service.skip_action(kate)
    assert export_document(service) == before


def test_a_skipped_thank_you_sent_after_all_is_done_and_its_scenario_plans(db_url: str) -> None:
    service, _, app, interview, kc, rp = setup(db_url)
    raj = f"thank_you:{interview}:{rp}"
    service.skip_action(raj)
    service.mark_sent(raj)
    statuses = {a.id: a.status for a in service.application(app).plan.actions}
    assert statuses[raj] == "done"
    document = service.scenario(app)
    assert document["skipped"] == []
    facts, _ = validate_scenario(document, "export")  # the exported file is one plan accepts
    assert plan_application(facts, START + timedelta(days=1)).actions
    with pytest.raises(NotFoundError):
        service.unskip_action(raj)


def test_a_skipped_check_in_holds_the_next_back_a_week(db_url: str) -> None:
    service, clock, app, interview, kc, rp = setup(db_url)
    for who in (kc, rp):
        service.mark_sent(f"thank_you:{interview}:{who}")
    clock.moment = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)  # Thu 3 Dec, 10:00 New York
    first = f"check_in:{kc}:1"
    assert agenda_ids(service) == [first]
    service.skip_action(first)
    [item] = service.agenda().items
    assert (item["id"], item["not_before"], item["status"]) == (
        f"check_in:{kc}:2",
        "2026-12-10T10:00:00-05:00",
        "planned",
    )
    with pytest.raises(ConflictError, match="was skipped; record the check-in you made now"):
        service.mark_sent(first)


def test_replies_of_each_kind(db_url: str) -> None:
    service, clock, app, interview, kc, rp = setup(db_url)
    for who in (kc, rp):
        service.mark_sent(f"thank_you:{interview}:{who}")
    clock.moment = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    service.record_reply(app, person=str(kc), kind="update", expected_by=date(2026, 12, 9))
    [item] = service.agenda().items
    assert (item["id"], item["not_before"]) == (f"check_in:{kc}:1", "2026-12-10T09:00:00-05:00")
    assert "they wrote Tue 1 Dec that an answer comes by Wed 9 Dec" in item["reasons"][0]
    clock.moment += timedelta(minutes=5)
    service.record_reply(app, kind="auto_reply", until=date(2026, 12, 11))
    [item] = service.agenda().items
    assert item["not_before"] == "2026-12-14T09:00:00-05:00"
    clock.moment += timedelta(minutes=5)
    service.record_reply(app, person=str(rp))
    assert service.agenda().items == []
    kinds = [
        (r["kind"], r["expected_by"], r["until"])
        for r in service.application(app).history["replies"]
    ]
    assert kinds == [
        ("update", date(2026, 12, 9), None),
        ("auto_reply", None, date(2026, 12, 11)),
        ("answer", None, None),
    ]


# The field is named in words every face can show (no CLI flag in an API or a page), with the
# input's key for a form to put the words beside.
@pytest.mark.parametrize(
    ("kwargs", "where", "problem", "field"),
    [
        (
            {"expected_by": date(2026, 12, 9)},
            "the new answer date",
            "only an update gives a new answer date, not an answer",
            "expected_by",
        ),
        (
            {"kind": "update", "until": date(2026, 12, 9)},
            "the return date",
            "only an auto_reply gives a return date, not an update",
            "until",
        ),
        (
            {"kind": "update", "expected_by": date(2026, 11, 30)},
            "the new answer date",
            "2026-11-30 is before the reply came (2026-12-01)",
            "expected_by",
        ),
        (
            {"kind": "maybe"},
            "the kind of reply",
            "must be answer, update or auto_reply, not 'maybe'",
            "kind",
        ),
    ],
)
def test_bad_replies_are_refused_and_change_nothing(
    db_url: str, kwargs: dict[str, Any], where: str, problem: str, field: str
) -> None:
    service, clock, app, *_ = setup(db_url)
    clock.moment = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    before = export_document(service)
    with pytest.raises(InvalidInputError) as raised:
        service.record_reply(app, **kwargs)
    assert (raised.value.where, raised.value.problem) == (where, problem)
    assert raised.value.field == field
    assert "--" not in raised.value.message
    assert export_document(service) == before


def test_the_limit_then_closing_as_no_response(db_url: str) -> None:
    service, clock, app, interview, kc, rp = setup(db_url, checkin_limit=1)
    for who in (kc, rp):
        service.mark_sent(f"thank_you:{interview}:{who}")
    clock.moment = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    service.mark_sent(f"check_in:{kc}:1")
    clock.moment += timedelta(days=10)
    agenda = service.agenda()
    assert agenda.items == []
    assert [(t["application"], t["kind"]) for t in agenda.todos] == [(app, "consider_closing")]
    closed = service.close_application(app, "no_response")
    assert closed.status == "no_response"
    assert service.agenda().todos == []
    assert service.applications()[0][0].status == "no_response"
    with pytest.raises(
        InvalidInputError,
        match="must be one of offer, rejected, withdrawn, no_response, not 'ghosted'",
    ):
        service.close_application(app, "ghosted")


def test_the_profile_keeps_country_english_and_limit(db_url: str) -> None:
    service, *_ = setup(db_url, country="GB", english="british", checkin_limit=3)
    profile = service.profile()
    assert profile is not None
    assert (profile.country, profile.english, profile.checkin_limit) == ("GB", "british", 3)


def test_the_backup_carries_skips_reply_kinds_and_the_profile(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service, clock, app, interview, kc, rp = setup(db_url, country="CA", checkin_limit=2)
    service.skip_action(f"thank_you:{interview}:{rp}")
    clock.moment = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    service.record_reply(app, kind="update", expected_by=date(2026, 12, 9))
    document = export_document(service)
    tables = document["tables"]
    assert (tables["profiles"][0]["country"], tables["profiles"][0]["checkin_limit"]) == ("CA", 2)
    assert [(s["action_id"], s["application_id"]) for s in tables["skips"]] == [
        (f"thank_you:{interview}:{rp}", app)
    ]
    assert tables["replies"][0]["kind"] == "update"
    copy = Followup(open_store(f"sqlite:///{tmp_path / 'copy.sqlite3'}"), clock=clock)
    import_document(copy, document, "backup.json")
    assert export_document(copy) == document
    assert agenda_ids(copy) == agenda_ids(service)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda t: t["skips"][0].update(action_id="thank_you:1:999"),
            "tables.skips[0].action_id: not an action of its application: 'thank_you:1:999'",
        ),
        (
            lambda t: t["skips"].append({**t["skips"][0], "id": 2}),
            "tables.skips[1].action_id: thank_you:1:2 is listed twice",
        ),
        (
            lambda t: t["replies"][0].update(kind="answer"),
            "tables.replies[0].expected_by: only an update gives a new answer date, not an answer",
        ),
        (
            lambda t: t["replies"][0].update(kind="maybe"),
            "tables.replies[0].kind: must be 'answer', 'update' or 'auto_reply', not 'maybe'",
        ),
        (
            lambda t: t["profiles"][0].update(country="XX"),
            "tables.profiles[0].country: unknown country 'XX'; use an ISO 3166 code such as US, GB or DE",
        ),
        (
            lambda t: t["applications"][0].update(status="ghosted"),
            "tables.applications[0].status: must be 'active', 'offer', 'rejected', 'withdrawn' or 'no_response', not 'ghosted'",
        ),
    ],
)
def test_bad_revised_rows_in_a_backup_are_refused(db_url: str, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    source, clock, app, interview, kc, rp = setup(f"sqlite:///{tempfile.mkdtemp()}/s.db")
    source.skip_action(f"thank_you:{interview}:{rp}")
    clock.moment = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    source.record_reply(app, kind="update", expected_by=date(2026, 12, 9))
    document = export_document(source)
    mutate(document["tables"])
    target = Followup(open_store(db_url), clock=clock)
    with pytest.raises(InvalidInputError) as raised:
        import_document(target, document, "backup.json")
    assert raised.value.message == f"backup.json: {message}"
    with target.store.transaction() as repo:
        assert repo.is_empty()
