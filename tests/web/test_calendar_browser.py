"""The calendar in a real Chromium against a real server: an invitation picked and one dropped on
an application's page, the people met shown; a bad file refused beside the picker; the
questions a series or an unknown company asks; Today's interviews to add; the Settings
subscribe link fetched as a calendar would. Screenshots (desktop and phone) in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import icalendar
from playwright.sync_api import Browser, Locator, Page, expect

from followup.settings import Settings
from tests.calendar.conftest import invite, make_service
from tests.web.conftest import Server
from tests.web.test_browser import browser, focused_id, shoot, watch

__all__ = ["browser"]  # the module's Chromium, shared with the journey's tests


def import_button(page: Page) -> Locator:
    return page.locator("[data-dropzone]").get_by_role("button", name="Import", exact=True)


def test_invitations_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/followup.db"
    service = make_service(url)
    settings = Settings(home=tmp_path, database_url=url)
    with Server(settings) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = watch(page)

        # picked on Initech's page: nothing happens until Import; then its people listed,
        # and the toast's Undo takes the import back
        page.goto(f"{server.url}/applications/2")
        shoot(page, "calendar-application-drop-zone")
        page.set_input_files("#f-invite", str(invite("google-meet.ics")))
        # the old picker marked the zone busy and submitted it on the change itself
        busy = "document.querySelector('[data-dropzone]').classList.contains('busy')"
        assert page.evaluate(busy) is False
        assert page.url == f"{server.url}/applications/2"
        assert len(service.application(2).facts.interviews) == 1
        import_button(page).click()
        page.wait_for_url(f"{server.url}/applications/2?*")
        expect(page.locator(".toast")).to_contain_text("Imported the interview “Initech")
        page.locator(".toast").get_by_role("button", name="Undo").click()
        expect(page.locator("main")).to_contain_text("Undone: Imported the interview")
        assert len(service.application(2).facts.interviews) == 1
        page.goto(f"{server.url}/applications/2")
        page.set_input_files("#f-invite", str(invite("google-meet.ics")))
        import_button(page).click()
        page.wait_for_url(f"{server.url}/applications/2?*")
        expect(page.locator("main p.notice")).to_contain_text(
            "Added the video interview of Tue 10 Mar 14:00 with Priya Natarajan"
        )
        people = page.locator("ul.people")
        for name in ("Priya Natarajan", "Marcus O'Brien", "Dana Whitfield"):
            expect(people).to_contain_text(name)
        expect(page.locator(".timeline-list")).to_contain_text("Marcus O'Brien")
        shoot(page, "calendar-application-imported")

        # dropped on Globex's page: a real drop event carrying the Teams invitation
        page.goto(f"{server.url}/applications/1")
        page.evaluate(
            """(text) => {
                const zone = document.querySelector("[data-dropzone]");
                const data = new DataTransfer();
                data.items.add(new File([text], "outlook-teams.ics", { type: "text/calendar" }));
                zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true,
                                                           cancelable: true }));
            }""",
            invite("outlook-teams.ics").read_text(encoding="utf-8"),
        )
        page.wait_for_url(f"{server.url}/applications/1?*")
        expect(page.locator("main p.notice")).to_contain_text("Added the video interview")
        expect(page.locator("ul.people")).to_contain_text("Tomás Nguyen")
        interviews = service.application(1).facts.interviews
        assert len(interviews) == 2
        assert "Tomás Nguyen" in {p.name for p in interviews[-1].participants}

        # a bad file on Today: the message beside the picker, the picker focused
        page.goto(server.url + "/")
        page.set_input_files("#f-invite", str(invite("not-icalendar.ics")))
        import_button(page).click()
        page.wait_for_load_state()
        expect(page.locator("#e-invite")).to_have_text(
            "not-icalendar.ics: not an iCalendar file (it does not begin with BEGIN:VCALENDAR)"
        )
        assert focused_id(page) == "f-invite"
        shoot(page, "calendar-today-bad-file")

        # a series: which occurrences; then an invitation naming no company: which application
        page.goto(server.url + "/")
        page.set_input_files("#f-invite", str(invite("recurring.ics")))
        import_button(page).click()
        expect(page.locator("h1")).to_have_text("Which of these are interviews?")
        shoot(page, "calendar-question-occurrences")
        page.goto(server.url + "/")
        page.set_input_files("#f-invite", str(invite("zoom.ics")))
        import_button(page).click()
        expect(page.locator("h1")).to_have_text("Which application is this interview for?")
        shoot(page, "calendar-question-application")
        expect(page.get_by_label("Umbrella Health — Clinical Data Analyst")).to_be_checked()
        page.get_by_label("Hooli — Analytics Engineer").check()
        page.get_by_role("button", name="Import").click()
        page.wait_for_url(f"{server.url}/applications/4?*")
        expect(page.locator("main p.notice")).to_contain_text("Added the video interview")

        # an invitation found in the mailbox: proposed on Today, imported in one click
        service.propose_from_mail(invite("outlook-invite.eml").read_bytes(), "invite.eml")
        page.goto(server.url + "/")
        expect(page.locator("#h-proposals")).to_contain_text("Interviews to add")
        shoot(page, "calendar-today-proposals")
        page.locator("ul.proposals").get_by_role("button", name="Import").first.click()
        page.wait_for_url(f"{server.url}/applications/1?*")
        expect(page.locator("ul.people")).to_contain_text("Siobhán O'Neill")

        # Settings: the subscribe links; the https one fetched as a calendar fetches it
        page.goto(server.url + "/settings")
        expect(page.locator("#h-calendar")).to_have_text("Calendar")
        webcal = page.locator("#f-webcal").input_value()
        link = page.locator("#f-feed").input_value()
        assert webcal.startswith(f"webcal://127.0.0.1:{server.port}/calendar/")
        assert link == "http://" + webcal.removeprefix("webcal://")
        shoot(page, "calendar-settings")
        feed = page.request.get(link)
        assert feed.ok and feed.headers["content-type"] == "text/calendar; charset=utf-8"
        events = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
        titles = [str(e["SUMMARY"]) for e in events]
        assert len(events) == len(service.agenda().items)
        assert any(t.startswith("Thank-you to Priya Natarajan") for t in titles)

        # renewing asks first; after it the old link is refused
        page.get_by_role("button", name="Make a new link…").click()
        expect(page.locator("h1")).to_have_text("Make a new calendar link?")
        shoot(page, "calendar-renew-confirm")
        page.get_by_role("button", name="Make a new link").click()
        expect(page.locator("main p.notice")).to_contain_text("the old one no longer works")
        assert page.request.get(link).status == 404
        assert page.request.get(page.locator("#f-feed").input_value()).ok

        assert errors == []
        page.close()
