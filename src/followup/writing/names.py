"""Names: words close to, but not equal to, a name the facts know ("Chan" for Chen).

Edit distance (Damerau-Levenshtein) and sound (Metaphone) on accent-folded words, so "Tomas"
for Tomás, "Gonzales" for Gonzalez and "Globecks" for Globex are all caught; a name broken in
two ("Glo Bex") too. Grammar checkers cannot do this: they do not know whom you met.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from followup.core.model import Facts
from followup.writing.findings import Finding
from followup.writing.text import TITLES, WORD, fold, known_people, vocabulary


@dataclass(frozen=True, slots=True)
class _Name:
    """A name the facts know, ready for comparison."""

    text: str
    folded: str
    sound: str


def name_table(facts: Facts) -> list[_Name]:
    """The names a note may contain: people met, the company, the candidate."""
    import jellyfish

    phrases = [facts.application.company, facts.candidate.full_name]
    for p in known_people(facts).values():
        phrases += [p.name, p.salutation or ""]
    seen: dict[str, _Name] = {}
    for phrase in phrases:
        for w in WORD.findall(phrase):
            if len(w) >= 3 and w not in TITLES and w not in seen:
                seen[w] = _Name(w, fold(w), jellyfish.metaphone(fold(w)))
    return list(seen.values())


def _close(word_folded: str, sound: str, name: _Name) -> bool:
    import jellyfish

    distance = jellyfish.damerau_levenshtein_distance(word_folded, name.folded)
    n = len(name.folded)
    if distance == 0:
        return True  # differs only by accents or case: "Tomas" for "Tomás"
    if distance == 1 and n >= 4:
        return True
    if distance == 2 and n >= 7:
        return True
    return sound == name.sound and distance <= max(2, n // 2) and abs(len(word_folded) - n) <= 3


def _sentence_start(text: str, at: int) -> bool:
    """Whether the word at `at` opens a sentence; "Ms." and the "A." of "Jordan A." don't end
    one."""
    before = text[:at].rstrip(" \t\"'“(")
    if not before:
        return True
    if before[-1] == ".":
        last = before.rsplit(None, 1)[-1]
        if last in TITLES or (len(last) == 2 and last[0].isupper()):
            return False
    return before[-1] in ".!?\n:"


def name_findings(
    text: str, facts: Facts, unknown_spans: Iterable[tuple[int, int]] = ()
) -> list[Finding]:
    """Words close to a known name but not equal to it, with the right spelling.

    A capitalised word that opens a sentence is only suspected when Harper does not know it
    either, so "Then" is never taken for "Chen"; in mid-sentence any close word is.
    """
    import jellyfish

    names = name_table(facts)
    exact = {n.text for n in names} | vocabulary(facts)
    unknown = set(unknown_spans)
    out: list[Finding] = []
    for m in WORD.finditer(text):
        word = re.sub(r"[’']s$", "", m.group())
        if len(word) < 3 or not word[0].isupper() or word in exact:
            continue
        start, end = m.start(), m.start() + len(word)
        if _sentence_start(text, start) and (start, m.end()) not in unknown:
            continue
        folded = fold(word)
        sound = jellyfish.metaphone(folded)
        match = next((n for n in names if _close(folded, sound, n)), None)
        if match is None or match.text == word:
            continue
        out.append(
            Finding(
                kind="name",
                message=f"{word!r} looks like a misspelling of {match.text!r}",
                start=start,
                end=end,
                text=word,
                suggestions=(match.text,),
            )
        )
    return out + _split_name_findings(text, names, exact, {(f.start, f.end) for f in out})


def _split_name_findings(
    text: str,
    names: list[_Name],
    exact: set[str],
    taken: set[tuple[int | None, int | None]],
) -> list[Finding]:
    """A name broken in two: "North Wind" for "Northwind", "Mc Donald" for "McDonald"."""
    import jellyfish

    words = list(WORD.finditer(text))
    out = []
    for left, right in zip(words, words[1:], strict=False):
        if text[left.end() : right.start()] != " " or not left.group()[0].isupper():
            continue
        if left.group() in exact or right.group() in exact:
            continue  # "Jordan A." is a name and an initial, not "Jordana"
        joined = fold(left.group() + right.group())
        for name in names:
            if len(name.folded) < 6 or " " in name.text:
                continue
            if jellyfish.damerau_levenshtein_distance(joined, name.folded) <= 1:
                span = (left.start(), right.end())
                if span not in taken and (left.start(), left.end()) not in taken:
                    out.append(
                        Finding(
                            kind="name",
                            message=f"{text[span[0] : span[1]]!r} looks like a misspelling of "
                            f"{name.text!r}",
                            start=span[0],
                            end=span[1],
                            text=text[span[0] : span[1]],
                            suggestions=(name.text,),
                        )
                    )
                break
    return out
