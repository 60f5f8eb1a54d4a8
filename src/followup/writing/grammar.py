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

from followup.writing.agreement import AGREEMENT
from followup.writing.confusables import CONFUSIONS
from followup.writing.findings import Finding
from followup.writing.patterns import (
    Rule,
    cased,
    fixed,
    flag_group,
    forms,
    keep_case,
    rx,
    words,
)
from followup.writing.usage import USAGE

_VOWEL_SOUND_WORDS = ("hour", "honour", "honor", "honest", "heir", "herb")
_CONSONANT_SOUND_PREFIXES = ("uni", "use", "usu", "uti", "uro", "eu", "one", "once", "ewe")
# Initialisms read letter by letter that start with a vowel sound: F, H, L, M, N, R, S, X.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def _look_forward(m: re.Match[str]) -> str | None:
    """ "look forward to hear" -> "hearing": a base verb of the verb lists, never a noun
    ("look forward to work" is a verb here too, "look forward to the")."""
    verb = m.group("flag").lower()
    known = forms("ing_form").get(verb)
    if known is not None or verb not in words("verbs") or verb.endswith("ing"):
        return known
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


def _to_past(m: re.Match[str]) -> str | None:
    """ "great to met you" -> "meet", "wanted to checked in" -> "check": an irregular past
    from the table, or a regular one whose base is a known verb."""
    word = m.group("flag").lower()
    known = forms("base_form").get(word)
    if known is not None or not word.endswith("ed"):
        return known
    doubled = word[:-3] if len(word) > 4 and word[-3] == word[-4] else ""
    return _known_base((word[:-2], word[:-1], doubled))


def _ing_of(m: re.Match[str]) -> str | None:
    """The -ing form of the base verb in the `flag` group, prefixed by what stood before it in
    the group ("enjoyed to hear" -> "enjoyed hearing")."""
    verb = m.group("verb").lower()
    if verb.endswith("ing") or verb not in words("verbs") and verb not in forms("ing_form"):
        return None
    ing = forms("ing_form").get(verb)
    if ing is None:
        ing = verb[:-1] + "ing" if verb.endswith("e") and not verb.endswith("ee") else verb + "ing"
    head = m.group("flag")[: m.start("verb") - m.start("flag")]
    return head.replace(" to ", " ") + ing if m.group("flag").startswith("enjoy") else head + ing


def _to_ing(m: re.Match[str]) -> str | None:
    """ "eager to contributing" -> "contribute": the base of an -ing form of a known verb."""
    word = m.group("flag").lower()
    reverse = {ing: base for base, ing in forms("ing_form").items()}
    if word in reverse:
        return reverse[word]
    stem = word[:-3]
    doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""
    return _known_base((stem, stem + "e", doubled))


def _known_base(candidates: tuple[str, ...]) -> str | None:
    known = words("verbs")
    return next((c for c in candidates if c and c in known), None)


_NOT_A_NOUN_PHRASE = frozenset(("and", "or", "to", "in", "of", "on", "at", "is", "was", "for"))


def _article(m: re.Match[str]) -> str | None:
    word = m.group("next").split("-")[0]  # "an MIT-style licence": the acronym decides
    lower = word.lower()
    if lower in _NOT_A_NOUN_PHRASE:
        return None  # "Exhibit A and ...", "plan A or B": a label, not an article
    spelt_out = len(word) > 1 and word.isalpha() and not set(lower) & set("aeiouy")
    if len(word) > 1 and word[:2].isupper() and word.isalpha() or spelt_out:
        if _said_as_word(word):
            return None  # "a RIDDOR report", "a NICE guideline": no letter is spoken alone
        # "an HR partner", "an MSc", "an http request": letter by letter
        wants_an = word[0].upper() in _VOWEL_LETTERS
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


def _said_as_word(acronym: str) -> bool:
    """Whether an acronym is read as a word ("RIDDOR", "NASA", "SQL" for many), not letter by
    letter ("HMRC", "NHS", "MSc"): a consonant then a vowel, in four letters or more."""
    if acronym in words("said_as_words"):
        return True
    return len(acronym) >= 4 and acronym.isupper() and acronym[1] in "AEIOU"


def _me_and(m: re.Match[str]) -> str | None:
    verb = m.group("verb").lower()
    fixed = {"was": "were", "is": "are", "has": "have"}.get(verb, verb)
    other = m.group("other")
    return keep_case(m.group("flag"), f"{other} and I {fixed}")


_BE_I = r"(?:I am|I'm|I’m|I was|we are|we're|we’re|we were|am)"

