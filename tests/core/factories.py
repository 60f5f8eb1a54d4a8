"""Small builders of core facts for rule tables: only what a row changes is spelled out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.core.model import (
    Application,
    Candidate,
    Facts,
    Interview,
    Participant,
    Reply,
    Sent,
    Skip,
)

NY = ZoneInfo("America/New_York")


def at(text: str, tz: ZoneInfo = NY) -> datetime:
    """A local time in `tz` from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def person(pid: str = "c1", name: str = "Katherine Chen", **kw: Any) -> Participant:
    base: dict[str, Any] = {
        "email": f"{pid}@globex.example",
        "phone": "+1 212 555 0100",
        "address": "1 Globex Way, Springfield",
    }
    base.update(kw)
    return Participant(id=pid, name=name, **base)


def interview(
    iid: str = "i1",
    start: datetime | None = None,
    minutes: int = 60,
    people: tuple[Participant, ...] | None = None,
    **kw: Any,
) -> Interview:
    start = start or at("2026-11-24 14:00")
    return Interview(
        id=iid,
        kind=kw.pop("kind", "video"),
        start=start,
        end=start + timedelta(minutes=minutes),
        participants=people if people is not None else (person(),),
        **kw,
    )


def facts(
    *interviews: Interview,
    tz: str = "America/New_York",
    cadence: int = 1,
    sent: tuple[Sent, ...] = (),
    replies: tuple[Reply, ...] = (),
    skipped: tuple[Skip, ...] = (),
    country: str | None = None,
    limit: int = 4,
    **app: Any,
) -> Facts:
    return Facts(
        candidate=Candidate(
            full_name="Jordan A. Rivera",
            timezone=tz,
            checkins_per_week=cadence,
            country=country,
            checkin_limit=limit,
        ),
        application=Application(company="Globex Corporation", role="Senior Data Analyst", **app),
        interviews=interviews or (interview(),),
        sent=sent,
        responses=replies,
        skipped=skipped,
    )


def thanked(f: Facts, when: datetime, method: str = "email") -> Facts:
    """`f` with every thank-you of every interview sent at `when`."""
    sent = tuple(
        Sent(kind="thank_you", interview=i.id, contact=p.id, method=method, at=when)  # type: ignore[arg-type]
        for i in f.interviews
        for p in i.participants
    )
    return replace(f, sent=f.sent + sent)


def day(text: str) -> date:
    return date.fromisoformat(text)
