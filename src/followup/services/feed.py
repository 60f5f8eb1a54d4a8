"""Use cases of the follow-up feed: the calendar of every open follow-up, its secret link, and
one follow-up as a single event to add to a calendar.

The feed remembers what it last published of each action (times, SEQUENCE, DTSTAMP), so that
SEQUENCE rises when an action's times move and the text is otherwise the same from one run to
the next. That bookkeeping is the feed's own: it does not bump the data revision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from followup.calendar.feed import (
    FeedEvent,
    description,
    event_times,
    event_uid,
    feed_text,
    single_event_text,
    summary,
)
from followup.core.errors import NotFoundError
from followup.core.ids import ActionId
from followup.services.agenda import store_snapshot
from followup.services.base import UseCases
from followup.services.lookup import resolve_action

if TYPE_CHECKING:
    from followup.storage.calendar_queries import Published
    from followup.storage.store import Repo

DEFAULT_BASE_URL = "http://127.0.0.1:8765"


@dataclass(frozen=True)
class FeedLink:
    """Where a calendar subscribes: the https form (Google, Outlook) and webcal:// (Apple)."""

    url: str
    webcal: str


def feed_link(base_url: str, secret: str) -> FeedLink:
    url = f"{base_url.rstrip('/')}/calendar/{secret}.ics"
    return FeedLink(url=url, webcal="webcal://" + url.split("://", 1)[1])


def action_url(base_url: str, action_id: str) -> str:
    return f"{base_url.rstrip('/')}/actions/{action_id}"


class FeedCases(UseCases):
    def feed(self, *, base_url: str = DEFAULT_BASE_URL) -> str:
        """The feed of the profile, as iCalendar text."""
        return self._feed_of(None, base_url)

    def feed_for_secret(self, secret: str, *, base_url: str = DEFAULT_BASE_URL) -> str:
        """The feed a secret link names; a wrong or renewed secret names nothing (404)."""
        return self._feed_of(secret, base_url)

    def _feed_of(self, secret: str | None, base_url: str) -> str:
        from sqlalchemy.exc import IntegrityError

        try:
            return self._feed_once(secret, base_url)
        except IntegrityError:
            # two calendars fetched at once and both recorded a new action: the second read
            # sees what the first recorded
            return self._feed_once(secret, base_url)

    def _feed_once(self, secret: str | None, base_url: str) -> str:
        with self.store.transaction() as repo:
            if secret is None:
                pid: int | None = self._profile_id(repo)
            elif 16 <= len(secret) <= 64:
                pid = repo.profile_of_feed_secret(secret=secret)
            else:
                pid = None
            if pid is None:
                raise NotFoundError("calendar feed", "…", "the link is wrong or was renewed")
            return _feed(repo, pid, base_url, self.clock())

    def feed_link(self, *, base_url: str = DEFAULT_BASE_URL) -> FeedLink:
        with self.store.transaction() as repo:
            secret = repo.calendar_settings(profile_id=self._profile_id(repo)).feed_secret
        return feed_link(base_url, secret)

    def renew_feed_secret(self, *, base_url: str = DEFAULT_BASE_URL) -> FeedLink:
        """A new secret link; the old one stops working at once."""
        with self.store.transaction() as repo:
            secret = repo.renew_feed_secret(profile_id=self._profile_id(repo))
        return feed_link(base_url, secret)

    def action_event(self, action_id: str, *, base_url: str = DEFAULT_BASE_URL) -> tuple[str, str]:
        """(file name, text) of one open follow-up as a single event with a reminder."""
        with self.store.transaction() as repo:
            pid = self._profile_id(repo)
            app_id, facts, action = resolve_action(repo, action_id, self.clock())
            if action.status == "done" or action.status not in ("planned", "due", "overdue"):
                raise NotFoundError("open action", action_id, "it was sent or skipped")
            key = repo.calendar_settings(profile_id=pid).feed_key
            known = repo.published(application_ids=[app_id]).get((app_id, action.id))
        start, end = event_times(action.kind, action.not_before, action.due)
        url = action_url(base_url, action.id)
        event = FeedEvent(
            uid=event_uid(action.id, key),
            sequence=known.sequence if known else 0,
            stamp=known.stamped_at if known else self.clock(),
            start=start,
            end=end,
            summary=summary(
                action.kind, action.contact_name, action.method, facts.application.company
            ),
            description=description(action.reasons, url),
            url=url,
        )
        return f"{ActionId.parse(action.id, stored=True).slug}.ics", single_event_text(event)


def _feed(repo: Repo, pid: int, base_url: str, now: datetime) -> str:
    from followup.storage.calendar_queries import Published

    settings = repo.calendar_settings(profile_id=pid)
    name = repo.candidate(profile_id=pid).full_name
    snapshot = store_snapshot(repo, pid)
    published = repo.published(application_ids=[row[0] for row in snapshot.rows])
    added: list[tuple[int, str, Published]] = []
    changed: list[tuple[int, str, Published]] = []
    events: list[FeedEvent] = []
    for app_id, company, _role, cache in snapshot.rows:
        if not cache:
            continue
        for due_ts, not_before_ts, action_id, text in json.loads(cache)["actions"]:
            action: dict[str, Any] = json.loads(text)
            due = datetime.fromtimestamp(due_ts, UTC)
            not_before = datetime.fromtimestamp(not_before_ts, UTC) if not_before_ts else None
            start, end = event_times(action["kind"], not_before, due)
            known = published.get((app_id, action_id))
            if known is None:
                known = Published(start, end, 0, now)
                added.append((app_id, action_id, known))
            elif (known.start, known.end) != (start, end):
                known = Published(start, end, known.sequence + 1, now)
                changed.append((app_id, action_id, known))
            url = action_url(base_url, action_id)
            events.append(
                FeedEvent(
                    uid=event_uid(action_id, settings.feed_key),
                    sequence=known.sequence,
                    stamp=known.stamped_at,
                    start=start,
                    end=end,
                    summary=summary(
                        action["kind"], action["contact_name"], action["method"], company
                    ),
                    description=description(action["reasons"], url),
                    url=url,
                )
            )
    repo.save_published(added=added, changed=changed)
    events.sort(key=lambda e: (e.end, e.uid))
    return feed_text(f"Follow-ups — {name}", events)
