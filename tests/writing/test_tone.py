"""Tone of a check-in (writing/tone.py), by meaning: complaints about silence, demands for
speed, anxiety and shouting must be flagged; patient check-ins must not. Sentences written
fresh for this table."""

from __future__ import annotations

import pytest

from followup.writing.tone import tone_findings

PUSHY = [
    ("Three weeks on and still no response from anyone.", "still no response"),
    ("I have heard nothing since the interview.", "heard nothing"),
    ("Nobody has replied to my last two emails.", "Nobody has replied"),
    ("It has been radio silence since Tuesday.", "radio silence"),
    ("I feel ignored, to be honest.", "feel ignored"),
    ("I haven't heard a word about the outcome.", "I haven't heard a word"),
    ("Please confirm the outcome by end of day.", "confirm the outcome by end of day"),
    ("Kindly reply immediately so I can plan.", "reply immediately"),
    ("I need an answer this week.", "I need an answer this week"),
    ("I'm writing AGAIN about the role.", "AGAIN"),
    ("PLEASE RESPOND to this message.", "PLEASE RESPOND"),
    ("Is there any update??", "??"),
]
PATIENT = [
    "I know these decisions take time, and I remain very interested in the role.",
    "I can start immediately if that helps the team.",
    "I am available to start right away.",
    "Please let me know if you need anything else from me.",
    "I would welcome any update on the timeline when you have one.",
    "I completed my NHS and CQC training, and my IOSH certificate arrived.",
    "Thank you again for your time on Tuesday.",
]


@pytest.mark.parametrize(("sentence", "pushy"), PUSHY)
def test_pressure_is_flagged(sentence: str, pushy: str) -> None:
    assert pushy in [f.text for f in tone_findings(sentence)]


@pytest.mark.parametrize("sentence", PATIENT)
def test_a_patient_check_in_is_left_alone(sentence: str) -> None:
    assert tone_findings(sentence, frozenset({"NHS", "CQC", "IOSH"})) == []


def test_acronyms_are_not_shouting() -> None:
    assert tone_findings("I hold a CSCS card and SMSTS.", frozenset({"CSCS", "SMSTS"})) == []