RULES: tuple[Rule, ...] = (
    Rule(
        "look forward to + base verb",
        rx(r"\b(?:look|looks|looked|looking) forward to (?P<flag>[a-z]+)\b"),
        _look_forward,
        "after 'look forward to', use the -ing form",
        needs="forward",
    ),
    Rule(
        "to + past tense",
        rx(
            r"\b(?:great|nice|good|pleased|happy|glad|lovely|delighted|wonderful|pleasure|chance|"
            r"opportunity|able|want|wanted|hope|hoped|like|love|eager|keen|time) to "
            r"(?P<flag>met|talked|spoke|saw|went|did|came|took|gave|wrote|began|knew|chose|heard|"
            r"joined|worked|discussed|shared|spoken|seen|[a-z]{2,}ed)\b"
        ),
        _to_past,
        "after 'to', use the base form of the verb",
        needs="to ",
    ),
    Rule(
        "to + -ing after a word that takes the infinitive",
        rx(
            r"\b(?:eager|keen|able|unable|want|wants|wanted|wish|hope|hoped|hoping|like|love|"
            r"pleased|happy|glad|delighted|excited|ready|willing|chance|opportunity|time|"
            r"plan|planning|need|going|try|trying|decided|would like|'d like) to "
            r"(?P<flag>[a-z]{2,}ing)\b"
        ),
        _to_ing,
        "after this 'to', use the base form of the verb",
        needs=("to ", "ing"),
    ),
    Rule(
        "I am agree",
        rx(
            r"\b(?P<flag>(?P<who>I|we|they) (?:am|are|'m|'re|’m|’re) ?(?P<verb>agree|disagree|"
            r"understand|believe|know|want|need|hope|think))\b"
        ),
        lambda m: f"{m.group('who')} {m.group('verb')}",
        "'agree', 'understand' and the like take no 'am'",
        needs="agree|understand|believe|know|want|need|hope|think",
    ),
    Rule(
        "enjoyed to + verb",
        rx(r"\b(?P<flag>enjoy(?:ed|s)? to (?P<verb>[a-z]+))\b"),
        _ing_of,
        "'enjoy' takes the -ing form: 'enjoyed hearing'",
        needs="enjoy",
    ),
    Rule(
        "used to + base verb",
        rx(
            r"\b(?:I am|I'm|I’m|we are|we're|we’re|I was|we were|I got|I have got|I've got|"
            r"I became|I have become|I've become) (?:\w+ )?(?P<flag>used to (?P<verb>[a-z]+))\b"
        ),
        _ing_of,
        "being used to something takes the -ing form: 'used to working'",
        needs="used to",
    ),
    Rule(
        "cope up with",
        rx(r"\b(?P<flag>cop(?:e|ed|es|ing) up with)\b"),
        lambda m: m.group("flag").replace(" up", ""),
        "'cope with', without 'up'",
        needs="up with",
    ),
    Rule(
        "explained me",
        rx(r"\b(?P<flag>(?P<verb>explain(?:ed|s|ing)?) (?P<who>me|us))\b"),
        lambda m: f"{m.group('verb')} to {m.group('who')}",
        "you explain something 'to' someone",
        needs="explain",
    ),
    Rule(
        "past for passed",
        rx(r"\b(?:I|we|she|he|they) (?P<flag>past) (?:my|the|our|his|her|their|all|both|a|an)\b"),
        fixed("passed"),
        "the verb is 'passed'",
        needs="past ",
    ),
    Rule(
        "regarding to",
        rx(r"\b(?P<flag>regarding to)\b"),
        fixed("regarding"),
        "'regarding' takes no 'to'",
        needs="regarding to",
    ),
    Rule(
        "for you time",
        rx(
            r"\b(?:thanks?|thank you|grateful|appreciate\w*) (?:\w+ ){0,2}for (?P<flag>you) "
            r"(?=(?:time|help|consideration|patience|feedback|kind|insights?|advice|support|"
            r"hospitality|interest|generous|warm|thoughtful)\b)"
        ),
        fixed("your"),
        "'your time': the possessive",
        needs="for you ",
    ),
    Rule(
        "interesting in",
        rx(
            r"\b" + _BE_I + r" (?:(?:\w+ly|very|so|really|still|also|truly|most) ){0,2}"
            r"(?P<flag>interesting in)\b"
        ),
        fixed("interested in"),
        "you are 'interested in' something",
        needs="interesting in",
    ),
    Rule(
        "a before a vowel sound",
        rx(r"(?<![\w&/.'’-])(?P<flag>an?) (?P<next>[A-Za-z][\w-]*)"),
        _article,
        "use 'an' before a vowel sound and 'a' before a consonant sound",
    ),
    Rule(
        "discuss about",
        rx(r"\b(?P<flag>discuss(?:ed|ing)? about)\b"),
        lambda m: m.group("flag").rsplit(" ", 1)[0],
        "'discuss' takes no 'about'",
        needs="about",
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
        needs="me and",
    ),
    Rule(
        "we/they was",
        rx(
            r"(?<!\bfrom )(?<!\bwith )(?<!\babout )(?<!\bto )(?<!\bfor )(?<!\bby )"
            r"(?<!\bof )\b(?P<flag>(?:we|they|you) was)\b"
        ),  # "hearing from you was" is right
        lambda m: m.group("flag").rsplit(" ", 1)[0] + " were",
        "'we', 'you' and 'they' take 'were'",
        needs="we was|they was|you was",
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
        needs="i done|i seen|i been|i gone|i begun|i wrote it|i knowed",
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
        needs=(
            " have | has | had |i've |we've ",
            "went|wrote|did|saw|took|gave|came|spoke|began|knew|chose|ate|drove|grew|ran|broke|forgot",
        ),
    ),
    Rule(
        "irregardless",
        rx(r"\b(?P<flag>irregardless)\b"),
        fixed("regardless"),
        "'irregardless' is not standard; write 'regardless'",
        needs="irregardless",
    ),
    Rule(
        "between you and I",
        rx(r"\b(?P<flag>between you and I)\b"),
        fixed("between you and me"),
        "after 'between', use 'me'",
        needs="between you",
    ),
    Rule(
        "could of",
        rx(r"\b(?P<flag>(?:could|should|would|must|might) of)\b"),
        lambda m: m.group("flag").split()[0] + " have",
        "write 'could have', not 'could of'",
        needs="ld of|st of|ht of",
    ),
    Rule(
        "informations",
        rx(r"\b(?P<flag>informations|advices|feedbacks|equipments|knowledges)\b"),
        lambda m: m.group("flag")[:-1],
        "this word has no plural",
        needs="informations|advices|feedbacks|equipments|knowledges",
    ),
    Rule(
        "will like for would like",
        rx(r"\b(?:I|we) (?P<flag>will like)\b"),
        fixed("would like"),
        "a polite wish is 'would like'",
        needs="will like",
    ),
    Rule(
        "am having + years",
        rx(r"\b(?P<flag>am having) (?:\w+ )?(?:years?|months?|experience)\b"),
        fixed("have"),
        "'have' (not 'am having') for experience",
        needs="am having",
    ),
    Rule(
        "ask few questions",
        rx(r"\b(?P<flag>(?:ask|have|had|answer) few questions)\b"),
        lambda m: m.group("flag").replace(" few", " a few"),
        "'a few' means some; 'few' means hardly any",
        needs="few",
    ),
    Rule(
        "since + duration",
        rx(
            r"\b(?P<flag>since (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|many|"
            r"several) (?:years|months|weeks|days))\b(?! ago)"
        ),
        lambda m: "for" + m.group("flag")[5:],
        "a duration takes 'for'",
        needs="since",
    ),
    Rule(
        "use to",
        rx(r"\b(?:I'm|I’m|I am|we're|we are|I was|got|get) (?P<flag>use to)\b"),
        fixed("used to"),
        "'used to' something",
        needs="use to",
    ),
    Rule(
        "more better",
        rx(r"\b(?P<flag>more (?:better|worse|easier|harder|faster|bigger|smaller))\b"),
        lambda m: m.group("flag").split()[1],
        "'more' and a comparative say the same thing twice",
        needs="more ",
    ),
    Rule(
        "one of the + singular",
        rx(
            r"\b(?P<flag>one of the (?:best|most \w+|biggest|strongest|largest|top) "
            r"(?:team|company|school|hospital|firm|studio|place|experience|interview|group))\b"
        ),
        lambda m: m.group("flag") + "s",
        "'one of the' takes a plural",
        needs="one of the",
    ),
)


