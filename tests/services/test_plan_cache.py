"""The cached next due time of every application follows every write, closed ones included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from followup.core.plan import plan_application
from followup.inputs.models import ApplicationIn, InterviewEditIn, InterviewIn, ProfileIn
from followup.services import Followup
from followup.services.agenda import CACHE_VERSION
from followup.services.backup import export_document, import_document
from followup.services.demo import load_demo
from followup.storage.store import open_store
from tests.conftest import fresh_postgres_database

T0 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def _stored(service: Followup) -> dict[int, tuple[datetime | None, int, str]]:
    with service.store.transaction() as repo:
        rows = repo.dump()["applications"]
    return {r["id"]: (r["next_due_at"], r["plan_version"], r["status"]) for r in rows}


def _expected(service: Followup, app_id: int) -> datetime | None:
    facts = service.plan(app_id)[0]
    if facts.application.status != "active":
        return None
    plan = plan_application(facts, T0)
    return min((a.due for a in plan.actions if a.status != "done"), default=None)


def assert_caches_fresh(service: Followup) -> dict[int, tuple[datetime | None, int, str]]:
    stored = _stored(service)
    for app_id, (next_due, version, _) in stored.items():
        assert version == CACHE_VERSION, app_id
        expected = _expected(service, app_id)
        assert next_due == (None if expected is None else expected.astimezone(UTC)), app_id
    return stored


def test_every_write_path_refreshes_the_next_due_time(db_url: str) -> None:
    service = Followup(open_store(db_url), clock=lambda: T0)
    service.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="America/New_York"))
    app_id = service.add_application(ApplicationIn(company="Globex", role="Analyst"))
    assert_caches_fresh(service)
    start = T0 - timedelta(hours=3)
    notes = {"start": start, "end": start + timedelta(hours=1), "people": [{"name": "Ann Lee"}]}
    interview = service.add_interview(app_id, InterviewIn.model_validate(notes))
    assert assert_caches_fresh(service)[app_id][0] is not None
    edit = InterviewEditIn.model_validate({"people": [{"name": "Ann Lee"}, {"name": "Bo Chan"}]})
    service.edit_interview(interview, edit)
    assert_caches_fresh(service)
    service.edit_person(2, {"email": "bo@globex.example"})
    assert_caches_fresh(service)
    service.update_application(app_id, {"expected_response_by": "2026-12-10"})
    assert_caches_fresh(service)
    service.mark_sent(f"thank_you:{interview}:1")
    assert_caches_fresh(service)
    service.record_reply(app_id, person="1")
    assert_caches_fresh(service)
    service.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="Asia/Tokyo"))
    assert_caches_fresh(service)

    service.close_application(app_id, "withdrawn")
    assert assert_caches_fresh(service)[app_id][0] is None
    assert [due for _, due in service.applications()] == [None]
    service.reopen_application(app_id)
    assert assert_caches_fresh(service)[app_id][0] is not None


def test_closed_applications_have_nothing_due_after_demo_and_import(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = Followup(open_store(db_url), clock=lambda: T0)
    load_demo(service)
    for app_id in (1, 2, 3):
        service.close_application(app_id, "rejected")
    assert {v[0] for v in assert_caches_fresh(service).values()} == {None}
    document = export_document(service)
    if db_url.startswith("sqlite"):
        other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    else:
        other = fresh_postgres_database(db_url.rsplit("/", 1)[0] + "/postgres")
    restored = Followup(open_store(other, migrate=True), clock=lambda: T0)
    import_document(restored, document, "backup.json")
    assert {v[0] for v in assert_caches_fresh(restored).values()} == {None}
