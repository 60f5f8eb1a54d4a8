"""Use cases of interview invitations: import a file (or bytes the web received), apply an
update or a cancellation, put back a cancelled interview, the candidate's other addresses.

One file is one transaction: a bad file leaves the database exactly as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from followup.calendar.invite import Invite, Me, Reading, recurrence_key
from followup.core import limits
from followup.core.errors import FollowupError, InvalidInputError, NotFoundError
from followup.core.model import Interview, Participant
from followup.services.agenda import refresh_plan, refresh_plans
from followup.services.base import UseCases
from followup.services.changes import log_change
from followup.services.lookup import as_id

if TYPE_CHECKING:
    from followup.storage.calendar_queries import CancelledEvent, EventLink
    from followup.storage.changes import Rows
    from followup.storage.store import Repo

Result = Literal["created", "updated", "unchanged", "removed"]


class ApplicationChoiceError(FollowupError):
    """No single application matches an invitation: the user says which (or makes one)."""

    http_status = 409

    def __init__(
        self,
        where: str,
        domains: Sequence[str],
        candidates: Sequence[tuple[int, str, str]],
        matched: bool,
        guess: tuple[str, str],
        guessed_from: str = "",
    ) -> None:
        self.candidates = list(candidates)  # (id, company, role)
        self.guess = guess  # (company, role) for a new application
        self.guessed_from = guessed_from  # where the company came from: "domain", "title"
        self.matched = matched  # several applications match (none preferred over another)
        listed = "; ".join(f"{i} {c} — {r}" for i, c, r in candidates)
        seen = ", ".join(domains)
        if not domains:
            problem = (
                "the invitation names nobody from a company (no organizer or guests); "
                "say which application it is for with --app N: " + (listed or "none yet")
            )
        elif matched:
            problem = f"several applications match {seen}: {listed}; say which with --app N"
        elif candidates:
            problem = f"no application matches {seen}; say which with --app N: {listed}"
        else:
            company = guess[0] or "the company"
            problem = (
                f"no application matches {seen} and there is none yet; add one with "
                f'`followup app add --company "{company}" --role ROLE`, then import again'
            )
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Imported:
    """What importing one event did."""

    result: Result
    application_id: int
    interview_id: int
    invite: Invite
    people: tuple[Participant, ...] = ()  # as stored, with their ids
    removed_id: int | None = None  # the record that puts a cancelled interview back
    change: int | None = None  # what the import changed, as the web's Undo takes it
    cancelled_at: datetime | None = None  # unchanged: an older copy of a cancelled event


class ImportRun:
    """One import: the applications' people's addresses and the cancelled events, read once
    (an export has many events), and the applications it changes, each logged as one change
    (Undo) once their plans are refreshed."""

    def __init__(self) -> None:
        self._rows: list[tuple[int, str, str, str]] | None = None
        self._cancelled: dict[tuple[str, str], CancelledEvent] | None = None
        self._before: dict[int, Rows] = {}
        self._said: dict[int, list[str]] = {}

    def rows(self, repo: Repo, pid: int) -> list[tuple[int, str, str, str]]:
        if self._rows is None:
            self._rows = repo.people_emails(profile_id=pid)
        return self._rows

    def cancelled(self, repo: Repo, pid: int, key: tuple[str, str]) -> CancelledEvent | None:
        if self._cancelled is None:
            self._cancelled = repo.cancelled_events(profile_id=pid)
        return self._cancelled.get(key)

    def touch(self, repo: Repo, app_id: int, summary: str) -> None:
        """Before the first write to an application: its rows, for Undo."""
        if app_id not in self._before:
            self._before[app_id] = repo.application_rows(application_id=app_id)
        self._said.setdefault(app_id, []).append(summary)

    def logged(self, repo: Repo, done: list[Imported], now: datetime) -> list[Imported]:
        """Log each application's change (after refresh_plans); `done` with their ids."""
        changes = {}
        for app_id, before in self._before.items():
            said = self._said[app_id]
            summary = said[0] if len(said) == 1 else f"Imported {len(said)} calendar events"
            changes[app_id] = log_change(
                repo, application_id=app_id, before=before, summary=summary, now=now
            )
        return [
            replace(d, change=changes.get(d.application_id)) if d.result != "unchanged" else d
            for d in done
        ]


@dataclass(frozen=True)
class ImportReport:
    imported: list[Imported]
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # uid, summary, why
    single: bool = True  # the file held one event: its result is the answer


