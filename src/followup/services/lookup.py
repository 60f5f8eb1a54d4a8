"""From what a user typed to what is stored: ids, and the planned action an action id names."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from followup.core.errors import NotFoundError
from followup.core.ids import ActionId
from followup.core.model import Action, Facts
from followup.core.plan import plan_application

if TYPE_CHECKING:
    from followup.storage.store import Repo


def as_id(value: str | int, what: str) -> int:
    """A stored id from what a user typed; anything else is an unknown id."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise NotFoundError(what, str(value)) from None
    if number <= 0 or number > 2**31 - 1:
        raise NotFoundError(what, str(value))
    return number


def resolve_action(repo: Repo, action_id: str, now: datetime) -> tuple[int, Facts, Action]:
    """The application, its facts and the planned action an action id names."""
    parsed = ActionId.parse(action_id, "ACTION", stored=True)
    if parsed.interview is not None:
        interview_id, person_id = as_id(parsed.interview, "interview"), parsed.contact
        app_id, interview = repo.interview(interview_id=interview_id)
        if all(p.id != person_id for p in interview.participants):
            raise NotFoundError(
                "action", action_id, f"person {person_id} was not met at that interview"
            )
    else:
        app_id, _ = repo.person(person_id=as_id(parsed.contact, "person"))
    facts = repo.facts(application_id=app_id)
    wanted = str(parsed)
    action = next((a for a in plan_application(facts, now).actions if a.id == wanted), None)
    if action is None:
        raise NotFoundError("action", action_id, "see `followup agenda` for open ones")
    return app_id, facts, action
