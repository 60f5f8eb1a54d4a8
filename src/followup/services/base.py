"""What every use case stands on: the store (opened on first use) and the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from followup.core.errors import ConflictError, InvalidInputError

if TYPE_CHECKING:
    from followup.storage.store import Repo, Store

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class UseCases:
    """One Store and one clock; the use cases of each concern build on this."""

    def __init__(
        self,
        store: Store | Callable[[], Store],
        clock: Clock = system_clock,
        *,
        sqlite_path: Path | None = None,
    ) -> None:
        opened = hasattr(store, "transaction")
        self._store: Store | None = store if opened else None  # type: ignore[assignment]
        self._open_store = None if opened else store
        self.clock = clock
        self.sqlite_path = sqlite_path

    @property
    def store(self) -> Store:
        if self._store is None:
            assert self._open_store is not None
            self._store = self._open_store()
        return self._store

    def _profile_id(self, repo: Repo) -> int:
        pid = repo.profile_id()
        if pid is None:
            raise ConflictError("no profile yet; run `followup setup` first")
        return pid

    def _past(self, at: datetime | None, where: str, field: str | None = None) -> datetime:
        """`at`, or now; what happened cannot happen later than now (a minute's grace)."""
        now = self.clock()
        if at is None:
            return now
        if at.timestamp() > now.timestamp() + 60:
            raise InvalidInputError(
                where, "is in the future; record what happened once it has", field=field
            )
        return at
