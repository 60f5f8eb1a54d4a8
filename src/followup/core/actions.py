"""One action of the plan, found for a person, or built by the rules when the plan has none.

The writer drafts from an action (who, how, when); this is where a request such as "the
check-in to Raj for the panel interview" becomes one, so drafting never plans on its own.
"""

from __future__ import annotations

from datetime import datetime

from followup.core.errors import InvalidInputError
from followup.core.ids import ActionId
from followup.core.model import Action, ActionKind, Facts, Method
from followup.core.plan import (
    choose_method,
    number_check_ins,
    plan_application,
    preferred_method,
    status_at,
)


def action_for(
    facts: Facts,
    *,
    interview_id: str,
    contact_id: str,
    kind: ActionKind,
    now: datetime,
) -> Action:
    """The plan's action for this interview, person and kind.

    A thank-you is R1's for that person at that interview. A check-in is the plan's open one
    when it goes to that person about that interview; when the plan has none for them (a reply
    stopped the check-ins, or they are not the one check-ins go to), one is built here with
    R2's method for that person, due now, so a note can still be drafted.
    """
    interview = facts.interview(interview_id)
    if interview is None:
        known = ", ".join(i.id for i in facts.interviews) or "none"
        raise InvalidInputError("--interview", f"no interview {interview_id!r} (known: {known})")
    person = facts.person(contact_id)
    met = any(p.id == contact_id for p in interview.participants)
    if kind == "thank_you" and not met:
        known = ", ".join(p.id for p in interview.participants) or "nobody"
        raise InvalidInputError(
            "--to", f"nobody {contact_id!r} was met at {interview_id!r} ({known})"
        )
    if person is None:
        raise InvalidInputError("--to", f"no person {contact_id!r} in the scenario")
    plan = plan_application(facts, now)
    if kind == "thank_you":
        wanted = str(ActionId.thank_you(interview_id, contact_id))
        return next(a for a in plan.actions if a.id == wanted)
    for action in plan.actions:
        if (
            action.kind == "check_in"
            and action.status not in ("done", "skipped")
            and action.contact == contact_id
            and action.interview == interview_id
        ):
            return action
    method: Method = choose_method(preferred_method(facts.application), person)[0]
    made = sorted((s for s in facts.sent if s.kind == "check_in"), key=lambda s: s.at.timestamp())
    return Action(
        id=str(ActionId.check_in(contact_id, number_check_ins(facts, made)[1])),
        kind="check_in",
        interview=interview_id,
        contact=contact_id,
        contact_name=person.name,
        method=method,
        not_before=None,
        due=now,
        status=status_at(now, None, now),
        rule="R4",
        reasons=(f"no check-in to {person.name} is planned; drafted on request",),
    )
