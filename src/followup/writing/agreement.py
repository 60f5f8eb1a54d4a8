"""Subject and verb that disagree, by class: a quantifier with a plural ("Each of the sessions
have", "most of them was", "There is a number of"), two subjects joined by "and" with a singular
verb ("consistency and respect goes"), a plural subject with a singular verb ("Farmers
appreciates"), a verb that agrees with the nearest noun instead of its subject ("communication
about accounts save"), a singular abstract noun with a plural verb ("The discussion have"), and
the present perfect beside a finished time ("When we spoke, you have mentioned").

Each rule flags the verb and offers its right form. A rule only fires where the words around
the verb show that it is one (a verb of the common-verb list followed by an object or the end
of a clause), so a noun that looks like a verb is left alone (tests/writing/test_agreement.py).
"""

from __future__ import annotations

import re

from followup.writing.lexicon import data_table
from followup.writing.patterns import (
    AFTER_VERB,
    Rule,
    base_verb,
    cased,
    keep_case,
    plural_noun,
    rx,
    third_person,
    words,
)

_SINGULAR = {"have": "has", "are": "is", "were": "was", "do": "does", "don't": "doesn't"}
_PLURAL = {"has": "have", "is": "are", "was": "were", "does": "do", "doesn't": "don't"}
_OWNER = r"(?:the|these|those|our|your|my|their|his|her)"
# Words between a determiner and its plural noun: adjectives and noun modifiers, never a plural
# themselves ("the reasons things were" is a relative clause, not "the reasons were").
_MODIFIERS = r"(?:[\w-]*[^\Ws] ){0,2}?"
_CLAUSE = r"(?:^|[.;:!?]\s+|\b(?:and|but|so|that|because|when|if|whether|as|while|believe|think|feel|know|find|found) )"  # noqa: E501
_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism")
_ABSTRACT = r"[A-Za-z][a-z]*(?:" + "|".join(_ENDINGS) + ")"
_NO_SUBJECT = frozenset(
    ("i", "you", "we", "they", "he", "she", "it", "this", "that", "these", "those", "there",
     "what", "which", "who", "how", "all", "both", "each", "more", "most", "some", "any", "one",
     "me", "us", "them", "him", "her", "not", "also", "so", "very", "just")
)  # fmt: skip
_AGENT = ("ers", "ors", "ists", "ians", "ents", "ants", "ees", "ives")


def _to_singular(m: re.Match[str]) -> str | None:
    return keep_case(m.group("flag"), _SINGULAR[m.group("flag").lower()])


def _to_plural(m: re.Match[str]) -> str | None:
    verb = m.group("flag").lower()
    noun = m.groupdict().get("noun")
    if noun and not plural_noun(noun):
        return None
    return keep_case(m.group("flag"), _PLURAL[verb])


_DETERMINERS = frozenset(("the", "a", "an", "our", "my", "your", "their", "this", "that"))
_OPENERS = frozenset(
    ("and", "but", "so", "that", "because", "when", "if", "whether", "as", "while", "since",
     "believe", "think", "feel", "know", "find", "found")
)  # fmt: skip


# Where a subject of its own starts: not after "and" (it may be the second of two subjects)
# nor "as" ("as regards changes in").
_SOLE_SUBJECT = _OPENERS - {"and", "as"}
_PREPOSITIONS = frozenset(
    ("between", "of", "with", "for", "about", "in", "on", "at", "from", "to", "by", "into",
     "across", "among", "around", "than", "like", "and", "or")
)  # fmt: skip


def _opens_clause(
    text: str, at: int, modifiers: int = 0, openers: frozenset[str] = _OPENERS
) -> bool:
    """Whether a clause starts at `at`, perhaps after up to `modifiers` words such as a
    determiner or an adjective ("Clear communication", "I believe the consistency")."""
    before = text[:at].rstrip()
    for _ in range(modifiers + 1):
        if not before or before[-1] in ".;:!?\n":
            return True
        word = before.rsplit(None, 1)[-1]
        if word.lower() in openers:
            return True
        if not word.isalpha() or word.lower() in _NO_SUBJECT | _PREPOSITIONS:
            return False
        before = before[: -len(word)].rstrip()
    return False


