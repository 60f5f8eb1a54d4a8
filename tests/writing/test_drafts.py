"""Every participant of every evaluation scenario drafted in every method: the drafts pass
their own check, hold every element, never put a clause where a noun belongs, never repeat a
frame within a panel, stay short, and name the company at most twice."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from followup.core.actions import action_for
from followup.core.locale import english_of
from followup.core.model import Facts
from followup.services.writing import check, proofreader, scenario_target
from followup.writing.compose import Draft, compose
from tests.writing.eval_material import material

SCENARIOS = sorted(material()[0].items())
# a clause pasted into a noun slot, and a call sheet that mixes persons or has no number
NOT_ENGLISH = [
    r"that I [^.]*? stood out", r"\babout I ", r"\bSince that I\b", r"\bMention that I\b",
    r"\bthat how I\b", r"fit: that I\b", r"\bmore about it\b", r"at \(no number on file\)",
    r"\b(\w+) and \w+ and \w+ and\b",
]  # fmt: skip
_PERSONAL_CLAUSE = re.compile(r"\b(?:I|my|me)\b")


def drafts(facts: Facts, kind: str, method: str) -> dict[str, list[Draft]]:
    out: dict[str, list[Draft]] = {}
    for interview in facts.interviews:
        now = interview.end + timedelta(hours=3)
        for person in interview.participants:
            action = action_for(
                facts,
                interview_id=interview.id,
                contact_id=person.id,
                kind=kind,
                now=now,  # type: ignore[arg-type]
            )
            draft = compose(facts, replace(action, method=method), now=now)  # type: ignore[arg-type]
            out.setdefault(interview.id, []).append(draft)
    return out


def body_from_greeting(draft: Draft) -> str:
    lines = draft.body.splitlines()
    start = next(
        n for n, line in enumerate(lines) if line.startswith(("Dear ", "Hi ", "Key points"))
    )
    return "\n".join(lines[start:])


def prose(draft: Draft) -> str:
    """The paragraphs of an email or letter: after the greeting, before the closing."""
    lines = body_from_greeting(draft).splitlines()[1:]
    end = next(n for n, line in enumerate(lines) if line.endswith(",") and len(line) < 30)
    return "\n".join(lines[:end])


@pytest.mark.parametrize("method", ["email", "letter", "phone"])
@pytest.mark.parametrize("kind", ["thank_you", "check_in"])
@pytest.mark.parametrize(("name", "facts"), SCENARIOS, ids=[n for n, _ in SCENARIOS])
def test_drafts_of_a_whole_panel(name: str, facts: Facts, kind: str, method: str) -> None:
    checker = proofreader(english_of(facts.candidate))
    for interview_id, panel in drafts(facts, kind, method).items():
        for draft in panel:
            report = checker.check(
                draft.text,
                facts,
                interview_id=interview_id,
                contact_id=draft.to.id,
                kind=kind,  # type: ignore[arg-type]
            )
            problems = [
                (f.kind, f.text, f.element)
                for f in report.findings
                if f.severity == "error" or f.kind in ("missing", "length")
            ]
            assert problems == [], draft.text
            assert report.words <= (200 if kind == "thank_you" else 120)
            for pattern in NOT_ENGLISH:
                assert not re.search(pattern, draft.text), (pattern, draft.text)
            if method != "phone":
                assert body_from_greeting(draft).count(facts.application.company) <= 2
            else:
                assert not any(_PERSONAL_CLAUSE.search(p) for p in draft.key_points), (
                    draft.key_points
                )
        if kind == "thank_you" and len(panel) > 1:
            frames = [f for d in panel for f in d.frames if not f.startswith("closing.")]
            assert len(frames) == len(set(frames)), frames
            texts = [
                "\n".join([*d.key_points, d.voicemail or ""]) if d.key_points else prose(d)
                for d in panel
            ]
            sentences = [
                s.strip()
                for text in texts
                for s in re.split(r"(?<=[.?!])\s+", text)
                if len(s.split()) > 4
            ]
            assert len(sentences) == len(set(sentences))


def test_the_drafts_cover_every_english_and_many_scenarios() -> None:
    assert len(SCENARIOS) >= 10
    assert {english_of(f.candidate) for _, f in SCENARIOS} == {
        "american", "british", "canadian", "australian", "indian",
    }  # fmt: skip


def test_british_drafts_are_spelt_and_dated_the_british_way() -> None:
    facts = material()[0]["hc-uk-ward"]
    [first, *_] = drafts(facts, "thank_you", "letter")["i1"]
    assert "25 November 2026" in first.body or "24 November 2026" in first.body
    assert "Tuesday 24 November" in first.body
    assert "honored" not in first.body and "I'm" not in first.body


def test_a_copied_note_is_a_duplicate_in_the_scenario_form() -> None:
    facts = material()[0]["sw-us-data"]
    now = facts.interviews[0].end + timedelta(hours=3)
    to_kasia = scenario_target(facts, "i1", "c1", "thank_you", None, now)
    to_li = scenario_target(facts, "i1", "c2", "thank_you", None, now)
    kasia_note = compose(facts, to_kasia.action, now=now).text
    copied = kasia_note.replace("Kasia", "Li")
    assert any(f.kind == "duplicate" for f in check(to_li, copied).findings)
    own = compose(facts, to_li.action, now=now).text
    assert not any(f.kind == "duplicate" for f in check(to_li, own).findings)
