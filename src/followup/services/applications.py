"""Use cases of applications: add, change, close, reopen, list, show, plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import InvalidInputError
from followup.core.jsonable import facts_to_scenario
from followup.core.model import CLOSED_STATUSES, Application, Facts, Plan
from followup.core.plan import plan_application
from followup.core.workdays import zone
from followup.services.agenda import refresh_plan
from followup.services.base import UseCases
from followup.services.changes import changed
from followup.services.lookup import as_id

if TYPE_CHECKING:
    from followup.inputs.models import ApplicationIn


STATUS_WORDS = {
    "active": "active",
    "offer": "an offer",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "no_response": "no response",
}


@dataclass(frozen=True)
class Closed:
    application: Application
    change: int

    @property
    def company(self) -> str:
        return self.application.company

    @property
    def status(self) -> str:
        return self.application.status


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    facts: Facts
    plan: Plan
    history: dict[str, list[dict[str, Any]]]


class ApplicationCases(UseCases):
    def add_application(self, data: ApplicationIn) -> int:
        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            app_id = repo.add_application(
                profile_id=pid, application=Application(**data.model_dump()), now=self.clock()
            )
            refresh_plan(repo, app_id)
            return app_id

    def update_application(self, app_ref: str | int, changes: dict[str, Any]) -> None:
        """Change facts of an application (validated like a new one); primary_contact by id."""
        from followup.inputs.fields import validate
        from followup.inputs.models import ApplicationIn

        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            current = repo.application(application_id=app_id)
            contact = changes.pop("primary_contact", None)
            merged = {
                k: getattr(current, k) for k in ApplicationIn.model_fields if k not in changes
            }
            checked = validate(ApplicationIn, {**merged, **changes}, "app edit")
            values = checked.model_dump()
            if contact is not None:
                person_app, _ = repo.person(person_id=as_id(contact, "person"))
                if person_app != app_id:
                    raise InvalidInputError(
                        "who gets the check-ins",
                        f"person {contact} is not met in application {app_id}",
                        field="primary_contact",
                    )
                values["primary_contact_id"] = int(contact)
            repo.update_application(application_id=app_id, **values)
            refresh_plan(repo, app_id)

    def close_application(self, app_ref: str | int, outcome: str) -> Closed:
        """Close an application with its outcome: no more follow-ups."""
        if outcome not in CLOSED_STATUSES:
            raise InvalidInputError(
                "how it ended",
                f"must be one of {', '.join(CLOSED_STATUSES)}, not {outcome!r}",
                field="outcome",
            )
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            company = repo.application(application_id=app_id).company
            change = changed(
                repo,
                app_id,
                f"Closed {company} as {STATUS_WORDS[outcome]}",
                self.clock(),
                lambda: repo.update_application(
                    application_id=app_id, status=outcome, closed_at=self.clock()
                ),
            )
            return Closed(repo.application(application_id=app_id), change)

    def reopen_application(self, app_ref: str | int) -> int:
        """Make a closed application active again; returns the change (undo closes it again)."""
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            company = repo.application(application_id=app_id).company
            return changed(
                repo,
                app_id,
                f"Reopened {company}",
                self.clock(),
                lambda: repo.update_application(
                    application_id=app_id, status="active", closed_at=None
                ),
            )

    def applications(self) -> list[tuple[Application, datetime | None]]:
        with self.store.transaction() as repo:
            pid = repo.profile_id()
            return [] if pid is None else repo.applications(profile_id=pid)

    def application(self, app_ref: str | int) -> ApplicationView:
        now = self.clock()
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            facts = repo.facts(application_id=app_id)
            return ApplicationView(
                application=facts.application,
                facts=facts,
                plan=plan_application(facts, now),
                history=repo.history(application_id=app_id),
            )

    def plan(self, app_ref: str | int) -> tuple[Facts, Plan]:
        view = self.application(app_ref)
        return view.facts, view.plan

    def scenario(self, app_ref: str | int) -> dict[str, Any]:
        with self.store.transaction() as repo:
            facts = repo.facts(application_id=as_id(app_ref, "application"))
        return facts_to_scenario(facts, self.clock().astimezone(zone(facts.candidate.timezone)))
