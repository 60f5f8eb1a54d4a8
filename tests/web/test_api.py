"""The JSON API: the same use cases as the CLI, errors as {"error": ...} with a 4xx."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient

from tests.web.conftest import token


def write(client: TestClient, method: str, url: str, body: object) -> object:
    return client.request(method, url, json=body, headers={"X-CSRF-Token": token(client)})


def test_an_interview_to_a_reply_through_the_api(client: TestClient) -> None:
    created = write(
        client,
        "POST",
        "/api/applications",
        {"company": "Hooli", "role": "Product Manager", "decision_speed": "quick"},
    )
    assert created.status_code == 201
    app_id = created.json()["id"]
    interview = write(
        client,
        "POST",
        f"/api/applications/{app_id}/interviews",
        {
            "kind": "video",
            "start": "2026-11-25T09:00:00-05:00",
            "end": "2026-11-25T10:00:00-05:00",
            "expected_response_by": "2026-12-02",
            "people": [
                {
                    "name": "Gavin Belson",
                    "email": "gavin@hooli.example",
                    "primary": True,
                    "discussed": ["the Nucleus launch"],
                    "liked": ["my launch checklists"],
                },
                {"name": "Denpok", "email": "denpok@hooli.example"},
            ],
        },
    )
    assert interview.status_code == 201
    plan = client.get(f"/api/applications/{app_id}/plan").json()
    thanks = [a for a in plan["actions"] if a["kind"] == "thank_you"]
    assert [a["due"] for a in thanks] == ["2026-11-26T10:00:00-05:00"] * 2
    people = client.get(f"/api/applications/{app_id}/people").json()
    assert [p["name"] for p in people] == ["Gavin Belson", "Denpok"]
    draft = client.get(f"/api/actions/{thanks[0]['id']}/draft").json()
    assert draft["findings"] == [] and "the Nucleus launch" in draft["body"]
    checked = write(
        client,
        "POST",
        f"/api/actions/{thanks[0]['id']}/check",
        {"text": draft["body"].replace("Hi Gavin,", "Dear Gavin Belsen,")},
    )
    assert any(
        f["kind"] == "name" and f["suggestions"] == ["Belson"] for f in checked.json()["findings"]
    )
    for a in thanks:
        assert write(client, "POST", f"/api/actions/{a['id']}/sent", {}).status_code == 200
    assert (
        write(
            client,
            "POST",
            f"/api/applications/{app_id}/replies",
            {"from": people[0]["id"], "note": "Offer"},
        ).status_code
        == 201
    )
    agenda = client.get("/api/agenda").json()
    assert all(a["application"] != app_id for a in agenda["actions"])


@pytest.mark.parametrize(
    ("method", "url", "body", "status", "error"),
    [
        (
            "GET",
            "/api/applications/999",
            None,
            404,
            "no application with id '999'; see `followup app list`",
        ),
        (
            "POST",
            "/api/applications",
            {"company": "", "role": "PM"},
            422,
            "company: String should have at least 1 character",
        ),
        (
            "POST",
            "/api/applications/1/interviews",
            {"start": "2026-11-25T09:00:00", "end": "2026-11-25T10:00:00-05:00"},
            422,
            "start: not an ISO 8601 time with offset (add one, e.g. +00:00 or -05:00)",
        ),
        (
            "POST",
            "/api/applications/1/interviews",
            {
                "start": "2026-11-25T11:00:00-05:00",
                "end": "2026-11-25T10:00:00-05:00",
                "people": [{"name": "Ann Lee"}],
            },
            400,
            "end: the interview ends before it starts",
        ),
        (
            "POST",
            "/api/actions/thank_you:1:1/sent",
            {},
            409,
            "thank_you:1:1 is already recorded as sent",
        ),
        (
            "POST",
            "/api/actions/thank_you:1:99/sent",
            {},
            404,
            "no action with id 'thank_you:1:99'; person 99 was not met at that interview",
        ),
        (
            "POST",
            "/api/actions/thank_you:1:2/check",
            {"text": "   "},
            422,
            "text: String should have at least 1 character",
        ),
        (
            "POST",
            "/api/applications/1/replies",
            {"note": "a\u0000b"},
            422,
            "note: contains a NUL character",
        ),
        (
            "POST",
            "/api/applications",
            {"company": "Ho\u0000li", "role": "PM"},
            422,
            "company: contains a NUL character",
        ),
    ],
)
def test_errors_are_json_with_a_4xx(
    client: TestClient, method: str, url: str, body: object, status: int, error: str
) -> None:
    before = client.get("/backup/export.json").text
    response = write(client, method, url, body) if body is not None else client.get(url)
    assert response.status_code == status
    assert response.json() == {"error": error}
    assert client.get("/backup/export.json").text == before


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/agenda",
        "/api/applications",
        "/api/applications/{app_id}/plan",
        "/api/actions/{action_id}/draft",
        "/api/actions/{action_id}/check",
        "/api/actions/{action_id}/sent",
        "/api/applications/{app_id}/replies",
    } <= paths
    assert not any(p.startswith("/actions") for p in paths)  # pages are not the API


def test_schemathesis_finds_no_server_error(client: TestClient) -> None:
    """Every documented operation, fed generated input (with and without a valid token)."""
    from hypothesis import HealthCheck, given, settings

    here = str(client.base_url)  # the address the app answers at; any other Host gets 421
    schema = schemathesis.openapi.from_asgi(
        "/api/openapi.json", client.app, headers={"Host": client.base_url.netloc.decode()}
    )
    failures: list[str] = []
    calls: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy())
        def run(case) -> None:  # type: ignore[no-untyped-def]
            calls.append(case.method)
            response = case.call(
                base_url=here, headers={"X-CSRF-Token": token(client)}, cookies=dict(client.cookies)
            )
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")
            if response.status_code >= 400:
                assert "error" in response.json(), (case.method, case.path, response.text)

        run()
    assert failures == []
    assert len(calls) > 100 and {"GET", "POST", "PATCH"} <= set(calls)
