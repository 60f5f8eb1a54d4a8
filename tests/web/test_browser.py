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
from typing import Any
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


def watch(page: Page) -> list[str]:
    """Script errors and console errors of the page, collected (a CSP refusal shows there)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def console(m: Any) -> None:
        # a form sent back with its problems answers 400 on purpose; anything else is a fault
        if m.type == "error" and "status of 400" not in m.text:
            errors.append(f"{page.url}: {m.text} {m.location}")

    page.on("console", console)
    return errors


def focused_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_first_day_journey(browser: Browser, tmp_path: Path) -> None:
    """A new user's first day: setup (a mistake shown beside its field, focused), an application
    whose answer date reaches the interview form, a panel, a draft kept as it is typed and
    restored, a note with an error confirmed, Undo, Skip, a reply with a new date, and closing
    as no response after a confirmation. Every page photographed at desktop and phone width."""
    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}")
    with Server(settings) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = watch(page)

        page.goto(server.url)
        expect(page.get_by_role("heading", name="Welcome to followup")).to_be_visible()
        shoot(page, "setup")
        page.get_by_label("Your full name").fill("Jordan A. Rivera")
        page.get_by_label("Your email address").fill("jordan@example.org")
        page.get_by_label("Your timezone").fill("New York")
        page.get_by_label("Check-ins per week, at most").select_option("2")
        page.get_by_role("button", name="Start").click()
        expect(page.locator("#e-timezone")).to_have_text(
            re.compile("Enter your timezone as a place name")
        )
        assert focused_id(page) == "f-timezone"  # the first problem, focused and in view
        shoot(page, "setup-error")
        page.get_by_label("Your timezone").fill(TZ)
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("heading", name="Today")).to_be_visible()

        page.get_by_role("link", name="Applications").click()
        page.get_by_role("textbox", name="Company").fill("Globex Corporation")
        page.get_by_role("textbox", name="Role").fill("Senior Data Analyst")
        page.get_by_label("How fast did they say they decide?").select_option("quick")
        answer_by = (datetime.now(ZoneInfo(TZ)) + timedelta(days=6)).date().isoformat()
        page.get_by_label("When did they say they'd answer?").fill(answer_by)
        page.get_by_role("button", name="Add, then enter the interview").click()

        expect(page.get_by_role("heading", name=re.compile("Add an interview"))).to_be_visible()
        # the answer date given with the application is carried to the interview
        expect(page.get_by_label("When did they say they'd answer?")).to_have_value(answer_by)
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
        page.get_by_role("radio", name="Katherine Chen").check()  # labelled as typed
        page.get_by_role("button", name="Add a person").click()
        expect(page.locator("#f-person-2-name")).to_be_focused()
        expect(page.get_by_role("radio", name="Person 3")).to_have_count(1)
        shoot(page, "interview-form")
        page.get_by_role("button", name="Save the interview").click()
        expect(page.get_by_role("heading", name="Globex Corporation")).to_be_visible()
        expect(page.get_by_text("you should have asked")).to_have_count(0)  # it was given
        shoot(page, "application")

        # a draft kept as it is typed: leave, come back, it is there
        page.get_by_role("link", name="Today").click()
        expect(page.locator("li.action.due")).to_have_count(2)
        page.locator("li.action", has_text="Raj Patel").get_by_role("link", name="Draft").click()
        note = page.locator("#note")
        text = note.input_value()
        greeting = re.search(r"^(Hi|Dear) Raj[^,\n]*,", text, re.M)
        assert greeting is not None
        note.fill(text.replace(greeting.group(0), "Dear Raj Patil,") + "\nP.S. See you soon.")
        expect(page.locator("#save-state")).to_have_text(re.compile("Kept at"), timeout=10_000)
        expect(page.locator("mark.name")).to_have_text("Patil")
        shoot(page, "draft-editor")
        page.get_by_role("link", name="Today").click()
        page.locator("li.action", has_text="Raj Patel").get_by_role("link", name="Draft").click()
        expect(page.locator("#note")).to_have_value(re.compile("P.S. See you soon."))

        # marking sent with an error asks first, listing it; then Undo takes it back
        page.get_by_role("button", name="Mark as sent").click()
        expect(page.get_by_role("heading", name="Mark it sent with these errors?")).to_be_visible()
        expect(page.locator("ul.findings")).to_contain_text("Patil")
        shoot(page, "confirm-errors")
        page.get_by_role("button", name="It went as it is: mark it sent").click()
        expect(
            page.get_by_role("status").filter(has_text="Marked the thank-you to Raj Patel as sent")
        ).to_be_visible()
        shoot(page, "today-toast")
        page.get_by_role("button", name="Undo").click()
        expect(
            page.get_by_text("Undone: Marked the thank-you to Raj Patel as sent.")
        ).to_be_visible()
        expect(page.locator("li.action.due")).to_have_count(2)

        # skipping, and undoing a skip
        raj = page.locator("li.action", has_text="Thank-you to Raj Patel")
        raj.get_by_role("button", name="Skip the thank-you to Raj Patel").click()
        expect(page.get_by_text("Skipped the thank-you to Raj Patel.")).to_be_visible()
        expect(page.locator("li.action", has_text="Thank-you to Raj Patel")).to_have_count(0)
        page.get_by_role("button", name="Undo").click()
        expect(page.locator("li.action", has_text="Thank-you to Raj Patel")).to_have_count(1)
        page.locator("li.action", has_text="Thank-you to Raj Patel").get_by_role(
            "button", name="Skip the thank-you to Raj Patel"
        ).click()
        expect(page.locator("li.action", has_text="Thank-you to Raj Patel")).to_have_count(0)
        katherine = page.locator("li.action", has_text="Thank-you to Katherine Chen")
        katherine.get_by_role("button", name="Mark the thank-you to Katherine Chen as sent").click()
        expect(page.get_by_text("Marked the thank-you to Katherine Chen as sent.")).to_be_visible()

        # a reply with a new date: the check-in moves after it
        check_in = page.locator("li.action", has_text="Check-in to Katherine Chen")
        expect(check_in).to_have_count(1)
        check_in.get_by_role("link", name="Katherine Chen replied: record it").click()
        expect(page.get_by_role("heading", name=re.compile("They replied"))).to_be_visible()
        expect(page.get_by_label("From")).to_have_value(re.compile("[0-9]+"))
        page.get_by_role("radio", name=re.compile("An update with a new date")).check()
        new_date = (datetime.now(ZoneInfo(TZ)) + timedelta(days=20)).date()
        page.get_by_label("The new answer date they gave (an update)").fill(new_date.isoformat())
        shoot(page, "reply")
        page.get_by_role("button", name="Record the reply").click()
        expect(page.get_by_text("Recorded an update from Katherine Chen.")).to_be_visible()
        when = page.locator("li.action", has_text="Check-in to Katherine Chen").locator(".when")
        expect(when).to_contain_text("09:00–17:00")
        assert "in 2" in when.inner_text() or "in 1" in when.inner_text()  # 20-odd days on

        # closing as no response asks first, and starts on no choice
        page.locator("li.action", has_text="Check-in to Katherine Chen").get_by_role(
            "link", name="Globex Corporation"
        ).click()
        outcome = page.get_by_label("How it ended")
        expect(outcome).to_have_value("")
        page.get_by_role("button", name="Close the application…").click()
        expect(page.locator("#e-outcome")).to_have_text("Choose how it ended")
        assert focused_id(page) == "f-outcome"
        page.get_by_label("How it ended").select_option("no_response")
        page.get_by_role("button", name="Close the application…").click()
        expect(page.get_by_role("heading", name="Close Globex Corporation?")).to_be_visible()
        shoot(page, "confirm-close")
        page.get_by_role("button", name="Close the application").click()
        expect(page.locator("p.status")).to_contain_text("No response")
        expect(page.get_by_role("heading", name="Next")).to_have_count(0)  # closed: no "Next"
        shoot(page, "application-closed")

        for path, name in (
            ("/settings", "settings"),
            ("/backup", "backup"),
            ("/applications", "applications"),
        ):
            page.goto(server.url + path)
            shoot(page, name)
        page.goto(server.url + "/settings")
        expect(page.get_by_label("Check-ins per week, at most")).to_have_value("2")
        page.goto(server.url + "/actions/thank_you:1:1?method=phone")
        shoot(page, "draft-phone")
        page.goto(server.url + "/actions/thank_you:1:1/callsheet")
        shoot(page, "callsheet")
        page.goto(server.url + "/people/2/edit?need=phone")
        shoot(page, "person")
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


def stored(tmp_path: Path, people: list[dict[str, Any]], **app: Any) -> Settings:
    """A profile and one application with an interview that ended an hour ago."""
    from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn

    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}")
    service = open_service(settings)
    service.setup(ProfileIn(full_name="Jordan A. Rivera", timezone=TZ, checkins_per_week=2))
    app_id = service.add_application(
        ApplicationIn(company="Globex Corporation", role="Senior Data Analyst", **app)
    )
    now = datetime.now(ZoneInfo(TZ))
    service.add_interview(
        app_id,
        InterviewIn.model_validate(
            {"start": now - timedelta(hours=2), "end": now - timedelta(hours=1), "people": people}
        ),
    )
    return settings


SIOBHAN = {"name": "Siobhan Kelly", "email": "siobhan@globex.example", "discussed": ["dbt"]}


def test_a_suggestion_clicked_while_typing_never_lands_in_the_wrong_word(
    browser: Browser, tmp_path: Path
) -> None:
    """The check runs 400 ms after the last key; a suggestion clicked sooner than that after
    typing carries offsets of the text before. It is checked again, never applied where it no
    longer fits ("I received great Siobhan from Siobahn"); then applied, focus stays in the
    note, and the live region reads the findings' summary, never the note."""
    with Server(stored(tmp_path, [SIOBHAN])) as server:
        page = browser.new_page()
        errors = watch(page)
        page.goto(server.url + "/actions/thank_you:1:1")
        note = page.locator("#note")
        note.fill("Dear Siobahn,\n\nThank you for the talk about dbt.\n\nJordan A. Rivera")
        use = page.get_by_role("button", name="Use “Siobhan”")
        expect(use).to_be_visible()
        expect(page.locator("#findings-summary")).to_have_text(re.compile(r"^\d+ findings?: "))
        assert "Dear" not in page.locator("[aria-live]").all_inner_texts()[0]
        # typed within the 400 ms before the click, so the check has not run again: set without
        # an input event, so that no machine, however loaded, can run the check first
        page.evaluate(
            "() => { const n = document.getElementById('note');"
            " n.value = 'I received great ' + n.value; }"
        )
        use.click()  # its offsets are those of the text before
        expect(note).to_have_value(re.compile(r"^I received great Dear Siobahn,"))
        assert "great Siobhan" not in note.input_value()
        fresh = page.get_by_role("button", name="Use “Siobhan”")
        expect(fresh).to_be_visible()
        fresh.click()
        expect(note).to_have_value(re.compile(r"^I received great Dear Siobhan,\n"))
        assert focused_id(page) == "note"
        caret = page.evaluate("document.getElementById('note').selectionStart")
        assert caret == len("I received great Dear Siobhan")
        assert errors == []


