"""The facts the planner and the writer read, many applications in a handful of queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from followup.core.errors import NotFoundError
from followup.core.model import Candidate, Facts, Interview, Participant, Reply, Sent, Skip
from followup.storage.queries import Queries
from followup.storage.rows import application_of, reply_of
from followup.storage.tables import (
    applications,
    follow_ups,
    interviews,
    participants,
    people,
    replies,
    skips,
)

_CHUNK = 500  # ids per IN (...) list: well inside every database's parameter limit


class FactsQueries(Queries):
    def interviews_with_people(self, rows: Sequence[Any]) -> list[Interview]:
        ids = [r.id for r in rows]
        met: dict[int, list[Participant]] = {i: [] for i in ids}
        if ids:
            joined = self.conn.execute(
                select(participants, people)
                .join(people, people.c.id == participants.c.person_id)
                .where(participants.c.interview_id.in_(ids))
                .order_by(participants.c.interview_id, participants.c.position)
            ).all()
            for r in joined:
                met[r.interview_id].append(
                    Participant(
                        id=str(r.person_id),
                        name=r.name,
                        title=r.title,
                        email=r.email,
                        phone=r.phone,
                        address=r.address,
                        salutation=r.salutation,
                        discussed=tuple(r.discussed),
                        liked=tuple(r.liked),
                    )
                )
        return [
            Interview(
                id=str(r.id),
                kind=r.kind,
                start=r.start_at,
                end=r.end_at,
                participants=tuple(met[r.id]),
                forgot_to_mention=tuple(r.forgot_to_mention),
                expected_response_by=r.expected_response_by,
            )
            for r in rows
        ]

    # -- facts for the planner -----------------------------------------------------------
    def facts(self, *, application_id: int) -> Facts:
        found = self.facts_many(application_ids=[application_id])
        if application_id not in found:
            raise NotFoundError("application", str(application_id), "see `followup app list`")
        return found[application_id]

    def facts_many(
        self, *, application_ids: Sequence[int], other_companies: bool = True
    ) -> dict[int, Facts]:
        """The facts of many applications in a handful of queries (not a handful each).

        `other_companies=False` leaves out the candidate's other applications, which the planner
        does not read and which cost O(n²) over a career centre's thousands of applications.
        """
        out: dict[int, Facts] = {}
        candidates: dict[int, Candidate] = {}
        companies: dict[int, list[str]] = {}
        for start in range(0, len(application_ids), _CHUNK):
            ids = list(application_ids[start : start + _CHUNK])
            app_rows = self.conn.execute(
                select(applications).where(applications.c.id.in_(ids))
            ).all()
            for pid in {r.profile_id for r in app_rows} - candidates.keys():
                candidates[pid] = self.candidate(profile_id=pid)
                if not other_companies:
                    companies[pid] = []
                    continue
                companies[pid] = list(
                    self.conn.execute(
                        select(applications.c.company)
                        .where(applications.c.profile_id == pid)
                        .distinct()
                        .order_by(applications.c.company)
                    ).scalars()
                )
            by_app: dict[int, list[Any]] = {i: [] for i in ids}
            for r in self.conn.execute(
                select(interviews)
                .where(interviews.c.application_id.in_(ids))
                .order_by(interviews.c.start_at, interviews.c.id)
            ):
                by_app[r.application_id].append(r)
            met = self.interviews_with_people([r for rows in by_app.values() for r in rows])
            met_by_id = {int(i.id): i for i in met}
            sent: dict[int, list[Sent]] = {i: [] for i in ids}
            for r in self.conn.execute(
                select(follow_ups)
                .where(follow_ups.c.application_id.in_(ids))
                .order_by(follow_ups.c.sent_at, follow_ups.c.id)
            ):
                sent[r.application_id].append(
                    Sent(
                        kind=r.kind,
                        interview=str(r.interview_id) if r.interview_id else None,
                        contact=str(r.person_id),
                        method=r.method,
                        at=r.sent_at,
                    )
                )
            got: dict[int, list[Reply]] = {i: [] for i in ids}
            for r in self.conn.execute(
                select(replies)
                .where(replies.c.application_id.in_(ids))
                .order_by(replies.c.received_at, replies.c.id)
            ):
                got[r.application_id].append(reply_of(r))
            skipped: dict[int, list[Skip]] = {i: [] for i in ids}
            for r in self.conn.execute(
                select(skips)
                .where(skips.c.application_id.in_(ids))
                .order_by(skips.c.at, skips.c.id)
            ):
                skipped[r.application_id].append(Skip(action=r.action_id, at=r.at))
            for row in app_rows:
                out[row.id] = Facts(
                    candidate=candidates[row.profile_id],
                    application=application_of(row),
                    interviews=tuple(met_by_id[r.id] for r in by_app[row.id]),
                    sent=tuple(sent[row.id]),
                    responses=tuple(got[row.id]),
                    skipped=tuple(skipped[row.id]),
                    other_companies=tuple(c for c in companies[row.profile_id] if c != row.company),
                )
        return out

    def history(self, *, application_id: int) -> dict[str, list[dict[str, Any]]]:
        """What was sent (with any kept text) and the replies, for an application's timeline."""
        sent = self.conn.execute(
            select(follow_ups, people.c.name)
            .join(people, people.c.id == follow_ups.c.person_id)
            .where(follow_ups.c.application_id == application_id)
            .order_by(follow_ups.c.sent_at)
        ).all()
        got = self.conn.execute(
            select(replies, people.c.name)
            .outerjoin(people, people.c.id == replies.c.person_id)
            .where(replies.c.application_id == application_id)
            .order_by(replies.c.received_at)
        ).all()
        return {
            "sent": [dict(r._mapping) for r in sent],
            "replies": [dict(r._mapping) for r in got],
        }
