"""Documents built to break a parser: nested 200,000 deep, or a number of 5,000 digits. Each is
refused with a message (a 4xx on the web, exit 2 on the CLI) and nothing stored changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import token

DEEP = b"[" * 200_000 + b"]" * 200_000
HUGE = b'{"version": 1, "tables": {"applications": [{"id": ' + b"9" * 5000 + b"}]}}"


def export(client: TestClient) -> str:
    return client.get("/backup/export.json").text


@pytest.mark.parametrize(("name", "raw", "problem"), [
    ("deep.json", DEEP, "nested too deeply"),
    ("huge.json", HUGE, "not a followup file"),
])  # fmt: skip
def test_the_web_import_refuses_them(
    client: TestClient, name: str, raw: bytes, problem: str
) -> None:
    before = export(client)
    answer = client.post(
        "/backup/import",
        data={"csrf_token": token(client), "merge": "on"},
        files={"file": (name, raw, "application/json")},
    )
    assert answer.status_code == 400
    assert name in answer.text and problem in answer.text
    assert export(client) == before


@pytest.mark.parametrize("raw", [DEEP, HUGE])
def test_the_api_refuses_them_as_bodies(client: TestClient, raw: bytes) -> None:
    before = export(client)
    answer = client.post(
        "/api/applications",
        content=raw,
        headers={"X-CSRF-Token": token(client), "Content-Type": "application/json"},
    )
    assert 400 <= answer.status_code < 500
    assert set(answer.json()) == {"error"}
    assert export(client) == before


@pytest.mark.parametrize(("raw", "problem"), [
    (DEEP, "nested too deeply to be a followup file"),
    (HUGE, "not a followup file: Exceeds the limit (4300 digits)"),
])  # fmt: skip
def test_the_cli_import_refuses_them(cli, tmp_path: Path, raw: bytes, problem: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hostile.json"
    path.write_bytes(raw)
    result = cli("import", str(path))
    assert result.code == 2
    assert result.err.startswith(f"Error: {path}: {problem}")
    listed = cli("export")
    assert json.loads(listed.out)["tables"]["applications"] == []


@pytest.mark.parametrize(("method", "path", "body", "error"), [
    ("GET", "/api/applications/1.0", None, "app_id: must be a whole number such as 3"),
    ("POST", "/api/applications/1/replies", {"from": True}, "from: must be a whole number such as 3"),
    ("POST", "/api/applications/1/replies", {"from": 1.0}, "from: must be a whole number such as 3"),
])  # fmt: skip
def test_an_id_is_a_whole_number_never_true_or_one_point_oh(
    client: TestClient, method: str, path: str, body: object, error: str
) -> None:
    before = export(client)
    answer = client.request(method, path, json=body, headers={"X-CSRF-Token": token(client)})
    assert (answer.status_code, answer.json()) == (422, {"error": error})
    assert export(client) == before
