"""The undo log: what a change did to one application's rows, and putting them back.

A change is recorded as the rows it touched, before and after, in every table that hangs off
the application (found from the schema, so a table added later is covered without a word
here). Undo puts the "before" rows back with their own ids in one transaction, after checking
that each touched row is still as the change left it: anything done since is never overwritten.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Table, and_, delete, insert, select, update

from followup.storage.queries import Queries
from followup.storage.tables import UTCDateTime, applications, changes, interviews, metadata

Key = tuple[Any, ...]
Rows = dict[str, dict[Key, dict[str, Any]]]  # table -> primary key -> row (JSON values)

# Derived from the facts and recomputed after every write: never part of a change.
DERIVED = {"applications": {"plan_version", "plan_cache", "next_due_at"}}
# Rewritten by the calendar feed whenever it is read: put back, but never a reason to refuse.
VOLATILE = frozenset({"feed_events"})


def _of_interview(table: Table) -> bool:
    """A table whose rows hang off an interview (its people met, its invitation's UID)."""
    return "application_id" not in table.c and any(
        fk.column.table is interviews for fk in table.foreign_keys
    )


def _tracked() -> list[Table]:
    """The tables whose rows belong to one application, parents first."""
    out = []
    for table in metadata.sorted_tables:
        if table is changes:
            continue
        if table is applications or "application_id" in table.c or _of_interview(table):
            out.append(table)
    return out


def _set_null_tables() -> frozenset[str]:
    """Tables whose rows outlive their application (its id becomes NULL when it goes)."""
    return frozenset(
        t.name
        for t in _tracked()
        for fk in t.foreign_keys
        if fk.column.table is applications and fk.ondelete == "SET NULL"
    )


TRACKED = _tracked()
OUTLIVE = _set_null_tables()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.c[column].type
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value


def _altered(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The columns whose values differ."""
    return [k for k, v in before.items() if after.get(k) != v]


def _key(table: Table, row: dict[str, Any]) -> Key:
    return tuple(row[c.name] for c in table.primary_key.columns)


class ChangeQueries(Queries):
    def application_rows(self, *, application_id: int) -> Rows:
        """Every row that belongs to the application, by table and primary key."""
        out: Rows = {}
        for table in TRACKED:
            if table is applications:
                where = applications.c.id == application_id
            elif _of_interview(table):
                ids = select(interviews.c.id).where(interviews.c.application_id == application_id)
                where = table.c.interview_id.in_(ids)
            else:
                where = table.c.application_id == application_id
            found = {}
            for r in self.conn.execute(select(table).where(where)):
                row = {
                    k: _encode(v)
                    for k, v in r._mapping.items()
                    if k not in DERIVED.get(table.name, ())
                }
                found[_key(table, row)] = row
            out[table.name] = found
        return out

    def rows_after(self, *, application_id: int, before: Rows) -> Rows:
        """The application's rows now, and the rows it had that outlived it (their link to it
        emptied), looked up by their own keys."""
        after = self.application_rows(application_id=application_id)
        for name in OUTLIVE:
            table = metadata.tables[name]
            for key in before.get(name, {}).keys() - after[name].keys():
                found = self._row(table, key)
                if found is not None:
                    after[name][key] = found
        return after

    def _row(self, table: Table, key: Key) -> dict[str, Any] | None:
        columns = list(table.primary_key.columns)
        where = and_(*(c == _decode(table, c.name, v) for c, v in zip(columns, key, strict=True)))
        r = self.conn.execute(select(table).where(where)).one_or_none()
        if r is None:
            return None
        return {
            k: _encode(v) for k, v in r._mapping.items() if k not in DERIVED.get(table.name, ())
        }

    def log_change(
        self,
        *,
        profile_id: int,
        application_id: int,
        summary: str,
        before: Rows,
        after: Rows,
        now: datetime,
    ) -> int:
        """Keep what changed between `before` and `after` (only the rows that differ)."""
        touched: dict[str, list[list[Any]]] = {}
        for table in TRACKED:
            was, now_is = before.get(table.name, {}), after.get(table.name, {})
            pairs = [
                [was.get(k), now_is.get(k)]
                for k in sorted(was.keys() | now_is.keys(), key=repr)
                if was.get(k) != now_is.get(k)
            ]
            if pairs:
                touched[table.name] = pairs
        return int(
            self.conn.execute(
                insert(changes)
                .values(
                    profile_id=profile_id,
                    application_id=application_id,
                    made_at=now,
                    summary=summary,
                    rows=json.dumps(touched, ensure_ascii=False),
                )
                .returning(changes.c.id)
            ).scalar_one()
        )

    def change(self, *, change_id: int) -> Any:
        """The change's row (id, profile_id, application_id, made_at, summary), or None."""
        return self.conn.execute(
            select(
                changes.c.id,
                changes.c.profile_id,
                changes.c.application_id,
                changes.c.made_at,
                changes.c.summary,
            ).where(changes.c.id == change_id)
        ).one_or_none()

    def latest_change(self, *, profile_id: int, since: datetime) -> Any:
        return self.conn.execute(
            select(
                changes.c.id,
                changes.c.profile_id,
                changes.c.application_id,
                changes.c.made_at,
                changes.c.summary,
            )
            .where(changes.c.profile_id == profile_id, changes.c.made_at >= since)
            .order_by(changes.c.id.desc())
            .limit(1)
        ).one_or_none()

    def later_change(self, *, change_id: int, application_id: int) -> bool:
        """Whether a change of the same application was made after this one."""
        return (
            self.conn.execute(
                select(changes.c.id).where(
                    changes.c.application_id == application_id, changes.c.id > change_id
                )
            ).first()
            is not None
        )

    def forget_changes(self, *, before: datetime) -> None:
        """Drop the changes too old to undo."""
        self.conn.execute(delete(changes).where(changes.c.made_at < before))

    def forget_change(self, *, change_id: int) -> None:
        self.conn.execute(delete(changes).where(changes.c.id == change_id))

    def put_back(self, *, change_id: int) -> list[str]:
        """Put what a change did back as it was, in one go: rows it added go, rows it removed
        come back with their ids, columns it altered take their old values. When any of that
        has been changed since, nothing is done: returns the tables where it has."""
        raw = self.conn.execute(select(changes.c.rows).where(changes.c.id == change_id)).scalar()
        touched: dict[str, list[list[Any]]] = json.loads(raw or "{}")
        moved = sorted(
            name
            for name, pairs in touched.items()
            if name not in VOLATILE and any(self._moved(name, b, a) for b, a in pairs)
        )
        if moved:
            return moved
        order = [t for t in TRACKED if t.name in touched]
        for table in reversed(order):  # what the change added goes, children first
            for before, after in touched[table.name]:
                if before is None and after is not None:
                    self.conn.execute(delete(table).where(self._where(table, after)))
        for table in order:  # what it removed or altered comes back, parents first
            for before, after in touched[table.name]:
                if before is None:
                    continue
                now_is = self._row(table, _key(table, before))
                if now_is is None:
                    values = {k: _decode(table, k, v) for k, v in before.items()}
                    self.conn.execute(insert(table).values(values))
                    continue
                altered = _altered(before, after or now_is)
                if altered:
                    values = {k: _decode(table, k, before[k]) for k in altered}
                    self.conn.execute(
                        update(table).where(self._where(table, before)).values(values)
                    )
        return []

    def _moved(
        self, name: str, before: dict[str, Any] | None, after: dict[str, Any] | None
    ) -> bool:
        """Whether what the change did to a row has been changed since: a column it altered
        holds another value, a row it added is gone or altered, a row it removed is back
        under the same id (SQLite hands out the highest id again)."""
        table = metadata.tables[name]
        now_is = self._row(table, _key(table, after or before))  # type: ignore[arg-type]
        if after is None:
            return now_is is not None
        if before is None:
            return now_is != after
        return now_is is None or any(now_is[k] != after[k] for k in _altered(before, after))

    def _where(self, table: Table, row: dict[str, Any]) -> Any:
        return and_(*(c == _decode(table, c.name, row[c.name]) for c in table.primary_key.columns))
