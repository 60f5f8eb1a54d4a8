"""The base of the Repo's query classes: one open connection, inside one transaction."""

from __future__ import annotations

from sqlalchemy import Connection


class Queries:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
