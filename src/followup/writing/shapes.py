"""The shape of a noted item, so each is written into a frame that fits it.

A discussed, liked or forgotten item is one of:
- a noun phrase: "the migration to dbt", "my IV and cannulation competencies";
- a gerund phrase: "leading the Looker rollout";
- a how/what clause: "how I reduced sample rejection rates";
- a first-person clause: "I rebuilt the billing export" ("that I set up ..." loses its "that").
A small rule-based classifier: the first words decide, with a list of -ing words that name things
("training", "onboarding") rather than actions. Items are written to the reader ("their move to
Kubernetes" becomes "your move to Kubernetes" in a note to someone of that company) or, for a
call sheet, to the candidate ("I led" becomes "you led").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from followup.writing.lexicon import data_list

Shape = Literal["noun", "gerund", "wh", "clause"]

_FIRST_PERSON = frozenset(("i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "we", "we've"))
_WH = frozenset(("how", "what", "why", "when", "where", "whether", "which", "who"))
_DETERMINERS = frozenset(
    ("the", "a", "an", "my", "our", "their", "your", "his", "her", "its", "this", "these", "those")
)
_PREPOSITIONS = frozenset(
    (
        "of",
        "in",
        "on",
        "for",
        "with",
        "at",
        "to",
        "from",
        "by",
        "across",
        "under",
        "into",
        "over",
        "about",
        "between",
        "during",
    )  # fmt: skip
)
_SINGULAR_S = ("ss", "us", "is", "ics", "news", "ous")


@dataclass(frozen=True)
class Item:
    """A noted item, classified: its words and shape, and whether it is plural."""

    text: str
    shape: Shape
    plural: bool = False

    @property
    def group(self) -> str:
        """The frame group it takes after "about": noun, gerund and wh items all do."""
        return "clause" if self.shape == "clause" else "about"


def classify(item: str) -> Shape:
    """The shape of a noted item."""
    words = item.split()
    if not words:
        return "noun"
    first = words[0].lower().strip(",.")
    if first == "that" and len(words) > 1 and words[1].lower() in _FIRST_PERSON:
        return "clause"
    if first in _FIRST_PERSON:
        return "clause"
    if first in _WH and len(words) > 1:
        return "wh"
    if first.endswith("ing") and len(first) > 4 and len(words) > 1:
        second = words[1].lower()
        if second in ("and", "or", "of", ",") or (
            first in _ing_nouns() and second not in _DETERMINERS
        ):
            return "noun"
        return "gerund"
    return "noun"


def is_plural(phrase: str) -> bool:
    """Whether a noun phrase takes a plural verb: its head noun (before any preposition) ends
    in a plural -s, or it joins two things with "and"."""
    words = [w.strip(",.").lower() for w in phrase.split()]
    head_words: list[str] = []
    for w in words:
        if w in _PREPOSITIONS or w in ("that", "which", "who"):
            break
        head_words.append(w)
    if "and" in head_words[1:]:
        return True
    head = head_words[-1] if head_words else ""
    return head.endswith("s") and not head.endswith(_SINGULAR_S) and len(head) > 3


def noted(item: str) -> Item:
    """An item as noted, classified ("that I ..." without its "that")."""
    text = re.sub(r"\s+", " ", item.strip()).rstrip(".;")
    shape = classify(text)
    if shape == "clause" and text.lower().startswith("that "):
        text = text[5:]
    if shape == "clause" and not text.startswith(("I ", "I'", "I’")):
        text = text[0].lower() + text[1:]
    return Item(text, shape, shape in ("noun", "gerund") and is_plural(text))


_TO_READER = {"their": "your", "theirs": "yours", "they": "you", "them": "you",
              "they're": "you're", "they’re": "you’re", "they've": "you've",
              "they’ve": "you’ve", "themselves": "yourselves"}  # fmt: skip
_TO_CANDIDATE = {"i": "you", "my": "your", "me": "you", "mine": "yours", "myself": "yourself",
                 "i'm": "you're", "i’m": "you’re", "i've": "you've", "i’ve": "you’ve",
                 "i'd": "you'd", "i’d": "you’d", "i'll": "you'll", "am": "are"}  # fmt: skip
_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def to_reader(item: Item) -> Item:
    """The item as written to someone of the company: "their move" -> "your move"."""
    return Item(_swap(item.text, _TO_READER), item.shape, item.plural)


def to_candidate(item: Item) -> Item:
    """The item as said to the candidate on a call sheet: "I led" -> "you led"."""
    text = _swap(item.text, _TO_CANDIDATE)
    text = re.sub(r"\byou was\b", "you were", text)
    return Item(text, item.shape, item.plural)


def _swap(text: str, table: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        word = m.group()
        swapped = table.get(word.lower())
        if swapped is None:
            return word
        if word == "I":
            return swapped  # the subject of a clause that a frame introduces
        return swapped[0].upper() + swapped[1:] if word[0].isupper() else swapped

    return _WORDS.sub(one, text)


def as_noun(item: Item) -> Item:
    """A gerund said as a noun phrase: "leading the huddles" -> "my experience leading the
    huddles" (what someone liked is the experience)."""
    if item.shape != "gerund":
        return item
    return Item(f"my experience {item.text}", "noun", False)


def join(texts: list[str]) -> str:
    """Items as one list: "A", "A and B", "A, B and C"; items that hold an "and" of their own
    are kept apart ("CPD and revalidation, as well as the preceptorship programme")."""
    if len(texts) <= 1:
        return "".join(texts)
    if any(" and " in t for t in texts):
        return ", ".join(texts[:-1]) + ", as well as " + texts[-1]
    return ", ".join(texts[:-1]) + " and " + texts[-1]


def _ing_nouns() -> frozenset[str]:
    return data_list("grammar.toml", "ing_nouns")
