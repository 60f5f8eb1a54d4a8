"""Small text helpers shared by the writer and the proofreader: words, accents, dates."""

from __future__ import annotations

import functools
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
        # light verbs of a jotted clause ("how I used R in tutorials"): the topic is elsewhere
        "use",
        "used",
        "using",
        "did",
        "made",
        "got",
        "had",
        "has",
        "have",
    ]
)
TITLES = ("Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Prof.", "Mr", "Ms", "Mrs", "Mx", "Dr", "Prof")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case without accents: 'Tomás' -> 'tomas'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def word_count(text: str) -> int:
    return len(text.split())


@functools.lru_cache(maxsize=1024)
def content_words(text: str) -> tuple[str, ...]:
    """The words of a phrase that carry its meaning, folded: 'the migration to dbt' ->
    ['migration', 'dbt']."""
    return tuple(
        w for w in (fold(m) for m in _TOKEN.findall(text)) if w not in STOPWORDS and len(w) > 1
    )


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


def met_on(interview: Interview, candidate: Candidate) -> date:
    return local_day(interview.start, candidate)


def local_day(moment: datetime, candidate: Candidate) -> date:
    return moment.astimezone(ZoneInfo(candidate.timezone)).date()


def when_words(interview: Interview, candidate: Candidate) -> list[str]:
    """Ways a note can say when the meeting was: its weekday, its date in either order."""
    day = met_on(interview, candidate)
    month = MONTHS[day.month - 1]
    return [
        fold(DAYS[day.weekday()]),
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
