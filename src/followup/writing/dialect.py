"""The candidate's English in the drafts: spellings of our own frames, dates, and contractions
where the tone allows them. The user's own words are never respelt."""

from __future__ import annotations

import functools
import re
from datetime import date

from followup.core.model import English
from followup.writing.lexicon import data_table
from followup.writing.text import DAYS, MONTHS

# Dates are written day first everywhere but in the United States and Canada.
_MONTH_FIRST = frozenset(("american", "canadian"))
_CONTRACTIONS = (
    ("I am ", "I'm "), ("I would ", "I'd "), ("I will ", "I'll "), ("It is ", "It's "),
    (" it is ", " it's "), ("that is ", "that's "), ("did not ", "didn't "),
    ("do not ", "don't "), ("I have been ", "I've been "),
)  # fmt: skip


@functools.cache
def _respellings(english: English) -> tuple[tuple[re.Pattern[str], str], ...]:
    if english == "american":
        return ()
    table = data_table("spelling.toml", "canadian" if english == "canadian" else "british")
    return tuple(
        (re.compile(rf"\b{re.escape(us)}\b", re.IGNORECASE), uk) for us, uk in table.items()
    )


def respell(frame: str, english: English) -> str:
    """One of our frames in the candidate's spelling: "honored" -> "honoured"."""
    for pattern, spelt in _respellings(english):
        frame = pattern.sub(spelt, frame)
    return frame


def contract(frame: str) -> str:
    """A frame as said, or written informally: "I am" -> "I'm"."""
    for full, short in _CONTRACTIONS:
        frame = frame.replace(full, short)
    return frame


def long_date(day: date, english: English = "american") -> str:
    """ "Tuesday, November 24" (American, Canadian) or "Tuesday 24 November"."""
    if english in _MONTH_FIRST:
        return f"{DAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}"
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def letter_date(day: date, english: English = "american") -> str:
    """ "November 24, 2026" (American, Canadian) or "24 November 2026"."""
    if english in _MONTH_FIRST:
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday(day: date) -> str:
    return DAYS[day.weekday()]
