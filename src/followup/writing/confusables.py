"""Confusable words, the commonest mistakes of cover and thank-you letters: it's/its,
who's/whose, then/than, loose/lose, your/you're, there/their/they're, affect/effect,
compliment/complement, principle/principal, advice/advise, lead/led, weather/whether,
were/where, here/hear, past/passed, accept/except. Each rule fires only in a context that shows
which word was meant, so a correct "it's been" or "the weather" is never touched
(tests/writing/test_grammar.py, test_confusables.py)."""

from __future__ import annotations

import re

from followup.writing.patterns import (
    MODALS,
    Rule,
    after_contraction,
    fixed,
    flag_group,
    keep_case,
    owned,
    rx,
    words,
)

_OWNING_CONTEXT = frozenset(
    ("and", "of", "in", "on", "with", "for", "to", "from", "about", "by", "at", "into",
     "through", "that", "the")
)  # fmt: skip
# Plurals that follow "it's" as "it is": "it's years since", "it's people like you who".
_IT_IS_PLURALS = frozenset(
    ("hours", "days", "weeks", "months", "years", "ages", "times", "people", "things", "minutes")
)  # fmt: skip


def _its(m: re.Match[str]) -> str | None:
    """ "the ward and it's audit", "takes it's duties" -> "its"; "it's been", "it's clients
    who matter" (it is) stay."""
    nxt = m.group("next").lower()
    if nxt in after_contraction() or nxt.endswith("ly"):
        return None
    if m.group("before") in _OWNING_CONTEXT and ("-" in nxt or nxt in owned()):
        return keep_case(m.group("flag"), "its")
    plural = nxt.endswith("s") and not nxt.endswith(("ss", "us", "is")) and len(nxt) > 3
    if plural and nxt not in _IT_IS_PLURALS and m.group("then") not in ("who", "that", "which"):
        return keep_case(m.group("flag"), "its")
    return None


def _whose(m: re.Match[str]) -> str | None:
    nxt = m.group("next").lower()
    if nxt in after_contraction() or nxt.endswith(("ly", "ing", "ed")):
        return None
    plural = nxt.endswith("s") and not nxt.endswith("ss")
    if nxt in owned() or nxt in words("attributive") or plural or "-" in nxt:
        return keep_case(m.group("flag"), "whose")
    return None


_STATES = frozenset(
    ("serious", "right", "keen", "busy", "interested", "committed", "able", "ready", "not")
)  # fmt: skip
_CLAUSE_OPENERS = frozenset(
    ("hear", "heard", "know", "knew", "glad", "see", "saw", "think", "hope", "sure", "that",
     "if", "when", "as", "because", "since", "and", "but", "so", "while", "told", "said")
)  # fmt: skip
_SEEN = ("can tell", "know", "hope", "think", "glad", "sure", "clear", "see")
_AFTER_VERB_ING = frozenset(
    ("to", "over", "ahead", "through", "forward", "out", "up", "back", "with", "into", "for",
     "at", "a", "an", "the", "my", "our", "it", "them", "this", "these", "those", "some", "more")
)  # fmt: skip


def _youre(m: re.Match[str]) -> str | None:
    """ "I know your busy", "your going over to" -> "you're"; "your hiring process" and "your
    training for" stay."""
    word, after = m.group("word").lower(), (m.group("next") or "").lower()
    before = m.string[: m.start()].rstrip().lower()
    if word in _STATES and before.endswith(_SEEN):
        return keep_case(m.group("flag"), "you're")
    if not word.endswith("ing") or after not in _AFTER_VERB_ING:
        return None
    # "appreciate your taking the time", "Your taking the time meant a lot": a gerund owned
    # by "your" is right; only after "hear", "know", "that"... is "your going" a clause
    if (before.rsplit(None, 1)[-1] if before else "") not in _CLAUSE_OPENERS:
        return None
    if word in words("ing_nouns") and after not in ("a", "an", "the", "my", "our", "it", "this"):
        return None
    return keep_case(m.group("flag"), "you're")


