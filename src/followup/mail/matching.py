"""Which application an incoming message answers (DESIGN §2 Mail, reply matching). Pure.

In order: the thread (`In-Reply-To`/`References` name one of our Message-IDs); else the sender
is a person of an active application (`contact`); else the sender's registered domain is the
domain of a person's email at exactly one active application (`domain`, unsure until the user
confirms). Free-mail domains never count for the domain match.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from followup.mail.inbound import Inbound

MatchedBy = Literal["thread", "contact", "domain"]


@dataclass(frozen=True)
class KnownPerson:
    application_id: int
    person_id: int
    email: str | None
    active: bool = True


@dataclass(frozen=True)
class OurMessage:
    """A message followup sent: which application and person it went to."""

    application_id: int
    person_id: int


@dataclass(frozen=True)
class Match:
    application_id: int
    person_id: int | None
    matched_by: MatchedBy
    why: str
    sure: bool


@functools.cache
def free_mail_domains() -> frozenset[str]:
    text = resources.files("followup.mail").joinpath("freemail.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


@functools.cache
def _extractor():  # type: ignore[no-untyped-def]
    import tldextract

    # the suffix list snapshot bundled with tldextract: never fetched, never cached on disk
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


@functools.cache
def registered_domain(address_or_host: str) -> str:
    """`globex.co.uk` for `k.chen@mail.globex.co.uk`; '' when there is none."""
    host = address_or_host.rpartition("@")[2].strip().lower().rstrip(".")
    if not host:
        return ""
    parts = _extractor()(host)
    if parts.ipv4 or parts.ipv6:
        return host
    if not parts.suffix:
        # a name under no public suffix (RFC 2606's .example, .test; an intranet): its last
        # two labels stand for the organisation
        labels = host.split(".")
        return ".".join(labels[-2:]) if len(labels) >= 2 else ""
    return f"{parts.domain}.{parts.suffix}" if parts.domain else ""


def match_reply(
    inbound: Inbound,
    *,
    ours: Mapping[str, OurMessage],
    people: Iterable[KnownPerson],
    own_addresses: Iterable[str] = (),
) -> Match | None:
    """The application `inbound` answers, how that was found and why; None when nothing fits."""
    sender = (inbound.sender or "").lower()
    if not sender or sender in {a.lower() for a in own_addresses}:
        return None
    known = list(people)
    for ref in inbound.thread_ids:
        sent = ours.get(ref)
        if sent is not None:
            person = next(
                (
                    p.person_id
                    for p in known
                    if p.application_id == sent.application_id and (p.email or "").lower() == sender
                ),
                sent.person_id,
            )
            return Match(
                sent.application_id, person, "thread", f"answers our message {ref}", sure=True
            )
    by_contact = {
        (p.application_id, p.person_id)
        for p in known
        if p.active and p.email and p.email.lower() == sender
    }
    if len(by_contact) == 1:
        app, person = next(iter(by_contact))
        return Match(app, person, "contact", f"{sender} is person {person}", sure=True)
    if len(by_contact) > 1:
        apps = sorted({a for a, _ in by_contact})
        if len(apps) == 1:
            person = min(p for _, p in by_contact)
            return Match(apps[0], person, "contact", f"{sender} is person {person}", sure=True)
        return Match(
            apps[0],
            None,
            "contact",
            f"{sender} is a person of applications {', '.join(map(str, apps))}",
            sure=False,
        )
    domain = registered_domain(sender)
    if not domain or domain in free_mail_domains():
        return None
    apps_at = sorted(
        {
            p.application_id
            for p in known
            if p.active and p.email and registered_domain(p.email) == domain
        }
    )
    if len(apps_at) == 1:
        return Match(
            apps_at[0],
            None,
            "domain",
            f"{sender} writes from {domain}, the domain of application {apps_at[0]}",
            sure=False,
        )
    return None