_SOME = ("most", "many", "all", "some", "both", "several", "few", "half")


def _most_of(m: re.Match[str]) -> str | None:
    """ "most of them was" -> "were": a part of a plural is plural."""
    before = m.string[: m.start()].rsplit(None, 1)
    return _to_plural(m) if before and before[-1].lower() in _SOME else None


def _pair(m: re.Match[str]) -> str | None:
    """ "consistency and respect goes" -> "go"; "health and safety is" stays."""
    x, y, verb = m.group("x").lower(), m.group("y").lower(), m.group("flag")
    if x in _NO_SUBJECT or y in _NO_SUBJECT or (x.endswith("ing") and y.endswith("ing")):
        return None
    if f"{x} and {y}" in words("singular_pairs") or x.endswith("ly") or y.endswith("ly"):
        return None
    if not _opens_clause(m.string, m.start("x"), modifiers=1):
        return None
    base = base_verb(verb)
    return base if base and base != verb.lower() else None


def _plural_subject(m: re.Match[str]) -> str | None:
    """ "Farmers appreciates" -> "appreciate": a plural noun that is not itself a verb."""
    noun, verb = m.group("noun"), m.group("flag")
    lower = noun.lower()
    if not plural_noun(noun) or base_verb(noun) or lower in _NO_SUBJECT:
        return None
    if noun[0].isupper() and not lower.endswith(_AGENT) and lower not in words("irregular_plurals"):
        return None  # a capitalised word may be a name ("Siemens makes")
    # not after "and": "the gap between spending and results shows" has another subject
    if not _opens_clause(m.string, m.start("noun"), openers=_SOLE_SUBJECT):
        return None
    base = base_verb(verb)
    return base if base and base != verb.lower() else None


def _attraction(m: re.Match[str]) -> str | None:
    """ "communication about accounts save" -> "saves": the verb took the nearer noun."""
    before = m.string[: m.start()].rsplit(None, 1)
    head = before[-1] if before else ""
    if not head.lower().endswith(_ENDINGS) or head.lower() in words("collective_nouns"):
        return None
    # "Amount and severity of issues depend": the subject is both, and plural
    if not _opens_clause(m.string, m.start() - len(head), modifiers=2, openers=_SOLE_SUBJECT):
        return None
    noun, verb = m.group("noun"), m.group("flag").lower()
    between = m.group("between").lower().split()
    if not plural_noun(noun) or base_verb(noun) or verb not in words("verbs"):
        return None
    if any(w in _NO_SUBJECT or w == "to" for w in between):
        return None
    return third_person(verb)


def _abstract_singular(m: re.Match[str]) -> str | None:
    if m.group("head").lower() in words("collective_nouns"):
        return None
    return _to_singular(m)


def _simple_past(m: re.Match[str]) -> str | None:
    """ "have mentioned" -> "mentioned", "have spoken" -> "spoke", beside a finished time."""
    participle = (m.group("part") or m.group("p2")).lower()
    past = data_table("grammar.toml", "simple_past").get(participle)
    return past if past is not None else (participle if participle.endswith("ed") else None)


_NUMBERS = r"(?:a few|several|many|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_FINISHED = (
    r"(?:yesterday|last (?:week|month|year|spring|summer|autumn|fall|winter|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday)|" + _NUMBERS + r" (?:days|weeks|months|years) ago)"
)
_PARTICIPLE = r"(?P<part>[a-z]+ed|spoken|told|said|shown|given|taken|seen|made|done|brought|met|led|won|written|sent|found|heard)"  # noqa: E501

