"""The second opinion on a word Harper does not know (writing/typos.py): a typo of a commoner
word is a spelling error; a real word Harper's dictionary lacks is only a warning; a spelling
of the other English is an error in the candidate's English; a title word slipped into another
real word ("Manger") is an error. Words written fresh for this table."""

from __future__ import annotations

import pytest

from followup.core.model import English
from followup.services.writing import proofreader
from followup.writing.findings import Finding
from followup.writing.typos import dialect_variant, is_typo
from tests.writing.scenario_facts import facts_of, person

FACTS = facts_of(person("c1", "Ruth Obi", "Ms Obi", title="Area Manager"))


def findings(sentence: str, english: English = "british") -> list[Finding]:
    note = f"Dear Ms Obi,\n\n{sentence}\n\nKind regards,\nSam Lee\n"
    report = proofreader(english).check(note, FACTS, interview_id="i1", contact_id="c1")
    return [f for f in report.findings if f.kind in ("spelling", "style", "grammar")]


TYPOS = [
    ("I start tommorow.", "tommorow"),
    ("It was the begining.", "begining"),
    ("It occured to me later.", "occured"),
    ("It is neccessary.", "neccessary"),
    ("An independant review helped.", "independant"),
    ("I led the maintainance plan.", "maintainance"),
    ("I kept the reciept.", "reciept"),
    ("I was embarassed by the praise.", "embarassed"),
    ("My knowlege grew.", "knowlege"),
    ("I am commited to it.", "commited"),
    ("I was the liason.", "liason"),
    ("It felt wierd at first.", "wierd"),
    ("It was a fair arguement.", "arguement"),
    ("I shared my calender.", "calender"),
    ("I stay untill six.", "untill"),
    ("We can accomodate that.", "accomodate"),
    ("I wrote a questionaire.", "questionaire"),
    ("It was a misstake on my part.", "misstake"),
    ("It was a priviledge to tour the depot.", "priviledge"),  # a misspelling wordfreq lists
    ("I kept the goverment forms.", "goverment"),
]
RARE_WORDS = ["sommelier", "geotechnical", "spirometry", "pharmacovigilance", "biosecurity",
              "shiplap", "lairage", "dehorning", "tilth", "ovine", "ketosis", "relicensing"]  # fmt: skip


@pytest.mark.parametrize(("sentence", "word"), TYPOS)
def test_a_typo_of_a_commoner_word_is_a_spelling_error(sentence: str, word: str) -> None:
    found = [f for f in findings(sentence) if f.text == word]
    assert [f.kind for f in found] == ["spelling"]


@pytest.mark.parametrize("word", RARE_WORDS)
def test_a_real_word_harper_lacks_is_only_a_warning(word: str) -> None:
    found = findings(f"I mentioned the {word} briefly.")
    assert [f.severity for f in found if f.severity == "error"] == []
    assert all("not in the dictionary" in f.message for f in found if f.text == word)


@pytest.mark.parametrize(
    ("english", "sentence", "word"),
    [("american", "My favourite part was the colour scheme.", "favourite"),
     ("american", "I organise the rota.", "organise"),
     ("american", "Your graduate programme sounds well run.", "programme"),
     ("american", "The theatre team was kind.", "theatre"),
     ("british", "My favorite part was the tour.", "favorite"),
     ("canadian", "The tour of the center was useful.", "center")],
)  # fmt: skip
def test_the_other_englishs_spelling_is_an_error(
    english: English, sentence: str, word: str
) -> None:
    assert (word, "spelling") in [(f.text, f.kind) for f in findings(sentence, english)]


def test_a_short_word_is_a_typo_only_when_two_letters_are_swapped() -> None:
    assert is_typo("teh", ["the"])
    assert not is_typo("py", ["pa", "pay"]) and not is_typo("ins", ["in's", "is"])


def test_oxford_ize_is_british_too() -> None:
    assert [
        f for f in findings("I organize the rota and recognize good work.") if f.severity == "error"
    ] == []


def test_dialect_pairs() -> None:
    pairs = [("colour", "color"), ("analyse", "analyze"), ("organisation", "organization"),
             ("centre", "center"), ("travelled", "traveled"), ("licence", "license"),
             ("paediatric", "pediatric"), ("programme", "program")]  # fmt: skip
    assert all(dialect_variant(a, b) for a, b in pairs)
    assert not any(dialect_variant(a, b) for a, b in [("form", "from"), ("tilt", "tilth")])


@pytest.mark.parametrize(
    ("sentence", "slip", "right"),
    [("I would love to join as Store Manger.", "Manger", "Manager"),
     ("It was good to meet the Area Mangaer team.", "Mangaer", "Manager")],
)  # fmt: skip
def test_a_title_word_slipped_into_another_word(sentence: str, slip: str, right: str) -> None:
    found = [(f.text, f.kind, f.suggestions) for f in findings(sentence)]
    assert (slip, "spelling", (right,)) in found


@pytest.mark.parametrize(
    "sentence",
    ["I met two Store Managers on the tour.", "Our store manager was kind.",
     "The Area Manager's plan was clear.", "A manger scene in the window."],
)  # fmt: skip
def test_title_words_written_right_are_left_alone(sentence: str) -> None:
    assert [f for f in findings(sentence) if f.severity == "error"] == []
