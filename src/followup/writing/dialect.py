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


_EXPANSIONS = {
    "i'm": "I am", "i've": "I have", "i'll": "I will", "we're": "we are", "we've": "we have",
    "you're": "you are", "you've": "you have", "they're": "they are", "they've": "they have",
    "it's": "it is", "that's": "that is", "there's": "there is", "don't": "do not",
    "doesn't": "does not", "didn't": "did not", "can't": "cannot", "won't": "will not",
    "isn't": "is not", "aren't": "are not", "wasn't": "was not", "weren't": "were not",
    "haven't": "have not", "hasn't": "has not", "hadn't": "had not", "couldn't": "could not",
    "wouldn't": "would not", "shouldn't": "should not", "let's": "let us",
}  # fmt: skip
_CONTRACTED = re.compile(r"\b([A-Za-z]+)['’](m|ve|ll|re|s|t|d)\b")
_PARTICIPLE = re.compile(r"^(?:[a-z]+ed|been|done|seen|gone|had|got|made|taken|given|led|run)$")


def expand(text: str) -> str:
    """The user's own words as a formal letter writes them: "I've" -> "I have", "I'd
    worked" -> "I had worked", "I'd be" -> "I would be"."""

    def one(m: re.Match[str]) -> str:
        word = m.group().replace("’", "'")
        low = word.lower()
        if low in ("i'd", "we'd", "you'd", "they'd"):
            after = text[m.end() :].split(maxsplit=1)
            verb = "had" if after and _PARTICIPLE.match(after[0].lower()) else "would"
            full = f"{word[:-2]} {verb}"
        elif low in _EXPANSIONS:
            full = _EXPANSIONS[low]
            if low.startswith("i'"):
                return full
        else:
            return m.group()
        return full[0].upper() + full[1:] if word[0].isupper() else full[0].lower() + full[1:]

    return _CONTRACTED.sub(one, text)


def comma_after_dates(frame: str, english: English) -> str:
    """An American or Canadian date inside a sentence is closed by a comma: "on Tuesday,
    March 10, about the role" (a day-first date needs none)."""
    if english not in _MONTH_FIRST:
        return frame
    return re.sub(r"\{(when|expected)\}(?= [A-Za-z])", r"{\1},", frame)


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
