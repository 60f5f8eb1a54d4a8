"""The whole database as rows, for export, and rows put back, for import."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, text

from followup.storage.mail_tables import MAIL_TABLES
from followup.storage.queries import Queries
from followup.storage.tables import ALL_TABLES, profiles

# Parents first: the mail tables point at applications, people, replies and the outbox.
EXPORTED = ALL_TABLES + MAIL_TABLES


class DumpQueries(Queries):
    def is_empty(self) -> bool:
        return self.conn.execute(select(func.count()).select_from(profiles)).scalar_one() == 0

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, keyed by table name, in a stable order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for table in EXPORTED:
            order = list(table.primary_key.columns)
            out[table.name] = [
                dict(r._mapping) for r in self.conn.execute(select(table).order_by(*order))
            ]
        return out

    def insert_rows(self, table_name: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            table = next(t for t in EXPORTED if t.name == table_name)
            self.conn.execute(insert(table), rows)

    def insert_returning_id(self, table_name: str, row: dict[str, Any]) -> int:
        table = next(t for t in EXPORTED if t.name == table_name)
        return int(
            self.conn.execute(insert(table).values(**row).returning(table.c.id)).scalar_one()
        )

    def reset_sequences(self) -> None:
        """After rows were inserted with their own ids, let PostgreSQL number the next ones."""
        if self.conn.dialect.name != "postgresql":
            return
        for table in EXPORTED:
            if "id" in table.c:
                self.conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
