"""Use cases of invitations found elsewhere: the subscribed calendar (polled with its ETag) and
the mailbox (`followup sync` hands each invitation email here). What looks like an interview
(someone from an application's email domain is in it) is proposed, never imported silently;
the user imports it in one click or dismisses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import datetime as Datetime
from typing import TYPE_CHECKING, Literal

from followup.calendar.invite import Invite, recurrence_key
from followup.core import limits
from followup.core.errors import FollowupError, InvalidInputError, NotFoundError
from followup.services.agenda import refresh_plans
from followup.services.base import UseCases
from followup.services.calendar import (
    CalendarCases,
    ImportReport,
    ImportRun,
    choose_events,
    free_mail_domains,
    me_of,
)
from followup.services.lookup import as_id

if TYPE_CHECKING:
    from followup.storage.store import Repo

# Interviews that ended within this long still need their follow-ups; older events are history.
PROPOSE_SINCE = timedelta(days=14)
POLL_EVERY = timedelta(minutes=30)  # while the server runs (the web app schedules it)


@dataclass(frozen=True)
class Proposal:
    id: int
    source: str
    uid: str
    summary: str
    start: Datetime
    application_id: int | None  # None: several match, the user picks (or makes one)
    invite: Invite
    guess: tuple[str, str]  # (company, role) for a new application
    state: str
    into: str = ""  # "Company — Role" of application_id, as Today names where it goes


@dataclass(frozen=True)
class Polled:
    status: Literal["fetched", "not_modified", "failed", "off"]
    events: int = 0  # events read in the calendar
    new: int = 0  # proposals new or updated by this poll
    problem: str | None = None
    proposals: list[Proposal] = field(default_factory=list)  # every open one

    def describe(self) -> str:
        if self.status == "off":
            return "No calendar subscribed; `followup calendar subscribe URL` follows one."
        if self.status == "failed":
            return f"Your calendar could not be read: {self.problem}"
        if self.status == "not_modified":
            return "Your calendar has not changed since the last check."
        from followup.core.workdays import counted

        return f"Read {counted(self.events, 'event')}; {counted(self.new, 'interview')} to add."


class SubscriptionError(FollowupError):
    """The subscribed calendar could not be read; the message says why."""

    http_status = 502


class SubscriptionCases(CalendarCases, UseCases):
    # -- the subscription ----------------------------------------------------------------
    def set_subscription(self, url: str | None) -> None:
        """Follow a calendar's secret iCal address (None: stop); checked on the next poll."""
        from followup.calendar.fetch import normalise_url

        if url is not None:
            url = normalise_url(url)
            if not url.startswith(("https://", "http://")) or len(url) > limits.FEED_URL:
                raise InvalidInputError(
                    "URL", "not a calendar address (https://…, or webcal://… as calendars give)"
                )
        with self.store.transaction() as repo:
            repo.set_subscription(profile_id=self._profile_id(repo), url=url)

    def subscription(self) -> tuple[bool, Datetime | None, str | None]:
        """(subscribed, last checked, last problem), for Settings; the address stays inside."""
        with self.store.transaction() as repo:
            found = repo.subscription(profile_id=self._profile_id(repo))
        return (False, None, None) if found is None else (True, found.checked_at, found.problem)

    def poll_subscription(self) -> Polled:
        """Read the subscribed calendar (If-None-Match its ETag) and propose its interviews.

        Never raises for what the network or the calendar does: the problem is kept for
        Settings and returned. Call it every POLL_EVERY while the server runs, and on sync.
        """
        from followup.calendar.fetch import fetch_calendar
        from followup.calendar.read import read_calendar

        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            found = repo.subscription(profile_id=pid)
            me = me_of(repo, pid)
        if found is None:
            return Polled("off")
        fetched = fetch_calendar(found.url, found.etag)  # outside any transaction: slow
        now = self.clock()
        problem, events, new = fetched.problem, 0, 0
        reading = None
        if fetched.status == "fetched":
            try:
                reading = read_calendar(fetched.body, "your calendar", me)
            except InvalidInputError as exc:
                problem = exc.message
        with self.store.transaction() as repo:
            if reading is not None and problem is None:
                events = len(reading.invites)
                new = _propose(repo, pid, reading.invites, "subscription", now)
            repo.subscription_checked(
                profile_id=pid,
                etag=fetched.etag if problem is None else None,
                at=now,
                problem=problem,
            )
            status = "failed" if problem else fetched.status
            return Polled(status, events, new, problem, _proposals(repo, pid))

    # -- the mailbox ---------------------------------------------------------------------
    def propose_from_mail(self, message: bytes, name: str = "email") -> list[int]:
        """The hook `followup sync` calls for an email carrying an invitation: its interviews
        from a known company domain become proposals. Returns their ids ([] when none)."""
        from followup.calendar.read import read_calendar

        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            try:
                reading = read_calendar(message, name, me_of(repo, pid))
            except InvalidInputError:
                return []  # not an invitation, or a broken one: nothing to propose
            _propose(repo, pid, reading.invites, "mailbox", self.clock())
            keys = {i.key for i in reading.invites}
            return [p.id for p in _proposals(repo, pid) if (p.uid, _key(p.invite)) in keys]

    # -- proposals -----------------------------------------------------------------------
    def proposals(self) -> list[Proposal]:
        """Interviews waiting to be imported or dismissed, soonest first."""
        with self.store.transaction() as repo:
            return _proposals(repo, self._profile_id(repo))

    def accept_proposal(
        self,
        proposal_ref: str | int,
        *,
        app: str | int | None = None,
        occurrences: Sequence[date] = (),
        all_occurrences: bool = False,
    ) -> ImportReport:
        """Import a proposed interview (to `app`, else the one it was matched to)."""
        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            row = repo.proposal(profile_id=pid, proposal_id=as_id(proposal_ref, "proposal"))
            if row is None or row.state != "open":
                raise NotFoundError("open proposal", str(proposal_ref))
            invite = Invite.from_dict(row.invite)
            target = app if app is not None else row.application_id
            app_id = None if target is None else as_id(target, "application")
            if app_id is not None:
                repo.application(application_id=app_id)
            name = f"proposal {row.id}"
            chosen = choose_events(invite, name, occurrences, all_occurrences)
            run = ImportRun()
            done = [self._apply(repo, pid, one, app_id, name, run) for one in chosen]
            repo.set_proposal_state(proposal_id=row.id, state="imported")
            refresh_plans(repo, sorted({d.application_id for d in done}))
            return ImportReport(imported=run.logged(repo, done, self.clock()))

    def dismiss_proposal(self, proposal_ref: str | int) -> None:
        """Not an interview: it stays dismissed, whatever updates of it come later."""
        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            row = repo.proposal(profile_id=pid, proposal_id=as_id(proposal_ref, "proposal"))
            if row is None or row.state != "open":
                raise NotFoundError("open proposal", str(proposal_ref))
            repo.set_proposal_state(proposal_id=row.id, state="dismissed")
            repo.bump_revision()  # Today lists the open ones


