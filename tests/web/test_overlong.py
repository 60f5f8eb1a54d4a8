"""Every form and API write with a value longer than any limit, on SQLite and PostgreSQL: a 4xx,
never a 5xx, nothing stored. And an export of maximal values moves from SQLite to PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followup.core import limits
from followup.inputs.models import ProfileIn
from followup.services import open_service
from followup.services.backup import export_document, import_document
from followup.settings import Settings
from tests.conftest import fresh_postgres_database
from tests.web.conftest import NOW, fixed_clock, local_client, token

LONG = "x" * (limits.NOTE_TEXT + 1000)  # longer than any limit, well under the 1 MB body cap
ACTION = "thank_you:1:1"
INTERVIEW_FORM = {
    "kind": "video",
    "start": "2026-11-20T10:00",
    "end": "2026-11-20T11:00",
    "forgot": "a thing",
    "expected_response_by": "2026-12-01",
    "person-0-name": "Ann Lee",
    "person-0-title": "CTO",
    "person-0-email": "ann@globex.example",
    "person-0-phone": "+1 212 555 0142",
    "person-0-address": "1 Main St",
    "person-0-salutation": "Ms. Lee",
    "person-0-discussed": "dbt",
    "person-0-liked": "tuning",
}
FORMS: list[tuple[str, dict[str, str]]] = [
    ("/settings", {"full_name": "Jordan", "email": "j@example.org", "phone": "+1 2",
                   "address": "1 Main St", "timezone": "UTC", "country": "US",
                   "english": "american", "checkin_limit": "4", "checkins_per_week": "1",
                   "default_wait_days": "7"}),
    ("/applications", {"company": "G", "role": "R", "decision": "quick", "culture": "modern",
                       "expected_response_by": "2026-12-01"}),
    ("/applications/1", {"company": "G", "role": "R", "expected_response_by": "2026-12-01",
                         "primary_contact": "1"}),
    ("/applications/1/close", {"outcome": "withdrawn"}),
    ("/applications/1/replies", {"person": "1", "note": "soon", "kind": "update",
                                 "expected_by": "2026-12-20", "until": ""}),
    ("/applications/1/interviews", INTERVIEW_FORM),
    ("/interviews/1", INTERVIEW_FORM),
    (f"/actions/{ACTION}/sent", {"text": "Hi Raj, thanks.", "method": "email"}),
    (f"/actions/{ACTION}/check", {"text": "Hi Raj, thanks.", "method": "email"}),
    (f"/actions/{ACTION}/apply", {"text": "Hi Raj", "replacement": "x", "start": "0",
                                   "end": "1", "method": "email"}),
    (f"/actions/{ACTION}/eml", {"text": "Hi Raj, thanks."}),
    (f"/actions/{ACTION}/pdf", {"text": "Hi Raj, thanks."}),
]  # fmt: skip

PERSON = {"name": "Ann Lee", "title": "CTO", "email": "ann@globex.example",
          "phone": "+1 212 555 0142", "address": "1 Main St", "salutation": "Ms. Lee",
          "discussed": ["dbt"], "liked": ["tuning"]}  # fmt: skip
INTERVIEW = {"kind": "video", "start": "2026-11-20T10:00:00+00:00",
             "end": "2026-11-20T11:00:00+00:00", "people": [PERSON],
             "forgot_to_mention": ["x"], "expected_response_by": "2026-12-01"}  # fmt: skip
APIS: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/api/applications", {"company": "G", "role": "R", "decision_speed": "quick",
                                   "culture": "modern", "expected_response_by": "2026-12-01"}),
    ("POST", "/api/applications/1/interviews", INTERVIEW),
    ("PATCH", "/api/interviews/1", INTERVIEW),
    ("PATCH", "/api/people/1", {k: v for k, v in PERSON.items() if isinstance(v, str)}),
    ("POST", f"/api/actions/{ACTION}/check", {"text": "Hi Raj, thanks."}),
    ("POST", f"/api/actions/{ACTION}/sent", {"at": "2026-11-25T10:00:00+00:00",
                                            "method": "email"}),
    ("POST", "/api/applications/1/replies", {"at": "2026-11-25T10:00:00+00:00", "from": 1,
                                             "note": "soon", "kind": "update",
                                             "expected_by": "2026-12-20"}),
    ("POST", f"/api/actions/{ACTION}/skip", {"at": "2026-11-25T10:00:00+00:00"}),
]  # fmt: skip


def _over_long(body: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """The body once per field (and per field of a person met), that field over every limit."""
    out = []
    for field, value in body.items():
        if field == "people":
            for key, was in PERSON.items():
                person = {**PERSON, key: [LONG] if isinstance(was, list) else LONG}
                out.append(({**body, "people": [person]}, f"people.{key}"))
        else:
            out.append(({**body, field: [LONG] if isinstance(value, list) else LONG}, field))
    return out


def export(client: TestClient) -> str:
    return client.get("/backup/export.json").text


@pytest.mark.parametrize(("path", "form"), FORMS, ids=[p for p, _ in FORMS])
def test_every_form_field_over_every_limit(
    client: TestClient, path: str, form: dict[str, str]
) -> None:
    before = export(client)
    for field in form:
        answer = client.post(
            path, data={"csrf_token": token(client), **form, field: LONG}, follow_redirects=False
        )
        assert 400 <= answer.status_code < 500, (path, field, answer.status_code)
        assert export(client) == before, (path, field)


@pytest.mark.parametrize(("method", "path", "body"), APIS, ids=[f"{m} {p}" for m, p, _ in APIS])
def test_every_api_field_over_every_limit(
    client: TestClient, method: str, path: str, body: dict[str, Any]
) -> None:
    before = export(client)
    for long_body, field in _over_long(body):
        answer = client.request(
            method, path, json=long_body, headers={"X-CSRF-Token": token(client)}
        )
        assert 400 <= answer.status_code < 500, (method, path, field, answer.status_code)
        assert set(answer.json()) == {"error"}
        assert export(client) == before, (path, field)


def test_a_backup_with_an_over_long_value_is_refused_whole(client: TestClient) -> None:
    before = json.loads(export(client))
    document = json.loads(export(client))
    document["tables"]["people"][-1]["title"] = LONG
    answer = client.post(
        "/backup/import",
        data={"csrf_token": token(client), "merge": "on"},
        files={"file": ("backup.json", json.dumps(document).encode(), "application/json")},
    )
    assert answer.status_code == 400
    assert "tables.people[" in answer.text and f"is longer than {limits.TITLE}" in answer.text
    assert json.loads(export(client)) == before


def _maximal(n: int, limit: int) -> str:
    return ("Ünïcødé " * (limit // 8 + 1))[: limit - 1] + str(n % 10)


@pytest.mark.postgres
def test_an_export_of_maximal_values_moves_from_sqlite_to_postgres(
    tmp_path: Path, postgres_url: str
) -> None:
    sqlite = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'max.sqlite3'}")
    service = open_service(sqlite, clock=fixed_clock)
    service.setup(
        ProfileIn(
            full_name=_maximal(1, limits.NAME),
            email="a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 53 + ".example",
            phone="+" + "1" * (limits.PHONE - 1),
            address=_maximal(2, limits.ADDRESS),
            timezone="America/Argentina/ComodRivadavia",
        )
    )
    person = {
        "name": _maximal(3, limits.NAME),
        "title": _maximal(4, limits.TITLE),
        "email": "p" * 64 + "@" + "q" * 63 + "." + "r" * 63 + "." + "s" * 53 + ".example",
        "phone": "+" + "2" * (limits.PHONE - 1),
        "address": _maximal(5, limits.ADDRESS),
        "salutation": _maximal(6, limits.SALUTATION),
        "discussed": [_maximal(n, limits.ITEM) for n in range(limits.ITEMS_PER_LIST)],
        "liked": [_maximal(n, limits.ITEM) for n in range(3)],
    }
    crowd = [{"name": f"Person {n}"} for n in range(limits.PEOPLE_PER_INTERVIEW - 1)]
    with local_client(sqlite, clock=fixed_clock) as client:
        headers = {"X-CSRF-Token": token(client)}
        app = {"company": _maximal(7, limits.COMPANY), "role": _maximal(8, limits.ROLE),
               "expected_response_by": "2100-12-31"}  # fmt: skip
        assert client.post("/api/applications", json=app, headers=headers).status_code == 201
        interview = {
            **INTERVIEW,
            "start": "2026-11-24T10:00:00+00:00",
            "end": "2026-11-24T11:00:00+00:00",
            "people": [person, *crowd],
            "forgot_to_mention": [_maximal(9, limits.ITEM)],
        }
        made = client.post("/api/applications/1/interviews", json=interview, headers=headers)
        assert made.status_code == 201, made.text
        reply = {"note": _maximal(10, limits.REPLY_NOTE), "kind": "update",
                 "expected_by": "2100-12-31", "at": NOW.isoformat()}  # fmt: skip
        assert (
            client.post("/api/applications/1/replies", json=reply, headers=headers).status_code
            == 201
        )
        note = {
            "csrf_token": token(client),
            "text": _maximal(11, limits.NOTE_TEXT),
            "method": "email",
        }
        asked = client.post(f"/actions/{ACTION}/sent", data=note, follow_redirects=False)
        assert asked.status_code == 200 and "Mark it sent with these errors?" in asked.text
        sent = client.post(
            f"/actions/{ACTION}/sent", data={**note, "confirmed": "1"}, follow_redirects=False
        )
        assert sent.status_code == 303
    document = export_document(service)
    pg = Settings(home=tmp_path, database_url=fresh_postgres_database(postgres_url))
    from followup.storage.store import open_store

    open_store(pg.database_url, migrate=True).close()
    target = open_service(pg, clock=fixed_clock)
    assert import_document(target, json.loads(json.dumps(document)), "max.json") == 1
    assert export_document(target) == document
