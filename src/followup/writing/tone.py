"""Tone of a check-in: pushy or anxious phrasing, by meaning (writing/data/tone.toml):
complaints about silence ("still no reply", "I haven't heard a thing"), demands for speed
("update me immediately", "ASAP"), anxiety ("desperate"), and shouting (repeated marks, words
in capitals that are emphasis rather than acronyms: "AGAIN", "PLEASE RESPOND")."""

from __future__ import annotations

import functools
import re

from followup.writing.findings import Finding
from followup.writing.lexicon import data_file, data_list
from followup.writing.patterns import words

_GROUPS = ("silence", "speed", "anxiety", "marks")
_CAPITALS = re.compile(r"\b[A-Z]{3,}(?:\s+[A-Z]{2,})*\b")


@functools.cache
def _pushy() -> re.Pattern[str]:
    patterns = [p for group in _GROUPS for p in data_file("tone.toml")[group]]  # type: ignore[attr-defined]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _shouting(run: str, known: frozenset[str]) -> bool:
    """Whether words in capitals are shouted: an emphasis word or a verb ("AGAIN", "REPLY"),
    or two or more words in a row that are not acronyms the facts know."""
    found = [w for w in run.split() if w not in known]
    emphatic = data_list("tone.toml", "emphasis") | words("verbs")
    return any(w.lower() in emphatic for w in found) or len(found) >= 2


def tone_findings(text: str, known: frozenset[str] = frozenset()) -> list[Finding]:
    """Pushy or anxious phrasing, for a check-in; `known` holds the acronyms of the facts and
    the professional vocabulary ("CQC", "OSHA"), which are never shouting."""
    spans = [(m.start(), m.end(), m.group()) for m in _pushy().finditer(text) if m.group().strip()]
    for m in _CAPITALS.finditer(text):
        overlaps = any(s < m.end() and m.start() < e for s, e, _ in spans)
        if not overlaps and _shouting(m.group(), known):
            spans.append((m.start(), m.end(), m.group()))
    return [
        Finding(
            kind="tone",
            message="sounds pushy or anxious; keep a check-in warm and patient",
            start=start,
            end=end,
            text=found,
        )
        for start, end, found in sorted(spans)
    ]
