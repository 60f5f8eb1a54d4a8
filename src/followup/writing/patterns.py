"""What the grammar rules are made of: a pattern whose `flag` group is the mistake and a fix,
and the word lists they share (writing/data/grammar.toml)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from followup.writing.lexicon import data_list, data_table

MODALS = (
    r"(?:to|not|never|will|would|could|might|may|can|cannot|can't|don't|didn't|won't|shall|"
    r"should|must)"
)


class LazyPattern:
    """A regular expression compiled on first use: most rules never run on a given note (their
    `needs` is absent), and compiling all of them costs a cold `check` tens of milliseconds."""

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled.finditer(text)


@dataclass(frozen=True)
class Rule:
    """A pattern whose `flag` group is the mistake, and what to write instead of it.

    `needs` is text every match contains (lower case; "a|b" means either, and a tuple means
    each of its parts): a note without it skips the rule, which keeps the whole rule set well
    under Harper's own time."""

    name: str
    pattern: LazyPattern
    fix: Callable[[re.Match[str]], str | None]
    message: str
    needs: str | tuple[str, ...] = ""
    kind: Literal["grammar", "spelling"] = "grammar"

    def applies(self, lowered: str) -> bool:
        """Whether a (lower-cased) note holds what every match of the rule needs."""
        return all(any(part in lowered for part in need) for need in _needs(self.needs))


@functools.cache
def _needs(needs: str | tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(need.split("|")) for need in ((needs,) if isinstance(needs, str) else needs))


def rx(pattern: str) -> LazyPattern:
    """A rule's pattern, matched without regard to case."""
    return LazyPattern(pattern, re.IGNORECASE)


def cased(pattern: str) -> LazyPattern:
    """A rule's pattern, matched with regard to case ("On March", not "on MARCH")."""
    return LazyPattern(pattern)


def flag_group(m: re.Match[str]) -> str:
    """The name of the group holding the mistake: "flag", or "flag2"/"flag3" in a pattern
    whose alternatives flag different words."""
    return next(g for g in ("flag", "flag2", "flag3") if g in m.re.groupindex and m.group(g))


def keep_case(model: str, word: str) -> str:
    """`word` capitalised like `model`."""
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def fixed(replacement: str) -> Callable[[re.Match[str]], str | None]:
    """A fix that is always the same word, in the case of the mistake."""
    return lambda m: keep_case(m.group(flag_group(m)), replacement)


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


def words(key: str) -> frozenset[str]:
    """A word list of writing/data/grammar.toml: verbs, singular_s_nouns, collective_nouns..."""
    return data_list("grammar.toml", key)


def base_verb(word: str) -> str | None:
    """The base form of a third-person verb of the verb list: "goes" -> "go", "matches" ->
    "match", "carries" -> "carry"; None when the word is not one."""
    lower = word.lower()
    candidates = []
    if lower.endswith("ies"):
        candidates.append(lower[:-3] + "y")
    if lower.endswith("es"):
        candidates.append(lower[:-2])
    if lower.endswith("s"):
        candidates.append(lower[:-1])
    return next((c for c in candidates if c in words("verbs")), None)


def third_person(verb: str) -> str:
    """ "save" -> "saves", "match" -> "matches", "carry" -> "carries", "have" -> "has"."""
    lower = verb.lower()
    if lower == "have":
        return "has"
    if lower.endswith(("ch", "sh", "ss", "x", "z", "o")):
        return lower + "es"
    if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "o", "u"):
        return lower[:-1] + "ies"
    return lower + "s"


def plural_noun(word: str) -> bool:
    """Whether a word looks like a countable plural: "fields", "shifts", "misses", not "news",
    "business", "analysis", "physics", "various"."""
    lower = word.lower()
    if lower in words("irregular_plurals"):
        return True
    if len(lower) < 4 or not lower.endswith("s") or lower in words("singular_s_nouns"):
        return False
    return not lower.endswith(("ss", "us", "is", "ics", "ous", "ness"))


# What may follow a verb in the agreement rules: an object, an adverb, or the end of a clause
# ("goes a long way", "save a lot", "matches."); a following "is" means the verb was not one.
AFTER_VERB = (
    r"(?=\s*(?:[.,;:!?]|$)|\s+(?:a|an|the|this|that|these|those|my|our|your|their|his|her|its|"
    r"it|them|us|me|you|him|to|when|if|what|how|whether|much|more|well|up|out|down|off|back|"
    r"together|best|better|most|everything|everyone|with|for|in|on|at|across|[\w-]+ing|"
    r"[\w-]+ly)\b)"
)
