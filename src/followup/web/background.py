"""What `followup serve` does without being asked: read new mail (and send the daily digest)
every FOLLOWUP_SYNC_EVERY seconds, and the subscribed calendar every FOLLOWUP_POLL_EVERY, each
in a thread of its own that stops with the server.

A failure is kept for Settings to show, never raised: the server goes on, and the next round
tries again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from followup.services import Followup
    from followup.settings import Settings

TICK = 60.0  # seconds between looks at what is due (the digest's time is checked this often)
JOIN_WAIT = 10.0  # seconds Ctrl+C waits for a round under way (a slow mail server) to end


@dataclass
class Round:
    """The last round of one background job, as Settings shows it."""

    at: datetime | None = None
    problem: str | None = None
    ran: tuple[str, ...] = ()


class Background:
    """The mail runner and the calendar poll, with what each did last."""

    def __init__(self, service: Followup, *, sync_every: float, poll_every: float) -> None:
        from followup.services.digest import MailRunner

        self.service = service
        self.runner = MailRunner(service, sync_every=timedelta(seconds=sync_every))
        self.sync_every = sync_every
        self.poll_every = poll_every
        self.mail = Round()
        self.calendar = Round()
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def every_words(self) -> str:
        """How often mail is read, as Settings says it: "10 minutes", "5 seconds"."""
        seconds = round(self.sync_every)
        if seconds % 60:
            return f"{seconds} second{'s' if seconds != 1 else ''}"
        return f"{seconds // 60} minute{'s' if seconds != 60 else ''}"

    def start(self) -> None:
        jobs: list[tuple[str, Callable[[], None], float]] = [
            ("followup-mail", self.mail_round, min(TICK, self.sync_every)),
            ("followup-calendar", self.calendar_round, self.poll_every),
        ]
        for name, job, every in jobs:
            thread = threading.Thread(target=self._loop, args=(job, every), name=name, daemon=True)
            thread.start()
            self.threads.append(thread)

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(JOIN_WAIT)

    def _loop(self, job: Callable[[], None], every: float) -> None:
        while not self.stop.is_set():
            job()
            self.stop.wait(every)

    def mail_round(self) -> None:
        """One tick of the mail runner (a sync when one is due, the digest past its time)."""
        errors = len(self.runner.errors)
        try:
            ran = self.runner.tick()
        except Exception as exc:  # noqa: BLE001 - a background job never takes the server down
            self.mail = Round(self.service.clock(), _unexpected(exc))
            return
        if len(self.runner.errors) > errors:
            self.mail = Round(self.service.clock(), self.runner.errors[-1])
            del self.runner.errors[:-1]  # the last one is all Settings shows
        elif ran:
            self.mail = Round(self.service.clock(), None, tuple(ran))

    def calendar_round(self) -> None:
        """Read the subscribed calendar (its own problems are kept with the subscription)."""
        if self.service.profile() is None:
            return
        try:
            polled = self.service.poll_subscription()
        except Exception as exc:  # noqa: BLE001 - as above
            self.calendar = Round(self.service.clock(), _unexpected(exc))
            return
        if polled.status != "off":
            self.calendar = Round(self.service.clock(), polled.problem, (polled.status,))


def _unexpected(exc: Exception) -> str:
    from followup.core.errors import FollowupError

    if isinstance(exc, FollowupError):
        return exc.message
    return f"failed unexpectedly ({type(exc).__name__}: {exc})"


@contextmanager
def running(app: FastAPI, settings: Settings) -> Iterator[Background]:
    """The background jobs of a served app, stopped (and waited for) on the way out."""
    background = Background(
        app.state.service, sync_every=settings.sync_every, poll_every=settings.poll_every
    )
    app.state.background = background
    background.start()
    try:
        yield background
    finally:
        background.close()
