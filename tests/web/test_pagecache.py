"""The page cache's watch on SQLite's files: a page is served from memory only while nothing
was written since its revision was read, by this process or any other."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, text

from followup.web.pagecache import DataWatch


def _age(path: Path) -> None:
    """Back-date the file, as if last written a while ago (no sleeping)."""
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            old = p.stat().st_mtime_ns - 10**9
            os.utime(p, ns=(old, old))


def test_a_write_from_another_connection_is_seen_without_asking_the_database(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    watch = DataWatch(path)
    assert watch.revision() is None  # nothing learned yet
    assert watch.signature() is None  # just written: not settled, not trusted
    _age(path)
    watch.learned(watch.signature(), 7)
    assert watch.revision() == 7
    other = create_engine(f"sqlite:///{path}")  # another program, say the CLI
    with other.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (1)"))
    assert watch.revision() is None
    _age(path)
    assert watch.revision() is None  # changed files: the database must be asked again
    engine.dispose()
    other.dispose()


def test_postgresql_has_no_files_to_watch() -> None:
    watch = DataWatch(None)
    watch.learned(watch.signature(), 3)
    assert watch.revision() is None
