"""Marking a follow-up sent keeps its final text and records the fact in one transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from followup.core.errors import ConflictError, InvalidInputError
from followup.inputs.models import ApplicationIn, InterviewIn, ProfileIn
from followup.services import Followup
from followup.services.backup import export_document
from followup.storage.store import open_store

END = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


@pytest.fixture
def service(db_url: str) -> Followup:
    made = Followup(open_store(db_url), clock=lambda: END + timedelta(hours=2))
    made.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="Europe/London"))
    app_id = made.add_application(ApplicationIn(company="Globex", role="Analyst"))
    notes = {"start": END - timedelta(hours=1), "end": END, "people": [{"name": "Ann Lee"}]}
    made.add_interview(app_id, InterviewIn.model_validate(notes))
    return made


def _kept(service: Followup) -> dict[str, tuple[str, str]]:
    with service.store.transaction() as repo:
        return repo.kept_notes(application_id=1)


def test_the_text_and_the_fact_go_in_together(service: Followup) -> None:
    result = service.mark_sent("thank_you:1:1", text="Dear Ann, thank you.", method="letter")
    assert (result.action_id, result.warning) == ("thank_you:1:1", None)
    [sent] = service.application(1).history["sent"]
    assert (sent["method"], sent["body"]) == ("letter", "Dear Ann, thank you.")
    assert _kept(service) == {"thank_you:1:1": ("letter", "Dear Ann, thank you.")}


def test_a_refused_record_keeps_no_text(service: Followup) -> None:
    before = export_document(service)
    with pytest.raises(InvalidInputError, match="before the interview has ended"):
        service.mark_sent("thank_you:1:1", text="Dear Ann", at=END - timedelta(minutes=5))
    assert export_document(service) == before
    service.mark_sent("thank_you:1:1", text="Dear Ann, thank you.")
    before = export_document(service)
    with pytest.raises(ConflictError, match="already recorded as sent"):
        service.mark_sent("thank_you:1:1", text="A second text that must not replace the first")
    assert export_document(service) == before
    assert _kept(service)["thank_you:1:1"][1] == "Dear Ann, thank you."
