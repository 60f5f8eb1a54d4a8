"""The proofreader: spelling and grammar from Harper (offline, in process) in the candidate's
English, our own rules for the confusions job letters are full of, and what Harper cannot know:
names close to, but not equal to, the people met; a greeting to the wrong person or by the wrong
part of a name; another company's name; template residue; missing content; length; pushy tone;
duplicates.

Pure given the facts: no I/O. One Proofreader per English, reused for the whole process: its
linter is built once and told every name and term the facts know (and the professional
vocabulary of writing/data/), so none of them is a spelling mistake, and a word of the user's
own notes is never "corrected".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from followup.core.model import ActionKind, English, Facts
from followup.writing.checks import (
    company_findings,
    duplicate_findings,
    line_col,
    note_words,
    placeholder_findings,
    recipient_findings,
)
from followup.writing.elements import CHECK_IN_ELEMENTS, THANK_YOU_ELEMENTS, missing_findings
from followup.writing.findings import Finding, Kind, Report
from followup.writing.grammar import grammar_findings
from followup.writing.lexicon import any_loanword, professional_words, user_terms, vocabulary
from followup.writing.names import name_findings, possessive_findings
from followup.writing.text import fold, known_people
from followup.writing.tone import tone_findings
from followup.writing.typos import LONGEST_WORD, is_typo, title_typo_findings

__all__ = [
    "CHECK_IN_ELEMENTS",
    "LIMITS",
    "THANK_YOU_ELEMENTS",
    "Proofreader",
    "Report",
    "line_col",
    "mask",
]

LIMITS: dict[str, int] = {"thank_you": 200, "check_in": 120}

# Harper's categories: mistakes are errors, the rest are advice.
_HARPER_ERRORS = frozenset(
    ("Agreement", "BoundaryError", "Capitalization", "Eggcorn", "Grammar", "Malapropism",
     "Punctuation", "Repetition", "Typo", "WordChoice")
)  # fmt: skip
# Harper rules whose category calls them advice but that catch confusions: errors here.
CONFUSION_RULES = frozenset(
    ("ThenThan", "AnA", "Discuss", "TheWhetherWeather", "WereWhere", "ToLoseTooLoose",
     "InterestedIn", "ItsContraction", "ItsPossessive", "MoreBetter", "SinceDuration",
     "OneOfTheSingular", "ModalOf", "PossessiveYour", "TheirToThere", "ThereToTheir",
     "TheyreToTheir", "TheirToTheyre", "TheyreConfusions", "PrincipleToPrincipalRoleNoun",
     "InflectedVerbAfterTo", "LookForwardTo", "LookingForwardTo", "SimplePastToPastParticiple",
     "PronounInflectionBe", "AffectToEffect", "Irregardless", "Regardless", "ThatThan",
     "YourOutClauseAgreement", "WasAloud", "LoseLoose", "AdviceAdvise")
)  # fmt: skip
# Harper rules that misfire on correct business English: advice (style), never an error,
# whatever their category. Each with the correct sentence that showed it.
HARPER_ADVICE: dict[str, str] = {
    "AdjectiveDoubleDegree": "makes monitoring visits far more honest and productive",
    "MassNouns": "no major non-conformances; a named second reader for every briefing",
    "CompoundNouns": "a practical session built around a real data set",
    "DisjointPrefixes": "40 flights legal, fuelled and re-released; de-icing holdover times",
    "ThatThan": "happy to provide anything further that would help the panel",
    # and on edited English prose (licences, package documentation; see the README)
    "DiscourseMarkers": "Notwithstanding Section 2.1(b) above, no ...",
    "AnA": "the notice in Exhibit A and to related Covered Code",
    "QuiteQuiet": "even though it is now quite small and simple",
    "ItsPossessive": "it's feature complete and has an exhaustive test suite",
}
# Word-level categories: a lint of one of these on the user's own words or on the professional
# vocabulary is about wording the user chose ("roadmap", "mentees", "web store"), never a mistake.
_WORDING = frozenset(
    ("Spelling", "Typo", "WordChoice", "BoundaryError", "Style", "Usage", "Punctuation")
)
# Rules that split or join an unknown word: a misspelling, said as spelling.
_MISSPELT_WORD = frozenset(("SplitWords", "OpenCompounds"))
# Codes that mix letters and digits ("7B", "4AT", "HbA1c", "LS1"): Harper reads "7B" as seven
# bytes; nothing inside one is prose.
_CODE = re.compile(r"\b(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+\b")
# Harper rules that misfire on ordinary business letters, turned off by configuration.
# Each was seen on this project's own drafts or clean notes (tests/writing/corpus, eval/).
HARPER_RULES_OFF: dict[str, bool | None] = {
    "SentenceCapitalization": False,  # address blocks and sign-offs are not sentences
    "LongSentences": False,  # the length check speaks for the whole note instead
    "Spaces": False,  # letters align address blocks with spaces
    # names that are also acronyms in Harper's dictionary: "Sam" -> "SAM", "Mia" -> "MIA"
    "OrthographicConsistency": False,
    # "there is news on the timeline": 'news' is uncountable, Harper counts it as plural
    "ThereIsAgreement": False,
    # "from day one" is not the journaling app Day One
    "DayOneNames": False,
    # "I was glad you picked up on my audit" lacks no preposition (tests/writing/holdout)
    "MissingPreposition": False,
    # takes an unknown word for a negative ("untill" -> "distill") and hides the spelling
    # lint, which suggests "until"
    "WrongNegative": False,
}
_HARPER_DIALECT = {"american": "AMERICAN", "british": "BRITISH", "canadian": "CANADIAN",
                   "australian": "AUSTRALIAN", "indian": "INDIAN"}  # fmt: skip
# Emails, web addresses and phone numbers are not prose.
_MASK = r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|\+?\d[\d ().-]{6,}\d"
_MAIL_OR_LINK = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+")
# Harper's suggestion search grows without bound on a pasted run of letters (a 30,000-letter
# "word" asked it for 9 GB): it never sees a token this long; the run is reported as a typo.
_RUN = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")
_MASK += rf"|\S{{{LONGEST_WORD + 1},}}"


class Proofreader:
    """Checks notes against the facts in one English; reuse one per process and English."""

    def __init__(self, english: English = "american") -> None:
        self.english = english
        self._linter: Any = None
        self._words: frozenset[str] = frozenset()

    def linter(self, vocabulary: frozenset[str]) -> Any:
        """Harper, configured, with the professional vocabulary and `vocabulary` in its
        dictionary (the facts' words are re-imported when they change)."""
        import harper

        if self._linter is None:
            self._linter = harper.Linter(getattr(harper.Dialect, _HARPER_DIALECT[self.english]))
            config = self._linter.get_lint_config()
            config.update(HARPER_RULES_OFF)
            self._linter.set_lint_config(config)
        if vocabulary != self._words:
            self._linter.clear_words()
            self._linter.import_words(sorted(professional_words() | vocabulary))
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
        others: Iterable[str] = (),
    ) -> Report:
        """Every finding of docs/contracts.md for `text`, a note to `contact_id`."""
        people = known_people(facts)
        addressee = people.get(contact_id)
        interview = facts.interview(interview_id)
        folded = fold(text)
        findings: list[Finding] = [
            Finding(
                kind="spelling",
                message="this run of characters is not a word; check what was pasted here",
                start=m.start(),
                end=m.end(),
                text=m.group()[:40],
            )
            for m in _RUN.finditer(text)
            if not _MAIL_OR_LINK.search(m.group())
        ]

        linted = self.linter(vocabulary(facts)).organized_lints(
            text, language="plaintext", regex_mask=mask(facts)
        )
        terms = user_terms(facts) | _folded_professional()
        codes = [m.span() for m in _CODE.finditer(text)]
        codes += _spans(text, _note_phrases(facts))
        names_at = _spans(text, _names(facts))
        notes_at = _spans(text, _note_phrases(facts))
        ours = [
            f
            for f in grammar_findings(text)
            if not any(s <= (f.start or 0) and (f.end or 0) <= e for s, e in notes_at)
        ]
        lints = [
            (rule, lint)
            for rule, found in linted.items()
            for lint in found
            if not _users_wording(lint, rule, terms)
            and not _inside(lint, codes)
            and not _touches(lint, rule, names_at)
            and not _certified_by_acronym(text, rule, lint)
            and not _misread_in_context(text, rule, lint)
        ]
        unknown = {
            (lint.span.start, lint.span.end) for _, lint in lints if lint.lint_kind == "Spelling"
        }
        names = name_findings(text, facts, unknown)
        ours += possessive_findings(text, facts) + title_typo_findings(text, facts)
        if addressee is not None:
            taken = {(f.start, f.end) for f in names if f.start is not None and f.end is not None}
            names += recipient_findings(text, addressee, people, taken)
        claimed = [(f.start, f.end) for f in [*names, *ours]]
        for rule, lint in lints:
            span = (lint.span.start, lint.span.end)
            if any(s is not None and e is not None and s < span[1] and span[0] < e
                   for s, e in claimed):  # fmt: skip
                continue  # said more precisely as a misspelt name or by our own rule
            found_kind = _kind(rule, lint, _proper_noun(text, span[0]))
            unknown_word = found_kind == "style" and _unknown_word(rule, lint)
            findings.append(
                Finding(
                    kind=found_kind,
                    message=f"{lint.problem_text!r} is not in the dictionary; check its spelling"
                    if unknown_word
                    else lint.message.replace("`", "'"),
                    start=span[0],
                    end=span[1],
                    text=lint.problem_text,
                    suggestions=tuple(
                        dict.fromkeys(s.replacement_text for s in lint.suggestions[:3])
                    ),
                )
            )
        findings += ours + names
        findings += company_findings(text, folded, facts)
        findings += placeholder_findings(text, facts, addressee)
        if interview is not None and addressee is not None:
            findings += missing_findings(text, folded, facts, interview, addressee, kind)
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
        findings += tone_findings(text, vocabulary(facts) | professional_words(), kind)
        findings += duplicate_findings(text, others)
        findings.sort(key=lambda f: (f.start if f.start is not None else 10**9, f.kind))
        return Report(words=words, findings=tuple(findings))


