"""Use cases: the only place that combines storage, the planner and (later) writing and mail."""

from __future__ import annotations

from followup.services.followup import Followup, system_clock
from followup.settings import Settings


def open_service(settings: Settings, *, clock=system_clock) -> Followup:  # type: ignore[no-untyped-def]
    """The use cases over the database the settings name (migrated on SQLite)."""
    from followup.storage.store import open_store

    return Followup(open_store(settings.database_url), clock=clock)


__all__ = ["Followup", "open_service"]
