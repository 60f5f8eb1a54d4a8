"""The use cases over both databases: lookups, transactions, the profile, the agenda, counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from followup.core.errors import InvalidInputError, NotFoundError
from followup.inputs.models import InterviewIn, ProfileIn
from followup.services import Followup
from followup.services.agenda import CACHE_VERSION
from followup.services.backup import export_document
from followup.services.demo import load_demo
from followup.storage.store import open_store

T0 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def clock_at(moment: datetime):  # type: ignore[no-untyped-def]
    return lambda: moment


def demo_service(db_url: str) -> Followup:
    service = Followup(open_store(db_url), clock=clock_at(T0))
    load_demo(service)
    return service


def test_unknown_ids_are_not_found(db_url: str) -> None:
    service = Followup(open_store(db_url), clock=clock_at(T0))
    with pytest.raises(NotFoundError, match="no application with id '42'"):
        service.application(42)
    with pytest.raises(NotFoundError):
        service.application("abc")


def test_a_failing_write_changes_nothing(db_url: str) -> None:
    service = demo_service(db_url)
    before = export_document(service)
    bad = InterviewIn.model_validate(
        {
            "start": "2026-11-24T14:00:00-05:00",
            "end": "2026-11-24T15:00:00-05:00",
            "people": [{"name": "New Person"}, {"name": "Katherine Chen"}, {"name": "new person"}],
        }
    )
    with pytest.raises(InvalidInputError, match="listed twice"):
        service.add_interview(1, bad)
    assert export_document(service) == before


def test_setup_refreshes_every_plan(db_url: str) -> None:
    service = demo_service(db_url)
    service.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="Asia/Tokyo"))
    item = service.agenda().items[0]
    assert item["due"].endswith("+09:00")


def test_agenda_fast_path_falls_back_when_a_cache_is_stale(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The SQLite reader declines stale caches; the Store path refreshes them, same answer."""
    from followup.services import open_service
    from followup.settings import Settings

    settings = Settings.from_env({"FOLLOWUP_HOME": str(tmp_path)})
    service = open_service(settings, clock=clock_at(T0))
    load_demo(service)
    expected = open_service(settings, clock=clock_at(T0)).agenda()
    with open_store(settings.database_url).transaction() as repo:
        repo.conn.execute(text("UPDATE applications SET plan_version = 0, plan_cache = NULL"))
    again = open_service(settings, clock=clock_at(T0)).agenda()
    assert again.items == expected.items and again.todos == expected.todos
    with open_store(settings.database_url).transaction() as repo:
        versions = repo.conn.execute(text("SELECT DISTINCT plan_version FROM applications")).all()
    assert versions == [(CACHE_VERSION,)]


def test_thank_you_timeliness_is_counted_alike_on_both_databases(db_url: str) -> None:
    service = demo_service(db_url)
    t = service.timeliness()
    # the demo: six thank-yous sent in time, Raj Patel's overdue, two still in their 24 hours
    assert (t.on_time, t.late, t.missed) == (6, 0, 1)
    later = Followup(service.store, clock=clock_at(T0 + timedelta(days=2)))
    later.mark_sent("thank_you:1:2", at=T0 + timedelta(days=1))
    assert later.timeliness().late == 1
    assert later.timeliness().missed == 2  # Initech's two, now past their 24 hours