_ACRONYM_AFTER = re.compile(r"\s+[A-Z]{2,}\b")


def _certified_by_acronym(text: str, rule: str, lint: Any) -> bool:
    """Harper reads "you're OSHA 30 certified" as "your OSHA": before an acronym, "you're"
    is a credential ("you're CCRN certified"), not a possessive."""
    return rule in ("PossessiveYour", "PronounContraction") and bool(
        _ACRONYM_AFTER.match(text, lint.span.end)
    )


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:for|about|of|with|to|on|in|at|from|by|into|through|under|over|after|before|"
    r"during|despite|without|like|than)\s+$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s+([A-Za-z'-]+)\s+([A-Za-z'-]+)")
# what may follow a predicate adjective: "your kind to say so", "your right about that"
_PREDICATE_FOLLOWERS = frozenset(
    ("to", "that", "and", "but", "for", "about", "of", "with", "in", "at", "on", "enough", "so")
    + ("too", "as", "if", "when", "because")
)
_HOPE_NEXT = re.compile(
    r"\s+(?:to|that|you|we|I|it|they|he|she|this|so|everything|all)\b", re.IGNORECASE
)


def _misread_in_context(text: str, rule: str, lint: Any) -> bool:
    """Harper rules that fire on a word alone, where its neighbours show the sentence is right:
    "for your kind words" (a possessive after a preposition, or before an adjective and its
    noun, is no "you're") and "testing hop symmetry" ("hop" is "hope" only before "to", "that"
    or a pronoun)."""
    start, end = lint.span.start, lint.span.end
    if rule == "YourPredicateAdjective":
        if _PREPOSITION_BEFORE.search(text[max(0, start - 20) : start]):
            return True
        after = _WORD_AFTER.match(text, end)
        return bool(after and after.group(2).lower() not in _PREDICATE_FOLLOWERS)
    if rule == "HopHope":
        return not _HOPE_NEXT.match(text, end)
    return False


