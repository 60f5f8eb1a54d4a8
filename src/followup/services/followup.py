"""The use cases of followup over stored data: the one place storage meets the planner.

Faces (CLI, web) call `Followup` and render what comes back. Each concern has its own module
(applications, interviews, events: what happened); every write runs in one transaction and
refreshes the application's derived plan cache before it commits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from followup.core.model import Candidate
from followup.services.agenda import (
    Agenda,
    Decoded,
    build_agenda,
    decode,
    read_fast,
    refresh_plans,
    store_snapshot,
)
from followup.services.applications import ApplicationCases
from followup.services.base import Clock, system_clock
from followup.services.changes import UndoCases
from followup.services.events import EventCases
from followup.services.feed import FeedCases
from followup.services.interviews import InterviewCases
from followup.services.removals import RemovalCases
from followup.services.subscription import SubscriptionCases

if TYPE_CHECKING:
    # SQLAlchemy is imported only when the database is opened, pydantic only by the use
    # cases that validate input: `followup agenda` needs neither.
    from followup.inputs.models import ProfileIn
    from followup.storage.store import Store


class Followup(
    ApplicationCases,
    InterviewCases,
    EventCases,
    RemovalCases,
    UndoCases,
    SubscriptionCases,
    FeedCases,
):
    """followup's use cases over one Store (opened on first use: some commands never need it)."""

    def __init__(
        self,
        store: Store | Callable[[], Store],
        clock: Clock = system_clock,
        *,
        sqlite_path: Path | None = None,
    ) -> None:
        super().__init__(store, clock, sqlite_path=sqlite_path)
        self._decoded: tuple[int, Decoded] | None = None

    # -- profile -------------------------------------------------------------------------
    def profile(self) -> Candidate | None:
        with self.store.transaction() as repo:
            pid = repo.profile_id()
            return None if pid is None else repo.candidate(profile_id=pid)

    def setup(self, data: ProfileIn) -> Candidate:
        """Create or update the profile; every plan is refreshed (timezone and cadence count)."""
        candidate = Candidate(**data.model_dump())
        with self.store.transaction() as repo:
            pid = repo.save_candidate(candidate=candidate, now=self.clock())
            repo.calendar_settings(profile_id=pid)  # made now: opening Settings writes nothing
            refresh_plans(repo, repo.application_ids(profile_id=pid))
        return candidate

    # -- the agenda ----------------------------------------------------------------------
    def agenda(self) -> Agenda:
        """Every open action of every active application: overdue, then due, then planned.

        A one-shot command reads the SQLite plan caches directly; a long-lived process (the web
        app) keeps them decoded until the data revision changes.
        """
        if self._store is None:
            fast = read_fast(self.sqlite_path, self.clock)
            if fast is not None:
                return fast
        with self.store.transaction() as repo:
            revision = repo.revision()
            cached = self._decoded
            if cached is None or cached[0] != revision:
                cached = (revision, decode(store_snapshot(repo)))
                # a stale cache refreshed just now bumped the revision: key by the new one
                self._decoded = (repo.revision(), cached[1])
        return build_agenda(cached[1], self.clock())

    def revision(self) -> int:
        """The data revision: it changes whenever any fact does."""
        with self.store.transaction() as repo:
            return repo.revision()


__all__ = ["Followup"]