def test_the_note_is_kept_while_typing_and_leaving_early_warns(
    browser: Browser, tmp_path: Path
) -> None:
    with Server(stored(tmp_path, [SIOBHAN])) as server:
        page = browser.new_page()
        page.goto(server.url + "/actions/thank_you:1:1")
        page.locator("#note").click()  # a person's own keys: Chromium asks before leaving
        page.keyboard.press("End")
        page.keyboard.type(" Thanks.")
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
        page.get_by_role("link", name="Today").click()  # within the second: not kept yet
        expect(page.locator("#note")).to_be_visible()  # stayed, as asked
        assert dialogs == ["beforeunload"]
        page.locator("#note").fill("Dear Siobhan,\n\nThanks for today!\n\nJordan A. Rivera")
        expect(page.locator("#save-state")).to_have_text(re.compile("Kept at"), timeout=10_000)
        page.get_by_label("Method").select_option("letter")
        page.get_by_role("button", name="Switch").click()  # the text goes with the method
        expect(page.locator("#note")).to_have_value(re.compile("Thanks for today!"))
        expect(page.get_by_label("Method")).to_have_value("letter")
        page.goto(server.url + "/")
        page.goto(server.url + "/actions/thank_you:1:1")
        expect(page.locator("#note")).to_have_value(re.compile("Thanks for today!"))


