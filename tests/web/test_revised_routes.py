"""The web controls of the revised rules, on both databases: Skip on every open action, the
reply form's kind and dates, "No response" among the outcomes, country, English and check-in
limit in Settings; and their JSON API."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.web.conftest import token

# The demo at 12:00 New York on 25 Nov: application 1 is Globex; Raj Patel (person 2) is owed
# a thank-you for interview 1, Katherine Chen (1) was thanked.
RAJ = "thank_you:1:2"


def export(client: TestClient) -> str:
    return client.get("/backup/export.json").text


def test_skip_from_today(client: TestClient) -> None:
    today = client.get("/").text
    assert f'action="/actions/{RAJ}/skip"' in today
    assert 'aria-label="Skip the thank-you to Raj Patel"' in today
    response = client.post(
        f"/actions/{RAJ}/skip", data={"csrf_token": token(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert re.fullmatch(r"/\?done=[0-9]+", response.headers["location"])
    today = client.get(response.headers["location"]).text
    assert "Skipped the thank-you to Raj Patel." in today  # the toast, with its Undo
    assert re.search(r'<form method="post" action="/undo/[0-9]+">', today)
    assert f'href="/actions/{RAJ}"' not in today
    again = client.post(f"/actions/{RAJ}/skip", data={"csrf_token": token(client)})
    assert again.status_code == 409
    assert f"{RAJ} is already skipped" in again.text


def test_skip_from_the_application_page(client: TestClient) -> None:
    page = client.get("/applications/1").text
    assert f'action="/actions/{RAJ}/skip"' in page
    response = client.post(
        f"/actions/{RAJ}/skip",
        data={"csrf_token": token(client), "next": "/applications/1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert re.fullmatch(r"/applications/1\?done=[0-9]+", response.headers["location"])
    page = client.get("/applications/1").text
    assert "skipped the thank-you to Raj Patel" in page
    assert f'action="/actions/{RAJ}/skip"' not in page


def test_a_sent_follow_up_cannot_be_skipped_on_the_web(client: TestClient) -> None:
    before = export(client)
    response = client.post("/actions/thank_you:1:1/skip", data={"csrf_token": token(client)})
    assert response.status_code == 409
    assert "thank_you:1:1 is already recorded as sent; it cannot be skipped" in response.text
    assert export(client) == before


def test_the_reply_form_records_an_update_with_its_date(client: TestClient) -> None:
    assert 'href="/applications/1/reply?next=/applications/1"' in client.get("/applications/1").text
    page = client.get("/applications/1/reply").text
    for part in (
        'name="kind" value="answer" checked',
        'name="kind" value="update"',
        'name="kind" value="auto_reply"',
        'id="f-expected_by" name="expected_by" type="date"',
        'id="f-until" name="until" type="date"',
    ):
        assert part in page
    response = client.post(
        "/applications/1/replies",
        data={
            "csrf_token": token(client),
            "person": "1",
            "kind": "update",
            "expected_by": "2026-12-10",
            "note": "decision next week",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get("/applications/1").text
    assert "update from Katherine Chen (an answer by Thu 10 Dec): decision next week" in page
    assert "they wrote Wed 25 Nov that an answer comes by Thu 10 Dec" in html.unescape(page)


def test_a_bad_reply_is_shown_beside_its_field_and_stores_nothing(client: TestClient) -> None:
    before = export(client)
    for form, field, message in (
        ({"kind": "answer", "expected_by": "2026-12-10"}, "expected_by",
         "Check the new answer date: only an update gives a new answer date, not an answer"),
        ({"kind": "auto_reply", "until": "soon"}, "until", "Enter the day they are back as a date"),
        ({"kind": "maybe"}, "kind", "Must be answer, update or auto_reply, not &#39;maybe&#39;"),
    ):  # fmt: skip
        response = client.post(
            "/applications/1/replies", data={"csrf_token": token(client), **form}
        )
        assert response.status_code == 400
        assert re.search(rf'id="e-{field}"[^>]*>{message}<', response.text), field
        assert "--" not in re.search(rf'id="e-{field}"[^>]*>([^<]*)<', response.text).group(1)
    assert export(client) == before


def test_close_as_no_response(client: TestClient) -> None:
    page = client.get("/applications/1").text
    assert '<option value="no_response" >No response</option>' in page
    assert '<option value="" selected>Choose how it ended</option>' in page  # no choice made
    asked = client.post(
        "/applications/1/close", data={"csrf_token": token(client), "outcome": "no_response"}
    )
    assert asked.status_code == 200 and "Close Globex Corporation?" in asked.text
    assert client.get("/applications/1").text.count("status-active") == 1  # not yet
    response = client.post(
        "/applications/1/close",
        data={"csrf_token": token(client), "outcome": "no_response", "confirmed": "1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get("/applications/1").text
    assert '<p class="status status-no_response">No response' in page
    assert "Check-in to" not in page
    assert all(a["application"] != 1 for a in client.get("/api/agenda").json()["actions"])


def test_settings_keep_country_english_and_the_limit(client: TestClient) -> None:
    page = client.get("/settings").text
    for part in ('name="country"', 'name="english"', 'name="checkin_limit"'):
        assert part in page
    form = {
        "csrf_token": token(client),
        "full_name": "Jordan A. Rivera",
        "timezone": "America/New_York",
        "checkins_per_week": "1",
        "country": "GB",
        "english": "british",
        "checkin_limit": "3",
    }
    response = client.post("/settings", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert "Saved." in client.get(response.headers["location"]).text
    page = client.get("/settings").text
    assert 'id="f-country" name="country" type="text" value="GB"' in page
    assert 'id="f-checkin_limit" name="checkin_limit" type="number" value="3"' in page
    assert '<option value="british" selected>' in page
    before = export(client)
    response = client.post("/settings", data={**form, "country": "XX", "checkin_limit": "0"})
    assert response.status_code == 400
    assert re.search(r'id="e-country">Enter your country as a two-letter code', response.text)
    assert re.search(r'id="e-checkin_limit">Choose how many check-ins, from 1 to 12', response.text)
    assert export(client) == before


def test_the_api_skips_and_records_reply_kinds(client: TestClient) -> None:
    headers = {"X-CSRF-Token": token(client)}
    response = client.post(f"/api/actions/{RAJ}/skip", json={}, headers=headers)
    skipped = response.json()
    assert isinstance(skipped.pop("change"), int)
    assert (response.status_code, skipped) == (
        200,
        {"action": RAJ, "application": 1, "status": "skipped"},
    )
    response = client.post(f"/api/actions/{RAJ}/skip", json={}, headers=headers)
    assert (response.status_code, response.json()) == (409, {"error": f"{RAJ} is already skipped"})
    response = client.post(
        "/api/applications/1/replies",
        json={"kind": "auto_reply", "until": "2026-12-14"},
        headers=headers,
    )
    recorded = response.json()
    assert isinstance(recorded.pop("change"), int)
    assert (response.status_code, recorded) == (
        201,
        {"application": 1, "kind": "auto_reply", "check_ins": "continue"},
    )
    response = client.post(
        "/api/applications/1/replies", json={"expected_by": "2026-12-14"}, headers=headers
    )
    assert (response.status_code, response.json()) == (
        400,
        {"error": "the new answer date: only an update gives a new answer date, not an answer"},
    )


def test_a_forms_next_never_becomes_a_link_to_another_site(client: TestClient) -> None:
    """Found by a probe: the reply page put the `next` it was sent into its Cancel link."""
    for hostile in ("javascript:alert(document.domain)", "//evil.example/x"):
        asked = client.get("/applications/1/reply", params={"next": hostile}).text
        refused = client.post(
            "/applications/1/replies",
            data={
                "csrf_token": token(client),
                "kind": "update",
                "expected_by": "1800-01-01",
                "next": hostile,
            },
        )
        assert refused.status_code == 400
        for page in (asked, refused.text):
            assert hostile not in page
            assert '<a class="button" href="/">Cancel</a>' in page
