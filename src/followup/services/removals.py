"""Use cases of deleting: an application, an interview, a person met, a sent record, a reply;
and removing the sample. Deleting is a fact change like any other: the plan follows, and it
can be undone for a minute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup.core.model import KIND_WORDS
from followup.services.base import UseCases
from followup.services.changes import changed
from followup.services.lookup import as_id

if TYPE_CHECKING:
    from followup.storage.store import Repo


@dataclass(frozen=True)
class Deleted:
    change: int
    application_id: int
    summary: str


class RemovalCases(UseCases):
    def _deleted(
        self,
        repo: Repo,
        app_id: int,
        summary: str,
        delete: Callable[[], object],
        *,
        plan_stays: bool = True,
    ) -> Deleted:
        change = changed(repo, app_id, summary, self.clock(), delete, plan_stays=plan_stays)
        return Deleted(change, app_id, summary)

    def delete_application(self, app_ref: str | int) -> Deleted:
        """Delete an application with everything entered for it."""
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            app = repo.application(application_id=app_id)
            return self._deleted(
                repo,
                app_id,
                f"Deleted the application {app.company} — {app.role}",
                lambda: repo.delete_application(application_id=app_id),
                plan_stays=False,
            )

    def delete_interview(self, interview_ref: str | int) -> Deleted:
        """Delete an interview, its thank-yous (sent or not) and the people met only there."""
        with self.store.transaction() as repo:
            interview_id = as_id(interview_ref, "interview")
            app_id, interview = repo.interview(interview_id=interview_id)
            names = ", ".join(p.name for p in interview.participants) or "nobody"
            return self._deleted(
                repo,
                app_id,
                f"Deleted the {interview.kind.replace('_', '-')} interview with {names}",
                lambda: repo.delete_interview(interview_id=interview_id),
            )

    def delete_person(self, person_ref: str | int) -> Deleted:
        """Delete a person met, with their thank-yous and check-ins; their replies stay, as
        the company's."""
        with self.store.transaction() as repo:
            person_id = as_id(person_ref, "person")
            app_id, person = repo.person(person_id=person_id)
            return self._deleted(
                repo,
                app_id,
                f"Deleted {person.name}",
                lambda: repo.delete_person(person_id=person_id),
            )

    def delete_sent(self, sent_ref: str | int) -> Deleted:
        """Delete the record of a follow-up made: it is planned again."""
        with self.store.transaction() as repo:
            row = repo.follow_up(follow_up_id=as_id(sent_ref, "sent record"))
            return self._deleted(
                repo,
                row["application_id"],
                f"Deleted the record of the {KIND_WORDS[row['kind']]} to {row['name']}",
                lambda: repo.delete_follow_up(follow_up_id=row["id"]),
            )

    def delete_reply(self, reply_ref: str | int) -> Deleted:
        """Delete a reply recorded by mistake: the check-ins it stopped are planned again."""
        with self.store.transaction() as repo:
            row = repo.reply_row(reply_id=as_id(reply_ref, "reply"))
            return self._deleted(
                repo,
                row["application_id"],
                f"Deleted the reply from {row['name'] or 'the company'}",
                lambda: repo.delete_reply(reply_id=row["id"]),
            )

    # -- the sample ----------------------------------------------------------------------
    def is_demo(self) -> bool:
        """Whether the data shown is the sample `make run` loaded."""
        with self.store.transaction() as repo:
            return repo.is_demo()

    def remove_demo(self) -> bool:
        """Remove the sample; True when nothing is left (the first-visit setup comes next),
        False when applications of the user's own stay, with the profile."""
        with self.store.transaction() as repo:
            emptied = repo.remove_demo()
            repo.bump_revision()
        return emptied