# A pronoun capitalised in mid-sentence, as when a clause is pasted after "that" ("that You're
# certified", "that My Spanish is good"): lower case is right.
CAPITALS: tuple[Rule, ...] = (
    Rule(
        "staffs",
        cased(r"\b(?P<flag>staffs)\b(?! (?:the|a|an|our|his|her|their|its|each|every)\b)"),
        fixed("staff"),
        "'staff' is already plural: '30 staff'",
        needs="staffs",
    ),
    Rule(
        "capitalised pronoun mid-sentence",
        cased(r"(?<=[a-z,;] )(?P<flag>(?:You|They|We|He|She)['’](?:re|ve|d|ll)|It['’]s)\b"),
        lambda m: m.group("flag").lower(),
        "a pronoun inside a sentence takes lower case",
        needs="'re|'ve|'d|'ll|'s",
    ),
    Rule(
        "capitalised word after that",
        cased(r"\bthat (?P<flag>You|Your|They|Their|We|Our|He|His|She|My)\b(?!['’])"),
        lambda m: m.group("flag").lower(),
        "after 'that', the clause goes on in lower case",
        needs="that ",
    ),
)

ALL_RULES: tuple[Rule, ...] = (*RULES, *CAPITALS, *CONFUSIONS, *AGREEMENT, *USAGE)


def grammar_findings(text: str) -> list[Finding]:
    """Every mistake the rules find in `text`."""
    return list(_find(text))


def _find(text: str) -> Iterator[Finding]:
    lowered = text.casefold().replace("’", "'")
    seen: set[tuple[int, int]] = set()
    for rule in ALL_RULES:
        if not rule.applies(lowered):
            continue
        for m in rule.pattern.finditer(text):
            group = flag_group(m)
            fix = rule.fix(m)
            if fix is None:
                continue
            start, end = m.start(group), m.end(group)
            if (start, end) in seen:
                continue  # two rules of one class can see the same slip
            seen.add((start, end))
            yield Finding(
                kind=rule.kind,
                message=rule.message,
                start=start,
                end=end,
                text=text[start:end],
                suggestions=(fix,),
            )
