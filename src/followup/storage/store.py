"""The Store: facts in, facts out. Callers see core model objects, never rows.

Every write happens inside `Store.transaction()`, so a command that fails part-way leaves the
database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Interval,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    update,
)

from followup.core import rules
from followup.core.errors import NotFoundError
from followup.core.model import (
    Application,
    Candidate,
    Facts,
    Interview,
    Participant,
    Reply,
    Sent,
)
from followup.storage.engine import ensure_schema, make_engine
from followup.storage.tables import (
    ALL_TABLES,
    applications,
    follow_ups,
    interviews,
    kept_notes,
    participants,
    people,
    profiles,
    replies,
    revisions,
)


@dataclass(frozen=True, slots=True)
class AgendaRow:
    application_id: int
    company: str
    role: str
    plan_version: int
    plan_cache: str | None


_CHUNK = 500  # ids per IN (...) list: well inside every database's parameter limit


class Repo:
    """Queries over one open transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- profile -------------------------------------------------------------------------
    def profile_id(self) -> int | None:
        return self.conn.execute(select(func.min(profiles.c.id))).scalar()

    def candidate(self, *, profile_id: int) -> Candidate:
        row = self.conn.execute(select(profiles).where(profiles.c.id == profile_id)).one()
        return _candidate(row)

    def save_candidate(self, *, candidate: Candidate, now: datetime) -> int:
        values = {
            "full_name": candidate.full_name,
            "email": candidate.email,
            "phone": candidate.phone,
            "address": candidate.address,
            "timezone": candidate.timezone,
            "checkins_per_week": candidate.checkins_per_week,
            "default_wait_days": candidate.default_wait_days,
        }
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
        values = _application_values(application)
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
        return _application(row)

    def applications(self, *, profile_id: int) -> list[tuple[Application, datetime | None]]:
        """Every application with its next due time, newest first."""
        rows = self.conn.execute(
            select(applications)
            .where(applications.c.profile_id == profile_id)
            .order_by(applications.c.id.desc())
        ).all()
        return [(_application(r), r.next_due_at) for r in rows]

    # -- people --------------------------------------------------------------------------
    def add_person(self, *, application_id: int, person: Participant) -> int:
        return int(
            self.conn.execute(
                insert(people)
                .values(application_id=application_id, **_person_values(person))
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
        return row.application_id, _contact(row)

    def people(self, *, application_id: int) -> list[Participant]:
        rows = self.conn.execute(
            select(people).where(people.c.application_id == application_id).order_by(people.c.id)
        ).all()
        return [_contact(r) for r in rows]

    # -- interviews ----------------------------------------------------------------------
    def add_interview(self, *, application_id: int, interview: Interview) -> int:
        interview_id = int(
            self.conn.execute(
                insert(interviews)
                .values(application_id=application_id, **_interview_values(interview))
                .returning(interviews.c.id)
            ).scalar_one()
        )
        self._set_participants(interview_id, interview.participants)
        return interview_id

    def replace_interview(self, *, interview_id: int, interview: Interview) -> None:
        self.conn.execute(
            update(interviews)
            .where(interviews.c.id == interview_id)
            .values(**_interview_values(interview))
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
        return row.application_id, self._interviews([row])[0]

    def _interviews(self, rows: Sequence[Any]) -> list[Interview]:
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
                )
                .returning(replies.c.id)
            ).scalar_one()
        )

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
            met = self._interviews([r for rows in by_app.values() for r in rows])
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
                got[r.application_id].append(
                    Reply(at=r.received_at, contact=str(r.person_id) if r.person_id else None)
                )
            for row in app_rows:
                out[row.id] = Facts(
                    candidate=candidates[row.profile_id],
                    application=_application(row),
                    interviews=tuple(met_by_id[r.id] for r in by_app[row.id]),
                    sent=tuple(sent[row.id]),
                    responses=tuple(got[row.id]),
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

    # -- the derived plan cache ----------------------------------------------------------
    def bump_revision(self) -> None:
        """Something changed: views derived from the facts must be made again."""
        self.conn.execute(update(revisions).values(value=revisions.c.value + 1))

    def revision(self) -> int:
        return int(self.conn.execute(select(revisions.c.value)).scalar() or 0)

    def set_plan_caches(self, *, caches: Sequence[tuple[int, int, str, datetime | None]]) -> None:
        """Store derived plans: (application id, planner version, cache, next due) each."""
        if not caches:
            return
        self.conn.execute(
            update(applications)
            .where(applications.c.id == bindparam("app_id"))
            .values(
                plan_version=bindparam("version"),
                plan_cache=bindparam("cache"),
                next_due_at=bindparam("next_due"),
            ),
            [{"app_id": a, "version": v, "cache": c, "next_due": d} for a, v, c, d in caches],
        )

    def agenda_rows(self, *, profile_id: int) -> list[AgendaRow]:
        rows = self.conn.execute(
            select(
                applications.c.id,
                applications.c.company,
                applications.c.role,
                applications.c.plan_version,
                applications.c.plan_cache,
            ).where(applications.c.profile_id == profile_id, applications.c.status == "active")
        ).all()
        return [AgendaRow(*r) for r in rows]

    def application_ids(self, *, profile_id: int | None = None) -> list[int]:
        query = select(applications.c.id).order_by(applications.c.id)
        if profile_id is not None:
            query = query.where(applications.c.profile_id == profile_id)
        return list(self.conn.execute(query).scalars())

    # -- whole-database copy -------------------------------------------------------------
    def is_empty(self) -> bool:
        return self.conn.execute(select(func.count()).select_from(profiles)).scalar_one() == 0

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, keyed by table name, in a stable order."""
        out: dict[str, list[dict[str, Any]]] = {}
        for table in ALL_TABLES:
            order = list(table.primary_key.columns)
            out[table.name] = [
                dict(r._mapping) for r in self.conn.execute(select(table).order_by(*order))
            ]
        return out

    def insert_rows(self, table_name: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            table = next(t for t in ALL_TABLES if t.name == table_name)
            self.conn.execute(insert(table), rows)

    def insert_returning_id(self, table_name: str, row: dict[str, Any]) -> int:
        table = next(t for t in ALL_TABLES if t.name == table_name)
        return int(
            self.conn.execute(insert(table).values(**row).returning(table.c.id)).scalar_one()
        )

    def reset_sequences(self) -> None:
        """After rows were inserted with their own ids, let PostgreSQL number the next ones."""
        if self.conn.dialect.name != "postgresql":
            return
        for table in ALL_TABLES:
            if "id" in table.c:
                self.conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )


class Store:
    """The database behind followup; `transaction()` hands out a Repo."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def transaction(self) -> Iterator[Repo]:
        with self.engine.begin() as conn:
            yield Repo(conn)

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, migrate: bool | None = None) -> Store:
    """The Store at `url`, schema checked; SQLite migrates itself unless told not to."""
    engine = make_engine(url)
    ensure_schema(engine, migrate=url.startswith("sqlite") if migrate is None else migrate)
    return Store(engine)


