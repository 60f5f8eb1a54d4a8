"""The action a note is drafted for: the plan's, or one built by R2 when the plan has none."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from followup.core.actions import action_for
from followup.core.errors import InvalidInputError
from followup.core.model import Reply
from followup.core.plan import plan_application
from followup.scenario import load_scenario
from tests.conftest import EXAMPLES

PANEL, NOW = load_scenario(EXAMPLES / "panel-traditional.json")
assert NOW is not None


def test_a_thank_you_is_the_plans() -> None:
    found = action_for(PANEL, interview_id="onsite", contact_id="tomas", kind="thank_you", now=NOW)
    planned = {a.id: a for a in plan_application(PANEL, NOW).actions}
    assert found == planned["thank_you:onsite:tomas"]
    assert found.method == "email"  # no postal address: R2 fell back


def test_the_open_check_in_is_the_plans() -> None:
    found = action_for(PANEL, interview_id="onsite", contact_id="aisha", kind="check_in", now=NOW)
    assert (found.id, found.method, found.status) == ("check_in:aisha:1", "letter", "planned")
    assert found.not_before == datetime.fromisoformat("2026-12-21T09:00:00+00:00")


def test_a_check_in_the_plan_does_not_hold_is_built_by_r2() -> None:
    answered = replace(PANEL, responses=(Reply(at=NOW, contact="aisha"),))
    assert not [a for a in plan_application(answered, NOW).actions if a.kind == "check_in"]
    for person, method in (("aisha", "letter"), ("tomas", "email")):
        built = action_for(
            answered, interview_id="onsite", contact_id=person, kind="check_in", now=NOW
        )
        assert (built.id, built.method, built.due, built.rule) == (
            f"check_in:{person}:1",
            method,
            NOW,
            "R4",
        )


@pytest.mark.parametrize(
    ("interview", "person", "kind", "message"),
    [
        ("phone", "aisha", "thank_you", "--interview: no interview 'phone' (known: onsite)"),
        (
            "onsite",
            "zed",
            "thank_you",
            "--to: nobody 'zed' was met at 'onsite' (aisha, tomas, wei)",
        ),
        ("onsite", "zed", "check_in", "--to: no person 'zed' in the scenario"),
    ],
)
def test_unknown_interviews_and_people_are_named(
    interview: str, person: str, kind: str, message: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        action_for(PANEL, interview_id=interview, contact_id=person, kind=kind, now=NOW)  # type: ignore[arg-type]
    assert raised.value.message == message
