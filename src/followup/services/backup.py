"""The whole database as one JSON document: export, and import into an empty database or merged.

The document holds facts only (the plan is derived and recomputed on import), with every row's
id, so export -> import into an empty database -> export gives the same document.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from pydantic import ValidationError

from followup.core.checkins import reply_date_problem
from followup.core.errors import ConflictError, InvalidInputError
from followup.core.ids import ActionId
from followup.core.model import Reply
from followup.core.workdays import local_date, zone
from followup.inputs.fields import first_problem
from followup.inputs.models import Document, Tables
from followup.services.agenda import refresh_plans
from followup.services.backup_mail import NOT_EXPORTED as MAIL_NOT_EXPORTED
from followup.services.backup_mail import check_mail, merge_mail
from followup.services.followup import Followup
from followup.storage.calendar_queries import new_feed_secret
from followup.storage.store import Repo
from followup.storage.tables import SECRET_COLUMNS

FORMAT = "followup-export"
VERSION = 1
MAX_BACKUP_BYTES = 512 * 1024 * 1024
DERIVED = {"plan_version", "plan_cache", "next_due_at"}
# Derived, or secret: the feed secret is a capability URL, and import makes a new one.
NOT_EXPORTED = DERIVED | SECRET_COLUMNS | MAIL_NOT_EXPORTED


class NotEmptyError(ConflictError):
    """The database has data and the import was not asked to merge into it."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(
            f"the database already holds a profile and {count} application(s); merge this "
            "backup's applications into them, or import it into an empty database"
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_document(service: Followup) -> dict[str, Any]:
    """Every fact in the database as one JSON-ready document."""
    with service.store.transaction() as repo:
        dump = repo.dump()
    tables = {
        name: [{k: _jsonable(v) for k, v in row.items() if k not in NOT_EXPORTED} for row in rows]
        for name, rows in dump.items()
    }
    return {"format": FORMAT, "version": VERSION, "tables": tables}


