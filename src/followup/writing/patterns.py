"""What the grammar rules are made of: a pattern whose `flag` group is the mistake and a fix,
and the word lists they share (writing/data/grammar.toml)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from followup.writing.lexicon import data_list, data_table

MODALS = (
    r"(?:to|not|never|will|would|could|might|may|can|cannot|can't|don't|didn't|won't|shall|"
    r"should|must)"
)


@dataclass(frozen=True)
class Rule:
    """A pattern whose `flag` group is the mistake, and what to write instead of it."""

    name: str
    pattern: re.Pattern[str]
    fix: Callable[[re.Match[str]], str | None]
    message: str


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def keep_case(model: str, word: str) -> str:
    """`word` capitalised like `model`."""
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def fixed(replacement: str) -> Callable[[re.Match[str]], str | None]:
    """A fix that is always the same word, in the case of the mistake."""
    return lambda m: keep_case(m.group("flag"), replacement)


def forms(key: str) -> dict[str, str]:
    """A table of verb forms: base_form, ing_form, past_participle."""
    return data_table("grammar.toml", key)


def after_contraction() -> frozenset[str]:
    """What "it's" / "who's" may be followed by as contractions ("it's been", "who's leading")."""
    return data_list("grammar.toml", "after_contraction")


def owned() -> frozenset[str]:
    """Nouns "its" / "whose" typically own in job letters (a hyphenated compound or a plural
    after "it's" already marks a possessive)."""
    return data_list("grammar.toml", "owned")
