"""The calendar's web routes on a real database: the secret feed (no cookie, 404 without the
right secret, 304 when unchanged) and one follow-up's "Add to calendar" file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
from fastapi.testclient import TestClient

from followup.services import Followup
from followup.settings import Settings
from tests.calendar.conftest import NOW, make_service
from tests.web.conftest import local_client


@pytest.fixture
def service(db_url: str) -> Followup:
    return make_service(db_url)


@pytest.fixture
def client(service: Followup, db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(home=tmp_path, database_url=db_url)
    with local_client(settings, clock=lambda: NOW) as c:
        yield c


def path_of(service: Followup) -> str:
    return "/" + service.feed_link().url.split("/", 3)[3]


def test_the_feed_is_served_without_a_cookie(client: TestClient, service: Followup) -> None:
    response = client.get(path_of(service))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "set-cookie" not in response.headers
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == len(service.agenda().items)
    # links point where the calendar asked: the address the app answers at
    assert "http://127.0.0.1:8765/actions/" in str(events[0]["DESCRIPTION"])
    again = client.get(path_of(service), headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_a_wrong_or_renewed_secret_is_refused(client: TestClient, service: Followup) -> None:
    good = path_of(service)
    for wrong in ("/calendar/guess.ics", good[:-6] + "x.ics", "/calendar/.ics"):
        response = client.get(wrong)
        assert response.status_code == 404, wrong
        assert "BEGIN:VCALENDAR" not in response.text
        assert "set-cookie" not in response.headers
    service.renew_feed_secret()
    assert client.get(good).status_code == 404
    assert client.get(path_of(service)).status_code == 200


def test_links_follow_the_configured_base_url(
    service: Followup, db_url: str, tmp_path: Path
) -> None:
    settings = Settings(
        home=tmp_path,
        database_url=db_url,
        base_url="https://followup.example.org",
        base_url_given=True,
    )
    with local_client(settings, clock=lambda: NOW) as c:
        text = c.get(path_of(service)).text
    assert "https://followup.example.org/actions/thank_you:1:1" in text.replace("\r\n ", "")
    assert replace(settings, base_url_given=False).base_url_given is False


def test_add_to_calendar(client: TestClient) -> None:
    response = client.get("/actions/thank_you:1:1/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="thank_you-1-1.ics"'
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(event.walk("VALARM")) == 1
    assert client.get("/actions/thank_you:99:1/calendar.ics").status_code == 404
    assert client.get("/actions/nonsense/calendar.ics").status_code == 400
