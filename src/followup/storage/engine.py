"""Opening the database: engine, SQLite pragmas, and schema migrations (Alembic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError

from followup.core.errors import FollowupError, InvalidInputError
from followup.private import FILE_MODE, private_file, private_folder
from followup.storage.revision import SCHEMA_HEAD

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaError(FollowupError):
    """The database schema is not the one this version of followup expects."""

    http_status = 503  # the server is not ready to serve, whatever the request


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; on SQLite, creates the folder and sets WAL, FULL sync, foreign keys.

    The SQLite file, its -wal and -shm are private (0600), and so is a folder made for them.
    """
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1].split("?", 1)[0] if "///" in url else ""
            if path and path != ":memory:":
                _private_database(Path(path).expanduser())
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise InvalidInputError(
            "FOLLOWUP_DATABASE_URL", f"not a usable database URL ({exc})"
        ) from None
    except OSError as exc:
        raise InvalidInputError(
            "FOLLOWUP_DATABASE_URL", f"cannot create the database or its folder: {exc}"
        ) from None


def _private_database(path: Path) -> None:
    if not path.parent.exists():
        private_folder(path.parent)
    private_file(path)
    for side in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + side)
        if extra.exists():
            extra.chmod(FILE_MODE)


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision of the database, or None when it is blank."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError) as exc:
        if "alembic_version" in str(exc):
            return None
        raise FollowupError(f"cannot open the database: {exc.orig}") from None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic imported only when needed)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite cannot change a CHECK in place, so a migration may rebuild a table; with
            # foreign keys on, dropping the old table would cascade-delete the rows that refer
            # to it. The pragma only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise SchemaError("the migration left rows that refer to missing ones")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def ensure_schema(engine: Engine, *, migrate: bool) -> None:
    """Check the schema is current; migrate it when allowed, else say how."""
    revision = schema_revision(engine)
    if revision == SCHEMA_HEAD:
        return
    if not migrate:
        raise SchemaError(
            f"the database schema is at revision {revision or 'none'}, this followup needs "
            f"{SCHEMA_HEAD}; run `followup migrate` first"
        )
    upgrade(engine)