class CalendarCases(UseCases):
    # -- the candidate's addresses -------------------------------------------------------
    def me(self) -> Me:
        with self.store.transaction() as repo:
            return me_of(repo, self._profile_id(repo))

    def read_invitation(self, data: bytes, name: str) -> Reading:
        """An invitation file read for this profile (who "you" are), nothing stored: the web
        asks its questions about it before `import_invite_file`."""
        from followup.calendar.read import read_calendar

        return read_calendar(data, name, self.me())

    def set_aliases(self, aliases: Sequence[str]) -> tuple[str, ...]:
        """The candidate's other addresses: never taken for a person met."""
        from followup.inputs.fields import validate
        from followup.inputs.models import PersonIn

        cleaned: list[str] = []
        for n, alias in enumerate(aliases):
            checked = validate(PersonIn, {"name": "alias", "email": alias}, f"aliases[{n}]")
            if checked.email and checked.email.lower() not in cleaned:
                cleaned.append(checked.email.lower())
        if len(cleaned) > limits.ALIASES:
            raise InvalidInputError("aliases", f"at most {limits.ALIASES} addresses")
        with self.store.transaction() as repo:
            repo.set_aliases(profile_id=self._profile_id(repo), aliases=cleaned)
        return tuple(cleaned)

    # -- importing -----------------------------------------------------------------------
    def import_invite_file(
        self,
        path: Path,
        *,
        app: str | int | None = None,
        occurrences: Sequence[date] = (),
        all_occurrences: bool = False,
    ) -> ImportReport:
        """Import an .ics or .eml file (FILE as the user named it)."""
        return self.import_invite(
            read_file(path),
            str(path),
            app=app,
            occurrences=occurrences,
            all_occurrences=all_occurrences,
        )

    def import_invite(
        self,
        data: bytes,
        name: str,
        *,
        app: str | int | None = None,
        occurrences: Sequence[date] = (),
        all_occurrences: bool = False,
    ) -> ImportReport:
        """Import the events of an invitation or calendar (the web's upload, the CLI's file).

        One event: created, updated (same UID, higher SEQUENCE), unchanged (an older or the same
        SEQUENCE), or removed (a cancellation); any problem raises. Several events (a calendar
        export): each one that looks like an interview is imported, the rest listed as skipped.
        """
        from followup.calendar.read import read_calendar

        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            reading = read_calendar(data, name, me_of(repo, pid))
            app_id = None if app is None else _application(repo, app)
            invites = reading.invites
            if not invites:
                if reading.problems:
                    raise InvalidInputError(name, reading.problems[0])
                why = "only all-day events" if reading.skipped else "no event"
                raise InvalidInputError(name, f"{why}, no interview at a time")
            if len(invites) == 1 and not reading.problems:
                chosen = choose_events(invites[0], name, occurrences, all_occurrences)
                run = ImportRun()
                done = [self._apply(repo, pid, i, app_id, name, run) for i in chosen]
                refresh_plans(repo, sorted({d.application_id for d in done}))
                return ImportReport(imported=run.logged(repo, done, self.clock()))
            report = ImportReport(imported=[], single=False)
            run = ImportRun()
            report.skipped.extend(("", s, why) for s, why in reading.skipped)
            report.skipped.extend(("", "", p) for p in reading.problems)
            for invite in invites:
                try:
                    if not invite.looks_like_interview:
                        raise InvalidInputError("", "no one else is invited")
                    for one in choose_events(invite, name, occurrences, all_occurrences):
                        report.imported.append(self._apply(repo, pid, one, app_id, name, run))
                except FollowupError as exc:
                    why = exc.problem if isinstance(exc, InvalidInputError) else exc.message
                    report.skipped.append((invite.uid, invite.summary, why))
            if not report.imported:
                first = report.skipped[0][2] if report.skipped else "nothing to import"
                raise InvalidInputError(
                    name, f"none of its {len(invites)} events was imported ({first})"
                )
            refresh_plans(repo, sorted({d.application_id for d in report.imported}))
            report.imported[:] = run.logged(repo, report.imported, self.clock())
            return report

    def _apply(
        self,
        repo: Repo,
        pid: int,
        invite: Invite,
        app_id: int | None,
        name: str,
        run: ImportRun,
    ) -> Imported:
        """Create, update or remove the interview of one event; the caller refreshes plans."""
        recurrence = recurrence_key(invite.recurrence_id)
        link = repo.interview_of_event(profile_id=pid, uid=invite.uid, recurrence=recurrence)
        gone = None if link else run.cancelled(repo, pid, (invite.uid, recurrence))
        if gone is not None:
            if invite.cancelled or invite.sequence <= gone.sequence:
                return Imported(
                    "unchanged",
                    gone.application_id,
                    gone.interview_id,
                    invite,
                    removed_id=gone.removed_id,
                    cancelled_at=gone.removed_at,
                )
            run.touch(repo, gone.application_id, _summary("updated", invite))
            link = self._bring_back(repo, gone)  # re-scheduled: updated below
        if invite.cancelled:
            if link is None:
                raise InvalidInputError(
                    name, "cancels an event that was never imported; there is nothing to remove"
                )
            run.touch(repo, link.application_id, _summary("removed", invite))
            removed = self._remove(repo, link.interview_id, link.application_id, invite)
            return Imported("removed", link.application_id, link.interview_id, invite, (), removed)
        if link is not None:
            _, current = repo.interview(interview_id=link.interview_id)
            if invite.sequence <= link.sequence:
                return Imported(
                    "unchanged",
                    link.application_id,
                    link.interview_id,
                    invite,
                    current.participants,
                )
            if gone is None:
                run.touch(repo, link.application_id, _summary("updated", invite))
            met = _people_met(repo, link.application_id, invite, current)
            repo.replace_interview(
                interview_id=link.interview_id,
                interview=replace(
                    current, kind=invite.kind, start=invite.start, end=invite.end, participants=met
                ),
            )
            repo.set_interview_event(
                interview_id=link.interview_id,
                uid=invite.uid,
                recurrence=recurrence,
                sequence=invite.sequence,
            )
            repo.close_proposals_of(profile_id=pid, uid=invite.uid, recurrence=recurrence)
            return Imported("updated", link.application_id, link.interview_id, invite, met)
        target = app_id
        if target is None:
            target = _find_application(repo, pid, invite, name, run.rows(repo, pid))
        run.touch(repo, target, _summary("created", invite))
        met = _people_met(repo, target, invite, None)
        interview_id = repo.add_interview(
            application_id=target,
            interview=Interview(
                id="new", kind=invite.kind, start=invite.start, end=invite.end, participants=met
            ),
        )
        repo.set_interview_event(
            interview_id=interview_id,
            uid=invite.uid,
            recurrence=recurrence,
            sequence=invite.sequence,
        )
        repo.close_proposals_of(profile_id=pid, uid=invite.uid, recurrence=recurrence)
        return Imported("created", target, interview_id, invite, met)

    def _bring_back(self, repo: Repo, gone: CancelledEvent) -> EventLink:
        """A cancelled interview whose event came back newer (a meeting re-scheduled): put
        back with what was sent and its notes, for the newer invitation to update."""
        from followup.storage.calendar_queries import EventLink as Link

        found = repo.removed(removed_id=gone.removed_id)
        assert found is not None  # just listed, in this transaction
        app_id, rows = found
        interview_id = repo.put_back_interview(rows=rows)
        repo.forget_removed(removed_id=gone.removed_id)
        [event] = rows["interview_events"]
        return Link(interview_id, app_id, event["sequence"])

    def _remove(self, repo: Repo, interview_id: int, app_id: int, invite: Invite) -> int:
        rows: dict[str, Any] = dict(repo.remove_interview(interview_id=interview_id))
        rows["cancelled_event"] = [
            {
                "uid": invite.uid,
                "recurrence": recurrence_key(invite.recurrence_id),
                "sequence": invite.sequence,
            }
        ]
        removed = repo.keep_removed(
            application_id=app_id,
            interview_id=interview_id,
            reason=f"cancelled in the calendar (SEQUENCE {invite.sequence})",
            snapshot=rows,
            now=self.clock(),
        )
        return removed

    def put_back_interview(self, removed_ref: str | int) -> tuple[int, int, int]:
        """Undo a removal: the interview, its people met, what was sent and the kept notes come
        back, under the interview's own id unless another took it since. Returns (application
        id, interview id, the id it had)."""
        with self.store.transaction() as repo:
            removed_id = as_id(removed_ref, "removed interview")
            found = repo.removed(removed_id=removed_id)
            if found is None:
                raise NotFoundError("removed interview", str(removed_ref))
            app_id, rows = found
            interview_id = repo.put_back_interview(rows=rows)
            repo.forget_removed(removed_id=removed_id)
            refresh_plan(repo, app_id)
            return app_id, interview_id, int(rows["interviews"][0]["id"])

    # -- a new application for an invitation ---------------------------------------------
    def guess_application(self, invite: Invite) -> tuple[str, str]:
        """(company, role) a new application for this invitation would have; the web shows
        them for the user to correct before `add_application`."""
        from followup.calendar.guess import guess_new_application

        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            candidate = repo.candidate(profile_id=pid).full_name
        return guess_new_application(invite, free_mail_domains(), candidate)


