"""What an invitation says, once read: value objects, no I/O.

An `Invite` is one event (one UID, or one occurrence of a series): when, how (video, phone, in
person), who is met, and what was left out and why. A series carries its occurrences; it becomes
interviews only for the occurrences the user picks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from followup.core.model import InterviewKind

_CANCELLED_PREFIX = re.compile(r"^\s*(?:canceled|cancelled)\s*(?:event)?\s*:\s*", re.I)

# Why an address in the invitation is not a person met.
LeftOutWhy = Literal[
    "candidate",
    "candidate alias",
    "room",
    "resource",
    "group",
    "declined",
    "delegated",
    "non-participant",
    "no-reply",
]


@dataclass(frozen=True, slots=True)
class Me:
    """Who the candidate is, for reading invitations: their addresses and their zone."""

    email: str | None
    aliases: tuple[str, ...] = ()
    timezone: str = "UTC"  # where a floating time (no zone at all) is read

    @property
    def addresses(self) -> frozenset[str]:
        found = [self.email] if self.email else []
        return frozenset(a.casefold() for a in (*found, *self.aliases))

    @property
    def domains(self) -> frozenset[str]:
        return frozenset(a.rpartition("@")[2] for a in self.addresses)


@dataclass(frozen=True, slots=True)
class Guest:
    """Someone the candidate meets: a name and an email address (lower case)."""

    name: str
    email: str


@dataclass(frozen=True, slots=True)
class LeftOut:
    email: str
    why: LeftOutWhy


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a series: its own start and end, and the id of the occurrence."""

    recurrence_id: datetime
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Invite:
    method: str  # REQUEST, PUBLISH or CANCEL, as written (PUBLISH when absent)
    uid: str
    sequence: int
    summary: str
    kind: InterviewKind
    start: datetime  # in the event's own zone
    end: datetime
    people: tuple[Guest, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    domains: tuple[str, ...] = ()  # company domains seen, first seen first
    cancelled: bool = False  # METHOD:CANCEL or STATUS:CANCELLED
    recurrence_id: datetime | None = None  # set for one occurrence of a series
    occurrences: tuple[Occurrence, ...] = field(default=())  # a series: every occurrence

    @property
    def recurring(self) -> bool:
        return bool(self.occurrences)

    @property
    def key(self) -> tuple[str, str]:
        """What names this event among all others: UID, and the occurrence for a series."""
        return self.uid, recurrence_key(self.recurrence_id)

    @property
    def title(self) -> str:
        """The summary as shown: without the "Canceled: " a provider puts before a cancelled
        event's (the interview is named, not the provider's notice)."""
        return _CANCELLED_PREFIX.sub("", self.summary)

    @property
    def looks_like_interview(self) -> bool:
        """Someone else is invited: a personal appointment has no organizer or guests."""
        return bool(self.people or self.domains)

    def occurrence(self, chosen: Occurrence) -> Invite:
        """This series' invite for one of its occurrences."""
        return replace(
            self,
            start=chosen.start,
            end=chosen.end,
            recurrence_id=chosen.recurrence_id,
            occurrences=(),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for proposals kept until the user imports or dismisses them."""
        return {
            "method": self.method,
            "uid": self.uid,
            "sequence": self.sequence,
            "summary": self.summary,
            "kind": self.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "people": [{"name": g.name, "email": g.email} for g in self.people],
            "left_out": [{"email": x.email, "why": x.why} for x in self.left_out],
            "domains": list(self.domains),
            "cancelled": self.cancelled,
            "recurrence_id": self.recurrence_id.isoformat() if self.recurrence_id else None,
            "occurrences": [
                [o.recurrence_id.isoformat(), o.start.isoformat(), o.end.isoformat()]
                for o in self.occurrences
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Invite:
        at = datetime.fromisoformat
        return cls(
            method=data["method"],
            uid=data["uid"],
            sequence=int(data["sequence"]),
            summary=data["summary"],
            kind=data["kind"],
            start=at(data["start"]),
            end=at(data["end"]),
            people=tuple(Guest(g["name"], g["email"]) for g in data["people"]),
            left_out=tuple(LeftOut(x["email"], x["why"]) for x in data["left_out"]),
            domains=tuple(data["domains"]),
            cancelled=bool(data["cancelled"]),
            recurrence_id=at(data["recurrence_id"]) if data["recurrence_id"] else None,
            occurrences=tuple(
                Occurrence(at(r), at(s), at(e)) for r, s, e in data.get("occurrences", [])
            ),
        )


def recurrence_key(recurrence_id: datetime | None) -> str:
    """An occurrence as stored text: its original start in UTC; "" for a single event."""
    if recurrence_id is None:
        return ""
    from datetime import UTC

    return recurrence_id.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Reading:
    """What a calendar file holds: its events, and the ones that could not be read, with why."""

    invites: list[Invite]
    problems: list[str]  # "event 'Dentist': unknown timezone 'X'": one line each
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (summary, why) not events