# A finished time in the same sentence makes "I lead" a past ("I lead the rollout last year");
# a present one keeps it present ("I lead the team now, and last year I led the audit").
_PAST_MARK = re.compile(
    r"\b(?:last (?:year|month|week|spring|summer|autumn|fall|winter)|\w+ ago|in (?:19|20)\d\d|"
    r"previously|back then|when I was|at my (?:last|previous|former)|in my (?:last|previous|"
    r"former))\b",
    re.IGNORECASE,
)
_PRESENT_MARK = re.compile(r"\b(?:now|currently|today|at present|every|each|usually)\b", re.I)
_PLACES = (
    r"(?:area|place|site|job|project|role|post|school|ward|office|hospital|clinic|practice|"
    r"store|shop|city|town|region|country|stage|point|case|situation|setting|environment|"
    r"warehouse|farm|station|time)"
)


_PAST = (
    r"cut|put|set|met|led|ran|saw|took|made|had|got|went|came|did|won|built|kept|felt|found|"
    r"gave|grew|held|knew|left|lost|paid|said|sent|spent|stood|told|brought|bought|caught|"
    r"taught|thought|wrote|began|became|drove|spoke"
)


def _where(m: re.Match[str]) -> str | None:
    """ "an area were a slip can cost" -> "where"; not in a wish or a condition ("if the
    setting were quieter")."""
    start = max(m.string.rfind(c, 0, m.start()) for c in ".!?;\n")
    clause = m.string[start + 1 : m.start()].lower()
    if re.search(r"\b(?:if|wish|as though|even if)\b", clause):
        return None
    return keep_case(m.group(flag_group(m)), "where")


def _led(m: re.Match[str]) -> str | None:
    if m.group("flag2"):
        return "led"
    text = m.string
    start = max(text.rfind(c, 0, m.start()) for c in ".!?\n")
    ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
    sentence = text[start + 1 : min(ends, default=len(text))]
    if _PAST_MARK.search(sentence) and not _PRESENT_MARK.search(sentence):
        return "led"
    return None


