"""The derived plan cache of each application and the data revision that dates it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update

from followup.storage.queries import Queries
from followup.storage.tables import applications, revisions


@dataclass(frozen=True, slots=True)
class AgendaRow:
    application_id: int
    company: str
    role: str
    plan_version: int
    plan_cache: str | None


class PlanCacheQueries(Queries):
    def bump_revision(self) -> None:
        """Something changed: views derived from the facts must be made again."""
        self.conn.execute(update(revisions).values(value=revisions.c.value + 1))

    def revision(self) -> int:
        return int(self.conn.execute(select(revisions.c.value)).scalar() or 0)

    def set_plan_caches(self, *, caches: Sequence[tuple[int, int, str, datetime | None]]) -> None:
        """Store derived plans: (application id, planner version, cache, next due) each."""
        if not caches:
            return
        self.conn.execute(
            update(applications)
            .where(applications.c.id == bindparam("app_id"))
            .values(
                plan_version=bindparam("version"),
                plan_cache=bindparam("cache"),
                next_due_at=bindparam("next_due"),
            ),
            [{"app_id": a, "version": v, "cache": c, "next_due": d} for a, v, c, d in caches],
        )

    def agenda_rows(self, *, profile_id: int) -> list[AgendaRow]:
        rows = self.conn.execute(
            select(
                applications.c.id,
                applications.c.company,
                applications.c.role,
                applications.c.plan_version,
                applications.c.plan_cache,
            ).where(applications.c.profile_id == profile_id, applications.c.status == "active")
        ).all()
        return [AgendaRow(*r) for r in rows]

    def application_ids(self, *, profile_id: int | None = None) -> list[int]:
        query = select(applications.c.id).order_by(applications.c.id)
        if profile_id is not None:
            query = query.where(applications.c.profile_id == profile_id)
        return list(self.conn.execute(query).scalars())
