"""Grammar that job letters need and Harper does not catch: confusable words and the slips
most common in cover and thank-you letters ("look forward to hear", "great to met you", "it's"
for "its", "a HR", "Me and my team was"). Each rule marks the words to change and says what
to write instead; tests/writing/test_grammar.py holds, for every rule, sentences where it must
fire and sentences where it must not.

Confusable words are mistakes, so every finding here is `grammar` (an error).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.writing.confusables import CONFUSIONS
from followup.writing.findings import Finding
from followup.writing.patterns import Rule, fixed, forms, keep_case, rx

_VOWEL_SOUND_WORDS = ("hour", "honour", "honor", "honest", "heir", "herb")
_CONSONANT_SOUND_PREFIXES = ("uni", "use", "usu", "uti", "uro", "eu", "one", "once", "ewe")
# Initialisms read letter by letter that start with a vowel sound: F, H, L, M, N, R, S, X.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def _look_forward(m: re.Match[str]) -> str | None:
    verb = m.group("flag").lower()
    return forms("ing_form").get(verb)


def _to_past(m: re.Match[str]) -> str | None:
    return forms("base_form").get(m.group("flag").lower())


def _article(m: re.Match[str]) -> str | None:
    word = m.group("next")
    lower = word.lower()
    if (
        len(word) > 1 and word[:2].isupper() and word.isalpha()
    ):  # "HR", "MSc": said letter by letter
        wants_an = word[0] in _VOWEL_LETTERS
    elif lower.startswith(_VOWEL_SOUND_WORDS):
        wants_an = True
    elif lower.startswith(_CONSONANT_SOUND_PREFIXES):
        wants_an = False
    else:
        wants_an = lower[:1] in "aeiou"
    a = m.group("flag")
    if wants_an and a.lower() == "a":
        return keep_case(a, "an")
    if not wants_an and a.lower() == "an" and not word.isupper():
        return keep_case(a, "a")
    return None


def _me_and(m: re.Match[str]) -> str | None:
    verb = m.group("verb").lower()
    fixed = {"was": "were", "is": "are", "has": "have"}.get(verb, verb)
    other = m.group("other")
    return keep_case(m.group("flag"), f"{other} and I {fixed}")


_BE_I = r"(?:I am|I'm|I’m|I was|we are|we're|we’re|we were|am)"

RULES: tuple[Rule, ...] = (
    Rule(
        "look forward to + base verb",
        rx(
            r"\blook(?:ing)? forward to (?P<flag>hear|meet|see|speak|work|talk|join|receive|"
            r"discuss|learn|continue|contribute|get|start|help|connect|collaborate|catch|visit|"
            r"share)\b"
        ),
        _look_forward,
        "after 'look forward to', use the -ing form",
    ),
    Rule(
        "to + past tense",
        rx(
            r"\b(?:great|nice|good|pleased|happy|glad|lovely|delighted|wonderful|pleasure|chance|"
            r"opportunity|able|want|wanted|hope|hoped|like|love|eager|keen|time) to "
            r"(?P<flag>met|talked|spoke|saw|went|did|came|took|gave|wrote|began|knew|chose|heard|"
            r"joined|worked|discussed|shared|spoken|seen)\b"
        ),
        _to_past,
        "after 'to', use the base form of the verb",
    ),
    Rule(
        "interesting in",
        rx(r"\b" + _BE_I + r" (?:\w+ly |very |so |really )?(?P<flag>interesting in)\b"),
        fixed("interested in"),
        "you are 'interested in' something",
    ),
    Rule(
        "a before a vowel sound",
        rx(r"\b(?P<flag>an?) (?P<next>[A-Za-z][\w-]*)"),
        _article,
        "use 'an' before a vowel sound and 'a' before a consonant sound",
    ),
    Rule(
        "discuss about",
        rx(r"\b(?P<flag>discuss(?:ed|ing)? about)\b"),
        lambda m: m.group("flag").rsplit(" ", 1)[0],
        "'discuss' takes no 'about'",
    ),
    Rule(
        "Me and X was",
        rx(
            r"(?:^|[.;:,!?]\s+|\b(?:and|but|so|because) )(?P<flag>me and "
            r"(?P<other>(?:my |our |the )?\w+) (?P<verb>was|were|are|is|have|has|had|did|"
            r"worked|went|led|built|ran))\b"
        ),
        _me_and,
        "the subject is 'X and I'",
    ),
    Rule(
        "we/they was",
        rx(r"\b(?P<flag>(?:we|they|you) was)\b"),
        lambda m: m.group("flag").rsplit(" ", 1)[0] + " were",
        "'we', 'you' and 'they' take 'were'",
    ),
    Rule(
        "I done / I seen",
        rx(r"\b(?P<flag>I (?:done|seen|been|gone|begun|wrote it|knowed))\b"),
        lambda m: {
            "done": "I did",
            "seen": "I saw",
            "been": "I have been",
            "gone": "I went",
            "begun": "I began",
        }.get(m.group("flag").split()[1].lower()),  # fmt: skip
        "say 'I did', 'I saw'",
    ),
    Rule(
        "have + simple past",
        rx(
            r"\b(?P<flag>(?:have|has|had|I've|I’ve|we've) (?P<verb>went|wrote|did|saw|took|gave|"
            r"came|spoke|began|knew|chose|ate|drove|grew|ran|broke|forgot))\b"
        ),
        lambda m: (
            m.group("flag").rsplit(" ", 1)[0]
            + " "
            + forms("past_participle")[m.group("verb").lower()]
        ),
        "after 'have', use the past participle",
    ),
    Rule(
        "irregardless",
        rx(r"\b(?P<flag>irregardless)\b"),
        fixed("regardless"),
        "'irregardless' is not standard; write 'regardless'",
    ),
    Rule(
        "between you and I",
        rx(r"\b(?P<flag>between you and I)\b"),
        fixed("between you and me"),
        "after 'between', use 'me'",
    ),
    Rule(
        "could of",
        rx(r"\b(?P<flag>(?:could|should|would|must|might) of)\b"),
        lambda m: m.group("flag").split()[0] + " have",
        "write 'could have', not 'could of'",
    ),
    Rule(
        "less for fewer",
        rx(
            r"\b(?P<flag>less) (?:pupils|students|people|patients|staff members|customers|clients|"
            r"errors|mistakes|bugs|incidents|calls|meetings|hours|days|alerts|complaints|"
            r"children|tickets|cases)\b"
        ),
        fixed("fewer"),
        "use 'fewer' with things you count",
    ),
    Rule(
        "informations",
        rx(r"\b(?P<flag>informations|advices|feedbacks|equipments|knowledges)\b"),
        lambda m: m.group("flag")[:-1],
        "this word has no plural",
    ),
    Rule(
        "will like for would like",
        rx(r"\b(?:I|we) (?P<flag>will like)\b"),
        fixed("would like"),
        "a polite wish is 'would like'",
    ),
    Rule(
        "am having + years",
        rx(r"\b(?P<flag>am having) (?:\w+ )?(?:years?|months?|experience)\b"),
        fixed("have"),
        "'have' (not 'am having') for experience",
    ),
    Rule(
        "ask few questions",
        rx(r"\b(?P<flag>(?:ask|have|had|answer) few questions)\b"),
        lambda m: m.group("flag").replace(" few", " a few"),
        "'a few' means some; 'few' means hardly any",
    ),
    Rule(
        "since + duration",
        rx(
            r"\b(?P<flag>since (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|many|"
            r"several) (?:years|months|weeks|days))\b(?! ago)"
        ),
        lambda m: "for" + m.group("flag")[5:],
        "a duration takes 'for'",
    ),
    Rule(
        "use to",
        rx(r"\b(?:I'm|I’m|I am|we're|we are|I was|got|get) (?P<flag>use to)\b"),
        fixed("used to"),
        "'used to' something",
    ),
    Rule(
        "more better",
        rx(r"\b(?P<flag>more (?:better|worse|easier|harder|faster|bigger|smaller))\b"),
        lambda m: m.group("flag").split()[1],
        "'more' and a comparative say the same thing twice",
    ),
    Rule(
        "one of the + singular",
        rx(
            r"\b(?P<flag>one of the (?:best|most \w+|biggest|strongest|largest|top) "
            r"(?:team|company|school|hospital|firm|studio|place|experience|interview|group))\b"
        ),
        lambda m: m.group("flag") + "s",
        "'one of the' takes a plural",
    ),
)


def grammar_findings(text: str) -> list[Finding]:
    """Every mistake the rules find in `text`."""
    return list(_find(text))


# A word each rule's match must contain: a rule whose word is absent from the note is skipped,
# which keeps the whole rule set well under Harper's own time.
NEEDS = {
    "look forward to + base verb": "forward", "to + past tense": "to ", "it's for its": "s ",
    "who's for whose": "who", "then for than": "then", "loose for lose": "loose",
    "interesting in": "interesting in", "discuss about": "about", "Me and X was": "me and",
    "we/they was": " was", "I done / I seen": "i ", "irregardless": "irregardless",
    "between you and I": "between you", "could of": " of", "your for you're": "your",
    "you're for your": "re ", "there for their": "there", "there for they're": "there",
    "they're for their": "re ", "affect and effect": "ffect", "compliment for complement":
    "compliment", "principle for principal": "principle", "less for fewer": "less",
    "practise for practice (noun)": "practise", "advice for advise": "advice",
    "lead for led": "lead ", "weather for whether": "weather", "were for where": "were",
    "informations": "s", "will like for would like": "will like", "am having + years":
    "am having", "ask few questions": "few", "since + duration": "since", "use to": "use to",
    "more better": "more ", "one of the + singular": "one of the", "its for it's": "its ",
    "have + simple past": "ha",
}  # fmt: skip


def _find(text: str) -> Iterator[Finding]:
    lowered = text.casefold().replace("’", "'")
    for rule in (*RULES, *CONFUSIONS):
        if NEEDS.get(rule.name, "") not in lowered:
            continue
        for m in rule.pattern.finditer(text):
            group = "flag" if m.group("flag") else "flag2"
            fix = rule.fix(m)
            if fix is None:
                continue
            start, end = m.start(group), m.end(group)
            yield Finding(
                kind="grammar",
                message=rule.message,
                start=start,
                end=end,
                text=text[start:end],
                suggestions=(fix,),
            )
