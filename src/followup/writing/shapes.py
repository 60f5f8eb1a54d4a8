"""The shape of a noted item, so each is written into a frame that fits it.

A discussed, liked or forgotten item is one of:
- a noun phrase: "the migration to dbt", "my IV and cannulation competencies";
- a gerund phrase: "leading the Looker rollout";
- a how/what clause: "how I reduced sample rejection rates";
- a first-person clause: "I rebuilt the billing export" ("that I set up ..." loses its "that").
- a clause about something else ("my Spanish is conversational", "travelling monthly is no
  problem"): its verb comes after the first word; it is written as a clause;
- a predicate ("willing to relocate for the Worcester project", "fluent in Spanish"): jotted
  without its subject, it becomes "I would be willing to ..." / "I am fluent in ...".
A small rule-based classifier: the first words decide, with a list of -ing words that name things
("training", "onboarding") rather than actions. Items are written to the reader ("their move to
Kubernetes" becomes "your move to Kubernetes" in a note to someone of that company) or, for a
call sheet, to the candidate ("I led" becomes "you led"). Each item knows whose it is (the
candidate's "my ..." or the reader's "your ..."), so a frame never says the reader talked about
what the candidate said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from followup.writing.lexicon import data_list

Shape = Literal["noun", "gerund", "wh", "clause"]
Owner = Literal["mine", "yours", "neither"]

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
# the verbs that make a jotted item a clause when they follow its subject ("my Spanish is ...")
_FINITE = frozenset(
    ("is", "are", "was", "were", "isn't", "aren't", "has", "have", "can", "will", "would")
)
_RELATIVE = frozenset(("that", "which", "who", "whose", "where", "what", "how", "when"))
_MINE = frozenset(("i", "my", "me", "mine", "myself", "i'm", "i've", "i'd", "i'll"))
_YOURS = frozenset(("your", "you", "yours", "you're", "you've", "yourselves"))
_THEIRS = frozenset(("their", "they", "them", "theirs", "they're", "they've"))
# a capitalised first word that is no name: "The migration ...", "My Spanish ..."
_LOWER_FIRST = frozenset(
    ("the", "a", "an", "my", "our", "their", "your", "his", "her", "its", "this", "these",
     "those", "how", "what", "why", "when", "where", "whether", "which", "that", "some", "any",
     "being", "having")
)  # fmt: skip
# -ing place names that stay capitalised at the start of an item
_ING_PLACES = frozenset(("reading", "ealing", "woking", "epping", "kettering", "worthing"))


@dataclass(frozen=True)
class Item:
    """A noted item, classified: its words and shape, and whether it is plural."""

    text: str
    shape: Shape
    plural: bool = False
    owner: Owner = "neither"
    personal: bool = False  # the candidate's own circumstances ("my notice period")

    @property
    def spoken_of_by_reader(self) -> bool:
        """Whether a frame may say the reader did the talking: the reader's own topic ("your
        rail reform programme") or a plain subject ("behaviour policy"); not the candidate's,
        nor an activity ("running a chess club"), which is often the candidate's own."""
        return self.owner == "yours" or (self.owner == "neither" and self.shape == "noun")

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
    if first in _predicates() and len(words) > 1:
        return "clause"
    if _has_finite_verb(words):
        return "clause"
    if first in _ING_PLACES and words[0][0].isupper():
        return "noun"
    if first.endswith("ing") and len(first) > 4 and len(words) > 1:
        second = words[1].lower()
        if second in ("and", "or", "of", ",") or (
            first in _ing_nouns() and second not in _DETERMINERS
        ):
            return "noun"
        return "gerund"
    return "noun"


