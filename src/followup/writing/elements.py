"""The content elements of docs/rules.md, "Content": which ones a note lacks.

The role counts when the note names it as a phrase ("Senior Data Analyst"), or its head noun
followed by role/position/post ("the Analyst position"); scattered words ("account executives",
"enterprise") do not. Thanks counts as an expression of thanks ("thank you", "many thanks",
"I am grateful"), not "thanks to two years on call".
"""

from __future__ import annotations

import re

from followup.core.model import ActionKind, Candidate, Facts, Interview, Participant
from followup.writing.findings import Finding
from followup.writing.people import spoken_name
from followup.writing.text import fold, mentions, when_words

THANK_YOU_ELEMENTS = (
    "full_name", "role", "when_met", "thanks", "detail", "forgot", "enthusiasm", "qualifications",
)  # fmt: skip
CHECK_IN_ELEMENTS = ("full_name", "role", "when_met", "enthusiasm")

_THANKS = re.compile(
    r"\bthank(?:s|ing)?\b(?!\s+to\b)|\bgrateful\b|\bgratitude\b|\bappreciat(?:e|ed|ing)\b"
    r"(?!\s+it\s+if)|\bappreciation\b|\bthankful\b|\bcheers for\b",
    re.IGNORECASE,
)
_ENTHUSIASM = re.compile(
    r"excit|enthusias|eager|thrill|look(?:ing)? forward|\bkeen\b|delighted|passionate|"
    r"\blove to\b|\b(?:would|I'd|I’d|we'd) love\b|glad to contribute|\bproud to\b|"
    r"\bhope to (?:join|work)|"
    r"\bwould relish\b|\binspired\b|\benergi[sz]ed\b|\bcan't wait\b|\bcannot wait\b|"
    r"\bmotivated\b|\bhonou?red to\b|\bwould (?:be )?(?:glad|happy|pleased) to (?:join|contribute)"
    r"|\bwould welcome the (?:chance|opportunity)"
    r"|\binterested in (?:the|this|your) (?:role|position|post|job|opportunity|vacancy)"
    r"|\b(?:remain|still|very|really|genuinely|truly|highly) interested in (?:joining|working)",
    re.IGNORECASE,
)
_WHEN_RELATIVE = ("yesterday", "today", "this morning", "this afternoon", "this evening",
                  "last week", "earlier this week", "earlier today")  # fmt: skip
_QUALIFIED = ("experience", "background", "skill", "track record")
_ROLE_WORDS = r"(?:role|position|post|job|opening|vacancy|opportunity|interview)"


def role_named(folded: str, role: str) -> bool:
    """Whether a (folded) note names the role: the whole title, its part before a comma or
    dash ("Data Scientist" of "Data Scientist, Pricing"), or its head noun with a word such as
    role or position ("the Nurse role")."""
    whole = fold(role)
    if re.search(rf"(?<!\w){re.escape(whole)}(?!\w)", folded):
        return True
    main = re.split(r"\s*[,–—(]\s*|\s+-\s+", whole)[0].strip()
    if main and main != whole and re.search(rf"(?<!\w){re.escape(main)}(?!\w)", folded):
        return True
    words = main.split()
    if not words:
        return False
    head = re.escape(words[-1])
    return re.search(rf"(?<!\w){head} {_ROLE_WORDS}\b", folded) is not None


def full_name_signed(folded: str, candidate: Candidate) -> bool:
    names = {fold(candidate.full_name), fold(spoken_name(candidate.full_name))}
    parts = candidate.full_name.split()
    if len(parts) > 2:
        names.add(fold(f"{parts[0]} {parts[-1]}"))
    return any(n in folded for n in names)


def present_elements(
    text: str, folded: str, facts: Facts, interview: Interview, person: Participant
) -> dict[str, bool]:
    """For each element, whether the note has it."""
    cand, app = facts.candidate, facts.application
    return {
        "full_name": full_name_signed(folded, cand),
        "role": role_named(folded, app.role),
        "when_met": any(w in folded for w in when_words(interview, cand))
        or any(w in folded for w in _WHEN_RELATIVE),
        "thanks": _THANKS.search(text) is not None,
        "detail": not person.discussed or any(mentions(folded, d) for d in person.discussed),
        "forgot": not interview.forgot_to_mention
        or any(mentions(folded, f) for f in interview.forgot_to_mention),
        "enthusiasm": _ENTHUSIASM.search(text) is not None,
        "qualifications": any(mentions(folded, x) for x in person.liked)
        if person.liked
        else any(w in folded for w in _QUALIFIED),
    }


def missing_findings(
    text: str,
    folded: str,
    facts: Facts,
    interview: Interview,
    person: Participant,
    kind: ActionKind,
) -> list[Finding]:
    """Content elements of docs/rules.md, "Content" the note lacks."""
    cand, app = facts.candidate, facts.application
    present = present_elements(text, folded, facts, interview, person)
    advice = {
        "full_name": f"sign with your full name, {cand.full_name}",
        "role": f"name the role: {app.role}",
        "when_met": "say when you met (the day or the date)",
        "thanks": "thank them for their time",
        "detail": "thank them for something from your conversation, such as "
        + " or ".join(repr(d) for d in person.discussed[:2]),
        "forgot": "add what you forgot to say: "
        + "; ".join(repr(f) for f in interview.forgot_to_mention[:2]),
        "enthusiasm": "say you are excited about the role",
        "qualifications": (
            "remind them why you fit: " + repr(person.liked[0])
            if person.liked
            else "tie your experience to the role"
        ),
    }
    elements = THANK_YOU_ELEMENTS if kind == "thank_you" else CHECK_IN_ELEMENTS
    return [
        Finding(kind="missing", message=advice[e], element=e) for e in elements if not present[e]
    ]