def _unknown_word(rule: str, lint: Any) -> bool:
    """A lint that says Harper does not know a word ("forcast" -> "for cast" too)."""
    if rule in HARPER_ADVICE:
        return False
    split = rule in _MISSPELT_WORD and " " not in lint.problem_text.strip()
    return bool(lint.lint_kind == "Spelling" or split)


def _kind(rule: str, lint: Any, proper_noun: bool = False) -> Kind:
    category = lint.lint_kind
    if rule in HARPER_ADVICE:
        return "style"
    if _unknown_word(rule, lint):
        # a capitalised word in mid-sentence that no dictionary knows is a place or product
        # name more often than a mistake; names of people met are checked as names instead
        if proper_noun:
            return "style"
        # a word Harper lacks is a mistake only when it is a typo of a commoner word, and not
        # a word borrowed from another language ("Kia ora" from a candidate outside NZ)
        if fold(lint.problem_text) in any_loanword():
            return "style"
        suggestions = [s.replacement_text for s in lint.suggestions]
        return "spelling" if is_typo(lint.problem_text, suggestions) else "style"
    if rule in CONFUSION_RULES or category in _HARPER_ERRORS:
        return "grammar"
    return "style"


def _proper_noun(text: str, at: int) -> bool:
    """A capitalised word that does not open a sentence."""
    if not text[at : at + 1].isupper():
        return False
    before = text[:at].rstrip(" \t\"'“(")
    return bool(before) and before[-1] not in ".!?\n:"


