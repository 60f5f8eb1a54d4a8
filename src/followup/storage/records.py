"""Reading and writing single facts: the profile, applications, people, interviews, what was
sent, replies, kept notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from followup.core.errors import NotFoundError
from followup.core.model import Application, Candidate, Interview, Participant, Reply, Sent
from followup.storage.queries import Queries
from followup.storage.rows import (
    application_of,
    application_values,
    candidate_of,
    candidate_values,
    contact_of,
    interview_values,
    person_values,
)
from followup.storage.tables import (
    applications,
    follow_ups,
    interviews,
    kept_notes,
    participants,
    people,
    profiles,
    replies,
    skips,
)


class RecordQueries(Queries):
    # -- profile -------------------------------------------------------------------------
    def profile_id(self) -> int | None:
        return self.conn.execute(select(func.min(profiles.c.id))).scalar()

    def candidate(self, *, profile_id: int) -> Candidate:
        row = self.conn.execute(select(profiles).where(profiles.c.id == profile_id)).one()
        return candidate_of(row)

    def save_candidate(self, *, candidate: Candidate, now: datetime) -> int:
        values = candidate_values(candidate)
        pid = self.profile_id()
        if pid is None:
            return int(
                self.conn.execute(
                    insert(profiles).values(created_at=now, **values).returning(profiles.c.id)
                ).scalar_one()
            )
        self.conn.execute(update(profiles).where(profiles.c.id == pid).values(**values))
        return pid

    # -- applications --------------------------------------------------------------------
    def add_application(self, *, profile_id: int, application: Application, now: datetime) -> int:
        values = application_values(application)
        values.pop("primary_contact_id")
        return int(
            self.conn.execute(
                insert(applications)
                .values(profile_id=profile_id, created_at=now, plan_version=0, **values)
                .returning(applications.c.id)
            ).scalar_one()
        )

    def update_application(self, *, application_id: int, **changes: Any) -> None:
        self.application(application_id=application_id)
        self.conn.execute(
            update(applications).where(applications.c.id == application_id).values(**changes)
        )

    def application(self, *, application_id: int) -> Application:
        row = self.conn.execute(
            select(applications).where(applications.c.id == application_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError("application", str(application_id), "see `followup app list`")
        return application_of(row)

    def applications(self, *, profile_id: int) -> list[tuple[Application, datetime | None]]:
        """Every application with its next due time, newest first."""
        rows = self.conn.execute(
            select(applications)
            .where(applications.c.profile_id == profile_id)
            .order_by(applications.c.id.desc())
        ).all()
        return [(application_of(r), r.next_due_at) for r in rows]

    # -- people --------------------------------------------------------------------------
    def add_person(self, *, application_id: int, person: Participant) -> int:
        return int(
            self.conn.execute(
                insert(people)
                .values(application_id=application_id, **person_values(person))
                .returning(people.c.id)
            ).scalar_one()
        )

    def update_person(self, *, person_id: int, **changes: Any) -> None:
        self.conn.execute(update(people).where(people.c.id == person_id).values(**changes))

    def person(self, *, person_id: int) -> tuple[int, Participant]:
        """(application id, the person as a contact) or NotFoundError."""
        row = self.conn.execute(select(people).where(people.c.id == person_id)).one_or_none()
        if row is None:
            raise NotFoundError("person", str(person_id))
        return row.application_id, contact_of(row)

    def people(self, *, application_id: int) -> list[Participant]:
        rows = self.conn.execute(
            select(people).where(people.c.application_id == application_id).order_by(people.c.id)
        ).all()
        return [contact_of(r) for r in rows]

    # -- interviews ----------------------------------------------------------------------
    def add_interview(self, *, application_id: int, interview: Interview) -> int:
        interview_id = int(
            self.conn.execute(
                insert(interviews)
                .values(application_id=application_id, **interview_values(interview))
                .returning(interviews.c.id)
            ).scalar_one()
        )
        self._set_participants(interview_id, interview.participants)
        return interview_id

    def replace_interview(self, *, interview_id: int, interview: Interview) -> None:
        self.conn.execute(
            update(interviews)
            .where(interviews.c.id == interview_id)
            .values(**interview_values(interview))
        )
        self.conn.execute(delete(participants).where(participants.c.interview_id == interview_id))
        self._set_participants(interview_id, interview.participants)

    def _set_participants(self, interview_id: int, met: Sequence[Participant]) -> None:
        if met:
            self.conn.execute(
                insert(participants),
                [
                    {
                        "interview_id": interview_id,
                        "person_id": int(p.id),
                        "position": n,
                        "discussed": list(p.discussed),
                        "liked": list(p.liked),
                    }
                    for n, p in enumerate(met)
                ],
            )

    def interview(self, *, interview_id: int) -> tuple[int, Interview]:
        row = self.conn.execute(
            select(interviews).where(interviews.c.id == interview_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError("interview", str(interview_id))
        return row.application_id, self.interviews_with_people([row])[0]

    # -- what happened -------------------------------------------------------------------
    def add_follow_up(self, *, application_id: int, sent: Sent, body: str | None = None) -> int:
        return int(
            self.conn.execute(
                insert(follow_ups)
                .values(
                    application_id=application_id,
                    kind=sent.kind,
                    interview_id=int(sent.interview) if sent.interview else None,
                    person_id=int(sent.contact),
                    method=sent.method,
                    sent_at=sent.at,
                    body=body,
                )
                .returning(follow_ups.c.id)
            ).scalar_one()
        )

    def add_reply(self, *, application_id: int, reply: Reply, note: str | None = None) -> int:
        return int(
            self.conn.execute(
                insert(replies)
                .values(
                    application_id=application_id,
                    person_id=int(reply.contact) if reply.contact else None,
                    received_at=reply.at,
                    note=note,
                    kind=reply.kind,
                    expected_by=reply.expected_by,
                    until=reply.until,
                )
                .returning(replies.c.id)
            ).scalar_one()
        )

    # -- skipped actions (R1b) ------------------------------------------------------------
    def add_skip(self, *, application_id: int, action_id: str, at: datetime) -> None:
        self.conn.execute(
            insert(skips).values(application_id=application_id, action_id=action_id, at=at)
        )

    def remove_skip(self, *, application_id: int, action_id: str) -> bool:
        """Forget that an action was skipped; False when it was not."""
        done = self.conn.execute(
            delete(skips).where(
                skips.c.application_id == application_id, skips.c.action_id == action_id
            )
        )
        return bool(done.rowcount)

    # -- kept notes ----------------------------------------------------------------------
    def keep_note(
        self, *, application_id: int, action_id: str, method: str, text: str, now: datetime
    ) -> None:
        """Keep (or replace) the text written for a planned follow-up."""
        self.conn.execute(
            delete(kept_notes).where(
                kept_notes.c.application_id == application_id,
                kept_notes.c.action_id == action_id,
            )
        )
        self.conn.execute(
            insert(kept_notes).values(
                application_id=application_id,
                action_id=action_id,
                method=method,
                text=text,
                updated_at=now,
            )
        )

    def kept_notes(self, *, application_id: int) -> dict[str, tuple[str, str]]:
        """action id -> (method, text) of every kept note of the application."""
        rows = self.conn.execute(
            select(kept_notes.c.action_id, kept_notes.c.method, kept_notes.c.text).where(
                kept_notes.c.application_id == application_id
            )
        ).all()
        return {r.action_id: (r.method, r.text) for r in rows}
