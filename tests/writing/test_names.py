"""Names in name slots (writing/names.py, writing/people.py): a greeting or a titled name in an
anglicised form of a Gaelic name ("Mr O'Brien" for Mr Ó Briain), a signature without its
accents, and a known name used as a possessive without its apostrophe. Common words are never
compared ("fluent in Welsh"). Names written fresh for this table."""

from __future__ import annotations

import pytest

from followup.services.writing import proofreader
from followup.writing.findings import Finding
from tests.writing.scenario_facts import facts_of, person

FACTS = facts_of(
    person("c1", "Seán Ó Briain", "Mr Ó Briain"),
    person("c2", "Mairi NicLeòid", "Dr NicLeòid"),
    person("c3", "Aled Breatnach", "Mr Breatnach"),
    candidate="Siobhán Kelly",
    company="Harbour Trust",
    others=("Harbour Trusts Group",),
)


def findings(note: str, to: str = "c1") -> list[Finding]:
    report = proofreader("british").check(note, FACTS, interview_id="i1", contact_id=to)
    return [f for f in report.findings if f.severity == "error"]


def note(
    greeting: str, body: str = "Thank you for your time.", signed: str = "Siobhán Kelly"
) -> str:
    return f"Dear {greeting},\n\n{body}\n\nKind regards,\n{signed}\n"


@pytest.mark.parametrize(
    ("text", "to", "flagged", "right"),
    [(note("Mr O'Brien"), "c1", "Mr O'Brien", "Mr Ó Briain"),
     (note("Dr MacLeod"), "c2", "Dr MacLeod", "Dr NicLeòid"),
     (note("Mr Ó Briain", "I enjoyed meeting Dr McLeod too."), "c1", "Dr McLeod", "Dr NicLeòid"),
     (note("Mr Ó Briain", signed="Siobhan Kelly"), "c1", "Siobhan", "Siobhán")],
)  # fmt: skip
def test_a_name_slot_with_the_wrong_form(text: str, to: str, flagged: str, right: str) -> None:
    assert [(f.kind, f.text, f.suggestions) for f in findings(text, to)] == [
        ("name", flagged, (right,))
    ]


@pytest.mark.parametrize(
    "text",
    [note("Mr Ó Briain", "I am fluent in Welsh and keen on the Kelly Prize."),
     note("Mr Ó Briain", "Dr NicLeòid and Mr Breatnach asked good questions."),
     note("Mr Ó Briain", "Siobhan in your team was kind.", signed="Siobhán Kelly")],
)  # fmt: skip
def test_right_forms_and_common_words_are_left_alone(text: str) -> None:
    assert findings(text) == []


def test_a_known_name_without_its_apostrophe() -> None:
    text = note("Mr Ó Briain", "I would love to join the Harbour Trusts team.")
    assert [(f.kind, f.text, f.suggestions) for f in findings(text)] == [
        ("grammar", "Trusts", ("Trust's",))
    ]


@pytest.mark.parametrize(
    "body",
    ["I would love to join the Harbour Trust's team.",
     "Both Harbour Trusts are growing.",
     "I also spoke to the Harbour Trusts Group last year."],
)  # fmt: skip
def test_possessives_and_other_names_are_left_alone(body: str) -> None:
    found = findings(note("Mr Ó Briain", body))
    assert [f for f in found if f.kind == "grammar"] == []


SHORT_PARTS = facts_of(
    person("c1", "Võ Thị Lan", "Ms Lan"),
    person("c2", "Bríd Ní Fhloinn", "Ms Ní Fhloinn"),
    person("c3", "Kwabena Mensah-Bonsu", "Mr Mensah-Bonsu"),
    candidate="Tomasz Wiśniewski",
    company="Quay Logistics",
)


def short_findings(body: str, to: str = "c2") -> list[tuple[str, str, tuple[str, ...]]]:
    text = note("Ms Ní Fhloinn", body, signed="Tomasz Wiśniewski")
    report = proofreader("british").check(text, SHORT_PARTS, interview_id="i1", contact_id=to)
    return [(f.kind, f.text, f.suggestions) for f in report.findings if f.severity == "error"]


@pytest.mark.parametrize(("body", "flagged", "right"), [
    ("Please pass my thanks to Ms Ni Fhloinn as well.", "Ni", "Ní"),
    ("I enjoyed the case study with Vo Thị Lan.", "Vo", "Võ"),
    ("Mr Mensah-Boateng's question on fleet costs was sharp.", "Mensah-Boateng",
     "Mensah-Bonsu"),
    ("I also met Mr Asante-Bonsu from finance.", "Asante-Bonsu", "Mensah-Bonsu"),
])  # fmt: skip
def test_a_short_part_without_its_accent_or_a_wrong_half(
    body: str, flagged: str, right: str
) -> None:
    assert short_findings(body) == [("name", flagged, (right,))]


@pytest.mark.parametrize("body", [
    "Vo is a common family name, and Ni is a chemical symbol.",
    "Ms Ní Fhloinn, Ms Lan and Mr Mensah-Bonsu asked about cross-docking.",
    "My post-graduate work at a Warsaw-based 3PL shaped how I plan.",
])  # fmt: skip
def test_short_words_and_other_hyphenated_words_are_left_alone(body: str) -> None:
    assert short_findings(body) == []


def test_a_name_written_as_its_owner_writes_it_is_never_called_anglicised() -> None:
    facts = facts_of(
        person("c1", "Declan O'Neill", "Mr O'Neill"),
        person("c2", "Caoimhe Ní Néill", "Ms Ní Néill"),
        candidate="Priya Shah",
        company="Ardmore Trust",
    )
    text = "Dear Mr O'Neill,\n\nThank you for your time.\n\nKind regards,\nPriya Shah\n"
    report = proofreader("british").check(text, facts, interview_id="i1", contact_id="c1")
    assert [f for f in report.findings if f.kind == "name"] == []