# -- rows <-> facts ----------------------------------------------------------------------
def _candidate(row: Any) -> Candidate:
    return Candidate(
        full_name=row.full_name,
        email=row.email,
        phone=row.phone,
        address=row.address,
        timezone=row.timezone,
        checkins_per_week=row.checkins_per_week,
        default_wait_days=row.default_wait_days,
    )


def _application(row: Any) -> Application:
    return Application(
        id=str(row.id),
        company=row.company,
        role=row.role,
        decision_speed=row.decision_speed,
        client_facing=row.client_facing,
        verbal_role=row.verbal_role,
        culture=row.culture,
        expected_response_by=row.expected_response_by,
        status=row.status,
        primary_contact=str(row.primary_contact_id) if row.primary_contact_id else None,
    )


def _application_values(app: Application) -> dict[str, Any]:
    return {
        "company": app.company,
        "role": app.role,
        "decision_speed": app.decision_speed,
        "client_facing": app.client_facing,
        "verbal_role": app.verbal_role,
        "culture": app.culture,
        "expected_response_by": app.expected_response_by,
        "status": app.status,
        "primary_contact_id": int(app.primary_contact) if app.primary_contact else None,
    }


def _contact(row: Any) -> Participant:
    return Participant(
        id=str(row.id),
        name=row.name,
        title=row.title,
        email=row.email,
        phone=row.phone,
        address=row.address,
        salutation=row.salutation,
    )


def _person_values(person: Participant) -> dict[str, Any]:
    return {
        "name": person.name,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "salutation": person.salutation,
    }


def _interview_values(interview: Interview) -> dict[str, Any]:
    return {
        "kind": interview.kind,
        "start_at": interview.start,
        "end_at": interview.end,
        "expected_response_by": interview.expected_response_by,
        "forgot_to_mention": list(interview.forgot_to_mention),
    }
