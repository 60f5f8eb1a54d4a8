"""Importing invitations into stored applications, on SQLite and PostgreSQL: the application found
by domain, known people reused, updates in place by SEQUENCE, cancellations removed (and put
back), recurring invitations only for the chosen occurrences, bad files storing nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from followup.core.errors import InvalidInputError, NotFoundError
from followup.services import Followup
from followup.services.backup import export_document
from followup.services.calendar import ApplicationChoiceError
from tests.calendar.conftest import INVITES, invite, make_service

EXPECTED: dict[str, Any] = yaml.safe_load((INVITES / "expected.yaml").read_text("utf-8"))
DOMAIN_APP = {"globex.example": 1, "initech.example": 2, "umbrella-health.example": 3,
              "hooli.example": 4}  # fmt: skip
FOUND_BY_DOMAIN = [
    n for n, e in EXPECTED["invites"].items() if e.get("domains") and e.get("method") == "REQUEST"
    and not e.get("recurring")
]  # fmt: skip


@pytest.mark.parametrize("name", FOUND_BY_DOMAIN)
def test_each_invitation_lands_in_its_application(service: Followup, name: str) -> None:
    want = EXPECTED["invites"][name]
    [done] = service.import_invite_file(invite(name)).imported
    assert done.result == "created"
    assert done.application_id == DOMAIN_APP[want["domains"][0]]
    view = service.application(done.application_id)
    stored = view.facts.interview(str(done.interview_id))
    assert stored is not None
    assert stored.kind == want["kind"]
    assert stored.start.timestamp() == done.invite.start.timestamp()
    assert done.invite.start.isoformat() == want["start"]
    assert [(p.name, p.email) for p in done.people] == [
        (p["name"], p["email"]) for p in want["people"]
    ]
    assert [p.id for p in stored.participants] == [p.id for p in done.people]
    # the thank-yous follow: one per person met, due 24 hours after the end
    due = {a.contact for a in view.plan.actions if a.interview == str(done.interview_id)}
    assert due == {p.id for p in done.people}


def test_known_people_are_reused_by_email(service: Followup) -> None:
    [done] = service.import_invite_file(invite("outlook-teams.ics")).imported
    people = {p.name: p.id for p in service.application(1).facts.interviews[0].participants}
    assert {p.name: p.id for p in done.people if p.name in people} == people
    everyone = [p.email for p in service.application(1).facts.interviews[-1].participants]
    assert everyone == ["kchen@globex.example", "raj.patel@globex.example",
                        "tomas.nguyen@globex.example"]  # fmt: skip


def test_the_sequence_chain(service: Followup) -> None:
    chain = EXPECTED["sequence_chain"]
    interview_id = None
    for step in chain["steps"]:
        [done] = service.import_invite_file(invite(step["file"])).imported
        assert done.result == step["result"], step
        assert done.invite.uid == chain["uid"]
        interview_id = interview_id or done.interview_id
        assert done.interview_id == interview_id  # updated in place, never a second one
        facts = service.application(done.application_id).facts
        if step["result"] == "removed":
            assert facts.interview(str(interview_id)) is None
            assert done.removed_id is not None
            continue
        stored = facts.interview(str(interview_id))
        assert stored is not None
        if "start" in step:
            assert done.invite.start.isoformat() == step["start"]
            assert stored.start.timestamp() == done.invite.start.timestamp()
        if "people" in step:
            assert len(stored.participants) == step["people"]
    assert len(service.application(2).facts.interviews) == 1  # the screening call only


def test_an_update_keeps_what_was_noted_and_moves_the_plan(service: Followup) -> None:
    [first] = service.import_invite_file(invite("google-meet.ics")).imported
    before = {a.id: a.due for a in service.plan(2)[1].actions}
    from followup.inputs.models import InterviewEditIn

    service.edit_interview(
        first.interview_id,
        InterviewEditIn.model_validate({"forgot_to_mention": ["I led the Looker rollout"]}),
    )
    service.import_invite_file(invite("update-seq1.ics"))
    facts, plan = service.plan(2)
    stored = facts.interview(str(first.interview_id))
    assert stored is not None and stored.forgot_to_mention == ("I led the Looker rollout",)
    moved = {a.id: a.due for a in plan.actions if a.id in before and a.kind == "thank_you"}
    thank_you = f"thank_you:{first.interview_id}:{first.people[0].id}"
    assert (moved[thank_you] - before[thank_you]).total_seconds() == (2 * 24 + 1.5) * 3600


def test_a_cancelled_interview_can_be_put_back(service: Followup) -> None:
    [made] = service.import_invite_file(invite("google-meet.ics")).imported
    [gone] = service.import_invite_file(invite("cancel.ics")).imported
    assert gone.result == "removed" and gone.removed_id is not None
    app_id, back, was = service.put_back_interview(gone.removed_id)
    assert back == was == made.interview_id  # its own number: nothing took it since
    facts = service.application(app_id).facts
    restored = facts.interview(str(back))
    assert restored is not None
    assert [p.name for p in restored.participants] == [p.name for p in made.people]
    # and the calendar knows it again: a later update applies to it
    [again] = service.import_invite_file(invite("update-seq2.ics")).imported
    assert (again.result, again.interview_id) == ("updated", back)


def test_an_older_copy_of_a_cancelled_invitation_changes_nothing(service: Followup) -> None:
    """A new user's report: google.ics, then its cancellation, then google.ics again added
    the interview back."""
    service.import_invite_file(invite("google-meet.ics"))
    [gone] = service.import_invite_file(invite("cancel.ics")).imported
    before = export_document(service)
    for name in ("google-meet.ics", "update-seq2.ics", "cancel.ics"):  # SEQUENCE 0, 2, 3
        [again] = service.import_invite_file(invite(name)).imported
        assert again.result == "unchanged" and again.cancelled_at is not None
        assert (again.interview_id, again.removed_id) == (gone.interview_id, gone.removed_id)
    assert export_document(service) == before
    assert len(service.application(2).facts.interviews) == 1


def test_a_rescheduled_invitation_brings_a_cancelled_interview_back(service: Followup) -> None:
    [made] = service.import_invite_file(invite("google-meet.ics")).imported
    service.import_invite_file(invite("cancel.ics"))  # SEQUENCE 3
    newer = (
        invite("google-meet.ics")
        .read_bytes()
        .replace(b"SEQUENCE:0", b"SEQUENCE:4")
        .replace(b"20260310T1", b"20260317T1")
    )
    [back] = service.import_invite(newer, "rescheduled.ics").imported
    assert (back.result, back.application_id) == ("updated", 2)
    restored = service.application(2).facts.interview(str(back.interview_id))
    assert restored is not None and restored.start.date() == date(2026, 3, 17)
    assert [p.name for p in restored.participants] == [p.name for p in made.people]
    with pytest.raises(NotFoundError, match="removed interview"):
        service.put_back_interview(1)  # the cancellation is no longer there to undo


def test_a_cancellation_for_nothing_imported_is_refused(service: Followup) -> None:
    with pytest.raises(InvalidInputError, match="never imported"):
        service.import_invite_file(invite("cancel.ics"))


def test_without_a_company_address_the_user_says_which(service: Followup) -> None:
    with pytest.raises(ApplicationChoiceError) as caught:
        service.import_invite_file(invite("zoom.ics"))
    assert [c[0] for c in caught.value.candidates] == [1, 2, 3, 4]
    [done] = service.import_invite_file(invite("zoom.ics"), app=3).imported
    assert (done.application_id, done.people, done.invite.kind) == (3, (), "video")
    # nobody met, so no thank-you: the agenda asks for the people instead of saying nothing
    [todo] = [t for t in service.agenda().todos if t["kind"] == "add_people"]
    assert (todo["application"], todo["interview"], todo["contact"]) == (3, done.interview_id, None)
    assert todo["message"] == (
        "Add the people you met at the video interview of Tue 21 Apr 13:00: nobody is recorded "
        "for it, so no thank-you is planned."
    )


def test_several_matching_applications_are_named(service: Followup) -> None:
    from followup.inputs.models import ApplicationIn, InterviewIn

    other = service.add_application(ApplicationIn(company="Globex Corporation", role="BI Lead"))
    service.add_interview(
        other,
        InterviewIn.model_validate(
            {
                "kind": "video",
                "start": "2026-02-03T10:00:00-05:00",
                "end": "2026-02-03T11:00:00-05:00",
                "people": [{"name": "Raj Patel", "email": "raj.patel@globex.example"}],
            }
        ),
    )
    with pytest.raises(
        ApplicationChoiceError, match="several applications match globex.example"
    ) as caught:
        service.import_invite_file(invite("outlook-teams.ics"))
    assert {c[0] for c in caught.value.candidates} == {1, other}
    assert caught.value.exit_code == 2


def test_a_company_with_no_people_yet_is_found_by_its_name(db_url: str) -> None:
    service = make_service(db_url, people=False)
    [done] = service.import_invite_file(invite("phone-dialin.ics")).imported
    assert done.application_id == 3  # umbrella-health.example is Umbrella Health


def test_the_guessed_application(service: Followup) -> None:
    from followup.calendar.read import read_calendar

    me = service.me()
    reading = read_calendar(invite("webex.ics").read_bytes(), "webex.ics", me)
    assert service.guess_application(reading.invites[0]) == ("Hooli", "Analytics Engineer")
    zoom = read_calendar(invite("zoom.ics").read_bytes(), "zoom.ics", me).invites[0]
    assert service.guess_application(zoom) == ("Umbrella Health", "")  # no attendees: the title


@pytest.mark.parametrize(("title", "guess"), [
    ("Umbrella Health – Hiring manager interview (Jordan Rivera)", ("Umbrella Health", "")),
    ("Senior Data Analyst – Panel interview", ("", "Senior Data Analyst")),
    ("Jordan Rivera / Initech – technical screen", ("Initech", "")),
    ("Initech | Platform Engineer | Final round", ("Initech", "Platform Engineer")),
    ("Interview", ("", "")),
])  # fmt: skip
def test_a_title_without_a_company_domain(
    service: Followup, title: str, guess: tuple[str, str]
) -> None:
    from dataclasses import replace

    from followup.calendar.read import read_calendar

    zoom = read_calendar(invite("zoom.ics").read_bytes(), "zoom.ics", service.me()).invites[0]
    assert service.guess_application(replace(zoom, summary=title)) == guess


def test_recurring_needs_a_choice_then_imports_each_occurrence(service: Followup) -> None:
    with pytest.raises(InvalidInputError, match="recurring event .*--occurrence DATE"):
        service.import_invite_file(invite("recurring.ics"))
    with pytest.raises(InvalidInputError, match="^--occurrence: 2026-10-23 is not an occurrence"):
        service.import_invite_file(invite("recurring.ics"), occurrences=[date(2026, 10, 23)])
    report = service.import_invite_file(
        invite("recurring.ics"), occurrences=[date(2026, 10, 29), date(2026, 11, 5)]
    )
    assert [d.invite.start.isoformat() for d in report.imported] == [
        "2026-10-29T16:00:00-05:00", "2026-11-05T16:00:00-06:00",
    ]  # fmt: skip
    assert len({d.interview_id for d in report.imported}) == 2
    again = service.import_invite_file(invite("recurring.ics"), all_occurrences=True)
    assert [d.result for d in again.imported] == ["created", "unchanged", "unchanged", "created"]


@pytest.mark.parametrize(
    ("name", "phrase"),
    [(n, e["error"]) for n, e in EXPECTED["invites"].items() if "error" in e],
)
def test_bad_files_store_nothing(service: Followup, name: str, phrase: str) -> None:
    before = export_document(service)
    with pytest.raises(InvalidInputError) as caught:
        service.import_invite_file(invite(name))
    assert phrase in caught.value.message
    assert caught.value.message.startswith(str(invite(name)))
    assert export_document(service) == before


def test_a_ten_megabyte_file_is_refused_before_it_is_read(
    service: Followup, tmp_path: Path
) -> None:
    big = tmp_path / "big.ics"
    big.write_bytes(invite("google-meet.ics").read_bytes() + b" " * (10 * 1024 * 1024))
    with pytest.raises(InvalidInputError, match=r"big\.ics: too large \(10\.0 MB\)"):
        service.import_invite_file(big)


def test_a_calendar_export_imports_its_interviews_and_lists_the_rest(service: Followup) -> None:
    report = service.import_invite_file(invite("google-feed.ics"))
    assert not report.single
    assert sorted((d.application_id, d.invite.summary) for d in report.imported) == [
        (1, "Coffee with Katherine (Globex)"),
        (2, "Initech recruiter screen"),
        (3, "Umbrella Health – intro with Brenda"),
    ]
    assert sorted(s[1] for s in report.skipped) == ["Dentist", "Flight to Chicago (UA 1472)"]


def test_aliases_are_checked_and_kept(service: Followup) -> None:
    assert service.set_aliases(["Jordan@Rivera.example", "jordan@rivera.example"]) == (
        "jordan@rivera.example",
    )
    with pytest.raises(InvalidInputError, match=r"^aliases\[0\]"):
        service.set_aliases(["not an address"])
    assert service.me().aliases == ("jordan@rivera.example",)


def test_an_import_is_undone_like_any_change(service: Followup) -> None:
    before = export_document(service)
    [made] = service.import_invite_file(invite("google-meet.ics")).imported
    assert made.change is not None
    undone = service.undo()
    assert undone.summary.startswith("Imported the interview “Initech – Senior Data Analyst")
    assert export_document(service) == before
    # and the same invitation imports again afterwards, as new
    [again] = service.import_invite_file(invite("google-meet.ics")).imported
    assert again.result == "created"
