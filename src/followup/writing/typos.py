"""Typos: a second opinion on a word Harper's dictionary lacks (a typo, or a real word it doesn't
know?), and a slip into another real word inside a title the facts know.

Harper's dictionary is small beside the words people really write ("ketosis", "disbudding",
"reportable"), so an unknown word alone is weak evidence. A typo is a word much rarer than a
word one or two keystrokes away ("recieve" beside "receive", "acturial" beside "actuarial");
a rare real word has no such neighbour, and is only worth a warning. Word frequencies come from
wordfreq's bundled English list (read once, on the first unknown word; nothing is fetched).

A spelling of the other side of the Atlantic ("favourite" in an American note) is a neighbour
as frequent as the word itself, but the candidate's English decides it, so it stays an error.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from followup.core.model import Facts
from followup.writing.findings import Finding
from followup.writing.text import known_people

# A typo sits one edit from a word that much more frequent (Zipf scale: 1.0 is ten times as
# frequent). The slips people make most (a doubled letter missed or added, two letters swapped,
# one vowel for another: "accomodate", "recieve", "seperate") need less evidence than other
# edits, which also turn one real word into another ("tilth" and "tilt").
SLIP_GAP = 1.0
EDIT_GAP = 2.5
TWO_EDITS_GAP = 2.0  # two edits from a common word, in a long one ("reccomend")
NEAR_WORD = 2.5  # the neighbour of a one-edit typo is itself a real word
COMMON_WORD = 3.5  # the neighbour of a two-edit typo is a common word
RARE_WORD = 2.0  # wordfreq lists the commonest misspellings too ("priviledge" is 1.9) ...
VERY_COMMON_WORD = 4.0  # ... so a rare word one letter from a very common one is a slip
LONG_WORD = 8
SHORT_WORD = 3  # a word this short is a typo only as two letters swapped ("teh")
_VOWELS = frozenset("aeiouy")

# British forms and their American counterparts, as patterns on the end or middle of a word.
_DIALECT = (
    (r"our(s|ed|ing|able|ite|ites)?$", r"or\1"),
    (r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"),
    (r"ys(e|ed|es|ing)$", r"yz\1"),
    (r"tre(s)?$", r"ter\1"),
    (r"ogue(s)?$", r"og\1"),
    (r"ence(s)?$", r"ense\1"),
    (r"ll(ed|ing|er|ers|ment)$", r"l\1"),
    (r"^(p|an|h|orth|gyn)ae", r"\1e"),
    (r"^(o|f|man|di)oe", r"\1e"),
    (r"amme(s)?$", r"am\1"),
    (r"que(s)?$", r"ck\1"),
)


def _american(word: str) -> str:
    for pattern, replacement in _DIALECT:
        word = re.sub(pattern, replacement, word)
    return word


def dialect_variant(word: str, other: str) -> bool:
    """Whether two spellings are the British and American forms of one word ("favourite",
    "favorite"; "analyse", "analyze"; "travelled", "traveled")."""
    a, b = word.casefold(), other.casefold()
    return a != b and _american(a) == _american(b)


@functools.cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def zipf(phrase: str) -> float:
    """How common a word (or the rarest word of a phrase) is, on the Zipf scale: 7 for "the",
    about 3 for "calibration", 0 for a word wordfreq has never seen."""
    frequencies = _frequencies()
    words = phrase.casefold().replace("’", "'").split()
    if not words:
        return 0.0
    rarest = min(frequencies.get(w, 0.0) for w in words)
    return max(0.0, math.log10(rarest) + 9) if rarest > 0 else 0.0


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
LONGEST_WORD = 35  # "antidisestablishmentarianism" is 28


def _one_edit(word: str) -> set[str]:
    """The words wordfreq knows one keystroke away: a letter left out, added, changed, or two
    swapped ("forcast" -> "forecast", "untill" -> "until")."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    frequencies = _frequencies()
    return {e for e in edits if e in frequencies and e != word}


