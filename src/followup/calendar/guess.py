"""Which application an invitation belongs to, and, when none, what a new one would be.

An invitation names its company by the email domains of the people in it. A stored application
is found when one of its people shares a domain; failing that, when the domain's name is the
company's ("umbrella-health.example" is Umbrella Health). A new application takes its company
from the domain and its role from the title ("Globex | Senior Data Analyst – Panel interview").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from followup.calendar.invite import Invite

_COMPANY_SUFFIXES = frozenset(
    ["inc", "corp", "corporation", "llc", "ltd", "limited", "gmbh", "co", "company", "group",
     "plc", "sa", "ag", "bv", "nv", "holdings", "technologies", "labs"]
)  # fmt: skip
_SEPARATORS = re.compile(r"\s[–—|:/-]\s|:\s|\s[–—|]|[–—|]\s")
_INTERVIEW_WORDS = re.compile(
    r"\b(?:(?:first|second|third|final|1st|2nd|3rd|next|last)\s+round|round\s+\d+|"
    r"(?:technical|panel|phone|video|on-?site|in-person|behavioural|behavioral|hiring manager|"
    r"recruiter|culture|case|final|first|second|third|virtual|zoom|teams)\b|"
    r"interview(?:s|ing)?|screen(?:ing)?|call|chat|intro(?:duction)?|coffee|meeting|"
    r"check-?in|weekly|conversation|discussion|invitation|invite|round|with\b.*$)",
    re.I,
)


def compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def domain_matches(domain: str, other: str) -> bool:
    """The same organisation: equal, or one a subdomain of the other (mail.globex.example)."""
    return domain == other or domain.endswith("." + other) or other.endswith("." + domain)


def company_label(domain: str) -> str:
    """The organisation's part of a domain: globex.example -> globex; mail.x.co.uk -> x."""
    parts = [p for p in domain.split(".") if p]
    if len(parts) >= 3 and len(parts[-1]) == 2 and len(parts[-2]) <= 3:
        return parts[-3]  # a country's second level: x.co.uk, y.com.au
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")


def names_company(domain: str, company: str) -> bool:
    """The domain is the company's own: its label is the company's name, or its first word."""
    label = compact(company_label(domain))
    if len(label) < 2:
        return False
    words = [w for w in re.split(r"[\s,.&]+", company.casefold()) if w]
    core = [w for w in words if compact(w) not in _COMPANY_SUFFIXES]
    options = {compact(company), compact(" ".join(core)), compact(core[0]) if core else ""}
    return label in options


def matching_applications(
    invite: Invite,
    emails: Iterable[tuple[int, str, str]],
    companies: Sequence[tuple[int, str]],
    ignored_domains: frozenset[str] = frozenset(),
) -> list[int]:
    """The applications an invite belongs to: by the domains of their people, else by name.

    `emails` is (application, company, person's email) and `companies` (application, company)
    for the applications to consider (the active ones).
    """
    domains = [d for d in invite.domains if d not in ignored_domains]
    by_people: list[int] = []
    for app_id, _company, email in emails:
        domain = email.rpartition("@")[2].lower()
        if domain and any(domain_matches(domain, d) for d in domains) and app_id not in by_people:
            by_people.append(app_id)
    if by_people:
        return by_people
    return [a for a, company in companies if any(names_company(d, company) for d in domains)]


def guess_company(invite: Invite, ignored_domains: frozenset[str] = frozenset()) -> str:
    """The company a new application would be for: the first company domain, as a name."""
    for domain in invite.domains:
        if domain not in ignored_domains:
            label = company_label(domain)
            return " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_]+", label) if w)
    return ""


# Words that end a job title: a title segment holding one is the role, not the company.
_ROLE_WORDS = re.compile(
    r"\b(?:analyst|engineer|developer|manager|director|lead|head|officer|specialist|designer|"
    r"scientist|architect|consultant|coordinator|co-ordinator|associate|assistant|administrator|"
    r"accountant|advisor|adviser|nurse|teacher|lecturer|technician|representative|executive|"
    r"intern|internship|editor|writer|planner|partner|president|vp|cto|ceo|cfo|chef|pharmacist|"
    r"therapist|physician|surgeon|librarian|paralegal|counsel|attorney|recruiter|producer|"
    r"supervisor|operator|agent|programmer|tester|clerk|buyer|strategist|owner|researcher)s?\b",
    re.I,
)


def guess_new_application(
    invite: Invite, ignored_domains: frozenset[str], candidate: str | None
) -> tuple[str, str]:
    """(company, role) of a new application for this invitation, for the user to correct."""
    company = guess_company(invite, ignored_domains) or _company_in_title(invite.summary, candidate)
    return company, guess_role(invite.summary, company, candidate)


def company_source(invite: Invite, ignored_domains: frozenset[str], company: str) -> str:
    """Where a guessed company came from: "domain", "title", or "" (no guess)."""
    if not company:
        return ""
    return "domain" if guess_company(invite, ignored_domains) else "title"


def _company_in_title(summary: str, candidate: str | None) -> str:
    """ "Umbrella Health – Hiring manager interview": the one part of the title that is
    neither the occasion nor the candidate, when it does not read as a job title."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", summary)
    named = [
        " ".join(segment.split())
        for segment in _SEPARATORS.split(text)
        if _INTERVIEW_WORDS.sub(" ", segment).strip(" -–—,.;")
        and not (candidate and _is_name(segment, candidate))
    ]
    companies = [n for n in named if not _ROLE_WORDS.search(n)]
    if len(companies) == 1 and len(named) - 1 <= 1:  # the company, and at most a job title
        return companies[0][:200]
    return ""


def guess_role(summary: str, company: str, candidate: str | None = None) -> str:
    """The role in an invitation's title, without the company, the candidate or the occasion."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", summary)
    drop = [compact(company)] + ([compact(candidate)] if candidate else [])
    segments = _SEPARATORS.split(text)
    # a part that reads as a job title first ("Initech | Platform Engineer")
    segments.sort(key=lambda segment: not _ROLE_WORDS.search(segment))
    best = ""
    for segment in segments:
        words = segment.split()
        if company:
            pattern = re.compile(r"^\s*" + re.escape(company) + r"\b", re.I)
            segment = pattern.sub("", segment)
            words = segment.split()
        if not words or compact(segment) in drop or (candidate and _is_name(segment, candidate)):
            continue
        cleaned = " ".join(_INTERVIEW_WORDS.sub(" ", segment).split()).strip(" -–—,.;")
        if len(cleaned) >= 2 and compact(cleaned) not in drop:
            best = cleaned
            break
    return best[:200]


def _is_name(segment: str, candidate: str) -> bool:
    parts = {compact(w) for w in candidate.split() if len(compact(w)) > 1}
    words = [compact(w) for w in segment.split()]
    return bool(words) and all(w in parts for w in words)
