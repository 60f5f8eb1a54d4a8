"""Migration 0007 (undo and the demo) from the previous schema, with data, on both databases:
every fact survives (SQLite rebuilds profiles and applications: nothing may cascade), nothing
is taken for the sample, changes can be logged and undone, and the downgrade goes back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, text

from followup.services import Followup
from followup.services.backup import export_document
from followup.storage.engine import MIGRATIONS, make_engine
from followup.storage.store import open_store
from tests.conftest import fresh_postgres_database
from tests.storage.test_migration_0004 import ROWS

T0 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def _config(conn):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def schema_0006_with_data(db_url: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    from alembic import command

    if db_url.startswith("postgresql"):
        url = fresh_postgres_database(db_url.rsplit("/", 1)[0] + "/postgres")
    else:
        url = f"sqlite:///{tmp_path / 'previous.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0006")
        for row in ROWS:
            conn.execute(text(row))
    engine.dispose()
    return url


def test_the_undo_migration_keeps_every_fact_and_takes_nothing_for_the_sample(
    db_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    url = schema_0006_with_data(db_url, tmp_path)
    store = open_store(url, migrate=True)
    service = Followup(store, clock=lambda: T0 + timedelta(days=1))
    document = export_document(service)
    tables = document["tables"]
    assert [(a["id"], a["company"], a["demo"]) for a in tables["applications"]] == [
        (1, "Globex", False),
        (2, "Initech", False),
    ]
    assert [p["demo"] for p in tables["profiles"]] == [False]
    assert (len(tables["people"]), len(tables["participants"]), len(tables["follow_ups"])) == (
        2,
        2,
        1,
    )
    assert tables["kept_notes"][0]["text"] == "Dear Raj"
    assert not service.is_demo()
    done = service.skip_action("thank_you:1:2")
    assert service.change(done.change) is not None
    service.undo()
    assert export_document(service) == document
    store.close()


def test_the_undo_migration_goes_back(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    url = schema_0006_with_data(db_url, tmp_path)
    open_store(url, migrate=True).close()
    engine = make_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":  # as storage/engine.py migrates: rebuilt tables
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # must not cascade
            conn.commit()
        with conn.begin():
            command.downgrade(_config(conn), "0006")
    names = set(inspect(engine).get_table_names())
    columns = {c["name"] for c in inspect(engine).get_columns("applications")}
    with engine.connect() as conn:
        companies = list(
            conn.execute(text("SELECT company FROM applications ORDER BY id")).scalars()
        )
    engine.dispose()
    assert "changes" not in names
    assert "demo" not in columns
    assert companies == ["Globex", "Initech"]