def is_typo(word: str, suggestions: Sequence[str]) -> bool:
    """Whether an unknown word is a misspelling of a commoner word (one of Harper's
    suggestions, or any word one keystroke away), rather than a real word Harper's dictionary
    lacks. Harper's suggestion to split a word in two ("ship lap" for "shiplap") is no
    evidence: closed compounds are how many trade words are written."""
    import jellyfish

    if any(dialect_variant(word, s) for s in suggestions):
        return True
    lower = word.casefold()
    american = _american(lower)
    if american != lower and zipf(american) >= COMMON_WORD:
        return True  # "programme" in a note Harper reads as American: the other English's form
    if len(lower) > LONGEST_WORD:
        # no dictionary word is this long; and the one-edit search below grows with the square
        # of the length (a pasted 30,000-letter run would take gigabytes)
        return True
    own = zipf(lower)
    # "relicensing" is "licensing" with a prefix, not a slip for it
    offered = {s.casefold() for s in suggestions if " " not in s.strip()} - {_stem(lower)}
    for candidate in offered:
        if len(lower) <= SHORT_WORD and not _swapped(lower, candidate):
            continue  # "py", "ins", "sr": abbreviations far more often than slips
        gap = zipf(candidate) - own
        distance = jellyfish.damerau_levenshtein_distance(lower, candidate)
        needed = SLIP_GAP if _common_slip(lower, candidate) else EDIT_GAP
        if distance == 1 and own + gap >= NEAR_WORD and gap >= needed:
            return True
        if distance == 1 and own < RARE_WORD and own + gap >= VERY_COMMON_WORD:
            return True  # "priviledge": a rare form one letter from a very common word
        long_word = len(word) >= LONG_WORD and own + gap >= COMMON_WORD
        if distance == 2 and long_word and gap >= TWO_EDITS_GAP:
            return True
    # Harper's suggestions miss some ("distill" for "untill"): any word one common slip away
    # counts too, but not one any edit away ("tilth" is not a slip for "till")
    if not (lower.isascii() and lower.isalpha()) or len(lower) <= SHORT_WORD:
        return False
    return any(
        _common_slip(lower, near) and zipf(near) >= NEAR_WORD and zipf(near) - own >= SLIP_GAP
        for near in _one_edit(lower) - offered
    )


_PREFIXES = ("re", "un", "pre", "non", "co", "de", "dis", "mis", "over", "under", "sub",
             "inter", "multi", "anti", "post", "counter")  # fmt: skip


def _stem(word: str) -> str:
    """The word without the longest prefix it starts with."""
    prefix = max((p for p in _PREFIXES if word.startswith(p)), key=len, default="")
    return word[len(prefix) :].lstrip("-")


def _swapped(word: str, right: str) -> bool:
    """ "teh" for "the": two neighbouring letters swapped."""
    diff = [i for i, (a, b) in enumerate(zip(word, right, strict=False)) if a != b]
    return len(word) == len(right) and len(diff) == 2 and diff[1] == diff[0] + 1


def _common_slip(word: str, right: str) -> bool:
    """Whether one edit apart is one of the commonest slips: a doubled letter missed or added
    ("accomodate", "untill"), two neighbours swapped ("recieve"), one vowel written for
    another ("seperate", "independant"), or a vowel inside the word missed or added
    ("liason", "forcast")."""
    if len(word) == len(right):
        diff = [i for i, (a, b) in enumerate(zip(word, right, strict=True)) if a != b]
        if len(diff) == 2:
            return True  # swapped
        return len(diff) == 1 and word[diff[0]] in _VOWELS and right[diff[0]] in _VOWELS
    longer, shorter = (word, right) if len(word) > len(right) else (right, word)
    i = next(
        (i for i, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a != b), len(shorter)
    )
    extra = longer[i]
    doubled = (i > 0 and longer[i - 1] == extra) or (i + 1 < len(longer) and longer[i + 1] == extra)
    return doubled or (i > 0 and extra in _VOWELS)  # "liason", "genuinly", not "ovine"


@functools.lru_cache(maxsize=16)
def _title_patterns(facts: Facts) -> tuple[tuple[str, str, str, re.Pattern[str]], ...]:
    """For each word of a title the facts know, the title with that word left open: (the
    title, the word, a neighbouring word that must be in the note, the pattern)."""
    titles = {facts.application.role, *(p.title or "" for p in known_people(facts).values())}
    out = []
    for title in titles:
        words = title.split()
        for i, word in enumerate(words):
            if len(word) < 5 or not word.isalpha() or len(words) < 2:
                continue
            before = r"\s+".join(re.escape(w) for w in words[:i])
            after = r"\s+".join(re.escape(w) for w in words[i + 1 :])
            pattern = (before + r"\s+" if before else r"\b") + r"(?P<typo>[A-Za-z]+)"
            pattern += r"\s+" + after if after else r"\b(?!['’])"
            anchor = (words[i - 1] if i else words[i + 1]).casefold()
            out.append((title, word, anchor, re.compile(pattern, re.IGNORECASE)))
    return tuple(out)


def title_typo_findings(text: str, facts: Facts) -> list[Finding]:
    """A word of the role or of someone's job title written as another real word, which no
    dictionary flags: "Construction Manger" for Construction Manager. The rest of the title
    around it is the evidence, so a word alone is never compared."""
    import jellyfish

    lowered = text.casefold()
    out: list[Finding] = []
    for title, word, anchor, pattern in _title_patterns(facts):
        if anchor not in lowered:
            continue
        for m in pattern.finditer(text):
            typo = m.group("typo")
            lower, right = typo.casefold(), word.casefold()
            if lower == right or lower in (right + "s", right + "es"):
                continue
            if jellyfish.damerau_levenshtein_distance(lower, right) != 1:
                continue
            out.append(
                Finding(
                    kind="spelling",
                    message=f"{typo!r} in {title!r} looks like a slip for {word!r}",
                    start=m.start("typo"),
                    end=m.end("typo"),
                    text=typo,
                    suggestions=(word,),
                )
            )
    return out
