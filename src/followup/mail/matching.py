"""Which application an incoming message answers (docs/contracts.md, "Mail", reply matching). Pure.

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

from followup.mail.inbound import Inbound, Triage

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


def domain_tail(address_or_host: str) -> str:
    """The last two labels of an address's host: every registered domain of that host ends
    with them, so hosts whose tails differ cannot share one (a check that needs no suffix list,
    which costs ~100 ms to load)."""
    host = address_or_host.rpartition("@")[2].strip().lower().rstrip(".")
    return ".".join(host.split(".")[-2:])


class Directory:
    """The people of every application, indexed once for matching a whole mailbox (a sync
    reads thousands of messages against the same people)."""

    def __init__(self, people: Iterable[KnownPerson]) -> None:
        self.people = list(people)
        self._by_address: dict[str, set[tuple[int, int]]] = {}
        self._person_at: dict[tuple[int, str], int] = {}
        for p in self.people:
            if not p.email:
                continue
            email = p.email.lower()
            self._person_at.setdefault((p.application_id, email), p.person_id)
            if p.active:
                self._by_address.setdefault(email, set()).add((p.application_id, p.person_id))
        self.tails = frozenset(domain_tail(e) for e in self._by_address)

    def person_at(self, application_id: int, address: str) -> int | None:
        """The person of that application with this address (active or not)."""
        return self._person_at.get((application_id, address))

    def contacts(self, address: str) -> set[tuple[int, int]]:
        """(application, person) of the active applications' people with this address."""
        return self._by_address.get(address, set())

    @functools.cached_property
    def applications_by_domain(self) -> dict[str, frozenset[int]]:
        """The active applications at each registered domain of their people's addresses."""
        found: dict[str, set[int]] = {}
        for email, pairs in self._by_address.items():
            domain = registered_domain(email)
            if domain:
                found.setdefault(domain, set()).update(a for a, _ in pairs)
        return {d: frozenset(apps) for d, apps in found.items()}

    def domain_applications(self, address: str) -> tuple[str, frozenset[int]]:
        """The registered domain of `address` and the active applications whose people write
        from it (none for free-mail domains); decided by tail first, so most mail needs no
        suffix list."""
        if domain_tail(address) not in self.tails:
            return "", frozenset()
        domain = registered_domain(address)
        if not domain or domain in free_mail_domains():
            return domain, frozenset()
        return domain, self.applications_by_domain.get(domain, frozenset())


def match_reply(
    inbound: Inbound | Triage,
    *,
    ours: Mapping[str, OurMessage],
    people: Directory | Iterable[KnownPerson],
    own_addresses: Iterable[str] = (),
) -> Match | None:
    """The application `inbound` answers, how that was found and why; None when nothing fits."""
    sender = (inbound.sender or "").lower()
    if not sender or sender in {a.lower() for a in own_addresses}:
        return None
    directory = people if isinstance(people, Directory) else Directory(people)
    for ref in inbound.thread_ids:
        sent = ours.get(ref)
        if sent is not None:
            person = directory.person_at(sent.application_id, sender) or sent.person_id
            return Match(
                sent.application_id, person, "thread", f"answers our message {ref}", sure=True
            )
    by_contact = directory.contacts(sender)
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
    domain, apps_at = directory.domain_applications(sender)
    if len(apps_at) == 1:
        [app] = apps_at
        return Match(
            app,
            None,
            "domain",
            f"{sender} writes from {domain}, the domain of application {app}",
            sure=False,
        )
    return None
