"""Use cases of interviews and the people met: record, correct."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import InvalidInputError
from followup.core.model import Interview, Participant
from followup.services.agenda import refresh_plan
from followup.services.base import UseCases
from followup.services.lookup import as_id

if TYPE_CHECKING:
    from followup.inputs.models import InterviewEditIn, InterviewIn, PersonIn
    from followup.storage.store import Repo


class InterviewCases(UseCases):
    def add_interview(self, app_ref: str | int, data: InterviewIn) -> int:
        """Record an interview and everyone met; people already known to the application are
        matched by id or by name, so a second round keeps one contact per person."""
        _check_times(data.start, data.end)
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            repo.application(application_id=app_id)
            met = _people_met(repo, app_id, data.people)
            _set_primary(repo, app_id, data.people, met)
            interview_id = repo.add_interview(
                application_id=app_id,
                interview=Interview(
                    id="new",
                    kind=data.kind,
                    start=data.start,
                    end=data.end,
                    participants=tuple(met),
                    forgot_to_mention=tuple(data.forgot_to_mention),
                    expected_response_by=data.expected_response_by,
                ),
            )
            refresh_plan(repo, app_id)
            return interview_id

    def edit_interview(self, interview_ref: str | int, data: InterviewEditIn) -> int:
        with self.store.transaction() as repo:
            interview_id = as_id(interview_ref, "interview")
            app_id, current = repo.interview(interview_id=interview_id)
            start = data.start or current.start
            end = data.end or current.end
            _check_times(start, end)
            met: tuple[Participant, ...] = current.participants
            if data.people is not None:
                met = tuple(_people_met(repo, app_id, data.people))
                _set_primary(repo, app_id, data.people, met)
            expected = current.expected_response_by
            if data.clear_expected_response_by:
                expected = None
            elif data.expected_response_by is not None:
                expected = data.expected_response_by
            forgot = current.forgot_to_mention
            if data.forgot_to_mention is not None:
                forgot = tuple(data.forgot_to_mention)
            repo.replace_interview(
                interview_id=interview_id,
                interview=replace(
                    current,
                    kind=data.kind or current.kind,
                    start=start,
                    end=end,
                    participants=met,
                    forgot_to_mention=forgot,
                    expected_response_by=expected,
                ),
            )
            refresh_plan(repo, app_id)
            return app_id

    def interview_application(self, interview_ref: str | int) -> int:
        """The application an interview belongs to."""
        with self.store.transaction() as repo:
            return repo.interview(interview_id=as_id(interview_ref, "interview"))[0]

    def person(self, person_ref: str | int) -> tuple[int, Participant]:
        """(application id, the person met with their contact details)."""
        with self.store.transaction() as repo:
            return repo.person(person_id=as_id(person_ref, "person"))

    def edit_person(self, person_ref: str | int, changes: dict[str, Any]) -> Participant:
        with self.store.transaction() as repo:
            person_id = as_id(person_ref, "person")
            app_id, current = repo.person(person_id=person_id)
            fields = ("name", "title", "email", "phone", "address", "salutation")
            base = {k: getattr(current, k) for k in fields}
            from followup.inputs.fields import validate
            from followup.inputs.models import PersonIn

            checked = validate(PersonIn, {**base, **changes}, "person edit")
            values = {k: getattr(checked, k) for k in fields}
            repo.update_person(person_id=person_id, **values)
            refresh_plan(repo, app_id)
            return repo.person(person_id=person_id)[1]


def _check_times(start: datetime, end: datetime) -> None:
    if end <= start:
        raise InvalidInputError("end", "the interview ends before it starts")


def _set_primary(
    repo: Repo, app_id: int, given: Sequence[PersonIn], met: Sequence[Participant]
) -> None:
    """Make the person marked `primary` the application's primary contact."""
    for person, stored in zip(given, met, strict=True):
        if person.primary:
            repo.update_application(application_id=app_id, primary_contact_id=int(stored.id))


def _people_met(repo: Repo, app_id: int, given: Iterable[PersonIn]) -> list[Participant]:
    """Participants with stored ids: known people are updated, new ones added."""
    known = repo.people(application_id=app_id)
    by_name = {p.name.casefold(): p for p in known}
    by_id = {p.id: p for p in known}
    met: list[Participant] = []
    seen: set[str] = set()
    for n, person in enumerate(given):
        details = {
            k: getattr(person, k)
            for k in ("name", "title", "email", "phone", "address", "salutation")
        }
        if person.id is not None:
            existing = by_id.get(str(person.id))
            if existing is None:
                raise InvalidInputError(
                    f"people[{n}].id", f"unknown person {person.id} in application {app_id}"
                )
        else:
            existing = by_name.get(person.name.casefold())
        if existing is None:
            added = Participant(id="", **details)
            person_id = str(repo.add_person(application_id=app_id, person=added))
            by_name[person.name.casefold()] = replace(added, id=person_id)
        else:
            person_id = existing.id
            merged = {k: v if v is not None else getattr(existing, k) for k, v in details.items()}
            repo.update_person(person_id=int(person_id), **merged)
        if person_id in seen:
            raise InvalidInputError(f"people[{n}]", f"{person.name} is listed twice")
        seen.add(person_id)
        met.append(
            Participant(
                id=person_id,
                name=person.name,
                discussed=tuple(person.discussed),
                liked=tuple(person.liked),
            )
        )
    return met
