"""The words the proofreader must know: the professional vocabulary shipped as data, the
particles and titles of personal names, and every word of the user's own facts.

Data files live in `writing/data/` (their source and licence are noted in each), are read once
per process, and never fetched.
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

from followup.core.model import Facts
from followup.writing.text import WORD, fold, known_people

# A token of a note as Harper splits it: letters and digits ("HbA1c", "4AT", "7B").
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@functools.cache
def data_file(name: str) -> dict[str, object]:
    """A TOML data file of writing/data/, parsed once."""
    text = (resources.files("followup.writing") / "data" / name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@functools.cache
def data_list(name: str, key: str) -> frozenset[str]:
    """A list of words of a data file."""
    found = data_file(name)[key]
    assert isinstance(found, list)
    return frozenset(str(w) for w in found)


@functools.cache
def data_table(name: str, key: str) -> dict[str, str]:
    """A table of words of a data file ("went" -> "gone")."""
    found = data_file(name)[key]
    assert isinstance(found, dict)
    return {str(k): str(v) for k, v in found.items()}


@functools.cache
def professional_words() -> frozenset[str]:
    """The curated professional vocabulary (technology, health care, education, finance,
    sales, trades, public sector), with each entry's parts."""
    words: set[str] = set()
    for section in data_file("vocabulary.toml").values():
        for entry in section["words"]:  # type: ignore[index]
            words |= word_forms(entry)
    return frozenset(words)


@functools.cache
def loanwords(country: str | None) -> frozenset[str]:
    """The words of a country's other languages its people write in English notes ("Kia
    ora", "Diolch", "lakh"), with each entry's parts."""
    section = data_file("loanwords.toml").get(country or "", {})
    assert isinstance(section, dict)
    found: set[str] = set()
    for entry in section.get("words", []):
        found |= word_forms(entry)
    return frozenset(found)


@functools.cache
def any_loanword() -> frozenset[str]:
    """Every country's borrowed words, folded: from another country than the candidate's, a
    word such as "ora" may be meant, so it is never a spelling error (only a warning)."""
    return frozenset(fold(w) for country in data_file("loanwords.toml") for w in loanwords(country))


@functools.cache
def particles() -> frozenset[str]:
    """Surname particles, folded: "ní", "van", "de"."""
    found = data_file("names.toml")["particles"]
    return frozenset(fold(w) for p in found for w in p.split())  # type: ignore[attr-defined]


@functools.cache
def titles() -> frozenset[str]:
    """Titles of address with and without the full stop: "Dr", "Dr.", "Ms", "Ms."."""
    found = data_file("names.toml")["titles"]
    return frozenset(t + dot for t in found for dot in ("", "."))  # type: ignore[attr-defined]


def word_forms(phrase: str) -> set[str]:
    """Every form Harper may meet of a phrase's words: whole ("Okonkwo-Hale", "D'Souza"),
    split at hyphens and apostrophes, letters-and-digits tokens, and without accents."""
    forms: set[str] = set()
    for word in WORD.findall(phrase):
        forms.add(word)
        forms.update(p for p in re.split(r"[-'’]", word) if p)
    forms.update(TOKEN.findall(phrase))
    forms |= {_plain(f) for f in forms}
    forms |= {f + "." for f in forms if len(f) == 1 and f.isupper()}  # the "A." of "Jordan A."
    return {f for f in forms if f}


def _plain(word: str) -> str:
    """The word without accents, case kept: "Márquez" -> "Marquez"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def note_phrases(facts: Facts) -> list[str]:
    """The user's own words about this application: names, company, role, titles, notes."""
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
    return [p for p in phrases if p]


@functools.lru_cache(maxsize=16)
def vocabulary(facts: Facts) -> frozenset[str]:
    """Every word of every name and term the facts know, and the words the candidate's country
    borrows from its other languages, for Harper's dictionary."""
    from followup.core.locale import country_of

    words: set[str] = set(loanwords((country_of(facts.candidate) or "").upper()))
    for phrase in note_phrases(facts):
        words |= word_forms(phrase)
    # postal addresses hold codes like "LS1 4AB" that no dictionary has
    addresses = [facts.candidate.address or ""]
    addresses += [p.address or "" for p in known_people(facts).values()]
    for address in addresses:
        words |= word_forms(address)
        words |= {t.strip(",.;()") for t in address.split() if any(c.isalpha() for c in t)}
    return frozenset(w for w in words if w)


@functools.lru_cache(maxsize=16)
def user_terms(facts: Facts) -> frozenset[str]:
    """The folded words and two-word phrases of the user's own facts: a lint on one of these
    is about the user's chosen wording, never a mistake to report."""
    terms: set[str] = set()
    for phrase in note_phrases(facts):
        words = [fold(w) for w in TOKEN.findall(phrase)]
        terms.update(words)
        terms.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
        terms.update(fold(w) for w in WORD.findall(phrase))
    return frozenset(terms)
