"""A real Chromium (Debian's, driven by Playwright) against a real server on a free port.

The whole first-day journey, and a screenshot of every page at desktop and phone width in
test-artifacts/ (look at them).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from followup.services import open_service
from followup.services.backup import export_document
from followup.services.demo import load_demo
from followup.settings import Settings
from tests.web.conftest import Server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
TZ = "America/New_York"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian chromium is missing: run `make test` (it installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for size, (w, h) in SIZES.items():
        page.set_viewport_size({"width": w, "height": h})
        # caret="initial": hiding the caret would inject a style, which our CSP rightly blocks
        page.screenshot(path=str(ARTIFACTS / f"{name}-{size}.png"), full_page=True, caret="initial")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_first_day_journey(browser: Browser, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}")
    with Server(settings) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "console",
            lambda m: (
                errors.append(f"{page.url}: {m.text} {m.location}") if m.type == "error" else None
            ),
        )

        page.goto(server.url)
        expect(page.get_by_role("heading", name="Welcome to followup")).to_be_visible()
        shoot(page, "setup")
        page.get_by_label("Your full name").fill("Jordan A. Rivera")
        page.get_by_label("Your email address").fill("jordan@example.org")
        page.get_by_label("Your timezone").fill(TZ)
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("heading", name="Today")).to_be_visible()

        page.get_by_role("link", name="Applications").click()
        page.get_by_role("textbox", name="Company").fill("Globex Corporation")
        page.get_by_role("textbox", name="Role").fill("Senior Data Analyst")
        page.get_by_label("How fast did they say they decide?").select_option("quick")
        page.get_by_role("button", name="Add, then enter the interview").click()

        expect(page.get_by_role("heading", name=re.compile("Add an interview"))).to_be_visible()
        now = datetime.now(ZoneInfo(TZ))
        page.get_by_label("Started").fill((now - timedelta(hours=22)).strftime("%Y-%m-%dT%H:%M"))
        page.get_by_label("Ended").fill((now - timedelta(hours=21)).strftime("%Y-%m-%dT%H:%M"))
        page.locator("#f-person-0-name").fill("Katherine Chen")
        page.locator("#f-person-0-email").fill("kchen@globex.example")
        page.locator("#f-person-0-discussed").fill("the migration to dbt")
        page.locator("#f-person-0-liked").fill("my query tuning work")
        page.locator("#f-person-1-name").fill("Raj Patel")
        page.locator("#f-person-1-email").fill("raj.patel@globex.example")
        page.locator("#f-person-1-discussed").fill("forecasting churn")
        page.get_by_role("button", name="Add a person").click()
        expect(page.locator("#f-person-2-name")).to_be_focused()
        shoot(page, "interview-form")
        page.get_by_role("button", name="Save the interview").click()
        expect(page.get_by_text("you should have asked when to expect an answer")).to_be_visible()
        shoot(page, "application")

        page.get_by_role("link", name="Today").click()
        due = page.locator("li.action.due")
        expect(due).to_have_count(2)
        expect(due.first).to_contain_text("left")
        expect(page.get_by_text("Thank-you to Katherine Chen")).to_be_visible()
        expect(page.get_by_text("Thank-you to Raj Patel")).to_be_visible()
        shoot(page, "today")

        page.locator("li.action", has_text="Raj Patel").get_by_role("link", name="Draft").click()
        note = page.locator("#note")
        text = note.input_value()
        assert "Hi Raj," in text
        note.fill(text.replace("Hi Raj,", "Hi Raj Patil,"))
        mark = page.locator("mark.name")
        expect(mark).to_have_text("Patil")
        suggestion = page.get_by_role("button", name="Use “Patel”")
        expect(suggestion).to_be_visible()
        shoot(page, "draft-editor")
        suggestion.click()
        expect(page.locator("#note")).to_have_value(re.compile("Hi Raj Patel,"))
        expect(page.locator("mark.name")).to_have_count(0)
        page.get_by_role("button", name="Mark as sent").click()

        expect(page.get_by_text("Recorded as sent.")).to_be_visible()
        expect(page.locator("li.action.due")).to_have_count(1)
        expect(page.get_by_text("Check-in to Katherine Chen")).to_be_visible()
        page.locator("li.action", has_text="Katherine Chen").first.get_by_role(
            "button", name="They replied"
        ).click()
        expect(page.get_by_text("Check-in to")).to_have_count(0)

        for path, name in (
            ("/settings", "settings"),
            ("/backup", "backup"),
            ("/applications", "applications"),
        ):
            page.goto(server.url + path)
            shoot(page, name)
        page.goto(server.url + "/actions/thank_you:1:1?method=phone")
        shoot(page, "draft-phone")
        page.goto(server.url + "/actions/thank_you:1:1/callsheet")
        shoot(page, "callsheet")
        assert errors == []


def test_a_page_on_another_local_port_cannot_change_anything(
    browser: Browser, tmp_path: Path
) -> None:
    """Cookies ignore ports: a page on 127.0.0.1:<other> plants a session for followup's port
    and auto-submits a form to it with a token of its own making. Refused; nothing changed."""
    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}")
    service = open_service(settings)
    load_demo(service)
    before = export_document(service)
    planted = "A" * 43
    with Server(settings) as server:
        evil = EVIL_PAGE.format(target=server.url, planted=planted).encode()

        class Evil(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(evil)))
                self.end_headers()
                self.wfile.write(evil)

            def log_message(self, *args: object) -> None:
                pass

        other = ThreadingHTTPServer(("127.0.0.1", 0), Evil)
        threading.Thread(target=other.serve_forever, daemon=True).start()
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
            expect(page.get_by_role("alert")).to_contain_text(
                "followup accepts changes only from its own pages"
            )
            assert page.url.startswith(server.url)
            shoot(page, "cross-port-refused")
            page.close()
        finally:
            other.shutdown()
    assert export_document(service) == before
    assert service.application(1).application.status == "active"


EVIL_PAGE = """<!doctype html><html><body>
<form id="f" method="post" action="{target}/applications/1/close">
<input name="csrf_token" value="{planted}"><input name="outcome" value="withdrawn"></form>
<script>
document.cookie = "followup_session={planted}; path=/applications";
document.getElementById("f").submit();
</script></body></html>"""
