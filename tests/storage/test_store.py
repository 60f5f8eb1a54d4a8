"""The Store on real SQLite and PostgreSQL: migrations, pragmas, facts round trips."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect, text

from followup.core.model import Application, Candidate, Interview, Participant, Reply, Sent
from followup.inputs.models import ApplicationIn
from followup.services import Followup
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
