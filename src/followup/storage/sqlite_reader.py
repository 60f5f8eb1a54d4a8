"""The agenda's read path on SQLite, with the standard library only.

`followup agenda` over thousands of applications reads one column of derived plan caches; doing
that through SQLAlchemy costs more in importing it (~170 ms) than in reading. This reader answers
only when the database is at the current schema and every cache is fresh, and otherwise returns
None so the caller takes the ordinary Store path (which migrates and refreshes).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from followup.storage.revision import SCHEMA_HEAD


@dataclass(frozen=True, slots=True)
class AgendaSnapshot:
    timezone: str | None
    rows: list[tuple[int, str, str, str]]  # application id, company, role, plan cache


def read_agenda(path: Path, cache_version: int) -> AgendaSnapshot | None:
    """The active applications' plan caches, or None when the Store must answer instead."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != SCHEMA_HEAD:
            return None
        profile = conn.execute("SELECT id, timezone FROM profiles ORDER BY id LIMIT 1").fetchone()
        if profile is None:
            return AgendaSnapshot(timezone=None, rows=[])
        rows = conn.execute(
            "SELECT id, company, role, plan_version, plan_cache FROM applications "
            "WHERE profile_id = ? AND status = 'active'",
            (profile[0],),
        ).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if any(r[3] != cache_version or r[4] is None for r in rows):
        return None
    return AgendaSnapshot(timezone=profile[1], rows=[(r[0], r[1], r[2], r[4]) for r in rows])
