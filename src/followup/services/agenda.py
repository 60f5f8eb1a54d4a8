"""The derived plan cache of each application, and the agenda read from it.

The cache holds what the facts decide (who, how, when, why) for every open action, each action
already rendered as a JSON object; only its status depends on the moment of reading. So
`followup agenda --json` over thousands of applications sorts small keys and joins stored text
instead of decoding and re-encoding every action (10 MB for 10,000 applications).
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.core.status import PLANNER_VERSION, status_of

if TYPE_CHECKING:
    from followup.core.model import Facts
    from followup.settings import Settings
    from followup.storage.sqlite_reader import AgendaSnapshot
    from followup.storage.store import Repo

# Planner rules and cache layout both decide what a cache holds; either changing makes it stale.
CACHE_LAYOUT = 4  # 3: stored ids as JSON numbers; 4: the add_people to-do
CACHE_VERSION = PLANNER_VERSION * 1000 + CACHE_LAYOUT
_quote = json.encoder.encode_basestring  # a JSON string literal, without json.dumps' overhead
STATUS_ORDER = {"overdue": 0, "due": 1, "planned": 2}
# The cache keeps what the facts decide; any moment serves to plan it, the status is dropped.
_ANY_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)


def refresh_plan(repo: Repo, app_id: int) -> str:
    """Recompute one application's derived plan cache from its facts; returns the cache."""
    return refresh_plans(repo, [app_id])[app_id]


def refresh_plans(repo: Repo, app_ids: Sequence[int]) -> dict[int, str]:
    """Recompute the plan caches of many applications at once; returns them by id.

    A cache is `{"actions": [[due, not_before, id, action_json], ...], "todos": [...]}` with
    times as POSIX timestamps and `action_json` the action's fields, status left out.
    """
    from followup.core.jsonable import action_to_dict, todo_to_dict
    from followup.core.plan import plan_application

    caches: dict[int, str] = {}
    rows = []
    for app_id, facts in repo.facts_many(application_ids=app_ids, other_companies=False).items():
        plan = plan_application(facts, _ANY_MOMENT)
        entries = []
        for action in plan.open_actions:  # done and skipped ones are off the agenda
            fields = action_to_dict(action, stored=True)
            del fields["status"]
            entries.append(
                [
                    action.due.timestamp(),
                    action.not_before.timestamp() if action.not_before else None,
                    action.id,
                    json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
                ]
            )
        todos = [todo_to_dict(t, stored=True) for t in plan.todos] + nobody_met(facts)
        cache = json.dumps(
            {"actions": entries, "todos": todos},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        # nothing is due on a closed application, whatever its plan still lists
        next_due = (
            min((a.due for a in plan.open_actions), default=None)
            if facts.application.status == "active"
            else None
        )
        rows.append((app_id, CACHE_VERSION, cache, next_due))
        caches[app_id] = cache
    repo.set_plan_caches(caches=rows)
    repo.bump_revision()
    return caches


def store_snapshot(repo: Repo, profile_id: int | None = None) -> AgendaSnapshot:
    """The plan caches of the active applications, refreshing any that are stale."""
    from followup.storage.sqlite_reader import AgendaSnapshot

    pid = repo.profile_id() if profile_id is None else profile_id
    if pid is None:
        return AgendaSnapshot(timezone=None, rows=[])
    rows = repo.agenda_rows(profile_id=pid)
    stale = [
        r.application_id for r in rows if r.plan_cache is None or r.plan_version != CACHE_VERSION
    ]
    fresh = refresh_plans(repo, stale) if stale else {}
    return AgendaSnapshot(
        timezone=repo.candidate(profile_id=pid).timezone,
        rows=[
            (r.application_id, r.company, r.role, fresh.get(r.application_id) or r.plan_cache or "")
            for r in rows
        ],
    )


@dataclass(frozen=True)
class Agenda:
    """Open actions in agenda order (overdue, due, planned; then by due time) and the to-dos."""

    now: datetime
    timezone: str
    entries: list[tuple[int, float, str, str]]  # order, due, id, action as JSON text
    todos: list[dict[str, Any]]

    def actions_json(self) -> str:
        """The actions as one JSON array, each with its application, company, role and status."""
        return "[" + ",".join(e[3] for e in self.entries) + "]"

    @property
    def items(self) -> list[dict[str, Any]]:
        """The actions as dicts, for faces that render them one by one."""
        return json.loads(self.actions_json())  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Decoded:
    """Plan caches read and decoded once: what stays true until the facts change."""

    timezone: str
    # due, not_before, id, then the action's JSON in two parts, for the status to go between
    actions: list[tuple[float, float | None, str, str, str]]
    todos: list[dict[str, Any]]


def decode(snapshot: AgendaSnapshot) -> Decoded:
    actions: list[tuple[float, float | None, str, str, str]] = []
    todos: list[dict[str, Any]] = []
    for app_id, company, role, cache in snapshot.rows:
        if not cache:
            continue
        cached = json.loads(cache)
        head = f'{{"application":{app_id},"company":{_quote(company)},"role":{_quote(role)},'
        for due, not_before, action_id, text in cached["actions"]:
            actions.append((due, not_before, action_id, head, text[1:]))
        for todo in cached["todos"]:
            todos.append({"application": app_id, "company": company, **todo})
    todos.sort(key=itemgetter("application", "kind"))
    return Decoded(timezone=snapshot.timezone or "UTC", actions=actions, todos=todos)


def build_agenda(decoded: Decoded, now: datetime) -> Agenda:
    """The agenda at `now` from the decoded plan caches: statuses off the clock, then sorted."""
    moment = now.timestamp()
    entries: list[tuple[int, float, str, str]] = []
    for due, not_before, action_id, head, body in decoded.actions:
        status = status_of(moment, not_before, due)
        entries.append((STATUS_ORDER[status], due, action_id, f'{head}"status":"{status}",{body}'))
    entries.sort()  # by status, due, id: ids are unique, so the text never decides
    return Agenda(now=now, timezone=decoded.timezone, entries=entries, todos=list(decoded.todos))


def read_fast(path: Path | None, clock: Callable[[], datetime]) -> Agenda | None:
    """The agenda straight from the SQLite plan caches, when they are all fresh; else None."""
    if path is None:
        return None
    from followup.storage.sqlite_reader import read_agenda

    snapshot = read_agenda(path, CACHE_VERSION)
    return None if snapshot is None else build_agenda(decode(snapshot), clock())


def current_agenda(settings: Settings, clock: Callable[[], datetime]) -> Agenda:
    """The agenda for a one-shot command: the fast read when it can, the Store when it must."""
    fast = read_fast(settings.sqlite_path, clock)
    if fast is not None:
        return fast
    from followup.services import open_service

    return open_service(settings, clock=clock).agenda()


def nobody_met(facts: Facts) -> list[dict[str, Any]]:
    """A to-do for each interview with nobody recorded (an invitation that named nobody, as a
    Zoom one may): no thank-you can be planned until the people met are added. A stored
    interview only: the planner itself plans nothing for it and says nothing, as a scenario's
    contract has it."""
    from followup.core.model import INTERVIEW_WORDS
    from followup.core.workdays import short_when, zone

    tz = zone(facts.candidate.timezone)
    return [
        {
            "kind": "add_people",
            "interview": int(interview.id),
            "contact": None,
            "need": None,
            "message": f"Add the people you met at the {INTERVIEW_WORDS[interview.kind]} "
            f"interview of {short_when(interview.start, tz)}: nobody is recorded for it, so no "
            "thank-you is planned.",
        }
        for interview in facts.interviews
        if not interview.participants
    ]
