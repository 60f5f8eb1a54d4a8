"""The calendar's pages on SQLite and PostgreSQL: an invitation dropped on an application's page
or on Today (the questions it may need, bad files refused beside the picker with nothing
stored, a cancellation undone), Today's interviews to add, Settings → Calendar, and "Add to
calendar" on each open action. Invitations are the ones in tests/calendar/invites."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from fastapi.testclient import TestClient
from httpx import Response

from followup.core import limits
from followup.inputs.models import ApplicationIn, InterviewIn
from followup.services import Followup
from followup.settings import Settings
from tests.calendar.conftest import NOW, invite, make_service
from tests.calendar.test_subscription import CalendarServer
from tests.web.conftest import local_client, token


@pytest.fixture
def service(db_url: str) -> Followup:
    return make_service(db_url)


@pytest.fixture
def client(service: Followup, db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(home=tmp_path, database_url=db_url)
    with local_client(settings, clock=lambda: NOW) as c:
        c.get("/")
        yield c


def export(client: TestClient) -> str:
    return client.get("/backup/export.json").text


def drop(
    client: TestClient, name: str, *, app: int | None = None, data: bytes | None = None
) -> Response:
    """The picker's form, as the browser sends it (the drop zone submits the same form)."""
    fields = {"csrf_token": token(client), "next": f"/applications/{app}" if app else "/"}
    if app:
        fields["app"] = str(app)
    body = invite(name).read_bytes() if data is None else data
    return client.post(
        "/invites",
        data=fields,
        files={"file": (name, body, "text/calendar")},
        follow_redirects=False,
    )


def text_of(response: Response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.text))


def beside_picker(response: Response) -> str:
    found = re.search(r'<p class="error" id="e-invite"[^>]*>(.*?)</p>', response.text, re.S)
    assert found, response.text[:2000]
    assert 'aria-invalid="true" aria-describedby="e-invite' in response.text
    return html.unescape(found.group(1))


def carried(response: Response) -> dict[str, str]:
    """The hidden fields of the question page (the file travels in them)."""
    return {
        m.group(1): html.unescape(m.group(2))
        for m in re.finditer(r'<input type="hidden" name="(\w+)" value="([^"]*)">', response.text)
    }


def interviews_of(service: Followup, app_id: int) -> list[tuple[str, list[str]]]:
    facts = service.application(app_id).facts
    return [(i.start.isoformat(), sorted(p.name for p in i.participants)) for i in facts.interviews]


# -- the picker ----------------------------------------------------------------------------
def test_an_invitation_dropped_on_an_application_page(
    client: TestClient, service: Followup
) -> None:
    page = client.get("/applications/2")
    assert 'action="/invites" enctype="multipart/form-data"' in page.text
    assert "the interview is added to Initech" in text_of(page)
    response = drop(client, "google-meet.ics", app=2)
    assert response.status_code == 303
    shown = client.get(response.headers["location"])
    said = text_of(shown)
    assert (
        "Added the video interview of Tue 10 Mar 14:00 with Priya Natarajan, Marcus O'Brien "
        "and Dana Whitfield." in said
    )
    for name in ("Priya Natarajan", "Marcus O'Brien", "Dana Whitfield"):
        assert name in said
    met = ["Dana Whitfield", "Marcus O'Brien", "Priya Natarajan"]
    assert ("2026-03-10T18:00:00+00:00", met) in interviews_of(service, 2)


def test_on_today_the_invitation_finds_its_application(
    client: TestClient, service: Followup
) -> None:
    response = drop(client, "outlook-teams.ics")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/applications/1?")
    assert "Katherine Chen" in text_of(client.get(response.headers["location"]))
    assert len(service.application(1).facts.interviews) == 2