def _folded_professional() -> frozenset[str]:
    return _PROFESSIONAL_FOLDED or _fold_professional()


_PROFESSIONAL_FOLDED: frozenset[str] = frozenset()


def _fold_professional() -> frozenset[str]:
    global _PROFESSIONAL_FOLDED
    _PROFESSIONAL_FOLDED = frozenset(fold(w) for w in professional_words())
    return _PROFESSIONAL_FOLDED


def _users_wording(lint: Any, rule: str, terms: frozenset[str]) -> bool:
    """A word-level lint on words the user wrote in their notes, or on professional terms."""
    if lint.lint_kind not in _WORDING or rule in CONFUSION_RULES:
        return False
    problem = fold(lint.problem_text).strip(" .,;:")
    return problem in terms or problem.replace("-", " ") in terms


def _inside(lint: Any, spans: list[tuple[int, int]]) -> bool:
    """A lint within a code ("7B") or within a phrase of the user's notes."""
    start, end = lint.span.start, lint.span.end
    return any(s <= start and end <= e for s, e in spans)


def _note_phrases(facts: Facts) -> list[str]:
    """The user's own noted phrases: a lint inside one is about the user's wording."""
    phrases: list[str] = []
    for interview in facts.interviews:
        phrases += interview.forgot_to_mention
        for p in interview.participants:
            phrases += [*p.discussed, *p.liked]
    return phrases


def _names(facts: Facts) -> list[str]:
    phrases = [facts.application.company, facts.application.role, facts.candidate.full_name]
    for p in known_people(facts).values():
        phrases += [p.name, p.title or "", p.salutation or ""]
    return phrases


def _touches(lint: Any, rule: str, spans: list[tuple[int, int]]) -> bool:
    """A lint that touches a name the facts know ("to Royal Wessex Hospitals": the company's
    name is not two words to merge)."""
    start, end = lint.span.start, lint.span.end
    return rule not in CONFUSION_RULES and any(start < e and s < end for s, e in spans)


def _spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Where the phrases stand in the text."""
    lowered = text.casefold()
    spans = []
    for phrase in {p.casefold() for p in phrases if len(p) > 2}:
        at = lowered.find(phrase)
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = lowered.find(phrase, at + 1)
    return spans


def _rust_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\.^$|?*+()[]{}" else c for c in text)


def mask(facts: Facts) -> str:
    """What Harper must not read as prose: emails, links, phone numbers, and the postal
    addresses the facts hold ("Apt 3B" is not three bytes)."""
    addresses = [facts.candidate.address or ""]
    addresses += [p.address or "" for p in known_people(facts).values()]
    lines = {line.strip() for a in addresses for line in a.splitlines()}
    parts = lines | {part.strip() for line in lines for part in line.split(",")}
    # only lines with numbers need it: "Royal Wessex Hospital" masked would leave the "s" of
    # "Royal Wessex Hospitals" in the prose
    parts = {p for p in parts if len(p) > 2 and any(c.isdigit() for c in p)}
    return "|".join([_MASK, *(_rust_escape(p) for p in sorted(parts, key=len, reverse=True))])
