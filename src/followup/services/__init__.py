"""Use cases: the only place that combines storage, the planner, writing and (later) mail.

Imported lazily: `followup agenda` needs only services.agenda, not every use case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.services.base import Clock
    from followup.services.followup import Followup
    from followup.settings import Settings


def open_service(settings: Settings, *, clock: Clock | None = None) -> Followup:
    """The use cases over the database the settings name (opened, and on SQLite migrated, on
    first use)."""
    from followup.services.base import system_clock
    from followup.services.followup import Followup

    def opener():  # type: ignore[no-untyped-def]
        from followup.storage.store import open_store

        return open_store(settings.database_url)

    return Followup(opener, clock=clock or system_clock, sqlite_path=settings.sqlite_path)


def migrate_database(settings: Settings) -> str:
    """Bring the schema of the database the settings name up to date; says where it is."""
    from followup.storage.store import open_store

    open_store(settings.database_url, migrate=True).close()
    return settings.describe_database()


def __getattr__(name: str) -> Any:
    if name == "Followup":
        from followup.services.followup import Followup

        return Followup
    if name in ("writing", "outputs"):
        import importlib

        return importlib.import_module(f"followup.services.{name}")
    raise AttributeError(name)


__all__ = ["Followup", "migrate_database", "open_service"]
