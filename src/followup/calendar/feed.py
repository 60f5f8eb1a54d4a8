"""The follow-up feed as iCalendar text: one event per open follow-up, and the single-event
file of one follow-up ("Add to calendar"), which keeps a reminder that subscribed feeds drop.

Written directly rather than through icalendar's object model: the feed of a career centre's
10,000 applications must come out in well under a second, and these few properties are simple.
The tests read every feed back with icalendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

PRODID = "-//followup//follow-up feed//EN"
REFRESH = "PT1H"  # calendars that honour it re-read the feed every hour
THANK_YOU_LENGTH = timedelta(minutes=15)
REMINDER_BEFORE_DUE = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One open follow-up as the calendar shows it."""

    uid: str
    sequence: int
    stamp: datetime  # when these times were first published
    start: datetime
    end: datetime
    summary: str
    description: str
    url: str


def event_times(kind: str, not_before: datetime | None, due: datetime) -> tuple[datetime, datetime]:
    """A thank-you is a 15-minute event ending when it is due; a check-in spans its window."""
    if kind == "check_in" and not_before is not None and not_before < due:
        return not_before, due
    return due - THANK_YOU_LENGTH, due


def event_uid(action_id: str, feed_key: str) -> str:
    """Stable across runs, and across an export and import (the key is exported)."""
    return f"{action_id}.{feed_key}@followup"


def summary(kind: str, person: str, method: str, company: str) -> str:
    """ "Thank-you to Katherine Chen (email) — Globex": what to do, to whom, how, where."""
    what = "Thank-you to" if kind == "thank_you" else "Check-in with"
    return f"{what} {person} ({method}) — {company}"


def description(reasons: Iterable[str], url: str) -> str:
    return "\n".join([*reasons, "", f"Draft it and mark it sent: {url}"])


def feed_text(name: str, events: Iterable[FeedEvent]) -> str:
    """The whole feed: a published calendar that refreshes hourly."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _text(name),
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    for event in events:
        lines.extend(_event(event))
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) for line in lines)


def single_event_text(event: FeedEvent) -> str:
    """One follow-up to add to a calendar, with a reminder two hours before it is due."""
    # relative to the start, which every calendar honours; a thank-you's is 1 h 45 min before
    trigger = (event.end - REMINDER_BEFORE_DUE) - event.start
    body = _event(event)[:-1] + [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:" + _text(event.summary),
        f"TRIGGER:{_duration(trigger)}",
        "END:VALARM",
        "END:VEVENT",
    ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "METHOD:PUBLISH", *body]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) for line in lines)


def _event(event: FeedEvent) -> list[str]:
    return [
        "BEGIN:VEVENT",
        "UID:" + _text(event.uid),
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        "SUMMARY:" + _text(event.summary),
        "DESCRIPTION:" + _text(event.description),
        "URL;VALUE=URI:" + event.url,
        "TRANSP:TRANSPARENT",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    return f"{sign}PT{hours}H{minutes}M" if hours else f"{sign}PT{minutes}M"


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line ends escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """One content line, folded at 75 octets without splitting a UTF-8 character, CRLF-ended."""
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # never cut inside a character
        parts.append(data[start:end].decode())
        start, limit = end, 74  # continuation lines begin with a space
    return "\r\n ".join(parts) + "\r\n"
