"""Deleting facts (an application, an interview, a person, a sent record, a reply) and the
sample's marks. What hangs on a deleted row goes with it (the schema's ON DELETE), and so do
the skips and kept notes whose action names it, which no key ties to it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, or_, select, update

from followup.core.errors import NotFoundError
from followup.storage.mail_tables import outbox
from followup.storage.queries import Queries
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


class RemovalQueries(Queries):
    def delete_application(self, *, application_id: int) -> None:
        self.conn.execute(delete(applications).where(applications.c.id == application_id))

    def delete_interview(self, *, interview_id: int) -> list[int]:
        """Delete an interview and its thank-yous' notes and skips; the people met at no other
        interview go too (they were entered with it). Returns those people's ids."""
        application_id, _ = self.interview(interview_id=interview_id)  # type: ignore[attr-defined]
        met = select(participants.c.person_id).where(participants.c.interview_id == interview_id)
        elsewhere = exists().where(
            participants.c.person_id == people.c.id, participants.c.interview_id != interview_id
        )
        alone = list(
            self.conn.execute(
                select(people.c.id).where(people.c.id.in_(met), ~elsewhere).order_by(people.c.id)
            ).scalars()
        )
        self._forget_actions(application_id, [f"thank_you:{interview_id}:%"])
        self.conn.execute(delete(interviews).where(interviews.c.id == interview_id))
        for person_id in alone:
            self.delete_person(person_id=person_id)
        return alone

    def delete_person(self, *, person_id: int) -> None:
        """Delete a person met, with what was sent to them; their replies stay, from the
        company; they stop being the primary contact."""
        application_id, _ = self.person(person_id=person_id)  # type: ignore[attr-defined]
        self._forget_actions(
            application_id, [f"thank_you:%:{person_id}", f"check_in:{person_id}:%"]
        )
        self.conn.execute(
            update(applications)
            .where(applications.c.primary_contact_id == person_id)
            .values(primary_contact_id=None)
        )
        self.conn.execute(delete(people).where(people.c.id == person_id))

    def _forget_actions(self, application_id: int, patterns: list[str]) -> None:
        for table in (kept_notes, skips):
            self.conn.execute(
                delete(table).where(
                    table.c.application_id == application_id,
                    or_(*(table.c.action_id.like(p) for p in patterns)),
                )
            )

    def follow_up(self, *, follow_up_id: int) -> dict[str, Any]:
        row = self.conn.execute(
            select(follow_ups, people.c.name)
            .join(people, people.c.id == follow_ups.c.person_id)
            .where(follow_ups.c.id == follow_up_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError("sent record", str(follow_up_id))
        return dict(row._mapping)

    def sent_records(
        self, *, application_id: int, kind: str, person_id: int, interview_id: int | None
    ) -> list[dict[str, Any]]:
        """The records of one action's follow-ups (a thank-you has one; a check-in's number
        is not stored, so all check-ins to the person), oldest first."""
        where = [
            follow_ups.c.application_id == application_id,
            follow_ups.c.kind == kind,
            follow_ups.c.person_id == person_id,
        ]
        if interview_id is not None:
            where.append(follow_ups.c.interview_id == interview_id)
        rows = self.conn.execute(
            select(follow_ups).where(*where).order_by(follow_ups.c.sent_at, follow_ups.c.id)
        ).all()
        return [dict(r._mapping) for r in rows]

    def bounced_actions(self, *, profile_id: int, prefix: str) -> dict[str, dict[str, Any]]:
        """action id -> {to_address, why} of each follow-up whose email bounced."""
        rows = self.conn.execute(
            select(outbox.c.action_id, outbox.c.to_address, outbox.c.last_error).where(
                outbox.c.profile_id == profile_id,
                outbox.c.state == "failed",
                outbox.c.action_id.is_not(None),
                outbox.c.last_error.like(prefix.replace("%", r"\%") + "%", escape="\\"),
            )
        ).all()
        return {
            r.action_id: {"to_address": r.to_address, "why": r.last_error.removeprefix(prefix)}
            for r in rows
        }

    def delete_follow_up(self, *, follow_up_id: int) -> None:
        self.conn.execute(delete(follow_ups).where(follow_ups.c.id == follow_up_id))

    def reply_row(self, *, reply_id: int) -> dict[str, Any]:
        row = self.conn.execute(
            select(replies, people.c.name)
            .outerjoin(people, people.c.id == replies.c.person_id)
            .where(replies.c.id == reply_id)
        ).one_or_none()
        if row is None:
            raise NotFoundError("reply", str(reply_id))
        return dict(row._mapping)

    def delete_reply(self, *, reply_id: int) -> None:
        self.conn.execute(delete(replies).where(replies.c.id == reply_id))

    # -- the sample ----------------------------------------------------------------------
    def mark_demo(self, *, profile_id: int) -> None:
        """The profile and every application now in the database are the sample."""
        self.conn.execute(update(profiles).where(profiles.c.id == profile_id).values(demo=True))
        self.conn.execute(
            update(applications).where(applications.c.profile_id == profile_id).values(demo=True)
        )

    def is_demo(self) -> bool:
        return bool(self.conn.execute(select(profiles.c.demo).limit(1)).scalar())

    def is_demo_application(self, *, application_id: int) -> bool:
        found = select(applications.c.demo).where(applications.c.id == application_id)
        return bool(self.conn.execute(found).scalar())

    def remove_demo(self) -> bool:
        """Delete the sample's applications, and its profile when nothing of the user's is
        left; True when the profile went too."""
        self.conn.execute(delete(applications).where(applications.c.demo.is_(True)))
        own = self.conn.execute(select(applications.c.id).limit(1)).first() is not None
        if own:
            self.conn.execute(update(profiles).values(demo=False))
            return False
        self.conn.execute(delete(profiles).where(profiles.c.demo.is_(True)))
        return True
