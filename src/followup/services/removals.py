"""Use cases of deleting: an application, an interview, a person met, a sent record, a reply;
and removing the sample. Deleting is a fact change like any other: the plan follows, and it
can be undone for a minute."""

from __future__ import annotations

from dataclasses import dataclass

from followup.services.agenda import refresh_plan
from followup.services.base import UseCases
from followup.services.changes import log_change
from followup.services.lookup import as_id

KIND_WORDS = {"thank_you": "thank-you", "check_in": "check-in"}


@dataclass(frozen=True)
class Deleted:
    change: int
    application_id: int
    summary: str


class RemovalCases(UseCases):
    def delete_application(self, app_ref: str | int) -> Deleted:
        """Delete an application with everything entered for it."""
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            app = repo.application(application_id=app_id)
            before = repo.application_rows(application_id=app_id)
            repo.delete_application(application_id=app_id)
            repo.bump_revision()
            summary = f"Deleted the application {app.company} — {app.role}"
            change = log_change(
                repo, application_id=app_id, before=before, summary=summary, now=self.clock()
            )
        return Deleted(change, app_id, summary)

    def delete_interview(self, interview_ref: str | int) -> Deleted:
        """Delete an interview, its thank-yous (sent or not) and the people met only there."""
        with self.store.transaction() as repo:
            interview_id = as_id(interview_ref, "interview")
            app_id, interview = repo.interview(interview_id=interview_id)
            before = repo.application_rows(application_id=app_id)
            repo.delete_interview(interview_id=interview_id)
            refresh_plan(repo, app_id)
            names = ", ".join(p.name for p in interview.participants) or "nobody"
            summary = f"Deleted the {interview.kind.replace('_', '-')} interview with {names}"
            change = log_change(
                repo, application_id=app_id, before=before, summary=summary, now=self.clock()
            )
        return Deleted(change, app_id, summary)

    def delete_person(self, person_ref: str | int) -> Deleted:
        """Delete a person met, with their thank-yous and check-ins; their replies stay, as
        the company's."""
        with self.store.transaction() as repo:
            person_id = as_id(person_ref, "person")
            app_id, person = repo.person(person_id=person_id)
            before = repo.application_rows(application_id=app_id)
            repo.delete_person(person_id=person_id)
            refresh_plan(repo, app_id)
            summary = f"Deleted {person.name}"
            change = log_change(
                repo, application_id=app_id, before=before, summary=summary, now=self.clock()
            )
        return Deleted(change, app_id, summary)

    def delete_sent(self, sent_ref: str | int) -> Deleted:
        """Delete the record of a follow-up made: it is planned again."""
        with self.store.transaction() as repo:
            row = repo.follow_up(follow_up_id=as_id(sent_ref, "sent record"))
            app_id = row["application_id"]
            before = repo.application_rows(application_id=app_id)
            repo.delete_follow_up(follow_up_id=row["id"])
            refresh_plan(repo, app_id)
            summary = f"Deleted the record of the {KIND_WORDS[row['kind']]} to {row['name']}"
            change = log_change(
                repo, application_id=app_id, before=before, summary=summary, now=self.clock()
            )
        return Deleted(change, app_id, summary)

    def delete_reply(self, reply_ref: str | int) -> Deleted:
        """Delete a reply recorded by mistake: the check-ins it stopped are planned again."""
        with self.store.transaction() as repo:
            row = repo.reply_row(reply_id=as_id(reply_ref, "reply"))
            app_id = row["application_id"]
            before = repo.application_rows(application_id=app_id)
            repo.delete_reply(reply_id=row["id"])
            refresh_plan(repo, app_id)
            summary = f"Deleted the reply from {row['name'] or 'the company'}"
            change = log_change(
                repo, application_id=app_id, before=before, summary=summary, now=self.clock()
            )
        return Deleted(change, app_id, summary)

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
