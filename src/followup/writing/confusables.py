"""Confusable words, the commonest mistakes of cover and thank-you letters: it's/its,
who's/whose, then/than, loose/lose, your/you're, there/their/they're, affect/effect,
compliment/complement, principle/principal, advice/advise, lead/led, weather/whether,
were/where. Each rule fires only in a context that shows which word was meant, so a correct
"it's been" or "the weather" is never touched (tests/writing/test_grammar.py)."""

from __future__ import annotations

import re

from followup.writing.patterns import MODALS, Rule, after_contraction, fixed, keep_case, owned, rx


def _its(m: re.Match[str]) -> str | None:
    nxt = m.group("next")
    if nxt.lower() in after_contraction() or nxt.lower().endswith("ly"):
        return None
    if "-" in nxt or nxt.lower() in owned():
        return keep_case(m.group("flag"), "its")
    return None


def _whose(m: re.Match[str]) -> str | None:
    nxt = m.group("next").lower()
    if nxt in after_contraction() or nxt.endswith(("ly", "ing", "ed")):
        return None
    if nxt in owned() or (nxt.endswith("s") and not nxt.endswith("ss")) or "-" in nxt:
        return keep_case(m.group("flag"), "whose")
    return None


CONFUSIONS: tuple[Rule, ...] = (
    Rule(
        "it's for its",
        rx(
            r"\b(?:and|of|in|on|with|for|to|from|about|by|at|into|through|that|the) "
            r"(?P<flag>it['’]s) (?P<next>[\w-]+)"
        ),
        _its,
        "'it's' means 'it is'; the possessive is 'its'",
    ),
    Rule(
        "who's for whose",
        rx(r"\b(?P<flag>who['’]s) (?P<next>[\w-]+)"),
        _whose,
        "'who's' means 'who is'; the possessive is 'whose'",
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
    ),
    Rule(
        "loose for lose",
        rx(
            r"\b(?:" + MODALS + r"|levels|they|we|you|I|patients|customers|clients) "
            r"(?P<flag>loose)\b"
        ),
        fixed("lose"),
        "'loose' is not tight; the verb is 'lose'",
    ),
    Rule(
        "your for you're",
        rx(
            r"\b(?:can tell|know|hope|think|glad|sure|clear|see) (?P<flag>your) (?:serious|right|"
            r"keen|busy|looking|hiring|building|planning|interested|committed|going|aiming|"
            r"able|ready|doing|not)\b"
        ),
        fixed("you're"),
        "'your' is possessive; 'you are' is 'you're'",
    ),
    Rule(
        "you're for your",
        rx(
            r"\b(?:about|of|for|with|on|in|to|at|by|from|thank) (?P<flag>you['’]re) "
            r"(?!(?:a|an|the|not|so|very|right|welcome|looking|going|hiring)\b)[\w-]+"
        ),
        fixed("your"),
        "'you're' means 'you are'; the possessive is 'your'",
    ),
    Rule(
        "there for their",
        rx(
            r"\b(?:for|of|with|about|on|in|to|from|by|at|and) (?P<flag>there) (?:top|team|own|"
            r"new|clients|customers|staff|work|plans|move|approach|accounts|patients|pupils|"
            r"students|product|products|services|office|offices|goals|board|work)\b"
        ),
        fixed("their"),
        "the possessive is 'their'",
    ),
    Rule(
        "there for they're",
        rx(
            r"\b(?P<flag>there) (?:keen|going|looking|hiring|planning|building|happy|proud|"
            r"interested|committed|able|ready|busy|trying)\b"
        ),
        fixed("they're"),
        "'they are' is 'they're'",
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
    ),
    Rule(
        "compliment for complement",
        rx(r"\b(?:would|could|will|to|nicely|well|might) (?P<flag>compliment)\b"),
        fixed("complement"),
        "to go well with something is to 'complement' it",
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
    ),
    Rule(
        "practise for practice (noun)",
        rx(
            r"\b(?:good|best|clinical|private|general|in|into|standard|common|professional|"
            r"teaching|reflective|model of good) (?P<flag>practise)\b"
        ),
        fixed("practice"),
        "the noun is 'practice'; 'practise' is the verb",
    ),
    Rule(
        "advice for advise",
        rx(r"\b(?:to|would|could|will|can|I|we|should|might) (?P<flag>advice)\b"),
        fixed("advise"),
        "the verb is 'advise'; 'advice' is the noun",
    ),
    Rule(
        "lead for led",
        rx(
            r"\bI (?P<flag>lead) (?:the|a|an|our|my|over|two|three|four|five)\b"
            r"(?=[^.]*\b(?:last|ago|in 20\d\d|previously|before|when I was)\b)"
        ),
        fixed("led"),
        "the past of 'lead' is 'led'",
    ),
    Rule(
        "weather for whether",
        rx(
            r"\b(?:and|about|know|ask|see|decide|consider|wonder|wondering|on|sure) "
            r"(?P<flag>weather) (?:the|I|we|you|it|this|that|they|or|to|my|our|your)\b"
        ),
        fixed("whether"),
        "'whether' introduces a choice; 'weather' is rain and sun",
    ),
    Rule(
        "were for where",
        rx(
            r"\b(?:the|a|school|place|team|company|hospital|site|office|firm) (?P<flag>were) "
            r"(?:I|we|you|they|he|she)\b"
        ),
        fixed("where"),
        "a place takes 'where'",
    ),
    Rule(
        "its for it's",
        rx(
            r"(?:^|[.!?]\s+)(?P<flag>Its) (?:a|an|the|been|great|good|so|very|not|clear|"
            r"exciting|wonderful|nice|important)\b"
        ),
        fixed("It's"),
        "'it is' is 'it's'",
    ),
)
