"""Small text helpers shared by the writer and the proofreader: words, accents, dates."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

from followup.core.model import Candidate, Facts, Interview, Participant

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "how",
        "i",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "with",
        "you",
        "your",
        "about",
        "over",
        "can",
        "new",
    ]
)
TITLES = ("Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Prof.", "Mr", "Ms", "Mrs", "Mx", "Dr", "Prof")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents: 'Tomás' -> 'tomas'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def word_count(text: str) -> int:
    return len(text.split())


def content_words(text: str) -> list[str]:
    """The words of a phrase that carry its meaning, folded: 'the migration to dbt' ->
    ['migration', 'dbt']."""
    return [w for w in (fold(m) for m in _TOKEN.findall(text)) if w not in STOPWORDS and len(w) > 1]


def mentions(text_folded: str, phrase: str) -> bool:
    """Whether a note (already folded) speaks of `phrase`: most of its meaningful words appear,
    matched on their first five letters so 'migrating' finds 'migration'."""
    words = content_words(phrase)
    if not words:
        return False
    found = sum(
        1
        for w in words
        if re.search(r"(?<![^\W_])" + re.escape(w[:5] if len(w) > 5 else w), text_folded)
    )
    return found >= max(1, math.ceil(len(words) * 0.6))


def greeting_name(person: Participant) -> str:
    """How to greet someone: the salutation recorded for them, else their full name."""
    return person.salutation or person.name


def long_date(day: date) -> str:
    """'Tuesday, November 24'."""
    return f"{_DAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}"


def letter_date(day: date) -> str:
    """'November 24, 2026'."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def met_on(interview: Interview, candidate: Candidate) -> date:
    return local_day(interview.start, candidate)


def local_day(moment: datetime, candidate: Candidate) -> date:
    return moment.astimezone(ZoneInfo(candidate.timezone)).date()


def when_words(interview: Interview, candidate: Candidate) -> list[str]:
    """Ways a note can say when the meeting was: its weekday, its date in either order."""
    day = met_on(interview, candidate)
    month = _MONTHS[day.month - 1]
    return [
        fold(_DAYS[day.weekday()]),
        fold(f"{month} {day.day}"),
        fold(f"{day.day} {month}"),
        day.isoformat(),
        fold(f"{month[:3]} {day.day}"),
    ]


def known_people(facts: Facts) -> dict[str, Participant]:
    """Everyone met in the application, latest record per id."""
    out: dict[str, Participant] = {}
    for interview in facts.interviews:
        for p in interview.participants:
            out[p.id] = p
    return out


def lower_first(text: str) -> str:
    """'I led' stays; 'Led the rollout' -> 'led the rollout' (to follow 'that')."""
    if text.startswith("I ") or text.startswith("I'") or len(text) < 2:
        return text
    return text[0].lower() + text[1:] if not text[1].isupper() else text


def vocabulary(facts: Facts) -> frozenset[str]:
    """Every word of every name and term the facts know, for Harper's dictionary."""
    phrases: list[str] = [
        facts.candidate.full_name,
        facts.application.company,
        facts.application.role,
        *facts.other_companies,
    ]
    for interview in facts.interviews:
        phrases += interview.forgot_to_mention
        for p in interview.participants:
            phrases += [p.name, p.title or "", p.salutation or "", *p.discussed, *p.liked]
    words = {w for phrase in phrases for w in WORD.findall(phrase)}
    # postal addresses hold codes like "LS1 4AB" that no dictionary has
    addresses = [facts.candidate.address or ""]
    addresses += [p.address or "" for p in known_people(facts).values()]
    words |= {t.strip(",.;()") for a in addresses for t in a.split() if any(c.isalpha() for c in t)}
    words |= {w for a in addresses for w in WORD.findall(a)}  # "3JE" is read as "JE"
    # "Jordan A. Rivera": Harper reads the initial "A." as a word of its own
    words |= {w + "." for w in words if len(w) == 1 and w.isupper()}
    return frozenset(words)