def _key(invite: Invite) -> str:
    return recurrence_key(invite.recurrence_id)


def _propose(repo: Repo, pid: int, invites: Sequence[Invite], source: str, now: Datetime) -> int:
    """Keep the invites that look like interviews as proposals; how many are new to see."""
    from followup.calendar.guess import matching_applications

    rows = repo.people_emails(profile_id=pid)
    emails = [(a, c, e) for a, status, c, e in rows if status == "active" and e]
    companies = list({a: c for a, status, c, _ in rows if status == "active"}.items())
    imported = repo.imported_events(profile_id=pid)
    cancelled = repo.cancelled_events(profile_id=pid)
    free = free_mail_domains()
    new = 0
    for invite in invites:
        if invite.end < now - PROPOSE_SINCE and not invite.recurring:
            continue
        if not invite.looks_like_interview:
            continue
        known = imported.get(invite.key)
        if known is not None and invite.sequence <= known:
            continue  # imported already, at this version or a newer one
        if invite.cancelled and known is None:
            continue
        gone = cancelled.get(invite.key) if known is None else None
        if gone is not None and invite.sequence <= gone.sequence:
            continue  # an older copy of a cancelled event
        found = matching_applications(invite, emails, companies, free)
        if not found and known is None:
            continue  # nobody from an application's domain: not an interview of ours
        new += repo.propose(
            profile_id=pid,
            source=source,
            uid=invite.uid,
            recurrence=_key(invite),
            sequence=invite.sequence,
            summary=invite.summary or "(no title)",
            start_at=invite.start,
            application_id=found[0] if len(found) == 1 else None,
            invite=invite.to_dict(),
            now=now,
        )
    if new:
        repo.bump_revision()  # Today lists the open ones
    return new


def _proposals(repo: Repo, pid: int) -> list[Proposal]:
    from followup.calendar.guess import guess_new_application

    candidate = repo.candidate(profile_id=pid).full_name
    free = free_mail_domains()
    names = {int(a.id): f"{a.company} — {a.role}" for a, _ in repo.applications(profile_id=pid)}
    found: list[Proposal] = []
    for row in repo.proposals(profile_id=pid):
        invite = Invite.from_dict(row.invite)
        found.append(
            Proposal(
                id=row.id,
                source=row.source,
                uid=row.uid,
                summary=row.summary,
                start=invite.start,
                application_id=row.application_id,
                invite=invite,
                guess=guess_new_application(invite, free, candidate),
                state=row.state,
                into=names.get(row.application_id or 0, ""),
            )
        )
    return found
