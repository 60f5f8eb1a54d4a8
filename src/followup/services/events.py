"""Use cases of what happened: follow-ups made (with their final text) and replies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.core import limits
from followup.core.checkins import reply_date_problem
from followup.core.errors import ConflictError, InvalidInputError, NotFoundError
from followup.core.ids import ActionId
from followup.core.model import KIND_WORDS, METHODS, REPLY_KINDS, Action, Facts, Method, Reply, Sent
from followup.core.plan import checkin_warning
from followup.core.workdays import local_date, zone
from followup.inputs.parse import check_note_text, storable_text
from followup.services.agenda import refresh_plan
from followup.services.base import UseCases
from followup.services.changes import changed, log_change
from followup.services.lookup import as_id, resolve_action

if TYPE_CHECKING:
    from followup.storage.store import Repo
    from followup.writing.proofread import Finding

REPLY_WORDS = {"answer": "an answer", "update": "an update", "auto_reply": "an automatic reply"}
# A reply's fields in words every face can show (the CLI's flags, the web's labels, the API's
# keys all name the same thing); `field` carries the key for a form to put the words beside.
REPLY_FIELD_WORDS = {
    "expected_by": "the new answer date",
    "until": "the return date",
    "from": "who replied",
    "kind": "the kind of reply",
}


def reply_date_error(problem: tuple[str, str]) -> InvalidInputError:
    """The error of a date on the wrong kind of reply, or before it came."""
    field, words = problem
    return InvalidInputError(REPLY_FIELD_WORDS[field], words, field=field)


class ProofreadingErrorsError(ConflictError):
    """The note to record as sent has proofreading errors; the user confirms it or fixes it."""

    def __init__(self, action_id: str, findings: list[Finding]) -> None:
        self.action_id = action_id
        self.findings = findings
        first = findings[0]
        where = f"“{first.text}”: " if first.text else ""
        super().__init__(
            f"the note has {len(findings)} proofreading error(s), first {where}{first.message}; "
            "fix them, or confirm that it went as it is"
        )


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
    change: int = 0


@dataclass(frozen=True)
class SentResult:
    action_id: str
    application_id: int
    warning: str | None
    change: int = 0


@dataclass(frozen=True)
class ReplyResult:
    application_id: int
    kind: str
    change: int


def _to_whom(facts: Facts, action: Action) -> str:
    person = facts.person(action.contact)
    return f"the {KIND_WORDS[action.kind]} to {person.name if person else 'them'}"


class EventCases(UseCases):
    def mark_sent(
        self,
        action_id: str,
        *,
        text: str | None = None,
        method: str | None = None,
        at: datetime | None = None,
        confirmed: bool = False,
    ) -> SentResult:
        """Record a planned follow-up as made, in one transaction with its final text.

        `text` (the note as sent) is kept with the action and copied into the record; without
        it, the text kept earlier (`followup write`, the editor's autosave) is. A note with
        proofreading errors is recorded only when `confirmed` (ProofreadingErrorsError lists
        them). Warns (R5) when a check-in comes sooner than the cadence allows."""
        at = self._past(at, "when it was sent", "at")
        if method is not None and method not in METHODS:
            raise InvalidInputError(
                "the method", f"must be email, phone or letter, not {method!r}", field="method"
            )
        if text is not None:
            text = check_note_text(text, "the note") if text.strip() else None
        if not confirmed:
            self._refuse_errors(action_id, text, method)
        with self.store.transaction() as repo:
            app_id, facts, action = resolve_action(repo, action_id, at)
            if action.status == "done":
                raise ConflictError(f"{action.id} is already recorded as sent")
            if action.status == "skipped" and action.kind == "check_in":
                raise ConflictError(f"{action.id} was skipped; record the check-in you made now")
            if action.kind == "thank_you" and action.not_before and at < action.not_before:
                raise InvalidInputError(
                    "when it was sent",
                    "a thank-you cannot be sent before the interview has ended",
                    field="at",
                )
            before = repo.application_rows(application_id=app_id)
            if action.status == "skipped":
                # sent after all: it is done, no longer skipped (a scenario holding both is refused)
                repo.remove_skip(application_id=app_id, action_id=action.id)
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
            change = log_change(
                repo,
                application_id=app_id,
                before=before,
                summary=f"Marked {_to_whom(facts, action)} as sent",
                now=self.clock(),
            )
        return SentResult(
            action_id=action.id, application_id=app_id, warning=warning, change=change
        )

    def _refuse_errors(self, action_id: str, text: str | None, method: str | None) -> None:
        """ProofreadingErrorsError when the note that would be recorded has errors."""
        if text is None and self._kept(action_id) is None:
            return  # nothing written down (a call made, a letter posted): nothing to check
        from followup.services import writing

        target = writing.stored_target(self, action_id, method)  # type: ignore[arg-type]
        note = text if text is not None else writing.kept_text(self, target)
        if note is None or target.action.status in ("done", "skipped"):
            return  # recording it is refused below, for that reason
        report = writing.check(target, note)
        errors = [f for f in report.findings if f.severity == "error"]
        if errors:
            raise ProofreadingErrorsError(target.action.id, errors)

    def _kept(self, action_id: str) -> str | None:
        """The text kept for an action, read without planning anything."""
        parsed = ActionId.parse(action_id, "ACTION", stored=True)
        with self.store.transaction() as repo:
            try:
                app_id, _ = repo.person(person_id=as_id(parsed.contact, "person"))
            except NotFoundError:
                return None  # recording it says what is wrong with the action
            kept = repo.kept_notes(application_id=app_id).get(str(parsed))
        return kept[1] if kept else None

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
    ) -> ReplyResult:
        """Record word from the company: an answer (ends the check-ins), an update with the new
        date it promises an answer by, or an automatic out-of-office reply with its return date."""
        at = self._past(at, "when it came", "at")
        note = storable_text(note, "what they said", limits.REPLY_NOTE)
        if kind not in REPLY_KINDS:
            raise InvalidInputError(
                REPLY_FIELD_WORDS["kind"],
                f"must be answer, update or auto_reply, not {kind!r}",
                field="kind",
            )
        with self.store.transaction() as repo:
            app_id = as_id(app_ref, "application")
            repo.application(application_id=app_id)
            contact, name = None, "the company"
            if person is not None:
                person_app, met = repo.person(person_id=as_id(person, "person"))
                if person_app != app_id:
                    raise InvalidInputError(
                        REPLY_FIELD_WORDS["from"],
                        f"person {person} belongs to application {person_app}, not {app_id}",
                        field="from",
                    )
                contact, name = str(as_id(person, "person")), met.name
            reply = Reply(at=at, contact=contact, kind=kind, expected_by=expected_by, until=until)  # type: ignore[arg-type]
            tz = zone(repo.facts(application_id=app_id).candidate.timezone)
            problem = reply_date_problem(reply, local_date(at, tz))
            if problem is not None:
                raise reply_date_error(problem)
            change = changed(
                repo,
                app_id,
                f"Recorded {REPLY_WORDS[kind]} from {name}",
                self.clock(),
                lambda: repo.add_reply(application_id=app_id, reply=reply, note=note),
            )
        return ReplyResult(application_id=app_id, kind=kind, change=change)

    # -- skipping (R1b) --------------------------------------------------------------------
    def skip_action(self, action_id: str, *, at: datetime | None = None) -> SkipResult:
        """Skip a planned follow-up: it is listed as skipped from now on and never comes back."""
        at = self._past(at, "when you decided", "at")
        with self.store.transaction() as repo:
            app_id, facts, action = resolve_action(repo, action_id, at)
            if action.status == "done":
                raise ConflictError(
                    f"{action.id} is already recorded as sent; it cannot be skipped"
                )
            if action.status == "skipped":
                raise ConflictError(f"{action.id} is already skipped")
            change = changed(
                repo,
                app_id,
                f"Skipped {_to_whom(facts, action)}",
                self.clock(),
                lambda: repo.add_skip(application_id=app_id, action_id=action.id, at=at),
            )
        return SkipResult(
            action_id=action.id, application_id=app_id, kind=action.kind, change=change
        )

    def unskip_action(self, action_id: str) -> int:
        """Forget a skip: the action is planned again. Returns its application's id."""
        parsed = ActionId.parse(action_id, "ACTION", stored=True)
        with self.store.transaction() as repo:
            app_id, _ = repo.person(person_id=as_id(parsed.contact, "person"))
            if not repo.remove_skip(application_id=app_id, action_id=str(parsed)):
                raise NotFoundError("skipped action", str(parsed))
            refresh_plan(repo, app_id)
        return app_id

    def bounces(self) -> dict[str, dict[str, str]]:
        """action id -> {to_address, why} of the follow-ups whose email bounced (their sent
        fact withdrawn: they are open again)."""
        from followup.services.sending import BOUNCED

        with self.store.transaction() as repo:
            pid = repo.profile_id()
            return {} if pid is None else repo.bounced_actions(profile_id=pid, prefix=BOUNCED)

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


def withdraw_bounced(repo: Repo, *, entry: dict[str, Any], now: datetime) -> int | None:
    """A follow-up whose email bounced was not made after all: its sent fact is withdrawn, so
    the plan lists it again (overdue when late) and Today says it bounced; its text stays as the
    kept note, to send again. Logged as a change (undo puts the fact back). Returns the change,
    or None when no emailed record of that action is found."""
    if entry["purpose"] != "follow_up" or not entry["action_id"]:
        return None
    action = ActionId.parse(entry["action_id"], stored=True)
    app_id = int(entry["application_id"])
    records = repo.sent_records(
        application_id=app_id,
        kind=action.kind,
        person_id=int(action.contact),
        interview_id=int(action.interview) if action.interview else None,
    )
    emailed = [r for r in records if r["method"] == "email"]
    if not emailed:
        return None
    when = entry["sent_at"] or now
    record = min(emailed, key=lambda r: abs((r["sent_at"] - when).total_seconds()))
    before = repo.application_rows(application_id=app_id)
    repo.delete_follow_up(follow_up_id=record["id"])
    if record["body"] and str(action) not in repo.kept_notes(application_id=app_id):
        repo.keep_note(
            application_id=app_id,
            action_id=str(action),
            method="email",
            text=record["body"],
            now=now,
        )
    refresh_plan(repo, app_id)
    name = repo.person(person_id=int(action.contact))[1].name
    return log_change(
        repo,
        application_id=app_id,
        before=before,
        summary=f"Withdrew the {KIND_WORDS[action.kind]} to {name}: the email bounced",
        now=now,
    )
