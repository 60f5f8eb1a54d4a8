"""Reading invitations: an .ics file, or an .eml that carries one, into `Invite`s.

Parsed with icalendar 7 (which maps Windows zone names such as "Eastern Standard Time" to IANA,
and reads Exchange's VTIMEZONE blocks) and x-wr-timezone (Google exports that name their zone
only in X-WR-TIMEZONE). What icalendar lets through silently is checked here: a TZID it could not
resolve leaves a naive time, which is refused by name, never guessed as UTC; broken lines are
only recorded in `component.errors`, which makes the file malformed.

Problems with the whole file raise InvalidInputError; problems with one event of a calendar are
returned beside the events that could be read, so a feed with one odd event still works.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.calendar.invite import Invite, Me, Occurrence, Reading
from followup.calendar.kind import meeting_kind
from followup.calendar.people import people_met
from followup.core import limits
from followup.core.errors import InvalidInputError

METHODS = ("REQUEST", "PUBLISH", "CANCEL")
# A series without an end still becomes a short list to choose from.
MAX_OCCURRENCES = 60
DEFAULT_LENGTH = timedelta(hours=1)  # an event with neither DTEND nor DURATION
READ_SECONDS = 10  # a file whose series take longer is refused, not read for minutes
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,76}:")


def read_calendar(data: bytes, name: str, me: Me) -> Reading:
    """Every event in an .ics or .eml; whole-file problems raise, per-event ones are listed."""
    if len(data) > limits.CALENDAR_BYTES:
        raise InvalidInputError(
            name,
            f"too large ({len(data) / 1_048_576:.1f} MB); an invitation or calendar export "
            f"is at most {limits.CALENDAR_BYTES // 1_048_576} MB",
        )
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        parts = [data]
    elif _HEADER.match(head) and (
        name.lower().endswith(".eml") or re.search(rb"\r?\n\r?\n", head[:65536])
    ):
        parts = calendar_parts(data, name)
    else:
        raise InvalidInputError(
            name, "not an iCalendar file (it does not begin with BEGIN:VCALENDAR)"
        )
    invites: dict[tuple[str, str], Invite] = {}
    problems: list[str] = []
    skipped: list[tuple[str, str]] = []
    try:
        for part in parts:
            for calendar in _parse(part, name):
                for invite in _invites(calendar, me, problems, skipped):
                    known = invites.get(invite.key)
                    # an email carries the same event twice (inline and attached): one interview
                    if known is None or invite.sequence > known.sequence:
                        invites[invite.key] = invite
    except InvalidInputError:
        raise
    except RecursionError:
        raise InvalidInputError(name, "nested too deeply to be an invitation") from None
    except Exception as exc:  # noqa: BLE001 - icalendar, dateutil and zoneinfo raise many kinds
        # on values no calendar program writes (year 1, a 99,999,999-week DURATION, a zone
        # named ../../etc/passwd): the file is refused, never a crash
        raise InvalidInputError(
            name, f"cannot be read ({_short(exc) or type(exc).__name__})"
        ) from None
    return Reading(invites=list(invites.values()), problems=problems, skipped=skipped)


def calendar_parts(data: bytes, name: str) -> list[bytes]:
    """The text/calendar parts and .ics attachments of an email."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        return _calendar_parts_of(message, name)
    except RecursionError:
        raise InvalidInputError(name, "nested too deeply to be an email") from None


def _calendar_parts_of(message: Any, name: str) -> list[bytes]:
    found: list[bytes] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = (part.get_filename() or "").lower()
        if ctype in ("text/calendar", "application/ics") or filename.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                found.append(payload)
    if not found:
        raise InvalidInputError(
            name, "no calendar invitation in this email (no text/calendar part, no .ics file)"
        )
    return found


def _parse(data: bytes, name: str) -> list[Any]:
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError) as exc:
        raise InvalidInputError(name, f"malformed iCalendar ({_short(exc)})") from None
    if not calendars:
        raise InvalidInputError(name, "malformed iCalendar (it stops before END:VCALENDAR)")
    for calendar in calendars:
        if calendar.name != "VCALENDAR":
            raise InvalidInputError(name, f"malformed iCalendar (a {calendar.name} at the top)")
        for component in calendar.walk():
            if component.errors:
                raise InvalidInputError(
                    name, f"malformed iCalendar ({_short(component.errors[0][1])})"
                )
    return calendars  # type: ignore[no-any-return]


def _short(problem: Any) -> str:
    text = " ".join(str(problem).split())
    return text if len(text) <= 120 else text[:117] + "..."


