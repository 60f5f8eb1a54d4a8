"""Migration 0004 (the revised rules) from the previous schema, with data, on both databases:
every fact survives (SQLite rebuilds the applications table: nothing may cascade), the new
columns take their defaults, and the new status, reply kinds and skips can be stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from followup.core.model import Reply, Skip
from followup.services import Followup
from followup.storage.engine import MIGRATIONS, make_engine
from followup.storage.store import open_store
from tests.conftest import fresh_postgres_database

T0 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
ROWS = [
    "INSERT INTO profiles (id, full_name, timezone, checkins_per_week, default_wait_days, "
    "created_at) VALUES (1, 'Jordan A. Rivera', 'America/New_York', 2, 7, '2026-11-01 00:00:00')",
    "INSERT INTO applications (id, profile_id, company, role, decision_speed, client_facing, "
    "verbal_role, culture, status, primary_contact_id, created_at, plan_version) VALUES "
    "(1, 1, 'Globex', 'Analyst', 'unknown', false, false, 'unknown', 'active', 2, "
    "'2026-11-01 00:00:00', 0), "
    "(2, 1, 'Initech', 'PM', 'unknown', false, false, 'unknown', 'withdrawn', NULL, "
    "'2026-11-02 00:00:00', 0)",
    "INSERT INTO people (id, application_id, name, email) VALUES "
    "(1, 1, 'Katherine Chen', 'k@globex.example'), (2, 1, 'Raj Patel', NULL)",
    "INSERT INTO interviews (id, application_id, kind, start_at, end_at, forgot_to_mention) "
    "VALUES (1, 1, 'video', '2026-11-24 19:00:00', '2026-11-24 20:00:00', '[]')",
    "INSERT INTO participants (interview_id, person_id, position, discussed, liked) VALUES "
    "(1, 1, 0, '[\"dbt\"]', '[]'), (1, 2, 1, '[]', '[]')",
    "INSERT INTO follow_ups (application_id, kind, interview_id, person_id, method, sent_at) "
    "VALUES (1, 'thank_you', 1, 1, 'email', '2026-11-25 00:00:00')",
    "INSERT INTO replies (application_id, person_id, received_at, note) VALUES "
    "(1, 2, '2026-11-20 12:00:00', 'before the interview')",
    "INSERT INTO kept_notes (application_id, action_id, method, text, updated_at) VALUES "
    "(1, 'thank_you:1:2', 'email', 'Dear Raj', '2026-11-25 00:00:00')",
]


def previous_schema_with_data(db_url: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    from alembic import command
    from alembic.config import Config

    if db_url.startswith("postgresql"):
        url = fresh_postgres_database(db_url.rsplit("/", 1)[0] + "/postgres")
    else:
        url = f"sqlite:///{tmp_path / 'previous.sqlite3'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        for row in ROWS:
            conn.execute(text(row))
    engine.dispose()
    return url


def test_the_revised_rules_migration_keeps_every_fact(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = previous_schema_with_data(db_url, tmp_path)
    store = open_store(url, migrate=True)
    service = Followup(store, clock=lambda: T0 + timedelta(days=1))
    profile = service.profile()
    assert profile is not None
    assert (profile.checkins_per_week, profile.country, profile.english, profile.checkin_limit) == (
        2,
        None,
        None,
        4,
    )
    with store.transaction() as repo:
        facts = repo.facts(application_id=1)
        assert [p.name for p in facts.interviews[0].participants] == ["Katherine Chen", "Raj Patel"]
        assert facts.application.primary_contact == "2"
        assert len(facts.sent) == 1
        assert facts.responses == (
            Reply(datetime(2026, 11, 20, 12, tzinfo=UTC), "2", "answer", None, None),
        )
        assert facts.skipped == ()
        assert repo.kept_notes(application_id=1) == {"thank_you:1:2": ("email", "Dear Raj")}
        assert repo.application(application_id=2).status == "withdrawn"
        counts = {
            table: repo.conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()
            for table in ("applications", "people", "interviews", "participants", "follow_ups")
        }
    assert counts == {
        "applications": 2,
        "people": 2,
        "interviews": 1,
        "participants": 2,
        "follow_ups": 1,
    }
    # the new facts can be stored, and the checks still hold
    service.close_application(2, "no_response")
    service.skip_action("thank_you:1:2")
    service.record_reply(1, kind="update", expected_by=date(2026, 12, 10), at=T0)
    with store.transaction() as repo:
        facts = repo.facts(application_id=1)
        assert facts.skipped == (Skip("thank_you:1:2", T0 + timedelta(days=1)),)
        assert facts.responses[-1] == Reply(T0, None, "update", date(2026, 12, 10), None)
        assert repo.application(application_id=2).status == "no_response"
    for bad in (
        "UPDATE applications SET status = 'ghosted' WHERE id = 1",
        "UPDATE replies SET kind = 'maybe'",
        "UPDATE profiles SET checkin_limit = 0",
        "INSERT INTO skips (application_id, action_id, at) VALUES (1, 'thank_you:1:2', "
        "'2026-11-26 00:00:00')",
        "INSERT INTO people (application_id, name) VALUES (99, 'Nobody')",  # foreign keys on
    ):
        with pytest.raises(IntegrityError), store.transaction() as repo:
            repo.conn.execute(text(bad))
    store.close()
