"""Undo: every change a user can regret (a note marked sent, a reply, a skip, a close, a
delete) is logged with the rows it touched, and can be undone for limits.UNDO_SECONDS after.

A use case makes its change through `changed` (or, when it needs the rows in between, takes
`before = repo.application_rows(...)` first and calls `log_change` after); `undo` puts the rows
back with their own ids, in one transaction, unless something changed them since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.core import limits
from followup.core.errors import ConflictError, FollowupError, NotFoundError
from followup.services.agenda import refresh_plan
from followup.services.base import UseCases
from followup.services.lookup import as_id

if TYPE_CHECKING:
    from followup.storage.changes import Rows
    from followup.storage.store import Repo

UNDO_WINDOW = timedelta(seconds=limits.UNDO_SECONDS)


class NothingToUndoError(FollowupError):
    """No change of the last minute is left to undo."""

    http_status = 409


@dataclass(frozen=True)
class Change:
    """A change that can still be undone, as a toast shows it."""

    id: int
    application_id: int
    summary: str
    made_at: datetime


@dataclass(frozen=True)
class Undone:
    summary: str
    application_id: int
    application_exists: bool


def changed(
    repo: Repo,
    app_id: int,
    summary: str,
    now: datetime,
    write: Callable[[], object],
    *,
    plan_stays: bool = True,
) -> int:
    """Make a change undoable: note the application's rows, `write`, refresh its plan (when
    the application stays), and log what the write did; returns the change."""
    before = repo.application_rows(application_id=app_id)
    write()
    if plan_stays:
        refresh_plan(repo, app_id)
    else:
        repo.bump_revision()
    return log_change(repo, application_id=app_id, before=before, summary=summary, now=now)


def log_change(
    repo: Repo, *, application_id: int, before: Rows, summary: str, now: datetime
) -> int:
    """Log what the change just made did to the application (refresh its plan first)."""
    pid = repo.profile_id()
    assert pid is not None
    repo.forget_changes(before=now - UNDO_WINDOW)
    after = repo.rows_after(application_id=application_id, before=before)
    return repo.log_change(
        profile_id=pid,
        application_id=application_id,
        summary=summary[: limits.CHANGE_SUMMARY],
        before=before,
        after=after,
        now=now,
    )


class UndoCases(UseCases):
    def change(self, change_ref: str | int) -> Change | None:
        """A change that can still be undone, or None (unknown, or too old)."""
        try:
            change_id = as_id(change_ref, "change")
        except NotFoundError:
            return None
        with self.store.transaction() as repo:
            row = repo.change(change_id=change_id)
        if row is None or row.made_at < self.clock() - UNDO_WINDOW:
            return None
        return Change(row.id, row.application_id, row.summary, row.made_at)

    def undo(self, change_ref: str | int | None = None) -> Undone:
        """Undo a change of the last minute (by default the latest): the rows it touched are
        put back as they were, with their own ids."""
        now = self.clock()
        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            if change_ref is None:
                row = repo.latest_change(profile_id=pid, since=now - UNDO_WINDOW)
                if row is None:
                    raise NothingToUndoError(
                        "nothing to undo: a change can be undone for a minute after it is made"
                    )
            else:
                row = repo.change(change_id=as_id(change_ref, "change"))
                if row is None or row.profile_id != pid or row.made_at < now - UNDO_WINDOW:
                    raise NothingToUndoError(
                        "too late to undo that: a change can be undone for a minute after it "
                        "is made"
                    )
            if repo.later_change(change_id=row.id, application_id=row.application_id):
                raise ConflictError(
                    f"something else was changed since {_lower(row.summary)}; undo that first"
                )
            if repo.put_back(change_id=row.id):
                raise ConflictError(
                    f"cannot undo: what {_lower(row.summary)} changed has been changed again since"
                )
            repo.forget_change(change_id=row.id)
            exists = row.application_id in repo.application_ids(profile_id=pid)
            if exists:
                refresh_plan(repo, row.application_id)
            else:
                repo.bump_revision()
        return Undone(row.summary, row.application_id, exists)


def _lower(summary: str) -> str:
    """'Marked ...' as it reads inside a sentence: 'you marked ...'."""
    return "you " + summary[:1].lower() + summary[1:]
