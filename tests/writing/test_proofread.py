"""The proofreader against a corpus of real-looking notes: clean ones stay clean, every seeded
mistake is caught with the right kind and suggestion (tests/writing/corpus.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from followup.scenario import load_scenario
from followup.services.writing import proofreader
from followup.writing.proofread import Report

HERE = Path(__file__).parent
CORPUS = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
FACTS, _ = load_scenario(HERE / "globex.json")
FILLER_SENTENCE = "The office tour and the coffee chat after the panel were a pleasant surprise. "


def check(note: str, to: str, kind: str = "thank_you") -> Report:
    return proofreader().check(note, FACTS, interview_id="panel", contact_id=to, kind=kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(CORPUS["clean"]))
def test_clean_notes_get_no_error_and_no_missing_element(name: str) -> None:
    case = CORPUS["clean"][name]
    report = check(case["note"], case["to"], case.get("kind", "thank_you"))
    problems = [f for f in report.findings if f.severity == "error" or f.kind == "missing"]
    assert problems == []


def seeded(case: dict[str, Any]) -> str:
    base = CORPUS["clean"][case["base"]]["note"]
    assert case["from"] in base, case
    replacement = case["to"]
    if "filler" in case:
        words = FILLER_SENTENCE.split()
        text = " ".join(words[i % len(words)] for i in range(case["filler"]))
        replacement = replacement.replace("FILLER", text)
    note = base.replace(case["from"], replacement, 1)
    for old, new in case.get("also", []):
        assert old in note, old
        note = note.replace(old, new, 1)
    return note


@pytest.mark.parametrize(
    "case", CORPUS["seeded"], ids=[f"{c['base']}:{c['to'][:30]}" for c in CORPUS["seeded"]]
)
def test_seeded_mistakes_are_caught(case: dict[str, Any]) -> None:
    base = CORPUS["clean"][case["base"]]
    note = seeded(case)
    report = check(note, base["to"], base.get("kind", "thank_you"))
    for want in case["expect"]:
        at = note.find(want.get("text", ""))
        span = (at, at + len(want.get("text", "")))
        matches = [
            f
            for f in report.findings
            if f.kind == want["kind"]
            and (
                "text" not in want
                or (
                    f.start is not None
                    and f.end is not None
                    and f.start < span[1]
                    and span[0] < f.end
                )
            )
            and ("suggestion" not in want or want["suggestion"] in f.suggestions)
            and ("element" not in want or f.element == want["element"])
        ]
        assert matches, (want, [f.to_dict() for f in report.findings])
        for f in matches:
            assert f.severity == (
                "error"
                if f.kind in {"name", "recipient", "company", "placeholder", "spelling", "grammar"}
                else "warning"
            )


def test_corpus_size() -> None:
    assert len(CORPUS["clean"]) >= 10
    assert len(CORPUS["seeded"]) >= 40


def test_offsets_point_at_the_text() -> None:
    note = seeded({"base": "kchen-1", "from": "Dear Ms. Chen", "to": "Dear Ms. Chan"})
    [finding] = [f for f in check(note, "kchen").findings if f.kind == "name"]
    assert note[finding.start : finding.end] == "Chan"


def test_duplicate_of_a_note_to_someone_else_met() -> None:
    note = CORPUS["clean"]["kchen-1"]["note"]
    near_copy = note.replace("Dear Ms. Chen", "Dear Mr. Patel").replace("dbt", "Looker")
    report = proofreader().check(
        near_copy, FACTS, interview_id="panel", contact_id="rpatel", others=[note]
    )
    assert any(f.kind == "duplicate" and f.severity == "warning" for f in report.findings)
    report = proofreader().check(
        CORPUS["clean"]["rpatel-1"]["note"],
        FACTS,
        interview_id="panel",
        contact_id="rpatel",
        others=[note],
    )
    assert not any(f.kind == "duplicate" for f in report.findings)


def test_known_names_and_terms_are_never_spelling_mistakes() -> None:
    note = (
        "Dear Ms. Chen, Raj Patel, María Gonzalez and Tomás Nguyen: thank you. Kubernetes, "
        "Snowflake, dbt, CUPED, Airflow, Terraform, Looker and PostgreSQL at Globex Corporation. "
        "Jordan A. Rivera"
    )
    spelled = [f for f in check(note, "kchen").findings if f.kind in ("spelling", "name")]
    assert spelled == []


# Correct business English that Harper rules misread (writing/proofread.py HARPER_ADVICE and
# HARPER_RULES_OFF): advice at most, never an error. Sentences written fresh.
CORRECT_BUT_MISREAD = [
    "It made our ward rounds far more honest and useful.",
    "The audit found two minor non-conformances, both closed in a week.",
    "I prepare a short briefing for every shift.",
    "I built the model on a public data set.",
    "We re-released the app after de-icing the process.",
    "I can send anything further that would help.",
    "I was glad you asked about the audit.",
    "Thank you also for your generous comments on my portfolio.",  # no "you're generous"
    "I valued your honest feedback about the caseload.",
    "Your approach of timing hop tests before discharge was new to me.",  # no "hope tests"
]

# ...and the slips those same rules exist for, which must still be errors
MISREAD_RULES_STILL_FIRE = [
    ("I think your right about the rota.", "your"),
    ("I hop you had a good weekend.", "hop"),
]


@pytest.mark.parametrize(("sentence", "flagged"), MISREAD_RULES_STILL_FIRE)
def test_the_slips_behind_those_rules_are_still_errors(sentence: str, flagged: str) -> None:
    note = f"Dear Ms. Chen,\n\n{sentence}\n\nJordan A. Rivera"
    errors = [f.text for f in check(note, "kchen").findings if f.severity == "error"]
    assert flagged in errors


@pytest.mark.parametrize("sentence", CORRECT_BUT_MISREAD)
def test_correct_business_english_raises_no_error(sentence: str) -> None:
    note = f"Dear Ms. Chen,\n\n{sentence}\n\nJordan A. Rivera"
    assert [(f.kind, f.text) for f in check(note, "kchen").findings if f.severity == "error"] == []


def test_greetings_from_the_candidates_other_languages_are_words() -> None:
    from tests.writing.scenario_facts import facts_of, person

    note = "Kia ora Hemi,\n\nThank you for the kōrero about the mahi.\n\nNgā mihi nui,\nSam Lee\n"
    # from an NZ candidate they are words; from anyone else, words to check, never errors
    for country, expected in (("NZ", []), ("US", ["Ngā"])):
        facts = facts_of(person("c1", "Hemi Walker", "Hemi"), country=country)
        report = proofreader("british").check(note, facts, interview_id="i1", contact_id="c1")
        errors = [f.text for f in report.findings if f.severity == "error"]
        assert [e for e in errors if e in ("Kia", "ora", "Ngā", "mihi", "nui")] == [], country
        unknown = [f.text for f in report.findings if f.kind == "style" and f.text == "Ngā"]
        assert unknown == expected, country


def test_this_evening_says_when_you_met() -> None:
    note = CORPUS["clean"]["kchen-1"]["note"]
    for when in ("yesterday", "today", "on Tuesday", "November 24"):
        note = note.replace(when, "this evening")
    report = check(note, "kchen")
    assert "when_met" not in [f.element for f in report.findings if f.kind == "missing"]


@pytest.mark.parametrize(("words", "eager"), [
    ("I remain very interested in the role and happy to send anything further.", True),
    ("I am still interested in joining your analytics team.", True),
    ("I hope the process is going well for you.", False),
    ("I was interested in the question you asked about churn.", False),
])  # fmt: skip
def test_a_check_in_that_stays_interested_shows_enthusiasm(words: str, eager: bool) -> None:
    note = (
        "Dear Ms. Chen,\n\nI am writing to follow up on our interview on November 24 for the "
        f"Senior Data Analyst position. {words}\n\nBest regards,\nJordan A. Rivera"
    )
    missing = [f.element for f in check(note, "kchen", "check_in").findings if f.kind == "missing"]
    assert ("enthusiasm" not in missing) is eager