def _invites(
    calendar: Any, me: Me, problems: list[str], skipped: list[tuple[str, str]]
) -> list[Invite]:
    import x_wr_timezone

    method = str(calendar.get("METHOD") or "PUBLISH").strip().upper()
    if "X-WR-TIMEZONE" in calendar:
        calendar = x_wr_timezone.to_standard(calendar)
    series: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        series.setdefault(_uid(event), []).append(event)
    found: list[Invite] = []
    started = time.monotonic()
    for uid, events in series.items():
        if time.monotonic() - started > READ_SECONDS:
            raise InvalidInputError(
                "the calendar",
                f"takes over {READ_SECONDS} seconds to read: it holds more "
                "recurring events than an invitation or an export of interviews would",
            )
        master = next((e for e in events if "RECURRENCE-ID" not in e), events[0])
        label = _label(master)
        if method not in METHODS:
            problems.append(
                f"{label} is a METHOD:{method} message (an answer or a counter-proposal), "
                "not an invitation"
            )
            continue
        try:
            if "RRULE" in master or "RDATE" in master:
                found.append(_series(calendar, uid, master, method, me))
                continue
            for event in events:
                made = _invite(event, uid, method, me)
                if made is None:
                    skipped.append((str(event.get("SUMMARY") or ""), "an all-day event"))
                else:
                    found.append(made)
        except _EventProblem as problem:
            problems.append(f"{label}: {problem}")
    return found


class _EventProblem(Exception):
    pass


def _label(event: Any) -> str:
    summary = " ".join(str(event.get("SUMMARY") or "").split())
    return f"event {summary!r}" if summary else "an event without a title"


def _uid(event: Any) -> str:
    """The UID; an event without one gets a stable stand-in from what it says."""
    uid = str(event.get("UID") or "").strip()
    if uid:
        return uid[: limits.CALENDAR_UID]
    seed = "|".join(str(event.get(k) or "") for k in ("DTSTART", "SUMMARY", "ORGANIZER"))
    return "followup-" + hashlib.sha256(seed.encode()).hexdigest()[:32]


def _moment(event: Any, prop: str, me: Me) -> datetime | date | None:
    value = event.get(prop)
    if value is None:
        return None
    try:
        moment = value.dt
    except Exception as exc:  # icalendar's BrokenCalendarProperty, or a value it cannot read
        raise _EventProblem(f"{prop} is not a date or time ({_short(exc)})") from None
    if isinstance(moment, datetime) and moment.tzinfo is None:
        tzid = value.params.get("TZID")
        if tzid:
            raise _EventProblem(f"unknown timezone {str(tzid)!r} in {prop}")
        # a floating time is the same wall-clock time wherever one is: the candidate's
        moment = moment.replace(tzinfo=ZoneInfo(me.timezone))
    return moment  # type: ignore[no-any-return]


def _times(event: Any, me: Me) -> tuple[datetime, datetime] | None:
    """(start, end) in the event's zone; None for an all-day event."""
    start = _moment(event, "DTSTART", me)
    if start is None:
        raise _EventProblem("no DTSTART (the invitation gives no start time)")
    if not isinstance(start, datetime):
        return None
    end = _moment(event, "DTEND", me)
    if isinstance(end, datetime):
        end = end.astimezone(start.tzinfo)
    elif event.get("DURATION") is not None:
        length = event["DURATION"].dt
        end = start + length if isinstance(length, timedelta) else start + DEFAULT_LENGTH
    else:
        end = start + DEFAULT_LENGTH
    if end <= start:
        raise _EventProblem("it ends before it starts")
    return start, end


def _common(event: Any, uid: str, method: str, me: Me) -> dict[str, Any]:
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    people, left_out, domains = people_met(event.get("ORGANIZER"), attendees, me)
    status = str(event.get("STATUS") or "").upper()
    try:
        sequence = max(0, int(str(event.get("SEQUENCE") or 0)))
    except ValueError:
        sequence = 0
    return {
        "method": method,
        "uid": uid,
        "sequence": sequence,
        "summary": " ".join(str(event.get("SUMMARY") or "").split())[: limits.SUMMARY],
        "kind": meeting_kind(event),
        "people": people,
        "left_out": left_out,
        "domains": domains,
        "cancelled": method == "CANCEL" or status == "CANCELLED",
    }


def _invite(event: Any, uid: str, method: str, me: Me) -> Invite | None:
    times = _times(event, me)
    if times is None:
        return None
    recurrence = _moment(event, "RECURRENCE-ID", me)
    return Invite(
        start=times[0],
        end=times[1],
        recurrence_id=recurrence if isinstance(recurrence, datetime) else None,
        **_common(event, uid, method, me),
    )


_TOO_OFTEN = frozenset(("SECONDLY", "MINUTELY", "HOURLY"))
SERIES_YEARS = 2  # how far ahead a series is walked for occurrences to choose from


