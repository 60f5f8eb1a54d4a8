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


# In any note, a thank-you too: anxiety, words too casual for an interviewer, boasts.
ANY_NOTE = [
    ("Honestly, I am begging you to consider my application.", "I am begging you"),
    ("I really need this role after a hard year.", "I really need this role"),
    ("I've been refreshing my inbox every hour since Monday.",
     "refreshing my inbox every hour"),
    ("Cheers mate, talk soon!", "Cheers mate"),
    ("I'm sure I'm the strongest candidate on your list.",
     "I'm sure I'm the strongest candidate on your list"),
    ("You won't find anyone who knows the port better.",
     "You won't find anyone who knows the port better"),
]  # fmt: skip
CALM_THANK_YOU = [
    "I enjoyed hearing how the team cut turnaround at the port for weeks on end.",
    "I am confident I can help the night shift settle into the new rota.",
    "I need the weekend to gather the references you asked for.",
    "Cheers to the whole team for a warm welcome on Tuesday.",
    "Please consider me for the weekend cover roster as well.",
]


@pytest.mark.parametrize(("sentence", "flagged"), ANY_NOTE)
def test_anxiety_casual_words_and_boasts_in_any_note(sentence: str, flagged: str) -> None:
    assert flagged in [f.text for f in tone_findings(sentence, kind="thank_you")]
    assert flagged in [f.text for f in tone_findings(sentence, kind="check_in")]


@pytest.mark.parametrize("sentence", CALM_THANK_YOU)
def test_a_thank_you_is_not_held_to_a_check_ins_silence_rules(sentence: str) -> None:
    assert tone_findings(sentence, kind="thank_you") == []


def test_silence_and_speed_are_for_check_ins() -> None:
    note = "I have heard nothing since the interview. Please reply ASAP!!"
    assert tone_findings(note, kind="thank_you") == []
    assert [f.text for f in tone_findings(note)] == ["heard nothing", "Please reply", "ASAP", "!!"]