CONFUSIONS: tuple[Rule, ...] = (
    Rule(
        "it's for its",
        rx(r"\b(?P<before>[a-z]+) (?P<flag>it['’]s) (?P<next>[\w-]+)(?: (?P<then>[a-z]+))?"),
        _its,
        "'it's' means 'it is'; the possessive is 'its'",
        needs="it's ",
    ),
    Rule(
        "who's for whose",
        rx(r"\b(?P<flag>who['’]s) (?P<next>[\w-]+)"),
        _whose,
        "'who's' means 'who is'; the possessive is 'whose'",
        needs="who's ",
    ),
    Rule(
        "then for than",
        rx(
            r"\b(?:more|less|better|worse|rather|other|fewer|greater|larger|smaller|higher|lower|"
            r"faster|slower|earlier|later|longer|shorter|bigger|easier|harder|sooner) "
            r"(?:\w+ ){0,3}?(?P<flag>then)\b"
        ),
        fixed("than"),
        "comparisons take 'than'",
        needs="then",
    ),
    Rule(
        "loose for lose",
        rx(
            r"\b(?:" + MODALS + r"|levels|they|we|you|I|patients|customers|clients) "
            r"(?P<flag>loose)\b"
        ),
        fixed("lose"),
        "'loose' is not tight; the verb is 'lose'",
        needs="loose",
    ),
    Rule(
        "your for you're",
        rx(r"\b(?P<flag>your) (?P<word>[a-z]+)(?: (?P<next>[a-z]+))?"),
        _youre,
        "'your' is possessive; 'you are' is 'you're'",
        needs="your",
    ),
    Rule(
        "you're for your",
        rx(
            r"\b(?:about|of|for|with|on|in|to|at|by|from|thank) (?P<flag>you['’]re) "
            r"(?!(?:a|an|the|not|so|very|right|welcome|looking|going|hiring)\b)[\w-]+"
        ),
        fixed("your"),
        "'you're' means 'you are'; the possessive is 'your'",
        needs="you're ",
    ),
    Rule(
        "there for their",
        rx(
            r"\b(?:for|of|with|about|on|in|to|from|by|at|and) (?P<flag>there) (?:top|team|own|"
            r"new|clients|customers|staff|work|plans|move|approach|accounts|patients|pupils|"
            r"students|product|products|services|office|offices|goals|board|work)\b"
            r"|\b(?P<flag2>there) own\b"
        ),
        fixed("their"),
        "the possessive is 'their'",
        needs="there",
    ),
    Rule(
        "their for there",
        rx(
            r"\b(?:be|work|live|stay|go|get|is|are|was|were|team|them|us|people) "
            r"(?P<flag>their)(?=\s*[.!?;]|\s*$)"
            r"|\b(?P<flag2>their) (?:is|are|was|were|will be|has been|have been|isn't|aren't|"
            r"wasn't|weren't)\b"
        ),
        fixed("there"),
        "the place (and 'there is') is 'there'; 'their' is possessive",
        needs="their",
    ),
    Rule(
        "there for they're",
        rx(
            r"\b(?P<flag>there) (?:keen|going|looking|hiring|planning|building|happy|proud|"
            r"interested|committed|able|ready|busy|trying)\b"
        ),
        fixed("they're"),
        "'they are' is 'they're'",
        needs="there",
    ),
    Rule(
        "they're for their",
        rx(
            r"\b(?:and|of|for|with|about|on|in|to|from|by|at) (?P<flag>they['’]re) "
            r"(?!(?:a|an|the|not|so|very|also|still|looking|going|hiring|keen|happy|right)\b)"
            r"[\w-]+(?: [\w-]+)? (?:have|has|is|are|was|were)\b"
        ),
        fixed("their"),
        "'they're' means 'they are'; the possessive is 'their'",
        needs="they're ",
    ),
    Rule(
        "affect and effect",
        rx(
            r"\b(?:the|an|any|positive|negative|big|real|clear|this|that|same) (?P<flag>affect)\b"
            r"|\b(?:would|could|might|may|will|can|to|positives?|negatives?|they|which) "
            r"(?P<flag2>effect)\b"
        ),
        lambda m: "effect" if m.group("flag") else "affect",
        "the noun is 'effect'; the verb is 'affect'",
        needs="ffect",
    ),
    Rule(
        "compliment for complement",
        rx(r"\b(?:would|could|will|to|nicely|well|might) (?P<flag>compliment)\b"),
        fixed("complement"),
        "to go well with something is to 'complement' it",
        needs="compliment",
    ),
    Rule(
        "principle for principal",
        rx(
            r"\b(?:a|the) (?P<flag>principle) (?:engineer|investigator|risk|reason|concern|"
            r"designer|consultant|architect|scientist|officer|partner|teacher|aim|goal|"
            r"challenge|author|role|cause|problem)\b"
        ),
        fixed("principal"),
        "'principal' means main or chief; a 'principle' is a rule",
        needs="principle",
    ),
    Rule(
        "practise for practice (noun)",
        rx(
            r"\b(?:good|best|clinical|private|general|in|into|standard|common|professional|"
            r"teaching|reflective|model of good) (?P<flag>practise)\b"
        ),
        fixed("practice"),
        "the noun is 'practice'; 'practise' is the verb",
        needs="practise",
    ),
    Rule(
        "advice for advise",
        rx(r"\b(?:to|would|could|will|can|I|we|should|might) (?P<flag>advice)\b"),
        fixed("advise"),
        "the verb is 'advise'; 'advice' is the noun",
        needs="advice",
    ),
    Rule(
        "lead for led",
        rx(
            r"\b(?:I|we) (?P<flag>lead)\b(?! to\b)"
            r"|\b(?:have|has|had|I've|we've) (?P<flag2>lead)\b(?! to\b)"
        ),
        _led,
        "the past of 'lead' is 'led'",
        needs="lead ",
    ),
    Rule(
        "weather for whether",
        rx(
            r"\b(?:and|about|know|ask|asking|asked|see|decide|deciding|consider|wonder|wondering|"
            r"wondered|on|sure|unsure|check|checking|confirm) "
            r"(?P<flag>weather) (?:the|I|we|you|it|this|that|they|or|to|my|our|your|there|he|"
            r"she|any)\b"
        ),
        fixed("whether"),
        "'whether' introduces a choice; 'weather' is rain and sun",
        needs="weather",
    ),
    Rule(
        "were for where",
        rx(
            r"\b(?:the|a|school|place|team|company|hospital|site|office|firm) (?P<flag>were) "
            r"(?:I|we|you|they|he|she)\b"
            r"|(?:\b(?:an?|the|this|that|one) (?:[a-z]+ )?" + _PLACES + r" |, ?)(?P<flag2>were) "
            r"(?:I|we|you|they|he|she|it|(?:a|an|the|our|my|your|their|this|that|every|each|no|"
            r"some|any|all) (?:(?!who |which |that )[a-z-]+ ){0,2}?(?!who |which |that )[a-z-]+) "
            r"(?:"
            + _PAST
            + r"|[a-z]+s|can|could|will|would|may|might|should|must|is|are|was|has|have|had|"
            r"do|does|did|[a-z]+ed)\b"
        ),
        _where,
        "a place takes 'where'",
        needs="were",
    ),
    Rule(
        "here for hear",
        rx(
            r"\b(?:to|would|will|could|did|didn't|never|can|I|we|you) (?P<flag>here) (?:back|from|"
            r"about|more|that|how|what|whether|if)\b"
        ),
        fixed("hear"),
        "to listen is to 'hear'; 'here' is a place",
        needs="here",
    ),
    Rule(
        "past for passed",
        rx(
            r"\b(?:has|have|had)(?: (?:now|already|just|long|since))? (?P<flag>past)"
            r"(?=\s*(?:[.,;!?]|$)|\s+(?:without|and|but|so|now|already|quickly|by|yet)\b)"
            r"|\b(?:I|we|they|she|he) (?P<flag2>past) (?:the|my|our|all|both|it|a|an)\b"
        ),
        fixed("passed"),
        "the verb is 'passed'; 'past' is a time or a place",
        needs="past",
    ),
    Rule(
        "accept for except",
        rx(
            r"\b(?:all|every|any|each|anything|everything|everyone|anyone|nothing|week)\b"
            r"[^.;!?]{0,40}? (?P<flag>accept) (?:for\b|on\b|when\b|weekends?\b|holidays\b|"
            r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\b)"
        ),
        fixed("except"),
        "'except' leaves something out; 'accept' is to take",
        needs="accept",
    ),
    Rule(
        "except for accept",
        rx(r"\b(?:to|will|would|gladly|happily|I|we) (?P<flag>except) (?:the|your|this|an?|my)\b"),
        fixed("accept"),
        "to take an offer is to 'accept' it",
        needs="except",
    ),
    Rule(
        "advise for advice",
        rx(
            r"\b(?:your|my|his|her|their|our|the|some|good|expert|practical|helpful|useful|great|"
            r"sound|wise|for|of) (?P<flag>advise)\b"
        ),
        fixed("advice"),
        "the noun is 'advice'; 'advise' is the verb",
        needs="advise",
    ),
    Rule(
        "its for it's",
        rx(
            r"(?:^|[.!?]\s+)(?P<flag>Its) (?:a|an|the|been|great|good|so|very|not|clear|"
            r"exciting|wonderful|nice|important)\b"
        ),
        fixed("It's"),
        "'it is' is 'it's'",
        needs="its ",
    ),
)
