"""Thank-yous on time, late or never sent, counted by the database with R1's window."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Interval, func, literal, select

from followup.core import rules
from followup.storage.queries import Queries
from followup.storage.tables import applications, follow_ups, interviews, participants


class OnTimeQueries(Queries):
    def thank_you_counts(
        self, *, profile_id: int, since: datetime, now: datetime
    ) -> tuple[int, int, int]:
        """(on time, late, never sent) thank-yous of interviews that ended since `since`,
        counted by the database: one row back, however many interviews."""
        window = rules.THANK_YOU_WINDOW  # the planner's R1 window, read now: one home
        late_by = (
            (func.julianday(follow_ups.c.sent_at) - func.julianday(interviews.c.end_at))
            > window.total_seconds() / 86400
            if self.conn.dialect.name == "sqlite"
            else follow_ups.c.sent_at - interviews.c.end_at > literal(window, Interval())
        )
        missed_by = interviews.c.end_at < now - window
        sent = follow_ups.c.sent_at.is_not(None)
        row = self.conn.execute(
            select(
                func.count().filter(sent & ~late_by),
                func.count().filter(sent & late_by),
                func.count().filter(~sent & missed_by),
            )
            .select_from(participants)
            .join(interviews, interviews.c.id == participants.c.interview_id)
            .join(applications, applications.c.id == interviews.c.application_id)
            .outerjoin(
                follow_ups,
                (follow_ups.c.interview_id == participants.c.interview_id)
                & (follow_ups.c.person_id == participants.c.person_id)
                & (follow_ups.c.kind == "thank_you"),
            )
            .where(applications.c.profile_id == profile_id, interviews.c.end_at >= since)
        ).one()
        return int(row[0]), int(row[1]), int(row[2])