def _summary(result: Result, invite: Invite) -> str:
    """What an import did, as the undo toast and `followup undo` say it."""
    title = f"“{invite.title or 'no title'}”"
    return {
        "created": f"Imported the interview {title}",
        "updated": f"Updated the interview {title} from a newer invitation",
        "removed": f"Removed the interview {title}, cancelled in the calendar",
    }[result]


def free_mail_domains() -> frozenset[str]:
    """Domains that say nothing about an employer (a recruiter writing from gmail.com): the
    mail's own list, so replies and invitations are matched alike."""
    from followup.mail.matching import free_mail_domains as listed

    return listed()


def read_file(path: Path) -> bytes:
    """The bytes of an invitation file, refused by size before they are read."""
    where = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InvalidInputError(where, "is a folder, not an .ics or .eml file")
        if size > limits.CALENDAR_BYTES:
            raise InvalidInputError(
                where,
                f"too large ({size / 1_048_576:.1f} MB); an invitation or calendar export is "
                f"at most {limits.CALENDAR_BYTES // 1_048_576} MB",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInputError(where, "no such file") from None
    except OSError as exc:
        raise InvalidInputError(where, f"cannot read it ({exc.strerror})") from None


def me_of(repo: Repo, pid: int) -> Me:
    candidate = repo.candidate(profile_id=pid)
    aliases = repo.calendar_settings(profile_id=pid).aliases
    return Me(email=candidate.email, aliases=aliases, timezone=candidate.timezone)


def _application(repo: Repo, ref: str | int) -> int:
    app_id = as_id(ref, "application")
    repo.application(application_id=app_id)
    return app_id


def choose_events(invite: Invite, name: str, dates: Sequence[date], every: bool) -> list[Invite]:
    """The invites to import: the event, or the chosen occurrences of a series."""
    if not invite.recurring:
        return [invite]
    listed = [o.start.date() for o in invite.occurrences]
    if every:
        return [invite.occurrence(o) for o in invite.occurrences]
    if not dates:
        first, last = listed[0], listed[-1]
        raise InvalidInputError(
            name,
            f"a recurring event ({len(listed)} occurrences, {first} to {last}); import the ones "
            "that are interviews with --occurrence DATE (repeat it), or --all-occurrences",
        )
    unknown = [d for d in dates if d not in listed]
    if unknown:
        raise InvalidInputError(
            "--occurrence",
            f"{unknown[0]} is not an occurrence of this event; it has "
            + ", ".join(str(d) for d in listed[:12])
            + (" ..." if len(listed) > 12 else ""),
        )
    return [invite.occurrence(o) for o in invite.occurrences if o.start.date() in dates]


def _find_application(
    repo: Repo, pid: int, invite: Invite, name: str, rows: list[tuple[int, str, str, str]]
) -> int:
    from followup.calendar.guess import company_source, guess_new_application, matching_applications

    active = {a: c for a, status, c, _ in rows if status == "active"}
    free = free_mail_domains()
    found = matching_applications(
        invite,
        [(a, c, e) for a, status, c, e in rows if status == "active" and e],
        list(active.items()),
        free,
    )
    if len(found) == 1:
        return found[0]
    apps = {a.id: a for a, _ in repo.applications(profile_id=pid)}
    listed = found or list(active)
    candidates = [(i, apps[str(i)].company, apps[str(i)].role) for i in listed if str(i) in apps]
    guess = guess_new_application(invite, free, repo.candidate(profile_id=pid).full_name)
    raise ApplicationChoiceError(
        name, invite.domains, candidates, bool(found), guess, company_source(invite, free, guess[0])
    )


def _people_met(
    repo: Repo, app_id: int, invite: Invite, current: Interview | None
) -> tuple[Participant, ...]:
    """The invitation's people as the application's: known ones (same email, else same name
    without an email) reused, new ones added; notes of people already met kept."""
    known = repo.people(application_id=app_id)
    by_email = {p.email.casefold(): p for p in known if p.email}
    by_name = {p.name.casefold(): p for p in known if not p.email}
    notes = {p.id: p for p in current.participants} if current else {}
    met: list[Participant] = []
    for guest in invite.people:
        person = by_email.get(guest.email) or by_name.get(guest.name.casefold())
        if person is None:
            added = Participant(id="", name=guest.name, email=guest.email)
            person = replace(added, id=str(repo.add_person(application_id=app_id, person=added)))
            by_email[guest.email] = person
        elif not person.email:
            repo.update_person(person_id=int(person.id), email=guest.email)
        if any(p.id == person.id for p in met):
            continue
        before = notes.get(person.id)
        met.append(
            Participant(
                id=person.id,
                name=person.name,
                email=person.email or guest.email,
                discussed=before.discussed if before else (),
                liked=before.liked if before else (),
            )
        )
    return tuple(met)
