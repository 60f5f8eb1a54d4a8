"""The calendar's facts: an interview's event, the candidate's aliases, the feed's key and
secret and what it last published, the subscription, proposals, removed interviews."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, insert, select, tuple_, update

from followup.storage.queries import Queries
from followup.storage.tables import (
    applications,
    calendar_proposals,
    calendar_settings,
    calendar_subscriptions,
    feed_events,
    follow_ups,
    interview_events,
    interviews,
    kept_notes,
    participants,
    people,
    removed_interviews,
)


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    aliases: tuple[str, ...]
    feed_key: str  # the UIDs' namespace: stable, exported
    feed_secret: str  # the feed URL's capability: renewable, never exported


@dataclass(frozen=True, slots=True)
class EventLink:
    """The interview an event was imported as."""

    interview_id: int
    application_id: int
    sequence: int


@dataclass(frozen=True, slots=True)
class CancelledEvent:
    """An event whose interview a cancellation removed."""

    removed_id: int
    application_id: int
    interview_id: int
    sequence: int  # the cancellation's
    removed_at: datetime


@dataclass(frozen=True, slots=True)
class Published:
    start: datetime
    end: datetime
    sequence: int
    stamped_at: datetime


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    etag: str | None
    checked_at: datetime | None
    problem: str | None


@dataclass(frozen=True, slots=True)
class ProposalRow:
    id: int
    source: str
    uid: str
    recurrence: str
    sequence: int
    summary: str
    start_at: datetime
    application_id: int | None
    invite: dict[str, Any]
    found_at: datetime
    state: str


def new_feed_key() -> str:
    return secrets.token_hex(8)


def new_feed_secret() -> str:
    return secrets.token_urlsafe(24)


class CalendarQueries(Queries):
    # -- settings ------------------------------------------------------------------------
    def calendar_settings(self, *, profile_id: int) -> CalendarSettings:
        """The profile's calendar settings, made (with a new key and secret) on first use."""
        row = self.conn.execute(
            select(calendar_settings).where(calendar_settings.c.profile_id == profile_id)
        ).one_or_none()
        if row is None:
            values = {"aliases": [], "feed_key": new_feed_key(), "feed_secret": new_feed_secret()}
            self.conn.execute(insert(calendar_settings).values(profile_id=profile_id, **values))
            return CalendarSettings((), values["feed_key"], values["feed_secret"])
        return CalendarSettings(tuple(row.aliases), row.feed_key, row.feed_secret)

    def set_aliases(self, *, profile_id: int, aliases: Sequence[str]) -> None:
        self.calendar_settings(profile_id=profile_id)
        self.conn.execute(
            update(calendar_settings)
            .where(calendar_settings.c.profile_id == profile_id)
            .values(aliases=list(aliases))
        )

    def renew_feed_secret(self, *, profile_id: int) -> str:
        self.calendar_settings(profile_id=profile_id)
        secret = new_feed_secret()
        self.conn.execute(
            update(calendar_settings)
            .where(calendar_settings.c.profile_id == profile_id)
            .values(feed_secret=secret)
        )
        return secret

    def profile_of_feed_secret(self, *, secret: str) -> int | None:
        return self.conn.execute(
            select(calendar_settings.c.profile_id).where(calendar_settings.c.feed_secret == secret)
        ).scalar()

    # -- interviews' events --------------------------------------------------------------
    def interview_of_event(self, *, profile_id: int, uid: str, recurrence: str) -> EventLink | None:
        row = self.conn.execute(
            select(
                interview_events.c.interview_id,
                interviews.c.application_id,
                interview_events.c.sequence,
            )
            .join(interviews, interviews.c.id == interview_events.c.interview_id)
            .join(applications, applications.c.id == interviews.c.application_id)
            .where(
                applications.c.profile_id == profile_id,
                interview_events.c.uid == uid,
                interview_events.c.recurrence == recurrence,
            )
        ).first()
        return None if row is None else EventLink(*row)

    def set_interview_event(
        self, *, interview_id: int, uid: str, recurrence: str, sequence: int
    ) -> None:
        self.conn.execute(
            delete(interview_events).where(interview_events.c.interview_id == interview_id)
        )
        self.conn.execute(
            insert(interview_events).values(
                interview_id=interview_id, uid=uid, recurrence=recurrence, sequence=sequence
            )
        )

    def imported_events(self, *, profile_id: int) -> dict[tuple[str, str], int]:
        """(uid, occurrence) -> the sequence imported, for every imported interview."""
        rows = self.conn.execute(
            select(
                interview_events.c.uid, interview_events.c.recurrence, interview_events.c.sequence
            )
            .join(interviews, interviews.c.id == interview_events.c.interview_id)
            .join(applications, applications.c.id == interviews.c.application_id)
            .where(applications.c.profile_id == profile_id)
        ).all()
        return {(r.uid, r.recurrence): r.sequence for r in rows}

    def people_emails(self, *, profile_id: int) -> list[tuple[int, str, str, str]]:
        """(application id, status, company, email) of every person with an email address."""
        rows = self.conn.execute(
            select(applications.c.id, applications.c.status, applications.c.company, people.c.email)
            .join(people, people.c.application_id == applications.c.id, isouter=True)
            .where(applications.c.profile_id == profile_id)
        ).all()
        return [(r[0], r[1], r[2], r[3] or "") for r in rows]

    # -- the feed ------------------------------------------------------------------------
    def published(self, *, application_ids: Iterable[int]) -> dict[tuple[int, str], Published]:
        ids = list(application_ids)
        rows = self.conn.execute(
            select(feed_events).where(feed_events.c.application_id.in_(ids))
        ).all()
        return {
            (r.application_id, r.action_id): Published(
                r.start_at, r.end_at, r.sequence, r.stamped_at
            )
            for r in rows
        }

    def save_published(
        self,
        *,
        added: Sequence[tuple[int, str, Published]],
        changed: Sequence[tuple[int, str, Published]],
    ) -> None:
        def row(app_id: int, action_id: str, p: Published) -> dict[str, Any]:
            return {
                "application_id": app_id,
                "action_id": action_id,
                "start_at": p.start,
                "end_at": p.end,
                "sequence": p.sequence,
                "stamped_at": p.stamped_at,
            }

        if added:
            self.conn.execute(insert(feed_events), [row(*a) for a in added])
        if changed:
            keys = [(a, i) for a, i, _ in changed]
            self.conn.execute(
                delete(feed_events).where(
                    tuple_(feed_events.c.application_id, feed_events.c.action_id).in_(keys)
                )
            )
            self.conn.execute(insert(feed_events), [row(*c) for c in changed])

    # -- the subscription ----------------------------------------------------------------
    def subscription(self, *, profile_id: int) -> Subscription | None:
        row = self.conn.execute(
            select(calendar_subscriptions).where(calendar_subscriptions.c.profile_id == profile_id)
        ).one_or_none()
        return None if row is None else Subscription(row.url, row.etag, row.checked_at, row.problem)

    def set_subscription(self, *, profile_id: int, url: str | None) -> None:
        self.conn.execute(
            delete(calendar_subscriptions).where(calendar_subscriptions.c.profile_id == profile_id)
        )
        if url is not None:
            self.conn.execute(insert(calendar_subscriptions).values(profile_id=profile_id, url=url))

    def subscription_checked(
        self, *, profile_id: int, etag: str | None, at: datetime, problem: str | None
    ) -> None:
        values: dict[str, Any] = {"checked_at": at, "problem": problem}
        if etag is not None or problem is None:
            values["etag"] = etag
        self.conn.execute(
            update(calendar_subscriptions)
            .where(calendar_subscriptions.c.profile_id == profile_id)
            .values(**values)
        )

    # -- proposals -----------------------------------------------------------------------
    def proposal(self, *, profile_id: int, proposal_id: int) -> ProposalRow | None:
        row = self.conn.execute(
            select(calendar_proposals).where(
                calendar_proposals.c.profile_id == profile_id,
                calendar_proposals.c.id == proposal_id,
            )
        ).one_or_none()
        return None if row is None else _proposal_of(row)

    def proposals(self, *, profile_id: int, state: str | None = "open") -> list[ProposalRow]:
        query = select(calendar_proposals).where(calendar_proposals.c.profile_id == profile_id)
        if state is not None:
            query = query.where(calendar_proposals.c.state == state)
        rows = self.conn.execute(query.order_by(calendar_proposals.c.start_at)).all()
        return [_proposal_of(r) for r in rows]

    def propose(
        self,
        *,
        profile_id: int,
        source: str,
        uid: str,
        recurrence: str,
        sequence: int,
        summary: str,
        start_at: datetime,
        application_id: int | None,
        invite: dict[str, Any],
        now: datetime,
    ) -> bool:
        """Keep an invitation to propose; an update reopens an imported one, never a dismissed
        one. True when the user has something new to see."""
        where = and_(
            calendar_proposals.c.profile_id == profile_id,
            calendar_proposals.c.uid == uid,
            calendar_proposals.c.recurrence == recurrence,
        )
        known = self.conn.execute(
            select(calendar_proposals.c.sequence, calendar_proposals.c.state).where(where)
        ).first()
        values = {
            "source": source,
            "sequence": sequence,
            "summary": summary,
            "start_at": start_at,
            "application_id": application_id,
            "invite": json.dumps(invite, ensure_ascii=False),
            "found_at": now,
        }
        if known is None:
            self.conn.execute(
                insert(calendar_proposals).values(
                    profile_id=profile_id, uid=uid, recurrence=recurrence, state="open", **values
                )
            )
            return True
        if sequence <= known.sequence:
            return False
        state = "dismissed" if known.state == "dismissed" else "open"
        self.conn.execute(update(calendar_proposals).where(where).values(state=state, **values))
        return state == "open"

    def set_proposal_state(self, *, proposal_id: int, state: str) -> None:
        self.conn.execute(
            update(calendar_proposals)
            .where(calendar_proposals.c.id == proposal_id)
            .values(state=state)
        )

    def close_proposals_of(self, *, profile_id: int, uid: str, recurrence: str) -> None:
        """An event imported by hand is no longer an open proposal."""
        self.conn.execute(
            update(calendar_proposals)
            .where(
                calendar_proposals.c.profile_id == profile_id,
                calendar_proposals.c.uid == uid,
                calendar_proposals.c.recurrence == recurrence,
                calendar_proposals.c.state == "open",
            )
            .values(state="imported")
        )

    # -- removed interviews --------------------------------------------------------------
    def remove_interview(self, *, interview_id: int) -> dict[str, list[dict[str, Any]]]:
        """Delete an interview and what hangs on it; returns those rows, to put back later."""
        thank_yous = f"thank_you:{interview_id}:%"
        parts = {
            "interviews": (interviews, interviews.c.id == interview_id),
            "interview_events": (
                interview_events,
                interview_events.c.interview_id == interview_id,
            ),
            "participants": (participants, participants.c.interview_id == interview_id),
            "follow_ups": (follow_ups, follow_ups.c.interview_id == interview_id),
            "kept_notes": (kept_notes, kept_notes.c.action_id.like(thank_yous)),
        }
        snapshot = {
            name: [dict(r._mapping) for r in self.conn.execute(select(table).where(where))]
            for name, (table, where) in parts.items()
        }
        for table, where in reversed(parts.values()):
            self.conn.execute(delete(table).where(where))
        return snapshot

    def put_back_interview(self, *, rows: dict[str, list[dict[str, Any]]]) -> int:
        """Insert a removed interview's rows again, under its own id unless another interview
        took it since (then a new one); returns the id."""
        [interview] = rows["interviews"]
        taken = self.conn.execute(
            select(interviews.c.id).where(interviews.c.id == interview["id"])
        ).first()
        values = {k: _when(k, v) for k, v in interview.items() if k != "id" or taken is None}
        new_id = int(
            self.conn.execute(
                insert(interviews).values(**values).returning(interviews.c.id)
            ).scalar_one()
        )
        for name, table in (
            ("interview_events", interview_events),
            ("participants", participants),
        ):
            for row in rows[name]:
                self.conn.execute(insert(table).values(**{**row, "interview_id": new_id}))
        for row in rows["follow_ups"]:
            values = {k: _when(k, v) for k, v in row.items() if k != "id"}
            self.conn.execute(insert(follow_ups).values(**{**values, "interview_id": new_id}))
        for row in rows["kept_notes"]:
            values = {k: _when(k, v) for k, v in row.items() if k != "id"}
            _, _, person = values["action_id"].rpartition(":")
            values["action_id"] = f"thank_you:{new_id}:{person}"
            self.conn.execute(insert(kept_notes).values(**values))
        return new_id

    def keep_removed(
        self,
        *,
        application_id: int,
        interview_id: int,
        reason: str,
        snapshot: dict[str, Any],
        now: datetime,
    ) -> int:
        return int(
            self.conn.execute(
                insert(removed_interviews)
                .values(
                    application_id=application_id,
                    interview_id=interview_id,
                    removed_at=now,
                    reason=reason,
                    snapshot=json.dumps(snapshot, ensure_ascii=False, default=str),
                )
                .returning(removed_interviews.c.id)
            ).scalar_one()
        )

    def removed(self, *, removed_id: int) -> tuple[int, dict[str, Any]] | None:
        """(application id, snapshot) of a removed interview."""
        row = self.conn.execute(
            select(removed_interviews).where(removed_interviews.c.id == removed_id)
        ).one_or_none()
        return None if row is None else (row.application_id, json.loads(row.snapshot))

    def cancelled_events(self, *, profile_id: int) -> dict[tuple[str, str], CancelledEvent]:
        """(uid, occurrence) -> how each event a cancellation removed (and not put back) was
        cancelled, so an older copy of its invitation cannot bring it back."""
        rows = self.conn.execute(
            select(
                removed_interviews.c.id,
                removed_interviews.c.application_id,
                removed_interviews.c.interview_id,
                removed_interviews.c.removed_at,
                removed_interviews.c.snapshot,
            )
            .join(applications, applications.c.id == removed_interviews.c.application_id)
            .where(applications.c.profile_id == profile_id)
            .order_by(removed_interviews.c.id)
        ).all()
        found: dict[tuple[str, str], CancelledEvent] = {}
        for row in rows:
            snapshot = json.loads(row.snapshot)
            # the cancellation's own SEQUENCE; a removal kept before it was recorded has only
            # the SEQUENCE imported
            events = snapshot.get("cancelled_event") or snapshot.get("interview_events") or []
            for event in events if isinstance(events, list) else [events]:
                found[(event["uid"], event.get("recurrence") or "")] = CancelledEvent(
                    row.id, row.application_id, row.interview_id, event["sequence"], row.removed_at
                )
        return found

    def forget_removed(self, *, removed_id: int) -> None:
        self.conn.execute(delete(removed_interviews).where(removed_interviews.c.id == removed_id))


def _when(column: str, value: Any) -> Any:
    """A snapshot's value as the column takes it (times went through JSON as text)."""
    times = ("start_at", "end_at", "sent_at", "updated_at")
    if column in times and isinstance(value, str):
        return datetime.fromisoformat(value)
    if column == "expected_response_by" and isinstance(value, str):
        from datetime import date

        return date.fromisoformat(value)
    return value


def _proposal_of(row: Any) -> ProposalRow:
    return ProposalRow(
        id=row.id,
        source=row.source,
        uid=row.uid,
        recurrence=row.recurrence,
        sequence=row.sequence,
        summary=row.summary,
        start_at=row.start_at,
        application_id=row.application_id,
        invite=json.loads(row.invite),
        found_at=row.found_at,
        state=row.state,
    )
