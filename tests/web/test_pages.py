"""Pages through the ASGI app on SQLite and PostgreSQL: forms, errors, escaping, security."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import token

PAGES = [
    "/", "/applications", "/applications/1", "/applications/2/interviews/new",
    "/interviews/3/edit", "/actions/thank_you:1:2", "/actions/thank_you:3:4/callsheet",
    "/settings", "/backup", "/people-row?n=2", "/applications/1/reply?person=2&next=/",
    "/people/3/edit?need=email", "/actions/thank_you:1:2?method=letter&fresh=1",
]  # fmt: skip


def export(client: TestClient) -> str:
    return client.get("/backup/export.json").text


def test_every_page_renders_with_security_headers_and_gets_change_nothing(
    client: TestClient,
) -> None:
    before = export(client)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "<script>" not in response.text  # no inline script, only script files
        assert response.headers["cache-control"] == "no-store", path  # no copy on disk
    for private in ("/backup/export.json", "/api/agenda"):
        assert client.get(private).headers["cache-control"] == "no-store", private
    assert "no-store" not in client.get("/static/style.css").headers.get("cache-control", "")
    assert export(client) == before


def test_first_visit_leads_through_setup(empty_client: TestClient) -> None:
    response = empty_client.get("/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/setup")
    page = empty_client.get("/setup").text
    assert "Welcome to followup" in page
    response = empty_client.post(
        "/setup",
        data={
            "csrf_token": token(empty_client),
            "full_name": "Jordan A. Rivera",
            "email": "jordan@example.org",
            "timezone": "Mars/Olympus",
            "checkins_per_week": "1",
        },
    )
    assert response.status_code == 400
    assert re.search(
        r'id="e-timezone">Enter your timezone as a place name, such as America/New_York',
        response.text,
    )
    assert 'aria-invalid="true" aria-describedby="e-timezone' in response.text
    assert 'value="Jordan A. Rivera"' in response.text  # what was typed is kept
    response = empty_client.post(
        "/setup",
        data={
            "csrf_token": token(empty_client),
            "full_name": "Jordan A. Rivera",
            "timezone": "America/New_York",
            "checkins_per_week": "2",
        },
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/")
    assert "Nobody is owed a message" in empty_client.get("/").text


def test_posts_without_the_csrf_token_are_refused(client: TestClient) -> None:
    before = export(client)
    response = client.post("/applications", data={"company": "Hooli", "role": "PM"})
    assert response.status_code == 403
    assert "security token" in response.text
    response = client.post(
        "/applications", data={"company": "Hooli", "role": "PM", "csrf_token": "x" * 43}
    )
    assert response.status_code == 403
    response = client.post("/api/applications", json={"company": "Hooli", "role": "PM"})
    assert response.status_code == 403
    assert response.json() == {
        "error": "the form's security token is missing or stale; reload the page and try again"
    }
    assert export(client) == before


def test_bad_application_form_shows_the_message_beside_the_field(client: TestClient) -> None:
    before = export(client)
    response = client.post(
        "/applications", data={"csrf_token": token(client), "company": "", "role": "PM"}
    )
    assert response.status_code == 400
    # in words a job seeker understands, never a library's ("String should have at least...")
    assert re.search(r'id="e-company">Give the company a name</p>', response.text)
    assert "String should" not in response.text
    assert export(client) == before


def test_user_text_is_escaped(client: TestClient) -> None:
    response = client.post(
        "/applications",
        data={"csrf_token": token(client), "company": "<script>alert(1)</script>", "role": "PM"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    page = client.get("/applications").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_interview_form_with_people_and_no_answer_date(client: TestClient) -> None:
    response = client.post(
        "/applications/2/interviews",
        data={
            "csrf_token": token(client),
            "kind": "video",
            "start": "2026-11-25T09:00",
            "end": "2026-11-25T10:00",
            "person-0-name": "Ann Lee",
            "person-0-email": "ann@initech.example",
            "person-0-discussed": "renewals\nexpansion",
            "person-1-name": "Bo Kim",
            "person-1-phone": "+1 555 0100",
            "primary": "1",
            "forgot": "I speak Spanish",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/applications/2?notice=ask"
    page = client.get(response.headers["location"]).text
    assert "you should have asked when to expect an answer" in page
    assert "Ann Lee" in page and "Bo Kim" in page


def test_interview_form_errors_keep_what_was_typed(client: TestClient) -> None:
    before = export(client)
    response = client.post(
        "/applications/2/interviews",
        data={
            "csrf_token": token(client),
            "kind": "video",
            "start": "2026-11-25T09:00",
            "end": "2026-11-25T08:00",
            "person-0-name": "Ann Lee",
            "person-0-email": "not-an-email",
        },
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    assert 'value="Ann Lee"' in response.text
    response = client.post(
        "/applications/2/interviews",
        data={
            "csrf_token": token(client),
            "kind": "video",
            "start": "2026-11-25T09:00",
            "end": "2026-11-25T10:00",
            "person-0-name": "Ann Lee",
            "person-0-email": "not-an-email",
        },
    )
    assert re.search(
        r'id="e-person-0-email">Enter one email address, such as name@company.com</p>',
        response.text,
    )
    assert export(client) == before


def test_live_check_and_applying_a_suggestion(client: TestClient) -> None:
    page = client.get("/actions/thank_you:1:2").text
    text = re.search(r'<textarea id="note"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    import html

    text = re.sub(r"^(Hi|Dear) Raj[^,\n]*,", "Dear Raj Patil,", html.unescape(text), flags=re.M)
    assert "Dear Raj Patil," in text
    headers = {"X-CSRF-Token": token(client), "HX-Request": "true"}
    fragment = client.post("/actions/thank_you:1:2/check", data={"text": text}, headers=headers)
    assert fragment.status_code == 200
    assert '<mark class="name"' in fragment.text and "Patil" in fragment.text
    start = text.index("Patil")
    checked = re.search(r"&#34;checked&#34;: &#34;([0-9a-f]+)&#34;", fragment.text)
    checked = checked or re.search(r'"checked": "([0-9a-f]+)"', fragment.text)
    assert checked is not None
    suggestion = {"start": str(start), "end": str(start + 5), "replacement": "Patel"}
    applied = client.post(
        "/actions/thank_you:1:2/apply",
        headers=headers,
        data={"text": text, **suggestion, "expected": "Patil", "checked": checked.group(1)},
    )
    assert "Dear Raj Patel" in applied.text and "no problems found" in applied.text
    # typed on before the check caught up: the suggestion is not applied where it no longer
    # fits, the note is checked again as it is
    typed = "I received great " + text
    stale = client.post(
        "/actions/thank_you:1:2/apply",
        headers=headers,
        data={"text": typed, **suggestion, "expected": "Patil", "checked": checked.group(1)},
    )
    assert "I received great " in stale.text and "Dear Raj Patil" in stale.text
    assert "Patel" in stale.text  # offered again, at its new place
    assert "Dear Raj Patel" not in stale.text


def test_mark_sent_keeps_the_final_text(client: TestClient) -> None:
    text = "Subject: Thanks\n\nDear Raj,\n\nThank you.\n\nJordan A. Rivera"
    response = client.post(
        "/actions/thank_you:1:2/sent",
        data={"csrf_token": token(client), "text": text, "method": "email"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert re.fullmatch(r"/\?done=[0-9]+", response.headers["location"])  # Today, with Undo
    document = json.loads(export(client))
    assert any(f["body"] == text for f in document["tables"]["follow_ups"])
    assert "Raj Patel" not in client.get("/").text.split("Coming up")[0]


def test_downloads(client: TestClient) -> None:
    text = "Subject: Thanks\n\nDear Raj,\n\nThank you.\n\nJordan A. Rivera"
    eml = client.post(
        "/actions/thank_you:1:2/eml", data={"csrf_token": token(client), "text": text}
    )
    assert eml.headers["content-type"].startswith("message/rfc822")
    assert b"Subject: Thanks" in eml.content and b"raj.patel@globex.example" in eml.content
    pdf = client.post(
        "/actions/thank_you:1:2/pdf", data={"csrf_token": token(client), "text": text}
    )
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("path", ["/applications/999", "/actions/thank_you:9:9", "/nowhere"])
def test_unknown_ids_are_404_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Not found" in response.text


def test_cached_pages_follow_writes_from_another_process(client: TestClient, demo_settings) -> None:  # type: ignore[no-untyped-def]
    from followup.services import open_service
    from tests.web.conftest import fixed_clock

    assert "Thank-you to Raj Patel" in client.get("/").text
    assert "Thank-you to Raj Patel" in client.get("/").text  # served from the cache
    other = open_service(demo_settings, clock=fixed_clock)  # e.g. the CLI, at the same time
    other.mark_sent("thank_you:1:2")
    assert "Thank-you to Raj Patel" not in client.get("/").text
    assert "thank-you to Raj Patel sent by email" in client.get("/applications/1").text
    page = client.get("/")
    assert page.text.count(token(client)) > 3 and "@@csrf-token@@" not in page.text


def test_notes_without_a_name_are_refused_not_dropped(client: TestClient) -> None:
    before = export(client)
    response = client.post(
        "/applications/2/interviews",
        data={
            "csrf_token": token(client),
            "kind": "video",
            "start": "2026-11-25T09:00",
            "end": "2026-11-25T10:00",
            "person-0-name": "Ann Lee",
            "person-3-discussed": "the renewals team",
        },
    )
    assert response.status_code == 400
    assert re.search(r'id="e-person-3-name">Give this person&#39;s name</p>', response.text)
    assert "the renewals team" in response.text
    assert export(client) == before
