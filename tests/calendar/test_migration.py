"""Migration 0005 (the calendar) from the schema before it, with data in it, on both databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from followup.services import Followup
from followup.storage.store import open_store
from tests.calendar.conftest import NOW, invite


def test_the_calendar_migration_keeps_the_data(db_url: str, tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from followup.storage.engine import MIGRATIONS, make_engine
    from tests.conftest import fresh_postgres_database

    if db_url.startswith("postgresql"):
        url = fresh_postgres_database(db_url.rsplit("/", 1)[0] + "/postgres")
    else:
        url = f"sqlite:///{tmp_path / 'before.sqlite3'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        for statement in (
            "INSERT INTO profiles (id, full_name, email, timezone, checkins_per_week, "
            "default_wait_days, created_at) VALUES (1, 'Jordan A. Rivera', "
            "'jordan.rivera@example.org', 'America/New_York', 1, 7, '2026-02-01 00:00:00')",
            "INSERT INTO applications (id, profile_id, company, role, decision_speed, "
            "client_facing, verbal_role, culture, status, created_at, plan_version) VALUES "
            "(1, 1, 'Initech', 'Senior Data Analyst', 'unknown', false, false, 'unknown', "
            "'active', '2026-02-01 00:00:00', 0)",
            "INSERT INTO people (id, application_id, name, email) VALUES "
            "(1, 1, 'Priya Natarajan', 'priya.natarajan@initech.example')",
            "INSERT INTO interviews (id, application_id, kind, start_at, end_at, "
            "forgot_to_mention) VALUES (1, 1, 'phone', '2026-02-02 15:00:00', "
            "'2026-02-02 15:30:00', '[]')",
            "INSERT INTO participants (interview_id, person_id, position, discussed, liked) "
            "VALUES (1, 1, 0, '[\"SQL\"]', '[]')",
        ):
            conn.execute(text(statement))
        if conn.dialect.name == "postgresql":  # rows given their ids: move the sequences on
            for table in ("profiles", "applications", "people", "interviews"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))
    engine.dispose()
    store = open_store(url, migrate=True)
    service = Followup(store, clock=lambda: NOW)
    facts = service.application(1).facts
    assert [p.discussed for p in facts.interviews[0].participants] == [("SQL",)]
    # the calendar works on the migrated data: Priya is known, so the invite finds Initech
    [done] = service.import_invite_file(invite("google-meet.ics")).imported
    assert (done.application_id, done.people[0].id) == (1, "1")
    assert "BEGIN:VEVENT" in service.feed()
    store.close()