AGREEMENT: tuple[Rule, ...] = (
    Rule(
        "each of + plural verb",
        rx(
            r"\b(?:each|every one) of (?:" + _OWNER + r" " + _MODIFIERS + r"[\w-]+s|them|us|"
            r"these|those) (?P<flag>have|are|were|do|don't)\b"
        ),
        _to_singular,
        "'each of' takes a singular verb",
        needs=("each of|every one of", "have|are|were| do"),
    ),
    Rule(
        "one of the + plural verb",
        rx(
            _CLAUSE + r"one of " + _OWNER + r" " + _MODIFIERS + r"[\w-]+s "
            r"(?P<flag>are|were|have)\b"
        ),
        _to_singular,
        "'one of' takes a singular verb",
        needs=("one of", "s are|s were|s have"),
    ),
    Rule(
        "most of them + singular verb",
        rx(
            r" of (?:them|us|(?:"
            + _OWNER
            + r" "
            + _MODIFIERS
            + r"(?P<noun>[\w-]+s))) (?P<flag>was|is|has|does|doesn't)\b"
        ),
        _most_of,
        "a plural subject takes a plural verb",
        needs=(" of ", " was| is| has| does"),
    ),
    Rule(
        "there is + a number of",
        rx(
            r"\bthere (?P<flag>is|was) (?:also |still |now |only |just |already |really |even )?"
            r"(?:a number of|several|many|a few|a couple of|numerous|multiple|various|lots of|"
            r"dozens of)\b"
        ),
        _to_plural,
        "'a number of' and 'several' take 'there are'",
        needs="there",
    ),
    Rule(
        "X and Y + singular verb",
        cased(
            r"\b(?P<x>[A-Za-z][a-z]{2,}) and (?:(?:the|my|our|your|their) )?(?P<y>[a-z]{3,}) "
            r"(?P<flag>[a-z]+s)\b" + AFTER_VERB
        ),
        _pair,
        "two subjects joined by 'and' take a plural verb",
        needs=(" and ", "s "),
    ),
    Rule(
        "plural subject + singular verb",
        cased(
            r"\b(?P<noun>[A-Za-z][a-z]+s|people|children|men|women) (?P<flag>[a-z]+s)\b"
            + AFTER_VERB
        ),
        _plural_subject,
        "a plural subject takes a plural verb",
        needs="s ",
    ),
    Rule(
        "verb agrees with the nearer noun",
        cased(
            r" (?:about|of|with|between|for|on|in|across|from|among|around|to) "
            r"(?P<between>(?:[a-z-]+ ){0,3}?)(?P<noun>[a-z-]+s) (?P<flag>[a-z]+)\b" + AFTER_VERB
        ),
        _attraction,
        "the verb agrees with its subject, not the nearest noun",
        needs=("|".join(f"{end} " for end in _ENDINGS), "s "),
    ),
    Rule(
        "singular noun + plural verb",
        rx(
            _CLAUSE
            + r"(?:the|this|that|our|my|your|each|every) (?:\w+ )?(?P<head>"
            + _ABSTRACT
            + r") (?P<flag>have|are|were|don't)\b(?! to\b)"
        ),
        _abstract_singular,
        "a singular subject takes a singular verb",
        needs="|".join(
            f"{end} {verb}" for end in _ENDINGS for verb in ("have", "are", "were", "don't")
        ),
    ),
    Rule(
        "present perfect with a finished time",
        rx(
            r"\b(?:when|while|after|once) (?:we|you|I|they|he|she) (?:spoke|met|talked|chatted|"
            r"discussed|sat down|were talking)\b[^.!?,]{0,40}, (?:you|I|we|they|he|she) "
            r"(?P<flag>(?:have|has) " + _PARTICIPLE + r")\b"
            r"|(?<!since )(?<!the )(?<!this )(?<!past )\b" + _FINISHED + r",? "
            r"(?:we|you|I|they|he|she) (?P<flag2>(?:have|has) "
            + _PARTICIPLE.replace("part", "p2")
            + r")\b"
        ),
        _simple_past,
        "a finished time ('when we spoke', 'yesterday') takes the simple past",
        needs=(" have | has ", "when |while |after |once |yesterday|last | ago"),
    ),
)
