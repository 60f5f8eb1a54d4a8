"""The proofreader: spelling and grammar from Harper (offline, in process), and what Harper
cannot know: names close to, but not equal to, the people met; a greeting to the wrong person;
another company's name; template residue; missing content; length; pushy tone; duplicates.

Pure given the facts: no I/O. Harper's linter is built once per Proofreader (about half a
second) and told every name and term the facts know, so none of them is a spelling mistake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from followup.core.model import ActionKind, Facts, Participant
from followup.writing.findings import Finding, Kind, Report
from followup.writing.names import name_findings
from followup.writing.text import (
    TITLES,
    WORD,
    fold,
    known_people,
    mentions,
    vocabulary,
    when_words,
    word_count,
)

LIMITS: dict[str, int] = {"thank_you": 200, "check_in": 120}
THANK_YOU_ELEMENTS = (
    "full_name", "role", "when_met", "thanks", "detail", "forgot", "enthusiasm", "qualifications",
)  # fmt: skip
CHECK_IN_ELEMENTS = ("full_name", "role", "when_met", "enthusiasm")
DUPLICATE_RATIO = 0.75

# Harper's categories: mistakes are errors, the rest are advice.
_HARPER_ERRORS = frozenset(
    ("Agreement", "BoundaryError", "Capitalization", "Eggcorn", "Grammar", "Malapropism",
     "Punctuation", "Repetition", "Typo", "WordChoice")
)  # fmt: skip
# Harper rules that misfire on ordinary business letters, turned off by configuration.
# Each was seen on this project's own drafts or clean corpus (tests/writing/corpus).
HARPER_RULES_OFF: dict[str, bool | None] = {
    "SentenceCapitalization": False,  # address blocks and sign-offs are not sentences
    "LongSentences": False,  # the length check speaks for the whole note instead
    "Spaces": False,  # letters align address blocks with spaces
    # names that are also acronyms in Harper's dictionary: "Sam" -> "SAM", "Ali" -> "ALI"
    "OrthographicConsistency": False,
    # "there is news on the timeline": 'news' is uncountable, Harper counts it as plural
    "ThereIsAgreement": False,
    # "from day one" is not the journaling app Day One
    "DayOneNames": False,
}
# Emails, web addresses and phone numbers are not prose.
_MASK = r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|\+?\d[\d ().-]{6,}\d"

_GREETING = re.compile(
    r"^[ \t]*(?:Dear|Hi|Hello|Hey|Good (?:morning|afternoon|evening))[ \t]+([^,\n:;]+)",
    re.MULTILINE | re.IGNORECASE,
)
_PLACEHOLDERS = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{0,40}\}|<[A-Za-z][A-Za-z _-]{1,30}>"
    r"|\b(?:XXX+|TODO|TBD|FIXME)\b|_{3,}"
)
_PUSHY = re.compile(
    r"still (?:have ?n[o'’]t|not|haven[’']t) heard|ha(?:ve|s)(?: not|n[’']t) heard back|\bASAP\b"
    r"|!{2,}|\?{2,}|\burgent(?:ly)?\b|as soon as possible|why (?:have ?n[’']t|haven[’']t) you"
    r"|I need (?:an answer|to know)|please (?:respond|reply)\b|for weeks|desperate"
    r"|any news yet\??|hello\?",
    re.IGNORECASE,
)
_THANKS = ("thank", "grateful", "appreciat", "gratitude")
_ENTHUSIASM = ("excit", "enthusias", "eager", "thrill", "look forward", "keen", "delighted",
               "passionate", "glad to contribute")  # fmt: skip
_WHEN_RELATIVE = ("yesterday", "today", "this morning", "this afternoon", "last week",
                  "earlier this week", "on monday", "on tuesday")  # fmt: skip
_QUALIFIED = ("experience", "background", "skill", "track record")


class Proofreader:
    """Checks notes against the facts; reuse one per process (Harper takes ~0.5 s to build)."""

    def __init__(self, dialect: str = "american") -> None:
        self._dialect = dialect
        self._linter: Any = None
        self._words: frozenset[str] = frozenset()

    def linter(self, vocabulary: frozenset[str]) -> Any:
        """Harper, configured, with `vocabulary` in its dictionary (re-imported on change)."""
        import harper

        if self._linter is None:
            dialect = (
                harper.Dialect.BRITISH if self._dialect == "british" else harper.Dialect.AMERICAN
            )
            self._linter = harper.Linter(dialect)
            config = self._linter.get_lint_config()
            config.update(HARPER_RULES_OFF)
            self._linter.set_lint_config(config)
        if vocabulary != self._words:
            self._linter.clear_words()
            self._linter.import_words(sorted(vocabulary))
            self._words = vocabulary
        return self._linter

    def check(
        self,
        text: str,
        facts: Facts,
        *,
        interview_id: str,
        contact_id: str,
        kind: ActionKind = "thank_you",
        others: Sequence[str] = (),
    ) -> Report:
        """Every finding of DESIGN.md section 2 for `text`, a note to `contact_id`."""
        people = known_people(facts)
        addressee = people.get(contact_id)
        interview = facts.interview(interview_id)
        folded = fold(text)
        findings: list[Finding] = []

        lints = self.linter(vocabulary(facts)).lint(
            text, language="plaintext", regex_mask=mask(facts)
        )
        unknown = {
            (lint.span.start, lint.span.end) for lint in lints if lint.lint_kind == "Spelling"
        }
        names = name_findings(text, facts, unknown)
        named = {(f.start, f.end) for f in names if f.start is not None and f.end is not None}
        for lint in lints:
            span = (lint.span.start, lint.span.end)
            if lint.lint_kind == "Spelling":
                if span in named:
                    continue  # the same word, said more precisely as a misspelled name
                kind_: Kind = "spelling"
            else:
                kind_ = "grammar" if lint.lint_kind in _HARPER_ERRORS else "style"
            findings.append(
                Finding(
                    kind=kind_,
                    message=_plain(lint.message),
                    start=span[0],
                    end=span[1],
                    text=lint.problem_text,
                    suggestions=tuple(
                        dict.fromkeys(s.replacement_text for s in lint.suggestions[:3])
                    ),
                )
            )
        findings += names
        if addressee is not None:
            findings += recipient_findings(text, addressee, people, named)
        findings += company_findings(text, folded, facts)
        findings += placeholder_findings(text, facts, addressee)
        if interview is not None and addressee is not None:
            findings += missing_findings(folded, facts, interview, addressee, kind)
        words = note_words(text)
        limit = LIMITS[kind]
        if words > limit:
            findings.append(
                Finding(
                    kind="length",
                    message=f"{words} words; keep a {kind.replace('_', '-')} under {limit}, "
                    "and don't retell your résumé",
                )
            )
        if kind == "check_in":
            findings += [
                Finding(
                    kind="tone",
                    message="sounds pushy or anxious; keep a check-in warm and patient",
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                )
                for m in _PUSHY.finditer(text)
            ]
        findings += duplicate_findings(text, others)
        findings.sort(key=lambda f: (f.start if f.start is not None else 10**9, f.kind))
        return Report(words=words, findings=tuple(findings))


def _plain(message: str) -> str:
    return message.replace("`", "'")


def _rust_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\.^$|?*+()[]{}" else c for c in text)


def mask(facts: Facts) -> str:
    """What Harper must not read as prose: emails, links, phone numbers, and the postal
    addresses the facts hold ("Apt 3B" is not three bytes)."""
    addresses = [facts.candidate.address or ""]
    addresses += [p.address or "" for p in known_people(facts).values()]
    parts = {
        part.strip()
        for a in addresses
        for line in a.splitlines()
        for part in line.split(",")
        if len(part.strip()) > 2
    }
    return "|".join([_MASK, *(_rust_escape(p) for p in sorted(parts, key=len, reverse=True))])


def recipient_findings(
    text: str, addressee: Participant, people: dict[str, Participant], named: set[tuple[int, int]]
) -> list[Finding]:
    """The greeting names someone other than the person the note is for."""
    m = _GREETING.search(text)
    if m is None:
        return []
    greeted = m.group(1).strip()
    start = m.start(1)
    words = [w for w in WORD.findall(greeted) if w.rstrip(".") not in TITLES]
    mine = {fold(w) for w in WORD.findall(addressee.name + " " + (addressee.salutation or ""))}
    if not words or any(fold(w) in mine for w in words):
        return []
    if any(start <= s < start + len(greeted) for s, _ in named):
        return []  # a misspelling of the addressee's name, reported as such
    others = [p for p in people.values() if p.id != addressee.id]
    who = next(
        (
            p.name
            for p in others
            if any(fold(w) in {fold(x) for x in WORD.findall(p.name)} for w in words)
        ),
        None,
    )
    target = addressee.salutation or addressee.name
    message = (
        f"this note is for {addressee.name}, but it greets {who}"
        if who
        else f"this note is for {addressee.name}, but it greets {greeted!r}"
    )
    return [
        Finding(
            kind="recipient",
            message=message,
            start=start,
            end=start + len(greeted),
            text=greeted,
            suggestions=(target,),
        )
    ]


def company_findings(text: str, folded: str, facts: Facts) -> list[Finding]:
    """Another company the candidate applied to, named in this note."""
    own = fold(facts.application.company)
    # "my design-system work at Contoso", straight from the facts, is a fair mention
    allowed = [
        (m.start(), m.end())
        for phrase in _fact_phrases(facts)
        for m in re.finditer(re.escape(fold(phrase)), folded)
    ]
    out: list[Finding] = []
    for company in facts.other_companies:
        key = fold(company)
        if not key or key == own:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            if any(s <= m.start() and m.end() <= e for s, e in allowed):
                continue
            out.append(
                Finding(
                    kind="company",
                    message=f"{company!r} is another company you applied to; this note is for "
                    f"{facts.application.company}",
                    start=m.start(),
                    end=m.end(),
                    text=text[m.start() : m.end()],
                    suggestions=(facts.application.company,),
                )
            )
    return out


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


def missing_findings(
    folded: str, facts: Facts, interview: Any, person: Participant, kind: ActionKind
) -> list[Finding]:
    """Content elements of DESIGN.md section 1 C the note lacks."""
    cand, app = facts.candidate, facts.application
    parts = cand.full_name.split()
    short_name = f"{parts[0]} {parts[-1]}" if len(parts) > 2 else cand.full_name
    present = {
        "full_name": fold(cand.full_name) in folded or fold(short_name) in folded,
        "role": fold(app.role) in folded or mentions(folded, app.role),
        "when_met": any(w in folded for w in when_words(interview, cand))
        or any(w in folded for w in _WHEN_RELATIVE),
        "thanks": any(w in folded for w in _THANKS),
        "detail": not person.discussed or any(mentions(folded, d) for d in person.discussed),
        "forgot": not interview.forgot_to_mention
        or any(mentions(folded, f) for f in interview.forgot_to_mention),
        "enthusiasm": any(w in folded for w in _ENTHUSIASM),
        "qualifications": any(mentions(folded, x) for x in person.liked)
        if person.liked
        else any(w in folded for w in _QUALIFIED),
    }
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


def duplicate_findings(text: str, others: Sequence[str]) -> list[Finding]:
    """Nearly the same as a note to another person met in the same interview."""
    body = _body(text)
    for other in others:
        ratio = SequenceMatcher(None, body, _body(other), autojunk=False).ratio()
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
    m = _GREETING.search(text)
    return word_count(text[m.start() :] if m else _body(text))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
