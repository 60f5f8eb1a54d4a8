"""The proofreader on the third blind material (tests/writing/final, see its README), read the
same way as tests/writing/eval: every kind of seeded error is caught at least as often as its
floor, and no clean note raises an error or misses an element.

Measured first, before any change made for it: 100 of 112 seeded errors (name 19/23, grammar
16/23, tone 8/9, every other kind all), and 2 of the 46 clean notes with an error (Harper's
"hop" for "hope" in "hop symmetry", and "you're" for the "your" of "for your kind words").
The rules were then grown by class, with table tests of their own written fresh (Harper's
word-alone rules read in context; to + past or -ing after words that take the infinitive; "I am
agree"; "regarding to"; "for you time"; a short name part without its accent; a double-barrelled
name with one half wrong): 109 of 112, no clean note with an error. Since this material has now
been looked at, it is a regression floor, not a blind measure (110 of 112 after the fourth
material's tone rules).
"""

from __future__ import annotations

import pytest

from tests.writing.eval_material import (
    FINAL,
    Note,
    below_floors,
    clean_notes,
    material,
    problems_of_a_clean_note,
)

# Measured: grammar 22/23, name 22/23, tone 8/9, every other kind all. The floors leave room
# for a rule to be made stricter without hiding a real loss.
RECALL_FLOORS = {
    "name": 0.9, "recipient": 0.95, "company": 0.95, "placeholder": 0.95, "spelling": 0.9,
    "grammar": 0.9, "missing": 0.9, "tone": 0.85, "length": 0.95,
}  # fmt: skip


CLEAN = clean_notes(FINAL)


def test_the_material_is_what_its_readme_says() -> None:
    notes = material(FINAL)[1]
    seeded = [e for n in notes for e in n.expect]
    assert (len(notes), len(seeded), len(CLEAN)) == (92, 112, 46)
    assert {e["kind"] for e in seeded} == set(RECALL_FLOORS)


def test_recall_per_kind_reaches_its_floor() -> None:
    below, missed = below_floors(FINAL, RECALL_FLOORS)
    assert below == {}, missed


@pytest.mark.parametrize("note", CLEAN, ids=[n.id for n in CLEAN])
def test_a_clean_note_raises_no_error(note: Note) -> None:
    assert problems_of_a_clean_note(note, FINAL) == []