def test_unknown_application_is_asked_or_made_from_the_guess(
    client: TestClient, service: Followup
) -> None:
    before = export(client)
    asked = drop(client, "zoom.ics")  # no organizer, no attendees: nobody names a company
    assert asked.status_code == 200
    assert "Which application is this interview for?" in asked.text
    for company in ("Globex Corporation", "Initech", "Umbrella Health", "Hooli"):
        assert company in asked.text
    assert "Nothing is stored until you press Import." in asked.text
    assert export(client) == before
    fields = carried(asked)
    assert fields["name"] == "zoom.ics" and fields["data"]
    # a new application with an empty company: asked again, the problem beside the field
    refused = client.post("/invites", data=fields | {"app": "new", "company": "", "role": "x"})
    assert refused.status_code == 400
    assert re.search(r'id="e-company"', refused.text)
    assert export(client) == before
    made = client.post(
        "/invites",
        data=carried(refused) | {"app": "new", "company": "Pied Piper", "role": "Data Analyst"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    app_id = int(re.match(r"/applications/(\d+)", made.headers["location"]).group(1))  # type: ignore[union-attr]
    assert service.application(app_id).application.company == "Pied Piper"
    assert len(service.application(app_id).facts.interviews) == 1


def test_a_new_application_is_guessed_from_the_domain_and_title(
    client: TestClient, service: Followup
) -> None:
    service.delete_application(4)  # Hooli: its domain now names no application
    asked = drop(client, "webex.ics")
    assert "Which application is this interview for?" in asked.text
    assert "None of your applications has people at hooli.example." in text_of(asked)
    assert 'id="f-company" name="company" type="text" value="Hooli"' in asked.text
    assert 'id="f-role" name="role" type="text" value="Analytics Engineer"' in asked.text


def test_a_recurring_invitation_asks_which_occurrences(
    client: TestClient, service: Followup
) -> None:
    before = export(client)
    asked = drop(client, "recurring.ics", app=4)
    assert "Which of these are interviews?" in asked.text
    dates = re.findall(r'name="occurrence" value="(\d{4}-\d\d-\d\d)"', asked.text)
    assert len(dates) == 4
    assert export(client) == before
    fields = carried(asked)
    assert fields["app"] == "4"  # the application page's choice travels with the question
    nothing = client.post("/invites", data=fields)
    assert nothing.status_code == 400
    assert "Tick the occurrences that are interviews" in nothing.text
    assert export(client) == before
    done = client.post("/invites", data=fields | {"occurrence": dates[1]}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/applications/4?")
    assert len(service.application(4).facts.interviews) == 2  # the screening call, and one


BAD = {
    "not-icalendar.ics": "not an iCalendar file",
    "no-dtstart.ics": "no-dtstart.ics",
    "unknown-tzid.ics": "Mars Standard Time",
    "no-calendar.eml": "no-calendar.eml",
    "malformed.ics": "malformed.ics",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_refused_beside_the_picker(client: TestClient, name: str) -> None:
    before = export(client)
    for app in (2, None):
        response = drop(client, name, app=app)
        assert response.status_code == 400
        message = beside_picker(response)
        assert name in message and BAD[name] in message
        assert ("<h1>Today</h1>" in response.text) is (app is None)
    assert export(client) == before


def test_too_large_a_file_and_no_file(client: TestClient) -> None:
    before = export(client)
    padded = (
        invite("google-meet.ics")
        .read_bytes()
        .replace(b"END:VEVENT", b"X-PAD:" + b"a" * (limits.CALENDAR_BYTES + 10) + b"\r\nEND:VEVENT")
    )
    assert "too large (5.0 MB)" in beside_picker(drop(client, "big.ics", app=1, data=padded))
    huge = drop(client, "huge.ics", app=1, data=b"x" * (2 * limits.CALENDAR_BYTES + 10))
    assert huge.status_code == 413
    empty = client.post(
        "/invites", data={"csrf_token": token(client), "next": "/applications/1", "app": "1"}
    )
    assert beside_picker(empty) == "Choose an .ics or .eml file first."
    assert export(client) == before


def test_a_cancellation_removes_with_undo(client: TestClient, service: Followup) -> None:
    drop(client, "google-meet.ics")
    assert len(service.application(2).facts.interviews) == 2
    removed = drop(client, "cancel.ics")
    assert removed.status_code == 303
    page = client.get(removed.headers["location"])
    toast = re.search(r'<div class="toast".*?</div>', page.text, re.S)
    assert toast and "cancelled in the calendar" in toast.group(0)
    assert len(service.application(2).facts.interviews) == 1
    undo = re.search(r'action="(/undo/\d+)"', toast.group(0))
    assert undo
    back = client.post(
        undo.group(1),
        data={"csrf_token": token(client), "next": "/applications/2"},
        follow_redirects=True,
    )
    assert "Undone: Removed the interview" in text_of(back)
    assert len(service.application(2).facts.interviews) == 2
    # put back with its UID: a later update moves it rather than adding another
    moved = drop(client, "update-seq2.ics")
    assert "Updated the interview" in text_of(client.get(moved.headers["location"]))
    assert len(service.application(2).facts.interviews) == 2


# -- Today's interviews to add -------------------------------------------------------------
def test_proposals_on_today_import_and_dismiss(client: TestClient, service: Followup) -> None:
    with CalendarServer() as calendar:
        service.set_subscription(calendar.url)
        proposals = service.poll_subscription().proposals
    today = client.get("/")
    assert "Interviews to add" in today.text
    for p in proposals:
        assert html.escape(p.summary, quote=False) in today.text
    into = {p.application_id for p in proposals}
    assert None not in into
    for app_id in into:
        app = service.application(app_id).application  # type: ignore[arg-type]
        assert f"Goes into {app.company} — {app.role}" in text_of(today)
    first, second, third = proposals
    done = client.post(
        f"/proposals/{first.id}/import", data={"csrf_token": token(client)}, follow_redirects=False
    )
    assert done.headers["location"].startswith(f"/applications/{first.application_id}?")
    assert "Added the" in text_of(client.get(done.headers["location"]))
    dismissed = client.post(
        f"/proposals/{second.id}/dismiss", data={"csrf_token": token(client)}, follow_redirects=True
    )
    assert "Dismissed" in dismissed.text
    today = client.get("/")
    assert html.escape(first.summary, quote=False) not in today.text
    assert html.escape(second.summary, quote=False) not in today.text
    assert html.escape(third.summary, quote=False) in today.text
    again = client.post(
        f"/proposals/{second.id}/import", data={"csrf_token": token(client)}, follow_redirects=True
    )
    assert "imported or dismissed already" in again.text


def test_a_proposal_matching_two_applications_asks_which(
    client: TestClient, service: Followup
) -> None:
    second = service.add_application(ApplicationIn(company="Globex Corporation", role="BI Lead"))
    service.add_interview(
        second,
        InterviewIn.model_validate(
            {
                "kind": "phone",
                "start": "2026-02-09T10:00:00-05:00",
                "end": "2026-02-09T10:30:00-05:00",
                "people": [{"name": "Ana Ruiz", "email": "ana.ruiz@globex.example"}],
            }
        ),
    )
    [proposal_id] = service.propose_from_mail(invite("outlook-invite.eml").read_bytes())
    today = text_of(client.get("/"))
    assert "Matches several applications: Import asks which (or a new application)" in today
    asked = client.post(f"/proposals/{proposal_id}/import", data={"csrf_token": token(client)})
    assert "Which application is this interview for?" in asked.text
    assert "Several of your applications have people at globex.example." in text_of(asked)
    assert f'value="{second}"' in asked.text and 'value="1"' in asked.text
    done = client.post(
        f"/proposals/{proposal_id}/import",
        data={"csrf_token": token(client), "app": str(second)},
        follow_redirects=False,
    )
    assert done.headers["location"].startswith(f"/applications/{second}?")
    names = {p.name for i in service.application(second).facts.interviews for p in i.participants}
    assert {"María Gonzalez", "Siobhán O'Neill"} <= names
    assert service.proposals() == []


# -- Settings → Calendar -------------------------------------------------------------------
def test_settings_subscribe_links_and_renewing(client: TestClient, service: Followup) -> None:
    page = client.get("/settings")
    link = service.feed_link(base_url="http://127.0.0.1:8765")
    assert link.webcal.startswith("webcal://127.0.0.1:8765/calendar/")
    assert f'value="{link.webcal}"' in page.text and f'value="{link.url}"' in page.text
    old = "/" + link.url.split("/", 3)[3]
    assert client.get(old).status_code == 200
    confirm = client.post("/settings/calendar/renew", data={"csrf_token": token(client)})
    assert "Make a new calendar link?" in confirm.text
    assert "stops working at once" in confirm.text
    assert client.get(old).status_code == 200  # not yet: only asked
    renewed = client.post(
        "/settings/calendar/renew",
        data={"csrf_token": token(client), "confirmed": "1"},
        follow_redirects=True,
    )
    assert "the old one no longer works" in renewed.text
    assert client.get(old).status_code == 404
    new = service.feed_link(base_url="http://127.0.0.1:8765")
    assert new.url != link.url and f'value="{new.url}"' in renewed.text


def test_settings_aliases(client: TestClient, service: Followup) -> None:
    saved = client.post(
        "/settings/calendar/aliases",
        data={
            "csrf_token": token(client),
            "aliases": "jordan@rivera.example\nJ.Rivera@Work.example",
        },
        follow_redirects=True,
    )
    assert "Saved your other addresses." in saved.text
    assert service.me().aliases == ("jordan@rivera.example", "j.rivera@work.example")
    before = export(client)
    refused = client.post(
        "/settings/calendar/aliases",
        data={"csrf_token": token(client), "aliases": "jordan@rivera.example\nnot-an-address"},
    )
    assert refused.status_code == 400
    assert re.search(r'<p class="error" id="e-aliases">[^<]+</p>', refused.text)
    assert "not-an-address" in refused.text  # what was typed stays in the field
    assert export(client) == before


def test_settings_own_calendar_and_its_last_check(client: TestClient, service: Followup) -> None:
    before = export(client)
    refused = client.post(
        "/settings/calendar/subscription", data={"csrf_token": token(client), "url": "ftp://x"}
    )
    assert refused.status_code == 400
    assert re.search(r'<p class="error" id="e-url">[^<]+</p>', refused.text)
    assert export(client) == before
    with CalendarServer() as calendar:
        followed = client.post(
            "/settings/calendar/subscription",
            data={"csrf_token": token(client), "url": calendar.url},
            follow_redirects=True,
        )
        assert "Following your calendar. Read 4 events; 3 interviews to add." in text_of(followed)
        assert calendar.url not in followed.text  # the calendar's own secret is not shown
        assert "Last checked" in followed.text
        calendar.status = 404
        failed = client.post(
            "/settings/calendar/poll", data={"csrf_token": token(client)}, follow_redirects=True
        )
        assert "answered HTTP 404" in text_of(failed)
        assert "failed: the calendar address answered HTTP 404" in text_of(client.get("/settings"))
    stopped = client.post(
        "/settings/calendar/subscription",
        data={"csrf_token": token(client), "stop": "1"},
        follow_redirects=True,
    )
    assert "no longer reads your calendar" in stopped.text
    assert service.subscription()[0] is False


def test_add_to_calendar_on_each_open_action(client: TestClient, service: Followup) -> None:
    drop(client, "google-meet.ics")
    page = client.get("/applications/2")
    links = re.findall(r'href="(/actions/[^"]+/calendar\.ics)" download', page.text)
    actions = service.application(2).plan.open_actions
    assert len(links) == len(actions) > 0
    for link in links[:3]:
        response = client.get(html.unescape(link))
        assert response.status_code == 200
        [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert len(event.walk("VALARM")) == 1


# -- which application is chosen beforehand ---------------------------------------------------
def checked_app(response: Response) -> list[str]:
    return re.findall(r'name="app" value="(\w+)" required checked', response.text)


def test_an_unknown_domain_never_lands_in_the_first_application(
    client: TestClient, service: Followup
) -> None:
    """A new user's report: hooli-xyz.example matched nothing, yet Globex (first listed) was
    chosen, and Import added Gavin Belson to Globex."""
    data = invite("webex.ics").read_bytes().replace(b"hooli.example", b"hooli-xyz.example")
    before = export(client)
    asked = drop(client, "hooli.ics", data=data)
    assert "None of your applications has people at hooli-xyz.example." in text_of(asked)
    assert checked_app(asked) == ["new"]
    assert "Guessed from the people's email domain" in text_of(asked)
    # pressing Import as offered makes a new application; Globex is left as it was
    typed = dict(
        re.findall(r'id="f-(company|role)" name="\w+" type="text" value="([^"]*)"', asked.text)
    )
    assert typed["company"] == "Hooli Xyz"
    made = client.post(
        "/invites", data=carried(asked) | typed | {"app": "new"}, follow_redirects=False
    )
    app_id = int(re.match(r"/applications/(\d+)", made.headers["location"]).group(1))  # type: ignore[union-attr]
    assert app_id not in (1, 2, 3, 4)
    assert service.application(app_id).application.company == "Hooli Xyz"
    assert len(service.application(1).facts.interviews) == 1
    assert export(client) != before


def test_a_title_naming_an_application_offers_it_first(client: TestClient) -> None:
    """Zoom's invitation names nobody: its title's company, an existing application's, is
    offered first and chosen; the hint says the guess came from the title."""
    asked = drop(client, "zoom.ics")
    radios = re.findall(r'name="app" value="(\w+)"', asked.text)
    assert radios[0] == "3" and checked_app(asked) == ["3"]  # Umbrella Health
    assert "Guessed from the invitation's title" in text_of(asked)
    assert "Guessed from the people's email domain" not in text_of(asked)


def test_several_matching_applications_are_chosen_by_the_user(
    client: TestClient, service: Followup
) -> None:
    second = service.add_application(ApplicationIn(company="Initech", role="BI Lead"))
    service.add_interview(
        second,
        InterviewIn.model_validate(
            {
                "kind": "phone",
                "start": "2026-02-09T10:00:00-05:00",
                "end": "2026-02-09T10:30:00-05:00",
                "people": [{"name": "Bill Lumbergh", "email": "bill@initech.example"}],
            }
        ),
    )
    asked = drop(client, "google-meet.ics")
    assert "Several of your applications have people at initech.example." in text_of(asked)
    assert checked_app(asked) == []
    before = export(client)
    unchosen = client.post("/invites", data=carried(asked))
    assert unchosen.status_code == 400
    assert "Choose the application it is for, or a new one." in text_of(unchosen)
    assert export(client) == before


def test_an_older_copy_of_a_cancelled_invitation_changes_nothing(
    client: TestClient, service: Followup
) -> None:
    drop(client, "google-meet.ics")
    cancel = invite("cancel.ics").read_bytes().replace(b"SUMMARY:", b"SUMMARY:Canceled: ")
    removed = drop(client, "cancel.ics", data=cancel)
    toast = text_of(client.get(removed.headers["location"]))
    assert "Removed the interview “Initech – Senior Data Analyst: second round" in toast
    assert "Canceled:" not in toast
    before = export(client)
    again = drop(client, "google-meet.ics")
    assert again.status_code == 303
    said = text_of(client.get(again.headers["location"]))
    assert (
        "This invitation was cancelled (removed Sun 1 Mar 07:00); this older copy changes "
        "nothing." in said
    )
    assert "Added the" not in said
    assert export(client) == before
    assert len(service.application(2).facts.interviews) == 1


def test_an_import_carries_the_undo_toast(client: TestClient, service: Followup) -> None:
    before = export(client)
    added = drop(client, "google-meet.ics", app=2)
    page = client.get(added.headers["location"])
    assert "Added the video interview" in text_of(page)
    toast = re.search(r'<div class="toast".*?</div>', page.text, re.S)
    assert toast and "Imported the interview “Initech" in html.unescape(toast.group(0))
    undo = re.search(r'action="(/undo/\d+)"', toast.group(0))
    assert undo
    client.post(undo.group(1), data={"csrf_token": token(client), "next": "/applications/2"})
    assert export(client) == before


def test_a_calendar_export_says_what_it_did_in_plain_plurals(client: TestClient) -> None:
    done = drop(client, "google-feed.ics")
    said = text_of(client.get(done.headers["location"]))
    assert (
        "Imported: 3 interviews added. 2 events left out (such as “Flight to Chicago (UA 1472)”: "
        "an all-day event)." in said
    )


def test_the_questions_cancel_link_stays_on_followup(client: TestClient) -> None:
    """Found by a probe: the question page put the `next` it was sent into its Cancel link."""
    asked = client.post(
        "/invites",
        data={"csrf_token": token(client), "next": "javascript:alert(document.domain)"},
        files={"file": ("zoom.ics", invite("zoom.ics").read_bytes(), "text/calendar")},
        follow_redirects=False,
    )
    assert asked.status_code == 200 and "Which application is this interview for?" in asked.text
    assert "javascript:" not in asked.text
    assert '<a class="button" href="/">Cancel</a>' in asked.text
