"""The subscribed calendar, served by a real HTTP server on loopback: its interviews proposed
(never imported silently), ETag and 304, a broken feed kept as a problem; the mailbox hook."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from followup.services import Followup
from tests.calendar.conftest import invite


class CalendarServer:
    """Serves one body with an ETag; answers 304 to the matching If-None-Match."""

    def __init__(self) -> None:
        self.body = invite("google-feed.ics").read_bytes()
        self.etag = '"v1"'
        self.status = 200
        self.seen: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.seen.append({"path": self.path, "inm": self.headers.get("If-None-Match")})
                if outer.status != 200:
                    self.send_response(outer.status)
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == outer.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("ETag", outer.etag)
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/secret/basic.ics"

    def __enter__(self) -> CalendarServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *args: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def calendar_server() -> Iterator[CalendarServer]:
    with CalendarServer() as server:
        yield server


def test_interviews_in_the_calendar_are_proposed(
    service: Followup, calendar_server: CalendarServer
) -> None:
    before = {
        a.id: len(service.application(a.id).facts.interviews) for a, _ in service.applications()
    }
    service.set_subscription(calendar_server.url)
    polled = service.poll_subscription()
    assert (polled.status, polled.events, polled.new, polled.problem) == ("fetched", 4, 3, None)
    assert [(p.summary, p.application_id) for p in polled.proposals] == [
        ("Initech recruiter screen", 2),
        ("Coffee with Katherine (Globex)", 1),
        ("Umbrella Health – intro with Brenda", 3),
    ]
    # nothing was imported: only proposed
    after = {
        a.id: len(service.application(a.id).facts.interviews) for a, _ in service.applications()
    }
    assert after == before
    # unchanged: If-None-Match, a 304, nothing new
    again = service.poll_subscription()
    assert (again.status, again.new) == ("not_modified", 0)
    assert calendar_server.seen[-1]["inm"] == '"v1"'
    assert len(again.proposals) == 3


def test_a_proposal_is_imported_in_one_step_or_dismissed(
    service: Followup, calendar_server: CalendarServer
) -> None:
    service.set_subscription(calendar_server.url)
    first, second, _ = service.poll_subscription().proposals
    [done] = service.accept_proposal(first.id).imported
    assert (done.result, done.application_id) == ("created", 2)
    assert done.invite.start.isoformat() == "2026-02-24T10:30:00-05:00"
    service.dismiss_proposal(second.id)
    assert [p.summary for p in service.proposals()] == ["Umbrella Health – intro with Brenda"]
    # a new version of the feed does not bring back what was imported or dismissed
    calendar_server.etag = '"v2"'
    polled = service.poll_subscription()
    assert (polled.status, polled.new) == ("fetched", 0)
    assert len(polled.proposals) == 1


def test_a_broken_feed_is_kept_as_a_problem(
    service: Followup, calendar_server: CalendarServer
) -> None:
    service.set_subscription(calendar_server.url)
    calendar_server.body = b"<!DOCTYPE html><html>Sign in</html>"
    polled = service.poll_subscription()
    assert polled.status == "failed"
    assert polled.problem == (
        "your calendar: not an iCalendar file (it does not begin with BEGIN:VCALENDAR)"
    )
    assert service.subscription()[2] == polled.problem
    calendar_server.status = 404
    polled = service.poll_subscription()
    assert polled.problem is not None and "HTTP 404" in polled.problem
    assert calendar_server.url not in polled.problem  # the address is a secret
    assert service.poll_subscription().proposals == []


def test_no_server_at_the_address(service: Followup) -> None:
    """Said in plain words (it said "could not be fetched (ConnectError)"), naming the host
    only: the rest of the address is the calendar's secret."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    service.set_subscription(f"http://127.0.0.1:{port}/secret-token.ics")
    polled = service.poll_subscription()
    assert polled.status == "failed"
    assert polled.problem == "could not connect to 127.0.0.1: the connection was refused"
    service.set_subscription("https://calendar.invalid/secret-token.ics")
    polled = service.poll_subscription()
    assert polled.problem == "could not connect to calendar.invalid: the name does not resolve"
    assert polled.describe() == (
        "Your calendar could not be read: could not connect to calendar.invalid: the name does "
        "not resolve"
    )


def test_without_a_subscription(service: Followup) -> None:
    assert service.poll_subscription().status == "off"


def test_the_mailbox_hook(service: Followup) -> None:
    ids = service.propose_from_mail(invite("outlook-invite.eml").read_bytes(), "message 12")
    [proposal] = service.proposals()
    assert ids == [proposal.id]
    assert (proposal.source, proposal.application_id) == ("mailbox", 1)
    assert service.propose_from_mail(invite("no-calendar.eml").read_bytes()) == []
    # importing the same invitation by hand closes the proposal
    service.import_invite_file(invite("outlook-invite.eml"))
    assert service.proposals() == []