def test_the_printable_call_sheet_is_the_note_as_edited(browser: Browser, tmp_path: Path) -> None:
    person = {**SIOBHAN, "phone": "+1 212 555 0142"}
    with Server(stored(tmp_path, [person])) as server:
        page = browser.new_page()
        page.goto(server.url + "/actions/thank_you:1:1?method=phone")
        note = page.locator("#note")
        note.fill(note.input_value() + "\nAsk about the team offsite.")
        expect(page.locator("#save-state")).to_have_text(re.compile("Kept at"), timeout=10_000)
        page.get_by_role("link", name="Printable call sheet").click()
        expect(page.locator(".sheet-text")).to_contain_text("Ask about the team offsite.")


def test_check_ins_go_to_one_person_chosen_in_one_radio_group(
    browser: Browser, tmp_path: Path
) -> None:
    """One group across the people: Tab reaches it once, the arrow keys move within it, and
    each choice is labelled with the name as typed."""
    with Server(stored(tmp_path, [SIOBHAN])) as server:
        page = browser.new_page()
        page.goto(server.url + "/applications/1/interviews/new")
        page.locator("#f-person-0-name").fill("Ann Lee")
        page.locator("#f-person-1-name").fill("Bo Kim")
        expect(page.get_by_role("radio", name="Ann Lee")).to_have_count(1)
        expect(page.get_by_role("radio", name="Bo Kim")).to_have_count(1)
        page.get_by_role("radio", name="The first person met").focus()
        page.keyboard.press("ArrowDown")
        expect(page.get_by_role("radio", name="Ann Lee")).to_be_checked()
        expect(page.get_by_role("radio", name="Ann Lee")).to_be_focused()
        page.keyboard.press("ArrowDown")
        expect(page.get_by_role("radio", name="Bo Kim")).to_be_checked()
        page.keyboard.press("Tab")  # out of the group at once, to what follows it
        assert focused_id(page) == "f-forgot"
        page.keyboard.press("Shift+Tab")
        expect(page.get_by_role("radio", name="Bo Kim")).to_be_focused()


