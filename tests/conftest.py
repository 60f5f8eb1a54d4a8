"""Shared fixtures: isolated user folders, real SQLite and PostgreSQL databases, the CLI."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own FOLLOWUP_HOME and never touches the real user data folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL_FILE", raising=False)
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reaches PostgreSQL, so `-m "not postgres"` runs without a server."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and "postgres" in callspec.params.values()
        if on_postgres or "postgres_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for this test process: FOLLOWUP_TEST_POSTGRES_URL, or a throwaway
    one started here. Under pytest-xdist every worker is its own session, so each starts (and
    removes) its own server; on a given server each worker's databases carry its pid and are
    dropped when it ends."""
    given = os.environ.get("FOLLOWUP_TEST_POSTGRES_URL")
    if given:
        try:
            yield given
        finally:
            _drop_databases(given)
        return
    from tests.pg_server import PostgresServer

    server = PostgresServer()
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


_created: list[str] = []


def fresh_postgres_database(admin_url: str) -> str:
    """A new, empty database on the test server; its URL."""
    name = f"followup_test_{os.getpid()}_{next(_counter)}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    _created.append(name)
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _drop_databases(admin_url: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in _created:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()
    _created.clear()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind, migrated: SQLite in tmp_path, and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'followup.sqlite3'}"
    url = fresh_postgres_database(request.getfixturevalue("postgres_url"))
    from followup.storage.store import open_store

    open_store(url, migrate=True).close()
    return url


@pytest.fixture
def use_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the CLI at `db_url`."""
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", db_url)
    return db_url


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `followup ARGS...` in-process, as a user would from a shell; returns code and output."""
    from followup.cli import main

    def run(*args: str, now: datetime | str | None = None, stdin: str | None = None) -> Result:
        argv = ["followup"]
        if now is not None:
            argv += ["--now", now if isinstance(now, str) else now.isoformat()]
        argv += list(args)
        monkeypatch.setattr(sys, "argv", argv)
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code=code, out=captured.out, err=captured.err)

    return run
