"""Plans as JSON (docs/contracts.md): a scenario's ids stay its own text, a stored
application's are numbers; times carry the candidate's offset."""

from __future__ import annotations

from typing import Any

import pytest

from followup.core.jsonable import plan_to_dict
from followup.core.model import Sent
from followup.core.plan import plan_application
from tests.core.factories import at, facts, interview, person

# A stored application: its interview and person ids are numbers, as text in the facts.
STORED = facts(
    interview("4", people=(person("7", address=None),)),
    culture="traditional",
    sent=(Sent("thank_you", "7", "email", at("2026-11-24 19:00"), "4"),),
)


@pytest.mark.parametrize(("stored", "interview", "contact"), [(True, 4, 7), (False, "4", "7")])
def test_ids_are_numbers_only_for_stored_data(stored: bool, interview: Any, contact: Any) -> None:
    plan = plan_to_dict(plan_application(STORED, at("2026-11-30 12:00")), stored=stored)
    thanks, check_in = plan["actions"]
    assert thanks == {
        "id": "thank_you:4:7",
        "kind": "thank_you",
        "interview": interview,
        "contact": contact,
        "contact_name": "Katherine Chen",
        "method": "email",
        "not_before": "2026-11-24T15:00:00-05:00",
        "due": "2026-11-25T15:00:00-05:00",
        "status": "done",
        "rule": "R1",
        "reasons": [
            "thank-you within 24 hours of the video interview that ended Tue 24 Nov 15:00",
            "sent by email Tue 24 Nov 19:00",
        ],
        "sent_at": "2026-11-24T19:00:00-05:00",
    }
    assert (check_in["interview"], check_in["contact"], check_in["sent_at"]) == (
        interview,
        contact,
        None,
    )
    assert [(t["kind"], t["interview"], t["contact"], t["need"]) for t in plan["todos"]] == [
        ("ask_expected_date", interview, None, None),
        ("missing_contact_detail", None, contact, "address"),
    ]


def test_a_scenarios_ids_are_its_own_text_by_default() -> None:
    plan = plan_to_dict(plan_application(facts(), at("2026-11-24 16:00")))
    assert (plan["expected_response_by"], plan["expected_source"]) == ("2026-12-01", "default")
    assert [(a["id"], a["interview"], a["contact"]) for a in plan["actions"]] == [
        ("thank_you:i1:c1", "i1", "c1"),
        ("check_in:c1:1", "i1", "c1"),
    ]
    assert [(t["interview"], t["contact"]) for t in plan["todos"]] == [("i1", None)]