def test_the_sample_says_so_and_start_with_my_own_removes_it(
    browser: Browser, tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}")
    load_demo(open_service(settings))
    with Server(settings) as server:
        page = browser.new_page()
        for path in ("/", "/applications", "/applications/1", "/settings", "/backup"):
            page.goto(server.url + path)
            expect(page.get_by_role("region", name="Sample data")).to_contain_text(
                "This is sample data"
            )
        page.get_by_role("button", name="Start with my own").click()
        expect(page.get_by_role("heading", name="Welcome to followup")).to_be_visible()
        expect(page.get_by_role("region", name="Sample data")).to_have_count(0)
    assert open_service(settings).applications() == []


def test_demo_times_fall_in_business_hours_whatever_the_hour(tmp_path: Path) -> None:
    """`make run` at 02:00 or 21:00 shows interviews between 09:00 and 17:00 on weekdays, and
    notes sent in the day."""
    from followup.services.backup import export_document

    for n, hour in enumerate((2, 8, 11, 13, 21)):
        moment = datetime(2026, 11, 30, hour, 30, tzinfo=ZoneInfo(TZ))  # a Monday
        settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / f'{n}.sqlite3'}")
        service = open_service(settings, clock=lambda m=moment: m)
        load_demo(service)
        tables = export_document(service)["tables"]
        times = [(i["start_at"], i["end_at"]) for i in tables["interviews"]]
        times += [(f["sent_at"], f["sent_at"]) for f in tables["follow_ups"]]
        for start, end in times:
            a = datetime.fromisoformat(start).astimezone(ZoneInfo(TZ))
            b = datetime.fromisoformat(end).astimezone(ZoneInfo(TZ))
            assert a.weekday() < 5 and a.hour >= 9 and (b.hour, b.minute) <= (17, 0), (hour, a, b)
            assert b <= moment


def test_the_timeline_reads_at_phone_width(browser: Browser, tmp_path: Path) -> None:
    """Labels stay 11 px or more on a phone (the chart scrolls sideways rather than shrink),
    it has a legend, and the same facts are listed under it, reachable by tap and keyboard."""
    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}")
    load_demo(open_service(settings))
    with Server(settings) as server:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(server.url + "/applications/1")
        sizes = page.evaluate(
            """[...document.querySelectorAll('svg.timeline text')].map(t => {
                const box = t.getBoundingClientRect();
                const px = parseFloat(getComputedStyle(t).fontSize);
                const svg = t.ownerSVGElement;
                return px * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            })"""
        )
        assert sizes and min(sizes) >= 11, sizes
        legend = page.evaluate(
            "[...document.querySelectorAll('svg.timeline text.legend')].map(t => t.textContent)"
        )
        assert legend == ["interview", "sent", "planned", "reply"]
        facts = page.locator("ol.timeline-list > li")
        assert facts.count() >= 4
        expect(facts.first).to_contain_text("in-person interview with Katherine Chen")
        shoot(page, "timeline-phone")
