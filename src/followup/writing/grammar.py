"""Grammar that job letters need and Harper does not catch: confusable words and the slips
most common in cover and thank-you letters ("look forward to hear", "great to met you", "it's"
for "its", "a HR", "Me and my team was"). Each rule marks the words to change and says what
to write instead; tests/writing/test_grammar.py holds, for every rule, sentences where it must
fire and sentences where it must not.

Confusable words are mistakes, so every finding here is `grammar` (an error).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from followup.writing.findings import Finding
from followup.writing.lexicon import data_list, data_table


def _forms(key: str) -> dict[str, str]:
    return data_table("grammar.toml", key)


def _after_contraction() -> frozenset[str]:
    """What "it's" / "who's" may be followed by as contractions ("it's been", "who's leading")."""
    return data_list("grammar.toml", "after_contraction")


def _owned() -> frozenset[str]:
    """Nouns "its" / "whose" typically own in job letters (a hyphenated compound or a plural
    after "it's" already marks a possessive)."""
    return data_list("grammar.toml", "owned")


_VOWEL_SOUND_WORDS = ("hour", "honour", "honor", "honest", "heir", "herb")
_CONSONANT_SOUND_PREFIXES = ("uni", "use", "usu", "uti", "uro", "eu", "one", "once", "ewe")
# Initialisms read letter by letter that start with a vowel sound: F, H, L, M, N, R, S, X.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


@dataclass(frozen=True)
class Rule:
    """A pattern whose `flag` group is the mistake, and what to write instead of it."""

    name: str
    pattern: re.Pattern[str]
    fix: Callable[[re.Match[str]], str | None]
    message: str


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _keep_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _look_forward(m: re.Match[str]) -> str | None:
    verb = m.group("flag").lower()
    return _forms("ing_form").get(verb)


def _to_past(m: re.Match[str]) -> str | None:
    return _forms("base_form").get(m.group("flag").lower())


def _its(m: re.Match[str]) -> str | None:
    nxt = m.group("next")
    if nxt.lower() in _after_contraction() or nxt.lower().endswith("ly"):
        return None
    if "-" in nxt or nxt.lower() in _owned():
        return _keep_case(m.group("flag"), "its")
    return None


def _whose(m: re.Match[str]) -> str | None:
    nxt = m.group("next").lower()
    if nxt in _after_contraction() or nxt.endswith(("ly", "ing", "ed")):
        return None
    if nxt in _owned() or (nxt.endswith("s") and not nxt.endswith("ss")) or "-" in nxt:
        return _keep_case(m.group("flag"), "whose")
    return None


def _article(m: re.Match[str]) -> str | None:
    word = m.group("next")
    lower = word.lower()
    if word.isupper() and len(word) > 1 and word.isalpha():
        wants_an = word[0] in _VOWEL_LETTERS
    elif lower.startswith(_VOWEL_SOUND_WORDS):
        wants_an = True
    elif lower.startswith(_CONSONANT_SOUND_PREFIXES):
        wants_an = False
    else:
        wants_an = lower[:1] in "aeiou"
    a = m.group("flag")
    if wants_an and a.lower() == "a":
        return _keep_case(a, "an")
    if not wants_an and a.lower() == "an" and not word.isupper():
        return _keep_case(a, "a")
    return None


def _me_and(m: re.Match[str]) -> str | None:
    verb = m.group("verb").lower()
    fixed = {"was": "were", "is": "are", "has": "have"}.get(verb, verb)
    other = m.group("other")
    return _keep_case(m.group("flag"), f"{other} and I {fixed}")


def _fixed(replacement: str) -> Callable[[re.Match[str]], str | None]:
    return lambda m: _keep_case(m.group("flag"), replacement)


_MODALS = (
    r"(?:to|not|never|will|would|could|might|may|can|cannot|can't|don't|didn't|won't|shall|"
    r"should|must)"
)
_BE_I = r"(?:I am|I'm|I’m|I was|we are|we're|we’re|we were|am)"

RULES: tuple[Rule, ...] = (
    Rule(
        "look forward to + base verb",
        _rx(
            r"\blook(?:ing)? forward to (?P<flag>hear|meet|see|speak|work|talk|join|receive|"
            r"discuss|learn|continue|contribute|get|start|help|connect|collaborate|catch|visit|"
            r"share)\b"
        ),
        _look_forward,
        "after 'look forward to', use the -ing form",
    ),
    Rule(
        "to + past tense",
        _rx(
            r"\b(?:great|nice|good|pleased|happy|glad|lovely|delighted|wonderful|pleasure|chance|"
            r"opportunity|able|want|wanted|hope|hoped|like|love|eager|keen|time) to "
            r"(?P<flag>met|talked|spoke|saw|went|did|came|took|gave|wrote|began|knew|chose|heard|"
            r"joined|worked|discussed|shared|spoken|seen)\b"
        ),
        _to_past,
        "after 'to', use the base form of the verb",
    ),
    Rule(
        "it's for its",
        _rx(
            r"\b(?:and|of|in|on|with|for|to|from|about|by|at|into|through|that|the) "
            r"(?P<flag>it['’]s) (?P<next>[\w-]+)"
        ),
        _its,
        "'it's' means 'it is'; the possessive is 'its'",
    ),
    Rule(
        "who's for whose",
        _rx(r"\b(?P<flag>who['’]s) (?P<next>[\w-]+)"),
        _whose,
        "'who's' means 'who is'; the possessive is 'whose'",
    ),
    Rule(
        "then for than",
        _rx(
            r"\b(?:more|less|better|worse|rather|other|fewer|greater|larger|smaller|higher|lower|"
            r"faster|slower|earlier|later|longer|shorter|bigger|easier|harder|sooner) "
            r"(?:\w+ ){0,3}?(?P<flag>then)\b"
        ),
        _fixed("than"),
        "comparisons take 'than'",
    ),
    Rule(
        "loose for lose",
        _rx(
            r"\b(?:" + _MODALS + r"|levels|they|we|you|I|patients|customers|clients) "
            r"(?P<flag>loose)\b"
        ),
        _fixed("lose"),
        "'loose' is not tight; the verb is 'lose'",
    ),
    Rule(
        "interesting in",
        _rx(r"\b" + _BE_I + r" (?:\w+ly |very |so |really )?(?P<flag>interesting in)\b"),
        _fixed("interested in"),
        "you are 'interested in' something",
    ),
    Rule(
        "a before a vowel sound",
        _rx(r"\b(?P<flag>an?) (?P<next>[A-Za-z][\w-]*)"),
        _article,
        "use 'an' before a vowel sound and 'a' before a consonant sound",
    ),
    Rule(
        "discuss about",
        _rx(r"\b(?P<flag>discuss(?:ed|ing)? about)\b"),
        lambda m: m.group("flag").rsplit(" ", 1)[0],
        "'discuss' takes no 'about'",
    ),
    Rule(
        "Me and X was",
        _rx(
            r"(?:^|[.;:,!?]\s+|\b(?:and|but|so|because) )(?P<flag>me and "
            r"(?P<other>(?:my |our |the )?\w+) (?P<verb>was|were|are|is|have|has|had|did|"
            r"worked|went|led|built|ran))\b"
        ),
        _me_and,
        "the subject is 'X and I'",
    ),
    Rule(
        "we/they was",
        _rx(r"\b(?P<flag>(?:we|they|you) was)\b"),
        lambda m: m.group("flag").rsplit(" ", 1)[0] + " were",
        "'we', 'you' and 'they' take 'were'",
    ),
    Rule(
        "I done / I seen",
        _rx(r"\b(?P<flag>I (?:done|seen|been|gone|begun|wrote it|knowed))\b"),
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
        _rx(
            r"\b(?P<flag>(?:have|has|had|I've|I’ve|we've) (?P<verb>went|wrote|did|saw|took|gave|"
            r"came|spoke|began|knew|chose|ate|drove|grew|ran|broke|forgot))\b"
        ),
        lambda m: (
            m.group("flag").rsplit(" ", 1)[0]
            + " "
            + _forms("past_participle")[m.group("verb").lower()]
        ),
        "after 'have', use the past participle",
    ),
    Rule(
        "irregardless",
        _rx(r"\b(?P<flag>irregardless)\b"),
        _fixed("regardless"),
        "'irregardless' is not standard; write 'regardless'",
    ),
    Rule(
        "between you and I",
        _rx(r"\b(?P<flag>between you and I)\b"),
        _fixed("between you and me"),
        "after 'between', use 'me'",
    ),
    Rule(
        "could of",
        _rx(r"\b(?P<flag>(?:could|should|would|must|might) of)\b"),
        lambda m: m.group("flag").split()[0] + " have",
        "write 'could have', not 'could of'",
    ),
    Rule(
        "your for you're",
        _rx(
            r"\b(?:can tell|know|hope|think|glad|sure|clear|see) (?P<flag>your) (?:serious|right|"
            r"keen|busy|looking|hiring|building|planning|interested|committed|going|aiming|"
            r"able|ready|doing|not)\b"
        ),
        _fixed("you're"),
        "'your' is possessive; 'you are' is 'you're'",
    ),
    Rule(
        "you're for your",
        _rx(
            r"\b(?:about|of|for|with|on|in|to|at|by|from|thank) (?P<flag>you['’]re) "
            r"(?!(?:a|an|the|not|so|very|right|welcome|looking|going|hiring)\b)[\w-]+"
        ),
        _fixed("your"),
        "'you're' means 'you are'; the possessive is 'your'",
    ),
    Rule(
        "there for their",
        _rx(
            r"\b(?:for|of|with|about|on|in|to|from|by|at|and) (?P<flag>there) (?:top|team|own|"
            r"new|clients|customers|staff|work|plans|move|approach|accounts|patients|pupils|"
            r"students|product|products|services|office|offices|goals|board|work)\b"
        ),
        _fixed("their"),
        "the possessive is 'their'",
    ),
    Rule(
        "there for they're",
        _rx(
            r"\b(?P<flag>there) (?:keen|going|looking|hiring|planning|building|happy|proud|"
            r"interested|committed|able|ready|busy|trying)\b"
        ),
        _fixed("they're"),
        "'they are' is 'they're'",
    ),
    Rule(
        "they're for their",
        _rx(
            r"\b(?:and|of|for|with|about|on|in|to|from|by|at) (?P<flag>they['’]re) "
            r"(?!(?:a|an|the|not|so|very|also|still|looking|going|hiring|keen|happy|right)\b)"
            r"[\w-]+(?: [\w-]+)? (?:have|has|is|are|was|were)\b"
        ),
        _fixed("their"),
        "'they're' means 'they are'; the possessive is 'their'",
    ),
    Rule(
        "affect and effect",
        _rx(
            r"\b(?:the|an|any|positive|negative|big|real|clear|this|that|same) (?P<flag>affect)\b"
            r"|\b(?:would|could|might|may|will|can|to|positives?|negatives?|they|which) "
            r"(?P<flag2>effect)\b"
        ),
        lambda m: "effect" if m.group("flag") else "affect",
        "the noun is 'effect'; the verb is 'affect'",
    ),
    Rule(
        "compliment for complement",
        _rx(r"\b(?:would|could|will|to|nicely|well|might) (?P<flag>compliment)\b"),
        _fixed("complement"),
        "to go well with something is to 'complement' it",
    ),
    Rule(
        "principle for principal",
        _rx(
            r"\b(?:a|the) (?P<flag>principle) (?:engineer|investigator|risk|reason|concern|"
            r"designer|consultant|architect|scientist|officer|partner|teacher|aim|goal|"
            r"challenge|author|role|cause|problem)\b"
        ),
        _fixed("principal"),
        "'principal' means main or chief; a 'principle' is a rule",
    ),
    Rule(
        "less for fewer",
        _rx(
            r"\b(?P<flag>less) (?:pupils|students|people|patients|staff members|customers|clients|"
            r"errors|mistakes|bugs|incidents|calls|meetings|hours|days|alerts|complaints|"
            r"children|tickets|cases)\b"
        ),
        _fixed("fewer"),
        "use 'fewer' with things you count",
    ),
    Rule(
        "practise for practice (noun)",
        _rx(
            r"\b(?:good|best|clinical|private|general|in|into|standard|common|professional|"
            r"teaching|reflective|model of good) (?P<flag>practise)\b"
        ),
        _fixed("practice"),
        "the noun is 'practice'; 'practise' is the verb",
    ),
    Rule(
        "advice for advise",
        _rx(r"\b(?:to|would|could|will|can|I|we|should|might) (?P<flag>advice)\b"),
        _fixed("advise"),
        "the verb is 'advise'; 'advice' is the noun",
    ),
    Rule(
        "lead for led",
        _rx(
            r"\bI (?P<flag>lead) (?:the|a|an|our|my|over|two|three|four|five)\b"
            r"(?=[^.]*\b(?:last|ago|in 20\d\d|previously|before|when I was)\b)"
        ),
        _fixed("led"),
        "the past of 'lead' is 'led'",
    ),
    Rule(
        "weather for whether",
        _rx(
            r"\b(?:and|about|know|ask|see|decide|consider|wonder|wondering|on|sure) "
            r"(?P<flag>weather) (?:the|I|we|you|it|this|that|they|or|to|my|our|your)\b"
        ),
        _fixed("whether"),
        "'whether' introduces a choice; 'weather' is rain and sun",
    ),
    Rule(
        "were for where",
        _rx(
            r"\b(?:the|a|school|place|team|company|hospital|site|office|firm) (?P<flag>were) "
            r"(?:I|we|you|they|he|she)\b"
        ),
        _fixed("where"),
        "a place takes 'where'",
    ),
    Rule(
        "informations",
        _rx(r"\b(?P<flag>informations|advices|feedbacks|equipments|knowledges)\b"),
        lambda m: m.group("flag")[:-1],
        "this word has no plural",
    ),
    Rule(
        "will like for would like",
        _rx(r"\b(?:I|we) (?P<flag>will like)\b"),
        _fixed("would like"),
        "a polite wish is 'would like'",
    ),
    Rule(
        "am having + years",
        _rx(r"\b(?P<flag>am having) (?:\w+ )?(?:years?|months?|experience)\b"),
        _fixed("have"),
        "'have' (not 'am having') for experience",
    ),
    Rule(
        "ask few questions",
        _rx(r"\b(?P<flag>(?:ask|have|had|answer) few questions)\b"),
        lambda m: m.group("flag").replace(" few", " a few"),
        "'a few' means some; 'few' means hardly any",
    ),
    Rule(
        "since + duration",
        _rx(
            r"\b(?P<flag>since (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|many|"
            r"several) (?:years|months|weeks|days))\b(?! ago)"
        ),
        lambda m: "for" + m.group("flag")[5:],
        "a duration takes 'for'",
    ),
    Rule(
        "use to",
        _rx(r"\b(?:I'm|I’m|I am|we're|we are|I was|got|get) (?P<flag>use to)\b"),
        _fixed("used to"),
        "'used to' something",
    ),
    Rule(
        "more better",
        _rx(r"\b(?P<flag>more (?:better|worse|easier|harder|faster|bigger|smaller))\b"),
        lambda m: m.group("flag").split()[1],
        "'more' and a comparative say the same thing twice",
    ),
    Rule(
        "one of the + singular",
        _rx(
            r"\b(?P<flag>one of the (?:best|most \w+|biggest|strongest|largest|top) "
            r"(?:team|company|school|hospital|firm|studio|place|experience|interview|group))\b"
        ),
        lambda m: m.group("flag") + "s",
        "'one of the' takes a plural",
    ),
    Rule(
        "its for it's",
        _rx(
            r"(?:^|[.!?]\s+)(?P<flag>Its) (?:a|an|the|been|great|good|so|very|not|clear|"
            r"exciting|wonderful|nice|important)\b"
        ),
        _fixed("It's"),
        "'it is' is 'it's'",
    ),
)


def grammar_findings(text: str) -> list[Finding]:
    """Every mistake the rules find in `text`."""
    return list(_find(text))


def _find(text: str) -> Iterator[Finding]:
    for rule in RULES:
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
