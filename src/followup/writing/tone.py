"""Tone, by meaning (writing/data/tone.toml). In a check-in: complaints about silence ("still
no reply", "I haven't heard a thing"), demands for speed ("update me immediately", "ASAP"), and
shouting (repeated marks, words in capitals that are emphasis rather than acronyms: "AGAIN",
"PLEASE RESPOND"). In any note: anxiety ("desperate", "I really need this job"), words too
casual for an interviewer ("Cheers bro") and boasts ("I am sure I am the strongest candidate")."""

from __future__ import annotations

import functools
import re

from followup.writing.findings import Finding
from followup.writing.lexicon import data_file, data_list
from followup.writing.patterns import words

PUSHY = "sounds pushy or anxious; keep a check-in warm and patient"
# group of tone.toml -> what to say; the first four in check-ins only
MESSAGES = {
    "silence": PUSHY,
    "speed": PUSHY,
    "marks": PUSHY,
    "anxiety": "sounds anxious; a calm note reads as confidence",
    "familiar": "too casual for a note to an interviewer",
    "boast": "leave the judging to them; let your record make the case",
}
_CHECK_IN_ONLY = ("silence", "speed", "marks")
_CAPITALS = re.compile(r"\b[A-Z]{3,}(?:\s+[A-Z]{2,})*\b")


@functools.cache
def _group(name: str) -> re.Pattern[str]:
    patterns: list[str] = data_file("tone.toml")[name]  # type: ignore[assignment]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _shouting(run: str, known: frozenset[str]) -> bool:
    """Whether words in capitals are shouted: an emphasis word or a verb ("AGAIN", "REPLY"),
    or two or more words in a row that are not acronyms the facts know."""
    found = [w for w in run.split() if w not in known]
    emphatic = data_list("tone.toml", "emphasis") | words("verbs")
    return any(w.lower() in emphatic for w in found) or len(found) >= 2


def tone_findings(
    text: str, known: frozenset[str] = frozenset(), kind: str = "check_in"
) -> list[Finding]:
    """Phrasing that would cost the candidate goodwill (see the module's docstring); `known`
    holds the acronyms of the facts and the professional vocabulary ("CQC", "OSHA"), which are
    never shouting."""
    groups = [g for g in MESSAGES if kind == "check_in" or g not in _CHECK_IN_ONLY]
    spans = [
        (m.start(), m.end(), m.group(), MESSAGES[g])
        for g in groups
        for m in _group(g).finditer(text)
        if m.group().strip()
    ]
    if kind == "check_in":
        for m in _CAPITALS.finditer(text):
            overlaps = any(s < m.end() and m.start() < e for s, e, _, _ in spans)
            if not overlaps and _shouting(m.group(), known):
                spans.append((m.start(), m.end(), m.group(), PUSHY))
    return [
        Finding(kind="tone", message=message, start=start, end=end, text=found)
        for start, end, found, message in sorted(spans)
    ]
