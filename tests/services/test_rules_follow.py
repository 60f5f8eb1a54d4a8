"""One home per rule: change a rule's number in core/rules.py and every user of it follows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from followup.core import rules
from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.services import Followup
from followup.storage.store import open_store

END = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


def _interview_with_one_late_thanks(db_url: str) -> Followup:
    """Two people met; Ann thanked 30 hours after the end, Bo not at all; it is now +40 h."""
    service = Followup(open_store(db_url), clock=lambda: END + timedelta(hours=40))
    service.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="Europe/London"))
    app_id = service.add_application(ApplicationIn(company="Globex", role="Analyst"))
    notes = {
        "kind": "video",
        "start": END - timedelta(hours=1),
        "end": END,
        "people": [{"name": "Ann Lee", "email": "ann@globex.example"}, {"name": "Bo Chan"}],
    }
    interview = service.add_interview(app_id, InterviewIn.model_validate(notes))
    service.mark_sent(f"thank_you:{interview}:1", at=END + timedelta(hours=30))
    return service


def _bo_thanks(service: Followup) -> tuple[datetime, str, str]:
    plan = service.plan(1)[1]
    [bo] = [a for a in plan.actions if a.kind == "thank_you" and a.contact_name == "Bo Chan"]
    return bo.due, bo.status, bo.reasons[0]


def test_the_thank_you_window_is_one_constant_for_plan_and_counts(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _interview_with_one_late_thanks(db_url)
    due, status, reason = _bo_thanks(service)
    assert (due, status) == (END + timedelta(hours=24), "overdue")
    assert reason.startswith("thank-you within 24 hours of the video interview")
    counts = service.timeliness()
    assert (counts.on_time, counts.late, counts.missed) == (0, 1, 1)

    monkeypatch.setattr(rules, "THANK_YOU_WINDOW", timedelta(hours=48))

    due, status, reason = _bo_thanks(service)
    assert (due, status) == (END + timedelta(hours=48), "due")
    assert reason.startswith("thank-you within 48 hours of the video interview")
    counts = service.timeliness()
    assert (counts.on_time, counts.late, counts.missed) == (1, 0, 0)
