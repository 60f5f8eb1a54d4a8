"""The web's undo, delete and confirmations, and the fixes of issue 8 that live in the pages,
through the ASGI app on SQLite and PostgreSQL (the demo at 12:00 New York, 25 Nov 2026:
application 1 is Globex; Raj Patel, person 2, is owed a thank-you)."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import token

RAJ = "thank_you:1:2"


def export(client: TestClient) -> str:
    return client.get("/backup/export.json").text


def post(client: TestClient, path: str, **data: str) -> object:
    return client.post(path, data={"csrf_token": token(client), **data}, follow_redirects=False)


@pytest.mark.parametrize(
    ("path", "label", "gone"),
    [
        ("/delete/sent/1", "the record of the thank-you to Katherine Chen", "sent by email"),
        ("/delete/person/2", "Raj Patel", "Raj Patel"),
        ("/delete/interview/1", "the interview", "in-person interview"),
    ],
)
def test_delete_asks_first_then_undo_puts_it_back(
    client: TestClient, path: str, label: str, gone: str
) -> None:
    before = export(client)
    asked = post(client, path, next="/applications/1", label=label)
    assert asked.status_code == 200  # type: ignore[attr-defined]
    assert f"Delete {label}?" in asked.text  # type: ignore[attr-defined]
    assert "You can undo it for a minute after." in asked.text  # type: ignore[attr-defined]
    assert export(client) == before
    done = post(client, path, next="/applications/1", label=label, confirmed="1")
    location = done.headers["location"]  # type: ignore[attr-defined]
    assert re.fullmatch(r"/applications/1\?done=[0-9]+", location)
    page = client.get(location).text
    assert gone not in page.split('id="h-timeline"')[1].split('id="h-people"')[0]
    change = re.search(r'action="/undo/([0-9]+)"', page)
    assert change is not None
    undone = post(client, f"/undo/{change.group(1)}", next="/applications/1")
    assert "Undone: Deleted" in client.get(undone.headers["location"]).text  # type: ignore[attr-defined]
    assert export(client) == before


def test_deleting_an_application_leads_to_the_list_and_undo_back_to_it(client: TestClient) -> None:
    before = export(client)
    done = post(client, "/delete/app/1", next="/applications/1", confirmed="1")
    location = done.headers["location"]  # type: ignore[attr-defined]
    assert re.fullmatch(r"/applications\?done=[0-9]+", location)
    page = client.get(location).text
    assert "Deleted the application Globex Corporation — Senior Data Analyst." in page
    assert 'href="/applications/1"' not in page
    change = re.search(r'action="/undo/([0-9]+)"', page).group(1)  # type: ignore[union-attr]
    undone = post(client, f"/undo/{change}", next="/applications")
    assert undone.headers["location"].startswith("/applications/1?")  # type: ignore[attr-defined]
    assert export(client) == before


def test_an_undo_too_late_says_so_and_changes_nothing(demo_settings) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import NOW, local_client

    moment = [NOW]
    with local_client(demo_settings, clock=lambda: moment[0]) as client:
        client.get("/")
        done = post(client, f"/actions/{RAJ}/skip")
        change = done.headers["location"].split("done=")[1]  # type: ignore[attr-defined]
        after = export(client)
        moment[0] = NOW + timedelta(seconds=61)
        answer = post(client, f"/undo/{change}", next="/")
        page = client.get(answer.headers["location"]).text  # type: ignore[attr-defined]
        assert "Not undone: too late to undo that" in page
        assert 'action="/undo/' not in page
        assert export(client) == after


def test_a_message_in_an_address_shows_only_when_this_server_signed_it(client: TestClient) -> None:
    forged = client.get("/?say=warning:Your%20account%20is%20locked&sig=AAAAAAAAAAAAAAAAAAAAAA")
    assert "Your account is locked" not in forged.text


def test_a_reply_records_after_its_page_and_undo_brings_the_check_ins_back(
    client: TestClient,
) -> None:
    page = client.get("/").text
    assert 'href="/applications/1/reply?person=1&amp;next=/"' in page  # no one-click reply
    before = client.get("/api/agenda").json()["actions"]
    done = post(client, "/applications/1/replies", person="1", kind="answer", next="/")
    today = client.get(done.headers["location"]).text  # type: ignore[attr-defined]
    assert "Recorded an answer from Katherine Chen." in today
    assert "Check-in to Katherine Chen" not in today
    change = re.search(r'action="/undo/([0-9]+)"', today).group(1)  # type: ignore[union-attr]
    post(client, f"/undo/{change}", next="/")
    assert client.get("/api/agenda").json()["actions"] == before


def test_close_starts_on_no_choice_and_an_empty_one_is_shown_beside_it(client: TestClient) -> None:
    before = export(client)
    refused = post(client, "/applications/1/close", outcome="")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert re.search(r'id="e-outcome">Choose how it ended<', refused.text)  # type: ignore[attr-defined]
    assert export(client) == before


def test_a_closed_application_lists_no_next(client: TestClient) -> None:
    post(client, "/applications/1/close", outcome="rejected", confirmed="1")
    page = client.get("/applications/1").text
    assert 'id="h-next"' not in page and "Thank-you to Raj Patel" not in page
    assert "This application is closed" in page


def test_the_timeline_is_in_date_order(client: TestClient) -> None:
    page = client.get("/applications/3").text  # Umbrella: two rounds, letters, a reply
    times = re.findall(r'<span class="t">([^<]+)</span>', page)
    assert len(times) >= 6

    def moment(text: str) -> datetime:
        return datetime.strptime(f"2026 {text}", "%Y %a %d %b %H:%M")

    assert [moment(t) for t in times] == sorted(moment(t) for t in times)


def test_the_contact_detail_to_do_opens_that_persons_form(client: TestClient) -> None:
    post(client, "/people/2", name="Raj Patel", title="Analytics Lead")  # no email any more
    today = client.get("/").text
    link = re.search(r'href="(/people/[0-9]+/edit\?need=[a-z]+)">Add the contact detail', today)
    assert link is not None
    form = client.get(link.group(1).replace("&amp;", "&")).text
    assert 'name="email"' in form and 'name="phone"' in form and 'name="address"' in form
    assert link.group(1) == "/people/2/edit?need=email"
    assert form.index('name="email"') < form.index('name="name"')  # what is needed, first
    saved = post(client, "/people/2", name="Raj Patel", email="raj@globex.example")
    assert saved.status_code == 303  # type: ignore[attr-defined]
    assert json.loads(export(client))["tables"]["people"][1]["email"] == "raj@globex.example"
    assert "Add the contact detail" not in client.get("/").text
    person = "2"
    bad = post(client, f"/people/{person}", name="", email="nope")
    assert re.search(r'id="e-name">Give this person&#39;s name<', bad.text)  # type: ignore[attr-defined]
    assert re.search(r'id="e-email">Enter one email address', bad.text)  # type: ignore[attr-defined]


def test_an_interview_with_nobody_met_is_refused(client: TestClient) -> None:
    before = export(client)
    refused = post(
        client,
        "/applications/2/interviews",
        kind="video",
        start="2026-11-25T09:00",
        end="2026-11-25T10:00",
    )
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "Add at least one person you met" in refused.text  # type: ignore[attr-defined]
    assert export(client) == before


def test_every_problem_of_a_form_is_shown_beside_its_field(client: TestClient) -> None:
    refused = post(
        client,
        "/applications/2/interviews",
        kind="video",
        start="",
        end="soon",
        **{"person-0-name": "", "person-0-discussed": "renewals", "person-0-email": "x"},
    )
    text = refused.text  # type: ignore[attr-defined]
    for field, words in (
        ("start", "Enter when the interview started"),
        ("end", "Enter when the interview ended, as a date and a time"),
        ("person-0-name", "Give this person&#39;s name"),
        ("person-0-email", "Enter one email address"),
    ):
        assert re.search(rf'id="e-{field}">{words}', text), field
    assert "4 things need your attention" in text


def test_settings_keep_a_cadence_of_two_when_saved_for_another_reason(client: TestClient) -> None:
    form = {
        "full_name": "Jordan A. Rivera",
        "timezone": "America/New_York",
        "checkins_per_week": "2",
    }
    post(client, "/settings", **form)
    page = client.get("/settings").text
    assert '<option value="2" selected>Twice a week</option>' in page
    post(client, "/settings", **{**form, "phone": "+1 646 555 0100"})
    assert json.loads(export(client))["tables"]["profiles"][0]["checkins_per_week"] == 2


def test_head_is_answered_for_every_page(client: TestClient) -> None:
    for path in ("/", "/applications", "/applications/1", "/settings", "/api/agenda"):
        got = client.get(path)
        head = client.head(path)
        assert (head.status_code, head.content) == (200, b""), path
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-security-policy"] == got.headers["content-security-policy"]
    assert client.head("/static/style.css").status_code == 200
    assert client.head("/nowhere").status_code == 404


def test_the_web_import_never_names_a_cli_flag(client: TestClient) -> None:
    backup = export(client).encode()
    answer = client.post(
        "/backup/import",
        data={"csrf_token": token(client)},
        files={"file": ("backup.json", io.BytesIO(backup), "application/json")},
    )
    assert answer.status_code == 409
    assert "--merge" not in answer.text
    assert "Tick “Add to what is here (merge)”" in answer.text


def test_a_bounced_email_shows_on_today(client: TestClient, demo_settings) -> None:  # type: ignore[no-untyped-def]
    from followup.services import open_service
    from followup.services.sending import BOUNCED
    from followup.storage.mail import MailQueries
    from tests.web.conftest import NOW

    service = open_service(demo_settings)
    with service.store.transaction() as repo:
        MailQueries(repo.conn).add_outbox(
            profile_id=repo.profile_id(),
            application_id=1,
            action_id=RAJ,
            purpose="follow_up",
            idempotency_key=f"action:{RAJ}",
            message_id="<m1@example.org>",
            state="failed",
            to_address="raj.patel@globex.example",
            subject="Thank you",
            body="Hi Raj",
            raw="",
            attempts=1,
            last_error=f"{BOUNCED}550 user unknown",
            created_at=NOW.astimezone(UTC),
            updated_at=NOW.astimezone(UTC),
        )
        from followup.services.agenda import refresh_plan

        refresh_plan(repo, 1)
    card = client.get("/").text.split("Thank-you to Raj Patel")[1].split("</li>")[0]
    assert "Your email to raj.patel@globex.example bounced (550 user unknown)" in card
    assert 'href="/people/2/edit">Correct the address' in card


def test_a_check_in_window_reads_the_same_on_every_page_and_the_cli(
    client: TestClient,
    demo_settings,
    cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from zoneinfo import ZoneInfo

    from tests.web.conftest import NOW

    actions = {a["id"]: a for a in client.get("/api/agenda").json()["actions"]}
    start = datetime.fromisoformat(actions["check_in:1:1"]["not_before"]).astimezone(
        ZoneInfo("America/New_York")
    )
    due = datetime.fromisoformat(actions[RAJ]["due"]).astimezone(ZoneInfo("America/New_York"))
    window = f"{start:%a} {start.day} {start:%b} 09:00–17:00"  # Katherine Chen's check-in
    today = client.get("/").text.split("Check-in to Katherine Chen")[1].split("</li>")[0]
    assert window in today
    page = client.get("/applications/1").text.split("Check-in to Katherine Chen")[1]
    assert window in page.split("</li>")[0]
    assert window in client.get("/actions/check_in:1:1").text
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", demo_settings.database_url)
    table = cli("agenda", now=NOW.isoformat()).out
    assert window in table
    moment = f"{due:%a} {due.day} {due:%b %H:%M}"  # Raj Patel's thank-you, due
    assert moment in table and moment in client.get("/").text


def test_the_api_undoes_and_deletes(client: TestClient) -> None:
    headers = {"X-CSRF-Token": token(client)}
    before = export(client)
    deleted = client.delete("/api/replies/1", headers=headers)
    assert deleted.status_code == 200
    body = deleted.json()
    assert (body["deleted"], body["application"]) == ("Deleted the reply from Eleanor Whitfield", 3)
    undone = client.post("/api/undo", json={"change": body["change"]}, headers=headers)
    assert undone.json() == {"undone": "Deleted the reply from Eleanor Whitfield", "application": 3}
    assert export(client) == before
    again = client.post("/api/undo", json={}, headers=headers)
    assert again.status_code == 409
    assert again.json() == {
        "error": "nothing to undo: a change can be undone for a minute after it is made"
    }
    assert client.delete("/api/sent/99", headers=headers).json() == {
        "error": "no sent record with id '99'"
    }
    refused = client.delete("/api/applications/1")  # no token: refused, nothing deleted
    assert refused.status_code == 403 and export(client) == before


def test_the_api_refuses_a_kept_note_with_errors_unless_confirmed(client: TestClient) -> None:
    headers = {"X-CSRF-Token": token(client)}
    note = "Subject: Thanks\n\nDear Raj Patil,\n\nThank you.\n\nJordan A. Rivera"
    post(client, f"/actions/{RAJ}/keep", text=note, method="email")
    refused = client.post(f"/api/actions/{RAJ}/sent", json={}, headers=headers)
    assert refused.status_code == 409
    assert "proofreading error" in refused.json()["error"] and "Patil" in refused.json()["error"]
    done = client.post(f"/api/actions/{RAJ}/sent", json={"confirm": True}, headers=headers)
    assert done.status_code == 200
    sent = [f for f in json.loads(export(client))["tables"]["follow_ups"] if f["person_id"] == 2]
    assert sent[0]["body"] == note