def _has_finite_verb(words: list[str]) -> bool:
    """ "my Spanish is conversational": a verb after the subject, not inside a relative
    clause ("the team that is hiring")."""
    lowered = [w.lower().strip(",.") for w in words]
    for n, w in enumerate(lowered[1:], start=1):
        if w in _RELATIVE:
            return False
        if w in _FINITE and n + 1 < len(lowered):
            return True
    return False


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
    """An item as noted, classified ("that I ..." without its "that"; "willing to relocate"
    with its subject: "I would be willing to relocate")."""
    text = re.sub(r"\s+", " ", item.strip()).rstrip(".;")
    shape = classify(text)
    if shape == "clause" and text.lower().startswith("that "):
        text = text[5:]
    text = _lower_first(text)
    first = text.split()[0].lower() if text else ""
    if shape == "clause" and first in _predicates():
        text = ("I would be " if first in _predicates_of_will() else "I am ") + text
    words = {w.lower() for w in _WORDS.findall(text)}
    owner: Owner = "mine" if words & _MINE else "yours" if words & _YOURS else "neither"
    personal = bool(_CIRCUMSTANCE.search(text)) and not words & (_YOURS | _THEIRS)
    plural = shape in ("noun", "gerund") and is_plural(text)
    return Item(text, shape, plural, owner, personal)


def _lower_first(text: str) -> str:
    """ "The migration" -> "the migration": items go mid-sentence. Names, acronyms and "I"
    keep their capitals."""
    first, _, rest = text.partition(" ")
    low = first.lower()
    if first[1:] == low[1:] and (
        low in _LOWER_FIRST
        or (low.endswith("ing") and low not in _ING_PLACES)
        or low in _predicates()
    ):
        return f"{low} {rest}".rstrip()
    return text


_TO_READER = {"their": "your", "theirs": "yours", "they": "you", "them": "you",
              "they're": "you're", "they’re": "you’re", "they've": "you've",
              "they’ve": "you’ve", "themselves": "yourselves"}  # fmt: skip
_TO_CANDIDATE = {"i": "you", "my": "your", "me": "you", "mine": "yours", "myself": "yourself",
                 "i'm": "you're", "i’m": "you’re", "i've": "you've", "i’ve": "you’ve",
                 "i'd": "you'd", "i’d": "you’d", "i'll": "you'll", "am": "are"}  # fmt: skip
_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def to_reader(item: Item) -> Item:
    """The item as written to someone of the company: "their move" -> "your move"."""
    text = _swap(item.text, _TO_READER)
    owner: Owner = "yours" if item.owner == "neither" and text != item.text else item.owner
    return replace(item, text=text, owner=owner)


def to_candidate(item: Item) -> Item:
    """The item as said to the candidate on a call sheet: "I led" -> "you led"."""
    text = _swap(item.text, _TO_CANDIDATE)
    text = re.sub(r"\byou was\b", "you were", text)
    return replace(item, text=text)


def _swap(text: str, table: dict[str, str]) -> str:
    """Pronouns swapped; an item always stands mid-sentence, so a swapped pronoun is lower
    case ("I'm CCRN certified" -> "you're CCRN certified", never "You're")."""

    def one(m: re.Match[str]) -> str:
        word = m.group()
        swapped = table.get(word.lower().replace("’", "'"))
        if swapped is None:
            return word
        return swapped.replace("'", "’") if "’" in word else swapped

    return _WORDS.sub(one, text)


def as_noun(item: Item) -> Item:
    """A gerund said as a noun phrase: "leading the huddles" -> "my experience leading the
    huddles" (what someone liked is the experience)."""
    if item.shape != "gerund":
        return item
    return replace(item, text=f"my experience {item.text}", shape="noun", plural=False)


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


def _predicates() -> frozenset[str]:
    return data_list("grammar.toml", "predicates")


def _predicates_of_will() -> frozenset[str]:
    return data_list("grammar.toml", "predicates_of_will")


# what a thank-you does not thank anyone for: the candidate's own circumstances
_CIRCUMSTANCE = re.compile(
    r"\b(?:reasons? for (?:leaving|moving|changing)|notice period|salary|pay (?:band|range|"
    r"expectations)|compensation|visa|sponsorship|redundanc|references|career break|gap in my)",
    re.IGNORECASE,
)
