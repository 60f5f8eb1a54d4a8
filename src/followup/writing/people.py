"""Personal names: given name, surname with its particles, title; how to greet someone and how
a greeting may name them.

"Nuala Ní Dhomhnaill" has the surname "Ní Dhomhnaill"; "Pieter van den Berg" "van den Berg".
The recorded salutation is the authority: "Zhang Wei" greeted "Wei", "Ahmad bin Ismail" greeted
"Mr Ahmad", "Gabriela García Márquez" greeted "Dr. García Márquez".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from followup.core.model import Participant
from followup.writing.lexicon import data_file, particles, titles
from followup.writing.text import fold

_INITIAL = re.compile(r"^[^\W\d_]\.?$", re.UNICODE)


def split_title(text: str) -> tuple[str | None, str]:
    """("Dr.", "García Márquez") from "Dr. García Márquez"; (None, text) without a title."""
    words = text.split()
    if len(words) > 1 and words[0] in titles():
        return words[0], " ".join(words[1:])
    return None, text.strip()


def surname_of(name: str) -> str:
    """The surname with its particles: the words from the first particle after the given
    name, else the last word ("Ní Dhomhnaill", "van den Berg", "Chen")."""
    words = name.split()
    if len(words) < 2:
        return name
    for i in range(1, len(words) - 1):
        if fold(words[i]) in particles():
            return " ".join(words[i:])
    return words[-1]


def spoken_name(full_name: str) -> str:
    """A name as said aloud: without middle initials ("Sam J. Lee" -> "Sam Lee")."""
    words = full_name.split()
    kept = [w for n, w in enumerate(words) if n == 0 or not _INITIAL.match(w)]
    return " ".join(kept)


@dataclass(frozen=True)
class NameForms:
    """How one person may be named in a greeting."""

    given: str
    surname: str
    title: str | None
    salutation: str | None

    @property
    def formal(self) -> str | None:
        """ "Dr. García Márquez" when a title is known, else None."""
        return f"{self.title} {self.surname}" if self.title else None


def name_forms(person: Participant) -> NameForms:
    """The parts of a person's name, the recorded salutation taking precedence."""
    title, rest = split_title(person.salutation or "")
    surname = rest if person.salutation and title else surname_of(person.name)
    given_from_salutation = person.salutation if person.salutation and not title else None
    given = given_from_salutation or person.name.split()[0]
    return NameForms(given=given, surname=surname, title=title, salutation=person.salutation)


def _key(text: str) -> str:
    return re.sub(r"[\s\-'’.]+", " ", fold(text)).strip()


def greeting_fits(greeted: str, person: Participant) -> bool:
    """Whether a greeting's name ("Ms Ní Dhomhnaill", "Rhiannon", "Katherine Chen") is a right
    way to address this person."""
    forms = name_forms(person)
    title, rest = split_title(greeted)
    key = _key(rest)
    full = person.name.split()
    whole = {_key(person.name), _key(f"{full[0]} {forms.surname}")}
    if key in whole or (forms.salutation and key == _key(forms.salutation)):
        return True
    if title is not None:
        return key == _key(forms.surname)
    if forms.salutation and not forms.title:
        return key == _key(forms.salutation)
    return key == _key(full[0])


def right_greeting(greeted: str, person: Participant) -> str:
    """How the greeting should name the person, in the note's own style of title."""
    forms = name_forms(person)
    title, _ = split_title(greeted)
    if title is not None:
        if forms.title is None and forms.salutation:
            return forms.salutation
        return f"{title} {forms.surname}"
    return forms.given if not forms.title else (forms.salutation or forms.given)


def own_words(greeted: str, person: Participant) -> bool:
    """Whether every word of a greeting's name belongs to this person's name (a wrong part of
    the right name, rather than somebody else)."""
    _, rest = split_title(greeted)
    mine = {_key(w) for w in re.split(r"[\s\-'’]+", f"{person.name} {person.salutation or ''}")}
    words = [_key(w) for w in re.split(r"[\s\-'’]+", rest) if w]
    return bool(words) and all(w in mine for w in words)


def _squash(text: str) -> str:
    return re.sub(r"[\s\-'’.]+", "", fold(text))


@functools.cache
def _anglicised() -> dict[str, frozenset[str]]:
    """Gaelic name -> its anglicised forms, both squashed (writing/data/names.toml)."""
    table = data_file("names.toml")["anglicised"]
    assert isinstance(table, dict)
    return {_squash(k): frozenset(_squash(v) for v in forms) for k, forms in table.items()}


def anglicised_part(greeted: str, person: Participant) -> str | None:
    """The part of this person's Gaelic name that `greeted` gives in an anglicised form
    ("Mr O'Brien" for Ó Briain, "Maeve" for Méabh), or None."""
    key = _squash(split_title(greeted)[1])
    if not key:
        return None
    forms = name_forms(person)
    parts = (forms.surname, forms.given, *person.name.split(), surname_of(person.name))
    if any(key == _squash(part) for part in parts if part):
        return None  # the name as the person writes it ("Mr O'Neill" of Declan O'Neill)
    for part in parts:
        if key in _anglicised().get(_squash(part), ()):
            return part
    return None


def greeting_key(text: str) -> str:
    """A greeting's name, compared without case, accents, hyphens or apostrophes."""
    return _key(split_title(text)[1]).replace(" ", "")


def titled(person: Participant) -> bool:
    """Whether the recorded salutation has a title ("Dr Okafor", "Mr. Callahan")."""
    return bool(person.salutation) and split_title(person.salutation or "")[0] is not None


def given_name(person: Participant) -> str | None:
    """The name to greet someone by informally, or None when it cannot be told from the
    record: "Zainab" of "Zainab Hussain", "Sam" of "Sam J. Lee", "Lars" of "Lars van den
    Berg", but not of "María José Gutiérrez" (a given name of two words, or a middle name, or
    two surnames: the salutation would say)."""
    if person.salutation and not titled(person):
        return person.salutation
    words = spoken_name(person.name).split()
    if len(words) <= 2:
        return words[0]
    if fold(words[1]) in particles():
        return words[0]
    return None


def written_greeting(person: Participant, *, formal: bool) -> str:
    """How a note greets someone: by the recorded salutation ("Dear Ms. Chen", and "Hi Mai" in
    an informal note); else, in a formal note, "Dear" and the whole name as recorded (no title
    is known; a middle initial left out); else "Hi <First>", or the whole name when the given
    name cannot be told."""
    if person.salutation:
        return f"{'Dear' if formal or titled(person) else 'Hi'} {person.salutation},"
    whole = spoken_name(person.name)
    if formal:
        return f"Dear {whole},"
    return f"Hi {given_name(person) or whole},"


def spoken_greeting(person: Participant) -> str:
    """How a call opens: "Hi Ana" or, with a title, "Hello Dr. García Márquez"; the whole name
    when the given name cannot be told ("Hello María José Gutiérrez")."""
    if titled(person):
        return f"Hello {person.salutation}"
    given = given_name(person)
    return f"Hi {given}" if given else f"Hello {spoken_name(person.name)}"


def addressed_name(person: Participant) -> str:
    """The name on a letter's inside address, with the honorific the salutation gives:
    "Dr. Adewale Ogunleye"."""
    forms = name_forms(person)
    return f"{forms.title} {person.name}" if forms.title else person.name
