"""The Store on real SQLite and PostgreSQL: migrations, round trips, transactions, backups."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect, text

from followup.core.errors import ConflictError, InvalidInputError, NotFoundError
from followup.core.model import Application, Candidate, Interview, Participant, Reply, Sent
from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.services import Followup
from followup.services.agenda import CACHE_VERSION
from followup.services.backup import export_document, import_document
from followup.services.demo import load_demo
from followup.storage.engine import SchemaError, upgrade
from followup.storage.store import open_store
from followup.storage.tables import SCHEMA_HEAD, metadata
from tests.conftest import fresh_postgres_database

T0 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def clock_at(moment: datetime):  # type: ignore[no-untyped-def]
    return lambda: moment


def test_migrations_from_blank_match_the_tables(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = open_store(db_url, migrate=True)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert set(inspect(store.engine).get_table_names()) >= {t.name for t in metadata.sorted_tables}


def test_downgrade_to_blank_and_upgrade_again(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from followup.storage.engine import MIGRATIONS

    store = open_store(db_url, migrate=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "profiles" not in inspect(store.engine).get_table_names()
    upgrade(store.engine)
    assert "profiles" in inspect(store.engine).get_table_names()


def test_postgres_is_not_migrated_behind_your_back(postgres_url: str) -> None:
    url = fresh_postgres_database(postgres_url)
    with pytest.raises(SchemaError, match="run `followup migrate` first"):
        open_store(url)


def test_sqlite_pragmas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_facts_round_trip(db_url: str) -> None:
    store = open_store(db_url)
    with store.transaction() as repo:
        pid = repo.save_candidate(
            candidate=Candidate(
                full_name="Jordan A. Rivera", timezone="America/New_York", checkins_per_week=2
            ),
            now=T0,
        )
        app_id = repo.add_application(
            profile_id=pid,
            application=Application(
                company="Globex",
                role="Analyst",
                culture="traditional",
                expected_response_by=date(2026, 12, 2),
            ),
            now=T0,
        )
        kc = repo.add_person(
            application_id=app_id,
            person=Participant(
                id="", name="Katherine Chen", email="k@globex.example", salutation="Ms. Chen"
            ),
        )
        rp = repo.add_person(application_id=app_id, person=Participant(id="", name="Raj Patel"))
        start = datetime(2026, 11, 24, 14, 0, tzinfo=UTC) - timedelta(hours=-5)
        iid = repo.add_interview(
            application_id=app_id,
            interview=Interview(
                id="",
                kind="in_person",
                start=start,
                end=start + timedelta(hours=2),
                participants=(
                    Participant(id=str(rp), name="Raj Patel", discussed=("churn",), liked=("A/B",)),
                    Participant(id=str(kc), name="Katherine Chen", discussed=("dbt",)),
                ),
                forgot_to_mention=("Looker",),
            ),
        )
        repo.add_follow_up(
            application_id=app_id,
            sent=Sent(
                kind="thank_you", interview=str(iid), contact=str(kc), method="letter", at=T0
            ),
        )
        repo.add_reply(
            application_id=app_id, reply=Reply(at=T0 + timedelta(days=3), contact=str(rp))
        )
    with store.transaction() as repo:
        facts = repo.facts(application_id=app_id)
    assert facts.candidate.checkins_per_week == 2
    assert facts.application.expected_response_by == date(2026, 12, 2)
    [iv] = facts.interviews
    assert iv.start == start and iv.start.utcoffset() == timedelta(0)
    assert [(p.name, p.discussed, p.liked) for p in iv.participants] == [
        ("Raj Patel", ("churn",), ("A/B",)),
        ("Katherine Chen", ("dbt",), ()),
    ]
    assert iv.participants[1].salutation == "Ms. Chen"
    assert iv.forgot_to_mention == ("Looker",)
    assert facts.sent == (Sent("thank_you", str(kc), "letter", T0, str(iid)),)
    assert facts.responses == (Reply(T0 + timedelta(days=3), str(rp)),)


def test_unknown_ids_are_not_found(db_url: str) -> None:
    service = Followup(open_store(db_url), clock=clock_at(T0))
    with pytest.raises(NotFoundError, match="no application with id '42'"):
        service.application(42)
    with pytest.raises(NotFoundError):
        service.application("abc")


def _demo_service(db_url: str) -> Followup:
    service = Followup(open_store(db_url), clock=clock_at(T0))
    load_demo(service)
    return service


def test_a_failing_write_changes_nothing(db_url: str) -> None:
    service = _demo_service(db_url)
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


def test_export_import_export_is_the_same_document(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = _demo_service(db_url)
    document = export_document(service)
    target = Followup(open_store(f"sqlite:///{tmp_path / 'copy.sqlite3'}"), clock=clock_at(T0))
    assert import_document(target, document, "backup.json") == 3
    assert export_document(target) == document
    # new rows after a restore get fresh ids, not clashing ones
    new_id = target.add_application(ApplicationIn(company="Hooli", role="PM"))
    assert new_id == 4
    # the plan is recomputed on import
    assert [i["id"] for i in target.agenda().items] == [i["id"] for i in service.agenda().items]


def test_import_into_postgres_resets_its_sequences(
    db_url: str, postgres_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    document = export_document(_demo_service(f"sqlite:///{tmp_path / 'src.sqlite3'}"))
    target = Followup(open_store(db_url), clock=clock_at(T0))
    import_document(target, document, "backup.json")
    assert target.add_application(ApplicationIn(company="Hooli", role="PM")) == 4
    assert export_document(target)["tables"]["people"] == document["tables"]["people"]


def test_import_refuses_a_database_with_data_unless_merging(db_url: str) -> None:
    service = _demo_service(db_url)
    document = export_document(service)
    with pytest.raises(ConflictError, match="use --merge"):
        import_document(service, document, "backup.json")
    assert import_document(service, document, "backup.json", merge=True) == 0  # all present
    other = Followup(open_store(db_url), clock=clock_at(T0 + timedelta(days=1)))
    other.add_application(ApplicationIn(company="Hooli", role="PM"))
    doc2 = export_document(other)
    fresh = doc2["tables"]["applications"][-1]
    fresh["created_at"] = "2026-12-01T00:00:00+00:00"
    assert import_document(service, doc2, "b2.json", merge=True) == 1
    assert len(service.applications()) == 5


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a followup export"),
        (
            lambda d: d["tables"]["people"][1].update(application_id=99),
            "tables.people[1].application_id: unknown application 99",
        ),
        (
            lambda d: d["tables"]["interviews"][0].update(end_at="2020-01-01T00:00:00+00:00"),
            "tables.interviews[0].end_at: the interview ends before it starts",
        ),
        (
            lambda d: d["tables"]["profiles"][0].update(timezone="Nowhere/Land"),
            "tables.profiles[0].timezone: unknown timezone 'Nowhere/Land'",
        ),
        (
            lambda d: d["tables"]["applications"].append(dict(d["tables"]["applications"][0])),
            "tables.applications[3].id: duplicate id 1",
        ),
        (
            lambda d: d["tables"]["follow_ups"][0].update(sent_at="soon"),
            "tables.follow_ups[0].sent_at: not an ISO 8601 time with offset",
        ),
    ],
)
def test_bad_backups_are_refused_and_change_nothing(db_url: str, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    document = export_document(_demo_service(f"sqlite:///{tempfile.mkdtemp()}/s.db"))
    mutate(document)
    target = Followup(open_store(db_url), clock=clock_at(T0))
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        import_document(target, document, "backup.json")
    with target.store.transaction() as repo:
        assert repo.is_empty()


def test_setup_refreshes_every_plan(db_url: str) -> None:
    service = _demo_service(db_url)
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
    service = _demo_service(db_url)
    t = service.timeliness()
    # the demo: six thank-yous sent in time, Raj Patel's overdue, two still in their 24 hours
    assert (t.on_time, t.late, t.missed) == (6, 0, 1)
    later = Followup(service.store, clock=clock_at(T0 + timedelta(days=2)))
    later.mark_sent("thank_you:1:2", at=T0 + timedelta(days=1))
    assert later.timeliness().late == 1
    assert later.timeliness().missed == 2  # Initech's two, now past their 24 hours


def test_migrating_from_the_first_schema_keeps_the_data(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A database made by the first release (revision 0001) upgrades with its facts intact."""
    from alembic import command
    from alembic.config import Config

    from followup.storage.engine import MIGRATIONS, make_engine

    url = db_url
    if db_url.startswith("postgresql"):
        # db_url is migrated to head already: start from a blank one
        from tests.conftest import fresh_postgres_database

        url = fresh_postgres_database(db_url.rsplit("/", 1)[0] + "/postgres")
    else:
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "INSERT INTO profiles (id, full_name, timezone, checkins_per_week, default_wait_days, "
                "created_at) VALUES (1, 'Jordan A. Rivera', 'America/New_York', 1, 7, "
                "'2026-11-01 00:00:00')"
            )
        )
    store = open_store(url, migrate=True)
    service = Followup(store, clock=clock_at(T0))
    assert service.profile() is not None and service.profile().full_name == "Jordan A. Rivera"  # type: ignore[union-attr]
    with store.transaction() as repo:
        assert repo.revision() == 0
        assert repo.kept_notes(application_id=1) == {}
    service.add_application(ApplicationIn(company="Hooli", role="PM"))
    assert service.revision() == 1
