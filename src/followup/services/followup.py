"""The use cases of followup over stored data: the one place storage meets the planner.

Faces (CLI, web) call these and render what comes back. Every write runs in one transaction and
refreshes the application's derived plan cache before it commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.core import limits
from followup.core.errors import ConflictError, InvalidInputError, NotFoundError
from followup.core.ids import ActionId
from followup.core.jsonable import facts_to_scenario
from followup.core.model import (
    CLOSED_STATUSES,
    METHODS,
    Action,
    Application,
    Candidate,
    Facts,
    Interview,
    Method,
    Participant,
    Plan,
    Reply,
    Sent,
)
from followup.core.plan import checkin_warning, plan_application
from followup.core.workdays import zone
from followup.inputs.parse import check_note_text, storable_text
from followup.services.agenda import (
    Agenda,
    Decoded,
    build_agenda,
    decode,
    read_fast,
    refresh_plan,
    refresh_plans,
    store_snapshot,
)

if TYPE_CHECKING:
    # SQLAlchemy is imported only when the database is opened, pydantic only by the use
    # cases that validate input: `followup agenda` needs neither.
    from followup.inputs.models import (
        ApplicationIn,
        InterviewEditIn,
        InterviewIn,
        PersonIn,
        ProfileIn,
    )
    from followup.storage.store import Repo, Store

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    facts: Facts
    plan: Plan
    history: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Timeliness:
    days: int
    on_time: int
    late: int
    missed: int

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.missed

    @property
    def share(self) -> float | None:
        return self.on_time / self.total if self.total else None


@dataclass(frozen=True)
class SentResult:
    action_id: str
    application_id: int
    warning: str | None


class Followup:
    """followup's use cases over one Store (opened on first use: some commands never need it)."""

    def __init__(
        self,
        store: Store | Callable[[], Store],
        clock: Clock = system_clock,
        *,
        sqlite_path: Path | None = None,
    ) -> None:
        opened = hasattr(store, "transaction")
        self._store: Store | None = store if opened else None  # type: ignore[assignment]
        self._open_store = None if opened else store
        self.clock = clock
        self.sqlite_path = sqlite_path
        self._decoded: tuple[int, Decoded] | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            assert self._open_store is not None
            self._store = self._open_store()
        return self._store

    # -- profile -------------------------------------------------------------------------
    def profile(self) -> Candidate | None:
        with self.store.transaction() as repo:
            pid = repo.profile_id()
            return None if pid is None else repo.candidate(profile_id=pid)

    def setup(self, data: ProfileIn) -> Candidate:
        """Create or update the profile; every plan is refreshed (timezone and cadence count)."""
        candidate = Candidate(**data.model_dump())
        with self.store.transaction() as repo:
            pid = repo.save_candidate(candidate=candidate, now=self.clock())
            refresh_plans(repo, repo.application_ids(profile_id=pid))
        return candidate

    def _profile_id(self, repo: Repo) -> int:
        pid = repo.profile_id()
        if pid is None:
            raise ConflictError("no profile yet; run `followup setup` first")
        return pid

    # -- applications --------------------------------------------------------------------
    def add_application(self, data: ApplicationIn) -> int:
        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            app_id = repo.add_application(
                profile_id=pid, application=Application(**data.model_dump()), now=self.clock()
            )
            refresh_plan(repo, app_id)
            return app_id

    def update_application(self, app_ref: str | int, changes: dict[str, Any]) -> None:
        """Change facts of an application (validated like a new one); primary_contact by id."""
        from followup.inputs.fields import validate
        from followup.inputs.models import ApplicationIn

        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            current = repo.application(application_id=app_id)
            contact = changes.pop("primary_contact", None)
            merged = {
                k: getattr(current, k) for k in ApplicationIn.model_fields if k not in changes
            }
            checked = validate(ApplicationIn, {**merged, **changes}, "app edit")
            values = checked.model_dump()
            if contact is not None:
                person_app, _ = repo.person(person_id=as_id(contact, "person"))
                if person_app != app_id:
                    raise InvalidInputError(
                        "--primary-contact", f"person {contact} is not met in application {app_id}"
                    )
                values["primary_contact_id"] = int(contact)
            repo.update_application(application_id=app_id, **values)
            refresh_plan(repo, app_id)

    def close_application(self, app_ref: str | int, outcome: str) -> Application:
        if outcome not in CLOSED_STATUSES:
            raise InvalidInputError("OUTCOME", f"must be one of {', '.join(CLOSED_STATUSES)}")
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            repo.update_application(application_id=app_id, status=outcome, closed_at=self.clock())
            refresh_plan(repo, app_id)
            return repo.application(application_id=app_id)

    def reopen_application(self, app_ref: str | int) -> None:
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            repo.update_application(application_id=app_id, status="active", closed_at=None)
            refresh_plan(repo, app_id)

    def applications(self) -> list[tuple[Application, datetime | None]]:
        with self.store.transaction() as repo:
            pid = repo.profile_id()
            return [] if pid is None else repo.applications(profile_id=pid)

    def application(self, app_ref: str | int) -> ApplicationView:
        now = self.clock()
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            facts = repo.facts(application_id=app_id)
            return ApplicationView(
                application=facts.application,
                facts=facts,
                plan=plan_application(facts, now),
                history=repo.history(application_id=app_id),
            )

    def plan(self, app_ref: str | int) -> tuple[Facts, Plan]:
        view = self.application(app_ref)
        return view.facts, view.plan

    def scenario(self, app_ref: str | int) -> dict[str, Any]:
        with self.store.transaction() as repo:
            facts = repo.facts(application_id=as_id(app_ref, "application"))
        return facts_to_scenario(facts, self.clock().astimezone(zone(facts.candidate.timezone)))

    # -- interviews ----------------------------------------------------------------------
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

    # -- what happened -------------------------------------------------------------------
    def mark_sent(
        self,
        action_id: str,
        *,
        text: str | None = None,
        method: str | None = None,
        at: datetime | None = None,
    ) -> SentResult:
        """Record a planned follow-up as made, in one transaction with its final text.

        `text` (the note as sent) is kept with the action and copied into the record; without
        it, the text kept earlier with `followup write` is. Warns (R5) when a check-in comes
        sooner than the cadence allows."""
        at = self._past(at, "--at")
        if method is not None and method not in METHODS:
            raise InvalidInputError("method", f"must be email, phone or letter, not {method!r}")
        if text is not None:
            text = check_note_text(text, "the note") if text.strip() else None
        with self.store.transaction() as repo:
            app_id, facts, action = resolve_action(repo, action_id, at)
            if action.status == "done":
                raise ConflictError(f"{action.id} is already recorded as sent")
            if action.kind == "thank_you" and action.not_before and at < action.not_before:
                raise InvalidInputError(
                    "--at", "a thank-you cannot be sent before the interview has ended"
                )
            warning = checkin_warning(facts, at) if action.kind == "check_in" else None
            kept = repo.kept_notes(application_id=app_id).get(action.id)
            used: Method = method or (kept[0] if kept else action.method)  # type: ignore[assignment]
            if text is not None:
                repo.keep_note(
                    application_id=app_id, action_id=action.id, method=used, text=text, now=at
                )
                kept = (used, text)
            repo.add_follow_up(
                application_id=app_id,
                sent=Sent(
                    kind=action.kind,
                    interview=action.interview,
                    contact=action.contact,
                    method=used,
                    at=at,
                ),
                body=kept[1] if kept else None,
            )
            refresh_plan(repo, app_id)
        return SentResult(action_id=action.id, application_id=app_id, warning=warning)

    def record_reply(
        self,
        app_ref: str | int,
        *,
        person: str | None = None,
        at: datetime | None = None,
        note: str | None = None,
    ) -> None:
        at = self._past(at, "--at")
        note = storable_text(note, "note", limits.REPLY_NOTE)
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            repo.application(application_id=app_id)
            contact = None
            if person is not None:
                person_app, _ = repo.person(person_id=as_id(person, "person"))
                if person_app != app_id:
                    raise InvalidInputError(
                        "--from",
                        f"person {person} belongs to application {person_app}, not {app_id}",
                    )
                contact = str(as_id(person, "person"))
            repo.add_reply(application_id=app_id, reply=Reply(at=at, contact=contact), note=note)
            refresh_plan(repo, app_id)

    def _past(self, at: datetime | None, where: str) -> datetime:
        """`at`, or now; what happened cannot happen later than now (a minute's grace)."""
        now = self.clock()
        if at is None:
            return now
        if at.timestamp() > now.timestamp() + 60:
            raise InvalidInputError(where, "is in the future; record what happened once it has")
        return at

    def timeliness(self, days: int = 90) -> Timeliness:
        """How many thank-yous went out within 24 hours, over the last `days` days."""
        now = self.clock()
        since = now - timedelta(days=days)
        with self.store.transaction() as repo:
            pid = repo.profile_id()
            on_time, late, missed = (
                (0, 0, 0)
                if pid is None
                else repo.thank_you_counts(profile_id=pid, since=since, now=now)
            )
        return Timeliness(days=days, on_time=on_time, late=late, missed=missed)

    # -- the agenda ----------------------------------------------------------------------
    def agenda(self) -> Agenda:
        """Every open action of every active application: overdue, then due, then planned.

        A one-shot command reads the SQLite plan caches directly; a long-lived process (the web
        app) keeps them decoded until the data revision changes.
        """
        if self._store is None:
            fast = read_fast(self.sqlite_path, self.clock)
            if fast is not None:
                return fast
        with self.store.transaction() as repo:
            revision = repo.revision()
            cached = self._decoded
            if cached is None or cached[0] != revision:
                cached = (revision, decode(store_snapshot(repo)))
                # a stale cache refreshed just now bumped the revision: key by the new one
                self._decoded = (repo.revision(), cached[1])
        return build_agenda(cached[1], self.clock())

    def revision(self) -> int:
        """The data revision: it changes whenever any fact does."""
        with self.store.transaction() as repo:
            return repo.revision()


def as_id(value: str | int, what: str) -> int:
    """A stored id from what a user typed; anything else is an unknown id."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise NotFoundError(what, str(value)) from None
    if number <= 0 or number > 2**31 - 1:
        raise NotFoundError(what, str(value))
    return number


def resolve_action(repo: Repo, action_id: str, now: datetime) -> tuple[int, Facts, Action]:
    """The application, its facts and the planned action an action id names."""
    parsed = ActionId.parse(action_id, "ACTION", stored=True)
    if parsed.interview is not None:
        interview_id, person_id = as_id(parsed.interview, "interview"), parsed.contact
        app_id, interview = repo.interview(interview_id=interview_id)
        if all(p.id != person_id for p in interview.participants):
            raise NotFoundError(
                "action", action_id, f"person {person_id} was not met at that interview"
            )
    else:
        app_id, _ = repo.person(person_id=as_id(parsed.contact, "person"))
    facts = repo.facts(application_id=app_id)
    wanted = str(parsed)
    action = next((a for a in plan_application(facts, now).actions if a.id == wanted), None)
    if action is None:
        raise NotFoundError("action", action_id, "see `followup agenda` for open ones")
    return app_id, facts, action


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
