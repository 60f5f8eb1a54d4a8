"""Use cases: the only place that combines storage, the planner and (later) writing and mail."""

from __future__ import annotations

from followup.services.followup import Followup, system_clock
from followup.settings import Settings


def open_service(settings: Settings, *, clock=system_clock) -> Followup:  # type: ignore[no-untyped-def]
    """The use cases over the database the settings name (opened, and on SQLite migrated, on
    first use)."""

    def opener():  # type: ignore[no-untyped-def]
        from followup.storage.store import open_store

        return open_store(settings.database_url)

    return Followup(opener, clock=clock, sqlite_path=settings.sqlite_path)


__all__ = ["Followup", "open_service"]
