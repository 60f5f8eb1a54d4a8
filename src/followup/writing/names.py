"""Names: words close to, but not equal to, a name the facts know ("Chan" for Chen).

Edit distance (Damerau-Levenshtein) and sound (Metaphone) on accent-folded words, so "Tomas"
for Tomás, "Gonzales" for Gonzalez and "Globecks" for Globex are all caught; a name broken in
two ("Glo Bex", "Adebisi Cole" for Adebisi-Cole) too. Surname particles ("de", "van", "Ní") are
parts of names but never names of their own, so a short given name ("Bo", "Li") is never taken
for a misspelt particle. Grammar checkers cannot do this: they do not know whom you met.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from followup.core.model import Facts, Participant
from followup.writing.findings import Finding
from followup.writing.lexicon import particles, titles, vocabulary
from followup.writing.people import anglicised_part
from followup.writing.text import WORD, fold, known_people


@dataclass(frozen=True, slots=True)
class _Name:
    """A name the facts know, ready for comparison."""

    text: str
    folded: str
    sound: str


def _phrases(facts: Facts) -> list[str]:
    phrases = [facts.application.company, facts.candidate.full_name]
    for p in known_people(facts).values():
        phrases += [p.name, p.salutation or ""]
    return phrases


@functools.lru_cache(maxsize=16)
def name_table(facts: Facts) -> tuple[_Name, ...]:
    """The names a note may contain: people met, the company, the candidate; whole and in
    parts ("Okonkwo-Hale", "Okonkwo", "Hale")."""
    import jellyfish

    seen: dict[str, _Name] = {}
    for phrase in _phrases(facts):
        for whole in WORD.findall(phrase):
            for w in {whole, *re.split(r"[-'’]", whole)}:
                if len(w) < 3 or w in titles() or fold(w) in particles() or w in seen:
                    continue
                seen[w] = _Name(w, fold(w), jellyfish.metaphone(fold(w)))
    return tuple(seen.values())


def _close(word_folded: str, sound: str, name: _Name, short_ok: bool = False) -> bool:
    import jellyfish

    distance = jellyfish.damerau_levenshtein_distance(word_folded, name.folded)
    n = len(name.folded)
    if distance == 0:
        return True  # differs only by accents or case: "Tomas" for "Tomás"
    if distance == 1 and (n >= 4 or short_ok):
        return True
    if distance == 2 and n >= 7:
        return True
    return sound == name.sound and distance <= max(2, n // 2) and abs(len(word_folded) - n) <= 3


def similar_name(text: str, person: Participant) -> bool:
    """Whether `text` (a greeting's name, title removed) is a misspelling of a form of this
    person's name: "O'Brien" for "Ó Briain", "Anna" for "Ana"."""
    import jellyfish

    key = re.sub(r"[\s\-'’.]+", "", fold(text))
    forms = [person.name, *person.name.split(), person.salutation or ""]
    for form in forms:
        words = [w for w in form.split() if w not in titles()]
        target = re.sub(r"[\s\-'’.]+", "", fold(" ".join(words)))
        if len(target) >= 2 and key:
            folded = _Name(target, target, jellyfish.metaphone(target))
            if _close(key, jellyfish.metaphone(key), folded, short_ok=True):
                return True
    return False


def _unaccented(names: tuple[_Name, ...]) -> set[str]:
    import unicodedata

    plain = set()
    for n in names:
        decomposed = unicodedata.normalize("NFKD", n.text)
        without = "".join(c for c in decomposed if not unicodedata.combining(c))
        if without != n.text:
            plain.add(without)
    return plain


def _sentence_start(text: str, at: int) -> bool:
    """Whether the word at `at` opens a sentence; "Ms." and the "A." of "Jordan A." don't end
    one."""
    before = text[:at].rstrip(" \t\"'“(")
    if not before:
        return True
    if before[-1] == ".":
        last = before.rsplit(None, 1)[-1]
        if last in titles() or (len(last) == 2 and last[0].isupper()):
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
    exact = _exact(facts)
    unknown = set(unknown_spans)
    signed_at = _signature_line(text)
    out: list[Finding] = []
    for m in WORD.finditer(text):
        word = m.group()
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if len(word) < 3 or not word[0].isupper() or word in exact:
            continue
        start, end = m.start(), m.start() + len(word)
        suspect = start >= signed_at or any(s < m.end() and start < e for s, e in unknown)
        if _sentence_start(text, start) and not suspect:
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
    taken = {(f.start, f.end) for f in out}
    out += _split_name_findings(text, facts, names, exact, taken)
    out += _half_findings(text, facts, exact, {(f.start, f.end) for f in out})
    out += _short_accent_findings(text, facts, {(f.start, f.end) for f in out})
    return out + _anglicised_findings(text, facts, {(f.start, f.end) for f in out})


def _name_finding(word: str, start: int, right: str) -> Finding:
    return Finding(
        kind="name",
        message=f"{word!r} looks like a misspelling of {right!r}",
        start=start,
        end=start + len(word),
        text=word,
        suggestions=(right,),
    )


def _half_findings(
    text: str, facts: Facts, exact: frozenset[str], taken: set[tuple[int | None, int | None]]
) -> list[Finding]:
    """A double-barrelled name with one half right and the other not: "Owusu-Asante" for
    "Owusu-Ansah" is nobody else's name (the halves are too far apart for the spelling
    comparison, which sees the whole word)."""
    halves = {}
    for phrase in _phrases(facts):
        for w in WORD.findall(phrase):
            if w.count("-") == 1:
                left, right = w.split("-")
                halves[("left", left)] = halves[("right", right)] = w
    out = []
    for m in WORD.finditer(text):
        word = m.group().removesuffix("'s").removesuffix("’s")
        if word.count("-") != 1 or word in exact or (m.start(), m.start() + len(word)) in taken:
            continue
        left, right = word.split("-")
        whole = halves.get(("left", left)) or halves.get(("right", right))
        if whole is not None and whole != word and right[:1].isupper() and left[:1].isupper():
            out.append(_name_finding(word, m.start(), whole))
    return out


def _short_accent_findings(
    text: str, facts: Facts, taken: set[tuple[int | None, int | None]]
) -> list[Finding]:
    """A short part of a name written without its accent beside another part of the same
    name: "Thu Ha" for Thu Hà, "Ni Bhriain" for Ní Bhriain (words of two letters are too
    short for the spelling comparison, and "Ni" alone may be anything)."""
    out = []
    for phrase in _phrases(facts):
        parts = WORD.findall(phrase)
        for i, part in enumerate(parts):
            plain = _strip_accents(part)
            if len(part) > 2 or plain == part:
                continue
            pairs = []
            after = r"(?![\w'’-])"  # "O'Brien" is not the "O" of "Ó Briain"
            if i > 0 and parts[i - 1] not in titles():  # "Thu Ha": the part before it
                before = re.escape(parts[i - 1])
                pairs.append(rf"\b{before}\s+(?P<short>{re.escape(plain)}){after}")
            if i + 1 < len(parts):  # "Ni Bhriain": the part after it
                pairs.append(rf"\b(?P<short>{re.escape(plain)})\s+{re.escape(parts[i + 1])}\b")
            for pair in pairs:
                for m in re.finditer(pair, text):
                    at = m.start("short")
                    if (at, at + len(plain)) not in taken:
                        taken.add((at, at + len(plain)))
                        out.append(_name_finding(plain, at, part))
    return out


def _strip_accents(word: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=16)
def _exact(facts: Facts) -> frozenset[str]:
    """Words that are right as they stand: the names, and every word of the dictionary but a
    name without its accents ("Tomas" for Tomás is misspelt, though Harper knows it)."""
    names = name_table(facts)
    return frozenset({n.text for n in names} | (vocabulary(facts) - _unaccented(names)))


def _signature_line(text: str) -> int:
    """Where the signature line starts, just after a closing such as "Kind regards," among
    the last lines of the note; past the end when there is none."""
    lines = text.rstrip().split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in filled[-3:]:
        before = [j for j in filled if j < i]
        if not before or len(lines[i].split()) > 4:
            continue
        closing = lines[before[-1]].strip()
        if closing.endswith(",") and len(closing.split()) <= 5 and not _GREETS.match(closing):
            return starts[i]
    return len(text)


_GREETS = re.compile(r"(?:Dear|Hi|Hello|Hey|Good|Kia ora|To)\b", re.IGNORECASE)


_TITLED = re.compile(
    r"\b(?P<title>(?:Mr|Ms|Mrs|Mx|Dr|Prof|Professor|Cllr|Sister|Rev|Fr)\.?) "
    r"(?P<name>[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+)?)"
)


def _anglicised_findings(
    text: str, facts: Facts, taken: set[tuple[int | None, int | None]]
) -> list[Finding]:
    """A titled name in an anglicised form of a Gaelic name the facts know: "Dr MacKay" for
    Dr MacAoidh. Only after a title, so a common word is never compared."""
    out = []
    for m in _TITLED.finditer(text):
        if any(s is not None and s <= m.start() < (e or 0) for s, e in taken):
            continue
        for person in known_people(facts).values():
            part = anglicised_part(m.group("name"), person)
            if part is None:
                continue
            right = f"{m.group('title')} {part}"
            out.append(
                Finding(
                    kind="name",
                    message=f"{m.group()!r} is an anglicised form; {person.name} is {right!r}",
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                    suggestions=(right,),
                )
            )
            break
    return out


def _split_name_findings(
    text: str,
    facts: Facts,
    names: tuple[_Name, ...],
    exact: frozenset[str],
    taken: set[tuple[int | None, int | None]],
) -> list[Finding]:
    """A name broken in two: "Adebisi Cole" for "Adebisi-Cole", "North Wind" for
    "Northwind"."""
    import jellyfish

    hyphenated = {
        fold(w.replace("-", "")): w
        for phrase in _phrases(facts)
        for w in WORD.findall(phrase)
        if "-" in w
    }
    words = list(WORD.finditer(text))
    out = []
    for left, right in zip(words, words[1:], strict=False):
        if text[left.end() : right.start()] != " " or not left.group()[0].isupper():
            continue
        span = (left.start(), right.end())
        if span in taken or (left.start(), left.end()) in taken:
            continue
        joined = fold(left.group() + right.group())
        whole = hyphenated.get(joined)
        if whole is None and (left.group() in exact or right.group() in exact):
            continue  # "Jordan A." is a name and an initial, not "Jordana"
        if whole is None:
            whole = next(
                (
                    n.text
                    for n in names
                    if len(n.folded) >= 6
                    and abs(len(n.folded) - len(joined)) <= 1
                    and jellyfish.damerau_levenshtein_distance(joined, n.folded) <= 1
                ),
                None,
            )
        if whole is not None:
            out.append(
                Finding(
                    kind="name",
                    message=f"{text[span[0] : span[1]]!r} looks like a misspelling of {whole!r}",
                    start=span[0],
                    end=span[1],
                    text=text[span[0] : span[1]],
                    suggestions=(whole,),
                )
            )
    return out


_NOT_OWNED = re.compile(
    r" (?:is|are|was|were|have|has|had|will|would|can|could|do|did|and|or|to|in|at|of|on|for)\b"
)


def possessive_findings(text: str, facts: Facts) -> list[Finding]:
    """A known name with an "s" but no apostrophe before what it owns: "the Trusts work" for
    the Trust's, "Aoifes team" for Aoife's. Never when the name with an "s" is itself a name
    the facts know (another company called "... Vets")."""
    phrases = [facts.application.company, *facts.other_companies]
    for p in known_people(facts).values():
        phrases += [p.name, *p.name.split()]
    known = {fold(p) for p in phrases}
    out = []
    for name in {p for p in phrases if len(p) >= 3 and not p.endswith(("s", "S"))}:
        if name + "s " not in text or fold(name + "s") in known:
            continue
        for m in re.finditer(rf"(?<![\w'’]){re.escape(name)}s(?= [a-z])", text):
            if _NOT_OWNED.match(text, m.end()):
                continue
            word = text[m.start() : m.end()]
            start = m.end() - len(name.split()[-1]) - 1
            out.append(
                Finding(
                    kind="grammar",
                    message=f"the possessive of {name!r} takes an apostrophe",
                    start=start,
                    end=m.end(),
                    text=text[start : m.end()],
                    suggestions=(word.split()[-1][:-1] + "'s",),
                )
            )
    return out
