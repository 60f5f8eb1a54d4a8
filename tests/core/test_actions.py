"""The action a note is drafted for: the plan's, or one built by R2 when the plan has none."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from followup.core.actions import action_for
from followup.core.errors import InvalidInputError
from followup.core.model import Action, Facts, Reply, Sent, Skip
from followup.core.plan import plan_application
from followup.scenario import load_scenario
from tests.conftest import EXAMPLES

PANEL, NOW = load_scenario(EXAMPLES / "panel-traditional.json")
assert NOW is not None
LATER = datetime.fromisoformat("2026-12-30T10:00:00+00:00")
# Two check-ins to Aisha about the onsite interview (given out of time order), or one skipped.
MADE = replace(
    PANEL,
    sent=(
        *PANEL.sent,
        *(
            Sent("check_in", "aisha", "letter", datetime.fromisoformat(when), "onsite")
            for when in ("2026-12-28T10:00:00+00:00", "2026-12-21T10:00:00+00:00")
        ),
    ),
)
SKIPPED = replace(
    PANEL, skipped=(Skip("check_in:aisha:1", datetime.fromisoformat("2026-12-21T10:00:00+00:00")),)
)


def test_a_thank_you_is_the_plans() -> None:
    found = action_for(PANEL, interview_id="onsite", contact_id="tomas", kind="thank_you", now=NOW)
    planned = {a.id: a for a in plan_application(PANEL, NOW).actions}
    assert found == planned["thank_you:onsite:tomas"]
    assert found.method == "email"  # no postal address: R2 fell back


def test_the_open_check_in_is_the_plans() -> None:
    found = action_for(PANEL, interview_id="onsite", contact_id="aisha", kind="check_in", now=NOW)
    assert (found.id, found.method, found.status) == ("check_in:aisha:1", "letter", "planned")
    assert found.not_before == datetime.fromisoformat("2026-12-21T09:00:00+00:00")


def answered(facts_: Facts) -> Facts:
    return replace(facts_, responses=(Reply(at=LATER - timedelta(hours=1), contact="aisha"),))


@pytest.mark.parametrize(
    ("facts_", "person", "name", "number", "method"),
    [
        (answered(PANEL), "aisha", "Aisha Bello", 1, "letter"),
        (answered(PANEL), "tomas", "Tomás Ruiz", 1, "email"),  # no postal address: R2 fell back
        # Numbered after the check-ins made (in any order) and skipped: the next free number.
        (answered(MADE), "wei", "Wei Zhang", 3, "email"),
        (answered(SKIPPED), "wei", "Wei Zhang", 2, "email"),
    ],
)
def test_a_check_in_the_plan_does_not_hold_is_built_by_r2(
    facts_: Facts, person: str, name: str, number: int, method: str
) -> None:
    assert not [a for a in plan_application(facts_, LATER).open_actions if a.kind == "check_in"]
    built = action_for(facts_, interview_id="onsite", contact_id=person, kind="check_in", now=LATER)
    assert built == Action(
        id=f"check_in:{person}:{number}",
        kind="check_in",
        interview="onsite",
        contact=person,
        contact_name=name,
        method=method,  # type: ignore[arg-type]
        not_before=None,
        due=LATER,
        status="due",
        rule="R4",
        reasons=(f"no check-in to {name} is planned; drafted on request",),
    )


@pytest.mark.parametrize(
    ("facts_", "expected"),
    [
        # the check-ins made and skipped are listed too, but the open one is the one to draft
        (MADE, ("check_in:aisha:3", "planned")),  # not before 4 January
        (SKIPPED, ("check_in:aisha:2", "overdue")),  # its window was 28 December
    ],
)
def test_a_check_in_made_or_skipped_is_not_the_one_drafted(
    facts_: Facts, expected: tuple[str, str]
) -> None:
    found = action_for(
        facts_, interview_id="onsite", contact_id="aisha", kind="check_in", now=LATER
    )
    assert (found.id, found.status) == expected


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


SECOND = replace(PANEL.interviews[0], id="final", participants=())


@pytest.mark.parametrize(
    ("facts_", "interview", "message"),
    [
        (
            replace(PANEL, interviews=()),
            "onsite",
            "--interview: no interview 'onsite' (known: none)",
        ),
        (
            replace(PANEL, interviews=(*PANEL.interviews, SECOND)),
            "phone",
            "--interview: no interview 'phone' (known: onsite, final)",
        ),
        (
            replace(PANEL, interviews=(*PANEL.interviews, SECOND)),
            "final",
            "--to: nobody 'aisha' was met at 'final' (nobody)",
        ),
    ],
)
def test_what_is_known_is_listed(facts_: Facts, interview: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        action_for(facts_, interview_id=interview, contact_id="aisha", kind="thank_you", now=NOW)
    assert raised.value.message == message