def _bounded(master: Any, start: datetime) -> int | None:
    """Make the series' rules end within SERIES_YEARS (so a rule that matches nothing, such as
    the 30th of February, stops there instead of at year 9999), refusing rules no interview
    has; returns the series' COUNT, which the bound replaces."""
    rules = master.get("RRULE")
    count: int | None = None
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        freq = str(rule.get("FREQ", [""])[0]).upper()
        if (
            freq in _TOO_OFTEN
            or any(rule.get(k) for k in ("BYSECOND", "BYMINUTE"))
            or len(rule.get("BYHOUR", [])) > 1
        ):
            # nobody is interviewed every hour; and a series that dense is how an invitation
            # would make the reader work for minutes
            raise _EventProblem("a series repeating more than once a day, not an interview")
        interval = rule.get("INTERVAL", [1])[0]
        if not isinstance(interval, int) or interval < 1:
            raise _EventProblem(f"its recurrence repeats every {interval!r} periods")
        _matches_some_day(rule, freq)
        if rule.get("COUNT"):
            count = int(rule["COUNT"][0])
            del rule["COUNT"]
        limit = start + timedelta(days=366 * SERIES_YEARS)
        until = rule.get("UNTIL", [None])[0]
        if not isinstance(until, datetime) or until.astimezone(UTC) > limit.astimezone(UTC):
            floating = getattr(master["DTSTART"].dt, "tzinfo", None) is None
            # UNTIL is floating when DTSTART is, else in UTC (RFC 5545 3.3.10)
            rule["UNTIL"] = [limit.replace(tzinfo=None) if floating else limit.astimezone(UTC)]
    return count


# What an interview series may say (every other Tuesday, the first Monday of the month, the
# 15th): a rule part beyond these (BYYEARDAY, BYWEEKNO) no calendar program writes for one
_RULE_PARTS = frozenset(
    ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST", "BYMONTHDAY", "BYMONTH",
     "BYSETPOS", "BYHOUR")
)  # fmt: skip
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _matches_some_day(rule: Any, freq: str) -> None:
    """Refuse a rule that matches no day at all (the 30th of February, the sixth Friday of a
    month): dateutil looks for its first match until the year 9999, seconds per series, whatever
    its UNTIL says."""
    unknown = sorted(set(rule) - _RULE_PARTS)
    if unknown:
        raise _EventProblem(f"its recurrence uses {', '.join(unknown)}, which no interview needs")
    months = [m for m in rule.get("BYMONTH", []) if isinstance(m, int)] or list(range(1, 13))
    days = [d for d in rule.get("BYMONTHDAY", []) if isinstance(d, int)]
    if days and not any(
        abs(d) <= _DAYS_IN_MONTH[m - 1] for m in months if 1 <= m <= 12 for d in days
    ):
        raise _EventProblem("its recurrence names a day no month has")
    widest = 53 if freq == "YEARLY" and not rule.get("BYMONTH") else 5
    ordinals = [str(d)[:-2] for d in rule.get("BYDAY", [])]
    positions = [p for p in rule.get("BYSETPOS", []) if isinstance(p, int)]
    if any(
        o and o.lstrip("+-").isdigit() and not 1 <= abs(int(o)) <= widest for o in ordinals
    ) or any(not 1 <= abs(p) <= (366 if freq == "YEARLY" else 31) for p in positions):
        raise _EventProblem("its recurrence names a weekday no month has (a sixth Friday)")


def _only(calendar: Any, uid: str) -> Any:
    """A calendar of this series' events and the time zones they may name."""
    from icalendar import Calendar

    alone = Calendar()
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE" or (component.name == "VEVENT" and _uid(component) == uid):
            alone.add_component(component)
    return alone


def _series(calendar: Any, uid: str, master: Any, method: str, me: Me) -> Invite:
    """A recurring event: its first occurrence, and every occurrence (bounded) to pick from."""
    import recurring_ical_events

    times = _times(master, me)
    if times is None:
        raise _EventProblem("a recurring all-day event, not an interview at a time")
    zone = times[0].tzinfo
    occurrences: list[Occurrence] = []
    count = _bounded(master, times[0])
    try:
        # this series alone (walking the whole calendar for it would walk every other series
        # too, an endless one included), over a window of SERIES_YEARS
        every = recurring_ical_events.of(_only(calendar, uid)).between(
            times[0] - timedelta(days=1), times[0] + timedelta(days=366 * SERIES_YEARS)
        )
        for event in itertools.islice(every, min(count or MAX_OCCURRENCES, MAX_OCCURRENCES)):
            start, end = event.DTSTART, event.DTEND
            if not isinstance(start, datetime):
                continue
            if start.tzinfo is None:
                start, end = start.replace(tzinfo=zone), end.replace(tzinfo=zone)
            recurrence = event.get("RECURRENCE-ID")
            original = recurrence.dt if recurrence is not None else start
            if isinstance(original, datetime) and original.tzinfo is None:
                original = original.replace(tzinfo=zone)
            occurrences.append(Occurrence(original, start, end.astimezone(start.tzinfo)))
    except (ValueError, TypeError) as exc:
        raise _EventProblem(f"its recurrence cannot be read ({_short(exc)})") from None
    if not occurrences:
        raise _EventProblem("a recurring event with no occurrence left")
    return Invite(
        start=occurrences[0].start,
        end=occurrences[0].end,
        occurrences=tuple(occurrences),
        **_common(master, uid, method, me),
    )
