"""Who an invitation names, and who of them the candidate meets.

The people met are the organizer and the attendees, less the candidate (their address or an
alias), rooms and resources, groups and mailing lists, and those who declined. Names come from
CN, which Outlook writes "Last, First" and Google sometimes sets to the bare address.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from followup.calendar.invite import Guest, LeftOut, LeftOutWhy, Me
from followup.core import limits

_SUFFIXES = frozenset(
    [
        "jr",
        "jr.",
        "sr",
        "sr.",
        "ii",
        "iii",
        "iv",
        "phd",
        "ph.d.",
        "md",
        "m.d.",
        "cpa",
        "esq",
        "esq.",
        "mba",
        "pe",
        "rn",
        "dds",
        "do",
    ]
)
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+$")


@functools.cache
def conferencing() -> dict[str, Any]:
    """The data file of link shapes and system addresses (its source is noted inside)."""
    text = resources.files("followup.calendar").joinpath("conferencing.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def address_of(value: Any) -> str | None:
    """The email address of an ORGANIZER or ATTENDEE (mailto:, any case; or EMAIL=)."""
    text = str(value).strip()
    if text[:7].casefold() == "mailto:":
        text = text[7:].strip()
    params = getattr(value, "params", {})
    if not _ADDRESS.match(text) and params.get("EMAIL"):
        text = str(params["EMAIL"]).strip()
    if not _ADDRESS.match(text) or len(text) > limits.EMAIL:
        return None
    return text.lower()


def display_name(cn: str | None, email: str) -> str:
    """The name to record: CN as "First Last", or one made from the address when CN is none."""
    name = " ".join((cn or "").replace('"', " ").split())
    if not name or "@" in name:
        local = email.partition("@")[0].partition("+")[0]
        words = [w for w in re.split(r"[._\-]+", local) if w and not w.isdigit()]
        name = " ".join(w[:1].upper() + w[1:] for w in words) or email
    elif name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if last and first and first.casefold() not in _SUFFIXES:
            name = f"{first} {last}"
    return name[: limits.NAME]


def _why_not_met(params: Any, email: str, me: Me) -> LeftOutWhy | None:
    data = conferencing()
    cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
    role = str(params.get("ROLE", "")).upper()
    partstat = str(params.get("PARTSTAT", "")).upper()
    local, _, domain = email.partition("@")
    if email == (me.email or "").casefold():
        return "candidate"
    if email in me.addresses:
        return "candidate alias"
    if cutype == "ROOM" or (cutype == "RESOURCE" and role == "NON-PARTICIPANT"):
        return "room"
    if cutype == "RESOURCE" or domain in data["calendar_system_domains"]:
        return "resource"
    if cutype == "GROUP":
        return "group"
    if partstat == "DECLINED":
        return "declined"
    if partstat == "DELEGATED":
        return "delegated"
    if role == "NON-PARTICIPANT":
        return "non-participant"
    if local in data["no_reply_local_parts"]:
        return "no-reply"
    return None


MAX_GUESTS = 1000
MAX_DOMAINS = 50  # the company domains kept for matching and shown when asking


def people_met(
    organizer: Any, attendees: list[Any], me: Me
) -> tuple[tuple[Guest, ...], tuple[LeftOut, ...], tuple[str, ...]]:
    """(people met, addresses left out with why, company domains), organizer first.

    One entry per address: Google lists the organizer again as an attendee, and the attendee
    entry (which carries PARTSTAT and CUTYPE) decides about them.
    """
    entries: list[tuple[str, Any]] = []
    # an all-hands of thousands is no interview: the first MAX_GUESTS are read, no more
    for value in (([organizer] if organizer is not None else []) + attendees)[:MAX_GUESTS]:
        email = address_of(value)
        if email is not None:
            entries.append((email, value))
    by_address: dict[str, list[Any]] = {}
    for email, value in entries:
        by_address.setdefault(email, []).append(value)
    system = set(conferencing()["calendar_system_domains"])
    people: list[Guest] = []
    left_out: list[LeftOut] = []
    domains: dict[str, None] = {}  # in order, each once
    mine = me.domains
    for email, values in by_address.items():
        # the organizer has no PARTSTAT of its own: the attendee entry, when there is one, says
        params = values[-1].params
        why = _why_not_met(params, email, me)
        domain = email.partition("@")[2]
        company = why not in ("candidate", "candidate alias") and domain not in system
        if company and domain not in mine:
            domains.setdefault(domain)
        if why is not None:
            left_out.append(LeftOut(email, why))
            continue
        cn = next((str(v.params["CN"]) for v in values if v.params.get("CN")), None)
        people.append(Guest(display_name(cn, email), email))
    return (
        tuple(people[: limits.PEOPLE_PER_INTERVIEW]),
        tuple(left_out),
        tuple(domains)[:MAX_DOMAINS],
    )
