"""Use cases of what happened: follow-ups made (with their final text) and replies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from followup.core import limits
from followup.core.checkins import reply_date_problem
from followup.core.errors import ConflictError, InvalidInputError, NotFoundError
from followup.core.ids import ActionId
from followup.core.model import METHODS, REPLY_KINDS, Method, Reply, Sent
from followup.core.plan import checkin_warning
from followup.core.workdays import local_date, zone
from followup.inputs.parse import check_note_text, storable_text
from followup.services.agenda import refresh_plan
from followup.services.base import UseCases
from followup.services.lookup import as_id, resolve_action


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
class SkipResult:
    action_id: str
    application_id: int
    kind: str


@dataclass(frozen=True)
class SentResult:
    action_id: str
    application_id: int
    warning: str | None


class EventCases(UseCases):
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
            if action.status == "skipped" and action.kind == "check_in":
                raise ConflictError(f"{action.id} was skipped; record the check-in you made now")
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
        kind: str = "answer",
        expected_by: date | None = None,
        until: date | None = None,
    ) -> None:
        """Record word from the company: an answer (ends the check-ins), an update with the new
        date it promises an answer by, or an automatic out-of-office reply with its return date."""
        at = self._past(at, "--at")
        note = storable_text(note, "note", limits.REPLY_NOTE)
        if kind not in REPLY_KINDS:
            raise InvalidInputError("--kind", f"must be answer, update or auto_reply, not {kind!r}")
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
            reply = Reply(at=at, contact=contact, kind=kind, expected_by=expected_by, until=until)  # type: ignore[arg-type]
            tz = zone(repo.facts(application_id=app_id).candidate.timezone)
            problem = reply_date_problem(reply, local_date(at, tz))
            if problem is not None:
                raise InvalidInputError(f"--{problem[0].replace('_', '-')}", problem[1])
            repo.add_reply(application_id=app_id, reply=reply, note=note)
            refresh_plan(repo, app_id)

    # -- skipping (R1b) --------------------------------------------------------------------
    def skip_action(self, action_id: str, *, at: datetime | None = None) -> SkipResult:
        """Skip a planned follow-up: it is listed as skipped from now on and never comes back."""
        at = self._past(at, "--at")
        with self.store.transaction() as repo:
            app_id, _, action = resolve_action(repo, action_id, at)
            if action.status == "done":
                raise ConflictError(
                    f"{action.id} is already recorded as sent; it cannot be skipped"
                )
            if action.status == "skipped":
                raise ConflictError(f"{action.id} is already skipped")
            repo.add_skip(application_id=app_id, action_id=action.id, at=at)
            refresh_plan(repo, app_id)
        return SkipResult(action_id=action.id, application_id=app_id, kind=action.kind)

    def unskip_action(self, action_id: str) -> int:
        """Forget a skip: the action is planned again. Returns its application's id."""
        parsed = ActionId.parse(action_id, "ACTION", stored=True)
        with self.store.transaction() as repo:
            app_id, _ = repo.person(person_id=as_id(parsed.contact, "person"))
            if not repo.remove_skip(application_id=app_id, action_id=str(parsed)):
                raise NotFoundError("skipped action", str(parsed))
            refresh_plan(repo, app_id)
        return app_id

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
