"""The Store: facts in, facts out. Callers see core model objects, never rows.

Every write happens inside `Store.transaction()`, so a command that fails part-way leaves the
database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from followup.storage.calendar_queries import CalendarQueries
from followup.storage.changes import ChangeQueries
from followup.storage.dump import DumpQueries
from followup.storage.engine import ensure_schema, make_engine
from followup.storage.facts import FactsQueries
from followup.storage.ontime import OnTimeQueries
from followup.storage.plancache import PlanCacheQueries
from followup.storage.records import RecordQueries
from followup.storage.removals import RemovalQueries


class Repo(
    RecordQueries,
    FactsQueries,
    OnTimeQueries,
    PlanCacheQueries,
    DumpQueries,
    CalendarQueries,
    ChangeQueries,
    RemovalQueries,
):
    """Queries over one open transaction; each concern's in its own module."""


class Store:
    """The database behind followup; `transaction()` hands out a Repo."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def transaction(self) -> Iterator[Repo]:
        with self.engine.begin() as conn:
            yield Repo(conn)

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, migrate: bool | None = None) -> Store:
    """The Store at `url`, schema checked; SQLite migrates itself unless told not to."""
    engine = make_engine(url)
    ensure_schema(engine, migrate=url.startswith("sqlite") if migrate is None else migrate)
    return Store(engine)