def import_document(service: Followup, data: Any, name: str, *, merge: bool = False) -> int:
    """Load an export document; returns how many applications were added.

    Into an empty database the rows keep their ids. With `merge`, the document's applications are
    added to what is there under new ids (the stored profile stays), skipping any application
    already present (same company, role and creation time).
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInputError(name, f'not a followup export (its "format" is not {FORMAT!r})')
    try:
        doc = Document.model_validate(data)
    except ValidationError as exc:
        where, problem = first_problem(exc)
        raise InvalidInputError(f"{name}: {where}", problem) from None
    _check_references(doc.tables, name)
    with service.store.transaction() as repo:
        if not repo.is_empty() and not merge:
            raise NotEmptyError(len(repo.application_ids()))
        added = _restore(repo, doc.tables) if repo.is_empty() else _merge(repo, doc.tables)
        refresh_plans(repo, repo.application_ids())
    return added


def _restore(repo: Repo, t: Tables) -> int:
    for table, rows in (
        ("profiles", t.profiles),
        ("applications", t.applications),
        ("people", t.people),
        ("interviews", t.interviews),
        ("participants", t.participants),
        ("follow_ups", t.follow_ups),
        ("replies", t.replies),
        ("kept_notes", t.kept_notes),
        ("skips", t.skips),
        ("interview_events", t.interview_events),
        ("calendar_settings", t.calendar_settings),
        ("feed_events", t.feed_events),
        ("mail_accounts", t.mail_accounts),
        ("outbox", t.outbox),
        ("mail_drafts", t.mail_drafts),
        ("mail_seen", t.mail_seen),
        ("inbound", t.inbound),
    ):
        values = [r.model_dump() for r in rows]
        if table == "calendar_settings":
            for v in values:
                v["feed_secret"] = new_feed_secret()
        if table == "applications":
            for v in values:
                v["plan_version"] = 0
        repo.insert_rows(table, values)
    repo.reset_sequences()
    return len(t.applications)


def _merge(repo: Repo, t: Tables) -> int:
    pid = repo.profile_id()
    assert pid is not None
    existing = {
        (r["company"], r["role"], r["created_at"].astimezone(UTC).isoformat())
        for r in repo.dump()["applications"]
    }
    added = 0
    for app in t.applications:
        if (app.company, app.role, app.created_at.astimezone(UTC).isoformat()) in existing:
            continue
        values = app.model_dump(exclude={"id", "primary_contact_id"})
        values.update(profile_id=pid, plan_version=0)
        new_app = repo.insert_returning_id("applications", values)
        people_map: dict[int, int] = {}
        for p in t.people:
            if p.application_id == app.id:
                row = p.model_dump(exclude={"id"}) | {"application_id": new_app}
                people_map[p.id] = repo.insert_returning_id("people", row)
        interview_map: dict[int, int] = {}
        for i in t.interviews:
            if i.application_id == app.id:
                row = i.model_dump(exclude={"id"}) | {"application_id": new_app}
                interview_map[i.id] = repo.insert_returning_id("interviews", row)
        repo.insert_rows(
            "participants",
            [
                p.model_dump()
                | {
                    "interview_id": interview_map[p.interview_id],
                    "person_id": people_map[p.person_id],
                }
                for p in t.participants
                if p.interview_id in interview_map
            ],
        )
        for f in t.follow_ups:
            if f.application_id == app.id:
                row = f.model_dump(exclude={"id"}) | {
                    "application_id": new_app,
                    "person_id": people_map[f.person_id],
                    "interview_id": interview_map[f.interview_id] if f.interview_id else None,
                }
                repo.insert_returning_id("follow_ups", row)
        reply_map: dict[int, int] = {}
        for r in t.replies:
            if r.application_id == app.id:
                row = r.model_dump(exclude={"id"}) | {
                    "application_id": new_app,
                    "person_id": people_map[r.person_id] if r.person_id else None,
                }
                reply_map[r.id] = repo.insert_returning_id("replies", row)
        for k in t.kept_notes:
            if k.application_id == app.id:
                row = k.model_dump(exclude={"id"}) | {
                    "application_id": new_app,
                    "action_id": _renumber(k.action_id, interview_map, people_map),
                }
                repo.insert_returning_id("kept_notes", row)
        for k in t.skips:
            if k.application_id == app.id:
                row = k.model_dump(exclude={"id"}) | {
                    "application_id": new_app,
                    "action_id": _renumber(k.action_id, interview_map, people_map),
                }
                repo.insert_returning_id("skips", row)
        repo.insert_rows(
            "interview_events",
            [
                e.model_dump() | {"interview_id": interview_map[e.interview_id]}
                for e in t.interview_events
                if e.interview_id in interview_map
            ],
        )
        merge_mail(
            repo,
            t,
            pid,
            (app.id, new_app),
            partial(_renumber, interviews=interview_map, people=people_map),
            people_map,
            reply_map,
        )
        if app.primary_contact_id:
            repo.update_application(
                application_id=new_app, primary_contact_id=people_map[app.primary_contact_id]
            )
        added += 1
    return added


def _renumber(action_id: str, interviews: dict[int, int], people: dict[int, int]) -> str:
    """An action id with the new ids of a merge."""
    as_text = {str(k): str(v) for k, v in interviews.items()}
    people_text = {str(k): str(v) for k, v in people.items()}
    return str(ActionId.parse(action_id, stored=True).renumbered(as_text, people_text))


def _check_references(t: Tables, name: str) -> None:
    """Every id a row points at exists in the document, in the same application."""

    def fail(where: str, problem: str) -> None:
        raise InvalidInputError(f"{name}: tables.{where}", problem)

    def unique(rows: list[Any], table: str) -> None:
        seen: set[int] = set()
        for n, r in enumerate(rows):
            if r.id in seen:
                fail(f"{table}[{n}].id", f"duplicate id {r.id}")
            seen.add(r.id)

    for rows, table in (
        (t.profiles, "profiles"),
        (t.applications, "applications"),
        (t.people, "people"),
        (t.interviews, "interviews"),
        (t.follow_ups, "follow_ups"),
        (t.replies, "replies"),
        (t.skips, "skips"),
    ):
        unique(rows, table)
    _check_calendar(t, fail)
    check_mail(t, fail)
    if t.applications and not t.profiles:
        fail("profiles", "applications need the profile they belong to")
    profile_ids = {p.id for p in t.profiles}
    app_ids = {a.id for a in t.applications}
    person_app = {p.id: p.application_id for p in t.people}
    interview_app = {i.id: i.application_id for i in t.interviews}
    for n, a in enumerate(t.applications):
        if a.closed_at is not None and a.closed_at < a.created_at:
            fail(f"applications[{n}].closed_at", "the application closes before it was created")
        if a.profile_id not in profile_ids:
            fail(f"applications[{n}].profile_id", f"unknown profile {a.profile_id}")
        if a.primary_contact_id is not None and person_app.get(a.primary_contact_id) != a.id:
            fail(f"applications[{n}].primary_contact_id", f"unknown person {a.primary_contact_id}")
    for n, p in enumerate(t.people):
        if p.application_id not in app_ids:
            fail(f"people[{n}].application_id", f"unknown application {p.application_id}")
    for n, i in enumerate(t.interviews):
        if i.application_id not in app_ids:
            fail(f"interviews[{n}].application_id", f"unknown application {i.application_id}")
        if i.end_at <= i.start_at:
            fail(f"interviews[{n}].end_at", "the interview ends before it starts")
    seen_pairs: set[tuple[int, int]] = set()
    for n, p in enumerate(t.participants):
        if p.interview_id not in interview_app:
            fail(f"participants[{n}].interview_id", f"unknown interview {p.interview_id}")
        if person_app.get(p.person_id) != interview_app[p.interview_id]:
            fail(f"participants[{n}].person_id", f"unknown person {p.person_id}")
        if (p.interview_id, p.person_id) in seen_pairs:
            fail(f"participants[{n}]", "the same person is listed twice for one interview")
        seen_pairs.add((p.interview_id, p.person_id))
    for n, f in enumerate(t.follow_ups):
        if f.application_id not in app_ids:
            fail(f"follow_ups[{n}].application_id", f"unknown application {f.application_id}")
        if person_app.get(f.person_id) != f.application_id:
            fail(f"follow_ups[{n}].person_id", f"unknown person {f.person_id}")
        if f.kind == "thank_you" and f.interview_id is None:
            fail(f"follow_ups[{n}].interview_id", "a thank-you names its interview")
        if f.interview_id is not None and interview_app.get(f.interview_id) != f.application_id:
            fail(f"follow_ups[{n}].interview_id", f"unknown interview {f.interview_id}")
    for table, notes in (("kept_notes", t.kept_notes), ("skips", t.skips)):
        pairs: set[tuple[int, str]] = set()
        for n, k in enumerate(notes):
            if k.application_id not in app_ids:
                fail(f"{table}[{n}].application_id", f"unknown application {k.application_id}")
            try:
                action = ActionId.parse(k.action_id, stored=True)
            except InvalidInputError:
                action = None
            ok = action is not None and person_app.get(int(action.contact)) == k.application_id
            if ok and action is not None and action.interview is not None:
                ok = interview_app.get(int(action.interview)) == k.application_id
            if not ok:
                fail(
                    f"{table}[{n}].action_id", f"not an action of its application: {k.action_id!r}"
                )
            if (k.application_id, k.action_id) in pairs:
                fail(f"{table}[{n}].action_id", f"{k.action_id} is listed twice")
            pairs.add((k.application_id, k.action_id))
    tz = zone(t.profiles[0].timezone if t.profiles else "UTC")
    for n, r in enumerate(t.replies):
        if r.application_id not in app_ids:
            fail(f"replies[{n}].application_id", f"unknown application {r.application_id}")
        if r.person_id is not None and person_app.get(r.person_id) != r.application_id:
            fail(f"replies[{n}].person_id", f"unknown person {r.person_id}")
        reply = Reply(r.received_at, None, r.kind, r.expected_by, r.until)
        problem = reply_date_problem(reply, local_date(r.received_at, tz))
        if problem is not None:
            fail(f"replies[{n}].{problem[0]}", problem[1])


def _check_calendar(t: Tables, fail: Any) -> None:
    """The calendar's rows point at a profile, interviews and applications of the document."""
    profile_ids = {p.id for p in t.profiles}
    app_ids = {a.id for a in t.applications}
    interview_ids = {i.id for i in t.interviews}
    for n, s in enumerate(t.calendar_settings):
        if s.profile_id not in profile_ids:
            fail(f"calendar_settings[{n}].profile_id", f"unknown profile {s.profile_id}")
    seen: set[int] = set()
    for n, e in enumerate(t.interview_events):
        if e.interview_id not in interview_ids or e.interview_id in seen:
            fail(f"interview_events[{n}].interview_id", f"unknown interview {e.interview_id}")
        seen.add(e.interview_id)
    published: set[tuple[int, str]] = set()
    for n, f in enumerate(t.feed_events):
        if f.end_at <= f.start_at:
            fail(f"feed_events[{n}].end_at", "the event ends before it starts")
        if f.application_id not in app_ids or (f.application_id, f.action_id) in published:
            fail(f"feed_events[{n}].application_id", f"unknown application {f.application_id}")
        published.add((f.application_id, f.action_id))
