"""Usage slips of job letters, by class: words run together ("alot"), quantity words that do
not fit a countable plural ("less form fields", "the amount of near misses"), prepositions of
time and reference ("on September", "in regards of"), and a reflexive pronoun where a plain one
belongs ("the board as well as yourself"). Table tests: tests/writing/test_usage.py.
"""

from __future__ import annotations

import re

from followup.writing.patterns import Rule, cased, flag_group, keep_case, plural_noun, rx, words

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)  # fmt: skip  (not May: "on May" is a verb)
_MONTHS = "(?:" + "|".join(m.capitalize() for m in _MONTH_NAMES) + ")"
# Verbs whose "on" takes an object, so "decided on March" chooses a month and is right.
_CHOOSE_ON = frozenset(
    ("decided", "decide", "agreed", "agree", "settled", "settle", "focus", "focused", "based",
     "depend", "depends", "rely", "count", "insist", "landed", "voted")
)  # fmt: skip


# A word before a plural that makes it a compound ("form fields", "agency shifts"), not an
# adjective that "less" qualifies ("less experienced nurses" is right).
_ADJECTIVE_ENDINGS = (
    "ed", "ful", "ous", "ive", "al", "ic", "able", "ible", "y", "ent", "ant", "ing", "est",
    "less", "ish",
)  # fmt: skip
_NOUN_ENDINGS = ("cy", "ty", "ry", "gy", "phy")  # "agency shifts", "safety checks"


def _adjective(word: str) -> bool:
    if word in words("ing_nouns") or word.endswith(_NOUN_ENDINGS):
        return False
    return word.endswith(_ADJECTIVE_ENDINGS) or word in ("than", "and", "or", "of", "more")


def _countable(m: re.Match[str]) -> bool:
    noun = m.group("noun")
    modifier = (m.group("modifier") or "").strip().lower()
    if modifier and _adjective(modifier):
        return False
    return plural_noun(noun) and noun.lower() not in words("mass_plurals")


def _fewer(m: re.Match[str]) -> str | None:
    return keep_case(m.group("flag"), "fewer") if _countable(m) else None


def _number(m: re.Match[str]) -> str | None:
    return keep_case(m.group("flag"), "number") if _countable(m) else None


def _in_month(m: re.Match[str]) -> str | None:
    before = m.string[: m.start()].split()
    if before and before[-1].lower() in _CHOOSE_ON:
        return None
    return keep_case(m.group("flag"), "in")


def _reflexive(m: re.Match[str]) -> str | None:
    """ "the board as well as yourself" -> "you"; not when the clause's own subject is the
    same person ("I kept the team and myself on track")."""
    group = flag_group(m)
    word = m.group(group).lower()
    start = max(m.string.rfind(c, 0, m.start(group)) for c in ".!?\n;")
    clause = m.string[start + 1 : m.start(group)].lower().replace("thank you", "")
    owner = "you" if word == "yourself" else "i"
    if re.search(rf"\b{owner}\b", clause):
        return None
    if word == "yourself":
        return keep_case(m.group(group), "you")
    return "I" if m.group("verb") else "me"


USAGE: tuple[Rule, ...] = (
    Rule(
        "alot",
        rx(r"\b(?P<flag>alot)\b"),
        lambda m: keep_case(m.group("flag"), "a lot"),
        "'a lot' is two words",
        needs="alot",
    ),
    Rule(
        "less for fewer",
        rx(r"\b(?P<flag>less) (?P<modifier>[a-z]+ )??(?P<noun>[a-z]+s|people|children)\b(?! of\b)"),
        _fewer,
        "use 'fewer' with things you count",
        needs="less ",
    ),
    Rule(
        "amount of + plural",
        rx(r"\b(?P<flag>amount) of (?P<modifier>[a-z]+ )??(?P<noun>[a-z]+s|people|children)\b"),
        _number,
        "things you count take 'number of', not 'amount of'",
        needs="amount of",
    ),
    Rule(
        "on + month",
        cased(r"\b(?P<flag>[Oo]n) " + _MONTHS + r"\b(?!,? *(?:the )?\d)"),
        _in_month,
        "a month without a day takes 'in'",
        needs="|".join(f"on {month}" for month in _MONTH_NAMES),
    ),
    Rule(
        "in regards to",
        rx(r"\b(?P<flag>in regards? of|in regards to|with regards to|with regards of)\b"),
        lambda m: keep_case(m.group("flag"), "with regard to"),
        "write 'with regard to' or 'regarding'",
        needs="regard",
    ),
    Rule(
        "yourself for you",
        rx(
            r"\bas well as (?P<flag>yourself|myself)\b"
            r"|\b(?:and|or) (?P<flag2>yourself|myself)(?= (?P<verb>was|were|will|would|are|have|"
            r"had|can|could|did)\b|[.,;!?]|$| (?:with|about|for|if|at|on|by|directly)\b)"
            r"|\b(?:with|to|from|for|between|contact|ask|email|call|thank) (?P<flag3>yourself|"
            r"myself) (?:and|or)\b"
        ),
        _reflexive,
        "'yourself' and 'myself' point back to the subject; here write 'you' or 'me'",
        needs="self",
    ),
)
