"""What no grammar checker can know, because followup knows whom the candidate met: a greeting
to the wrong person, another company's name, template residue, a copy of a note to someone
else met, and the length."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from followup.core.model import Facts, Participant
from followup.writing.findings import Finding
from followup.writing.names import similar_name
from followup.writing.people import (
    anglicised_part,
    greeting_fits,
    own_words,
    right_greeting,
    split_title,
)
from followup.writing.text import fold, word_count

DUPLICATE_RATIO = 0.75

GREETING = re.compile(
    r"^[ \t]*(?:Dear|Hi|Hello|Hey|Good (?:morning|afternoon|evening))[ \t]+([^,\n:;!]+)",
    re.MULTILINE | re.IGNORECASE,
)
_PLACEHOLDERS = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{0,40}\}|<[A-Za-z][A-Za-z _-]{1,30}>"
    r"|\b(?:XXX+|TODO|TBD|FIXME)\b|_{3,}"
)


def greeted(text: str) -> tuple[str, int] | None:
    """The name a note's greeting uses, and where it starts."""
    m = GREETING.search(text)
    if m is None:
        return None
    return m.group(1).rstrip(), m.start(1)


def recipient_findings(
    text: str,
    addressee: Participant,
    people: dict[str, Participant],
    taken: set[tuple[int, int]],
) -> list[Finding]:
    """The greeting names someone other than the person the note is for, or the right person
    by a wrong form of their name ("Ms Dhomhnaill" for Ms Ní Dhomhnaill, "Hi Zhang" for Wei)."""
    found = greeted(text)
    if found is None:
        return []
    name, start = found
    end = start + len(name)
    if any(start <= s < end for s, _ in taken) or greeting_fits(name, addressee):
        return []
    others = [p for p in people.values() if p.id != addressee.id]
    other = next((p for p in others if greeting_fits(name, p)), None)
    if other is None and not own_words(name, addressee):
        other = next((p for p in others if own_words(name, p)), None)
    target = addressee.salutation or addressee.name
    if other is not None:
        return [
            Finding(
                kind="recipient",
                message=f"this note is for {addressee.name}, but it greets {other.name}",
                start=start,
                end=end,
                text=name,
                suggestions=(target,),
            )
        ]
    right = right_greeting(name, addressee)
    _, rest = split_title(name)
    if (
        own_words(name, addressee)
        or similar_name(rest, addressee)
        or anglicised_part(name, addressee)
    ):
        return [
            Finding(
                kind="name",
                message=f"{name!r} is not how {addressee.name} is addressed; write {right!r}",
                start=start,
                end=end,
                text=name,
                suggestions=(right,),
            )
        ]
    return [
        Finding(
            kind="recipient",
            message=f"this note is for {addressee.name}, but it greets {name!r}",
            start=start,
            end=end,
            text=name,
            suggestions=(target,),
        )
    ]


def company_findings(text: str, folded: str, facts: Facts) -> list[Finding]:
    """Another company the candidate applied to, named in this note."""
    own = fold(facts.application.company)
    named = [
        (company, m)
        for company in facts.other_companies
        if (key := fold(company)) and key != own and key in folded
        for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded)
    ]
    if not named:
        return []
    # "my design-system work at Contoso", straight from the facts, is a fair mention
    allowed = [
        (m.start(), m.end())
        for phrase in _fact_phrases(facts)
        for m in re.finditer(_any_person(fold(phrase)), folded)
    ]
    return [
        Finding(
            kind="company",
            message=f"{company!r} is another company you applied to; this note is for "
            f"{facts.application.company}",
            start=m.start(),
            end=m.end(),
            text=text[m.start() : m.end()],
            suggestions=(facts.application.company,),
        )
        for company, m in named
        if not any(s <= m.start() and m.end() <= e for s, e in allowed)
    ]


_PERSONAL = re.compile(r"\b(?:i|my|me|your|you|their|they|them|our|we)\b")


def _any_person(phrase: str) -> str:
    """A noted phrase as a pattern that matches it however the note addresses it: "my work at
    Contoso" is also "your work at Contoso" on a call sheet."""
    parts = _PERSONAL.split(phrase)
    return r"\w+".join(re.escape(p) for p in parts)


def _fact_phrases(facts: Facts) -> list[str]:
    phrases: list[str] = []
    for interview in facts.interviews:
        phrases += interview.forgot_to_mention
        for p in interview.participants:
            phrases += [*p.discussed, *p.liked]
    return [p for p in phrases if p]


def placeholder_findings(text: str, facts: Facts, addressee: Participant | None) -> list[Finding]:
    """Template residue: [Company Name], {name}, <ROLE>, XXX, TODO, ___."""
    out = []
    for m in _PLACEHOLDERS.finditer(text):
        inner = m.group().strip("[]{}<>").casefold()
        if "compan" in inner or "employer" in inner or "organi" in inner:
            suggestion: tuple[str, ...] = (facts.application.company,)
        elif any(k in inner for k in ("role", "position", "job", "title")):
            suggestion = (facts.application.role,)
        elif "name" in inner or "interviewer" in inner or "manager" in inner:
            if "your" in inner or "my" in inner:
                suggestion = (facts.candidate.full_name,)
            elif addressee is not None:
                suggestion = (addressee.salutation or addressee.name,)
            else:
                suggestion = ()
        else:
            suggestion = ()
        out.append(
            Finding(
                kind="placeholder",
                message="template text left in the note: replace it",
                start=m.start(),
                end=m.end(),
                text=m.group(),
                suggestions=suggestion,
            )
        )
    return out


def duplicate_findings(text: str, others: Iterable[str]) -> list[Finding]:
    """Nearly the same as a note to another person met in the same interview, word for word
    (stops at the first: `others` may be drafted as they are asked for)."""
    body = _body(text).split()
    for other in others:
        matcher = SequenceMatcher(None, body, _body(other).split(), autojunk=False)
        if (
            matcher.real_quick_ratio() <= DUPLICATE_RATIO
            or matcher.quick_ratio() <= DUPLICATE_RATIO
        ):
            continue
        ratio = matcher.ratio()
        if ratio > DUPLICATE_RATIO:
            return [
                Finding(
                    kind="duplicate",
                    message=f"{ratio:.0%} the same as a note to someone else you met; make each "
                    "one about that person's conversation",
                )
            ]
    return []


def _body(text: str) -> str:
    return text.split("\n", 1)[1] if text.startswith("Subject:") and "\n" in text else text


def note_words(text: str) -> int:
    """Words that count toward the length: from the greeting on (not the subject or the
    address blocks of a letter)."""
    m = GREETING.search(text)
    return word_count(text[m.start() :] if m else _body(text))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
