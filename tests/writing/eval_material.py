"""The blind evaluation material of tests/writing/ (eval/, holdout/, final/, fourth/): their
scenarios as facts, their notes, and how a report is scored against a note's expected findings
(see each folder's README.md); the scoring the four test modules share."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from followup.core.locale import english_of
from followup.core.model import Facts
from followup.scenario import validate_scenario
from followup.services.writing import proofreader
from followup.writing.findings import Finding, Report

EVAL = Path(__file__).parent / "eval"
HOLDOUT = Path(__file__).parent / "holdout"
FINAL = Path(__file__).parent / "final"
FOURTH = Path(__file__).parent / "fourth"
# Candidate fields the material carries that a scenario reader may not know yet: they are set
# on the facts directly, so the material is read the same way whatever the reader accepts.
_CANDIDATE_EXTRAS = ("country", "english", "checkin_limit")


@dataclass(frozen=True)
class Note:
    id: str
    scenario: str
    interview: str
    to: str
    kind: str
    method: str
    clean: bool
    text: str
    expect: tuple[dict[str, Any], ...]


def _facts(name: str, document: dict[str, Any]) -> Facts:
    document = {**document, "candidate": dict(document["candidate"])}
    extras = {
        k: document["candidate"].pop(k) for k in _CANDIDATE_EXTRAS if k in document["candidate"]
    }
    facts, _ = validate_scenario(document, name)
    return replace(facts, candidate=replace(facts.candidate, **extras))


@functools.cache
def material(folder: Path = EVAL) -> tuple[dict[str, Facts], tuple[Note, ...]]:
    """Every scenario (by name) and every note of the material in `folder`."""
    scenarios: dict[str, Facts] = {}
    notes: list[Note] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, document in data["scenarios"].items():
            scenarios[name] = _facts(f"{path.name}: {name}", document)
        for n in data["notes"]:
            notes.append(
                Note(
                    id=n["id"],
                    scenario=n["scenario"],
                    interview=n["interview"],
                    to=n["to"],
                    kind=n["kind"],
                    method=n["method"],
                    clean=bool(n["clean"]),
                    text=n["text"],
                    expect=tuple(n.get("expect") or ()),
                )
            )
    return scenarios, tuple(notes)


def span_of(note: Note, expected: dict[str, Any]) -> tuple[int, int] | None:
    """Where the expected finding's text stands in the note (it appears once)."""
    text = expected.get("text")
    if not text:
        return None
    at = note.text.find(text)
    assert at >= 0, (note.id, text)
    return at, at + len(text)


def caught(note: Note, expected: dict[str, Any], findings: tuple[Finding, ...]) -> bool:
    """Whether a finding of the expected kind (and element) covers the expected span."""
    span = span_of(note, expected)
    for f in findings:
        if f.kind != expected["kind"]:
            continue
        if "element" in expected and f.element != expected["element"]:
            continue
        if span is None or f.start is None or f.end is None:
            if span is None:
                return True
            continue
        if f.start < span[1] and span[0] < f.end:
            return True
    return False


def check(note: Note, folder: Path = EVAL) -> Report:
    """The proofreader's report on a note of the material, in its candidate's English."""
    facts = material(folder)[0][note.scenario]
    return proofreader(english_of(facts.candidate)).check(
        note.text,
        facts,
        interview_id=note.interview,
        contact_id=note.to,
        kind=note.kind,  # type: ignore[arg-type]
    )


def clean_notes(folder: Path) -> list[Note]:
    return [n for n in material(folder)[1] if n.clean]


def below_floors(folder: Path, floors: dict[str, float]) -> tuple[dict[str, float], list[Any]]:
    """The kinds caught less often than their floor ({kind: recall}), and what was missed."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed = []
    for note in material(folder)[1]:
        if not note.expect:
            continue
        report = check(note, folder)
        for expected in note.expect:
            total[expected["kind"]] += 1
            if caught(note, expected, report.findings):
                found[expected["kind"]] += 1
            else:
                missed.append((note.id, expected))
    recall = {kind: found[kind] / total[kind] for kind in total}
    return {k: round(r, 2) for k, r in recall.items() if r < floors.get(k, 0.9)}, missed


def problems_of_a_clean_note(note: Note, folder: Path) -> list[Any]:
    """What a clean note must not get: errors, and missing content elements."""
    report = check(note, folder)
    errors = [(f.kind, f.text, f.message) for f in report.findings if f.severity == "error"]
    return errors + [f.element for f in report.findings if f.kind == "missing"]
