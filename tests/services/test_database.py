"""The database's own use cases: migrating it."""

from __future__ import annotations

import pytest


def test_migrate_brings_a_blank_postgres_database_up_to_date(  # type: ignore[no-untyped-def]
    cli, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import fresh_postgres_database

    url = fresh_postgres_database(postgres_url)
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    refused = cli("app", "list")
    assert refused.code == 2 and "run `followup migrate` first" in refused.err
    done = cli("migrate")
    assert (done.code, done.out) == (
        0,
        f"Database at {url.split('@')[0].split('://')[0]}://…@{url.split('@', 1)[1]} is up to date.\n",
    )
    assert cli("app", "list", "--json").out == "[]\n"
