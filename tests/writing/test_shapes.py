"""The shape classifier, the item transforms, and greetings by convention."""

from __future__ import annotations

import pytest

from followup.core.model import Participant
from followup.writing.context import company_in_text
from followup.writing.dialect import expand
from followup.writing.layout import address_lines
from followup.writing.people import (
    greeting_fits,
    right_greeting,
    spoken_greeting,
    spoken_name,
    written_greeting,
)
from followup.writing.shapes import join, noted, to_candidate, to_reader


@pytest.mark.parametrize(
    ("item", "shape", "plural", "text"),
    [
        ("the migration to dbt", "noun", False, "the migration to dbt"),
        ("my IV and cannulation competencies", "noun", True, "my IV and cannulation competencies"),
        ("I rebuilt the billing export", "clause", False, "I rebuilt the billing export"),
        ("that I set up a teaching session", "clause", False, "I set up a teaching session"),
        ("how I reduced sample rejection rates", "wh", False, "how I reduced sample rejection rates"),
        ("what a data contract should cover", "wh", False, "what a data contract should cover"),
        ("leading the Looker rollout", "gerund", False, "leading the Looker rollout"),
        ("getting patients started on CGMs", "gerund", False, "getting patients started on CGMs"),
        ("onboarding sessions", "noun", True, "onboarding sessions"),
        ("testing and inspection paperwork", "noun", True, "testing and inspection paperwork"),
        ("I am certified in insulin pump training.", "clause", False, "I am certified in insulin pump training"),
        # a clause about something else, and a predicate jotted without its subject
        ("my Spanish is conversational", "clause", False, "my Spanish is conversational"),
        ("travelling to Edinburgh monthly is no problem", "clause", False,
         "travelling to Edinburgh monthly is no problem"),
        ("Travelling to Edinburgh monthly is no problem", "clause", False,
         "travelling to Edinburgh monthly is no problem"),
        ("willing to relocate for the Worcester project", "clause", False,
         "I would be willing to relocate for the Worcester project"),
        ("fluent in Spanish", "clause", False, "I am fluent in Spanish"),
        ("available from June", "clause", False, "I am available from June"),
        ("the team that is hiring", "noun", False, "the team that is hiring"),
        ("how the unit is staffed", "wh", False, "how the unit is staffed"),
        ("The Success Profiles framework", "noun", False, "the Success Profiles framework"),
        ("Kafka consumer lag", "noun", False, "Kafka consumer lag"),
        ("Reading Borough Council's budget", "noun", False, "Reading Borough Council's budget"),
    ],
)  # fmt: skip
def test_the_shape_of_a_noted_item(item: str, shape: str, plural: bool, text: str) -> None:
    found = noted(item)
    assert (found.shape, found.plural, found.text) == (shape, plural, text)


def test_items_are_turned_to_the_reader_and_to_the_candidate() -> None:
    assert to_reader(noted("their move to Kubernetes")).text == "your move to Kubernetes"
    assert (
        to_reader(noted("how they test Terraform modules")).text == "how you test Terraform modules"
    )
    assert (
        to_candidate(noted("I am certified in pump training")).text
        == "you are certified in pump training"
    )
    assert to_candidate(noted("my ELT work")).text == "your ELT work"


@pytest.mark.parametrize(
    ("item", "said"),
    [
        ("I'm CCRN certified", "you're CCRN certified"),
        ("I’ve already got SC clearance", "you’ve already got SC clearance"),
        ("My Spanish is conversational", "your Spanish is conversational"),
        ("willing to relocate", "you would be willing to relocate"),
        ("I was on call", "you were on call"),
    ],
)
def test_swapped_pronouns_are_lower_case_mid_sentence(item: str, said: str) -> None:
    assert to_candidate(noted(item)).text == said


@pytest.mark.parametrize(
    ("item", "owner", "personal"),
    [
        ("my Delivering at Pace example", "mine", False),
        ("how I forecast", "mine", False),
        ("their rail reform programme", "yours", False),
        ("Epic flowsheets", "neither", False),
        ("my reasons for leaving my current school", "mine", True),
        ("my notice period", "mine", True),
        ("salary expectations", "neither", True),
        ("their visa sponsorship policy", "yours", False),
    ],
)  # fmt: skip
def test_whose_an_item_is(item: str, owner: str, personal: bool) -> None:
    found = to_reader(noted(item))
    assert (found.owner, found.personal) == (owner, personal)


def test_lists_are_joined_with_one_and() -> None:
    assert join(["A"]) == "A"
    assert join(["A", "B"]) == "A and B"
    assert join(["A", "B", "C"]) == "A, B and C"
    assert (
        join(["CPD and revalidation", "the programme"])
        == "CPD and revalidation, as well as the programme"
    )


def person(name: str, salutation: str | None = None) -> Participant:
    return Participant(id="p", name=name, salutation=salutation)


@pytest.mark.parametrize(
    ("who", "formal", "greeting"),
    [
        (person("Ana Souza"), False, "Hi Ana,"),
        (person("Ana Souza"), True, "Dear Ana Souza,"),
        (person("Pieter van den Berg"), True, "Dear Pieter van den Berg,"),
        (person("Katherine Chen", "Ms. Chen"), False, "Dear Ms. Chen,"),
        (person("Zhang Wei", "Wei"), False, "Hi Wei,"),
        (person("Zhang Wei", "Wei"), True, "Dear Wei,"),
        # no part of a given name is dropped: unsure, the whole name as recorded
        (person("María José Gutiérrez"), True, "Dear María José Gutiérrez,"),
        (person("María José Gutiérrez"), False, "Hi María José Gutiérrez,"),
        (person("Sam J. Lee"), True, "Dear Sam Lee,"),
        (person("Sam J. Lee"), False, "Hi Sam,"),
        (person("Lars van den Berg"), False, "Hi Lars,"),
        (person("María José Gutiérrez", "María José"), False, "Hi María José,"),
    ],
)  # fmt: skip
def test_greetings_by_convention(who: Participant, formal: bool, greeting: str) -> None:
    assert written_greeting(who, formal=formal) == greeting
    assert greeting_fits(greeting.split(" ", 1)[1].rstrip(","), who)


@pytest.mark.parametrize(
    ("who", "greeted", "right"),
    [
        (person("Nuala Ní Dhomhnaill", "Ms. Ní Dhomhnaill"), "Ms Dhomhnaill", "Ms Ní Dhomhnaill"),
        (person("Gabriela García Márquez", "Dr. García Márquez"), "Dr. Márquez", "Dr. García Márquez"),
        (person("Pieter van den Berg", "Mr. van den Berg"), "Mr Berg", "Mr van den Berg"),
        (person("Zhang Wei", "Wei"), "Zhang", "Wei"),
        (person("Margaret Anne Kowalski", "Margaret"), "Anne", "Margaret"),
        (person("Ahmad bin Ismail", "Mr Ahmad"), "Mr Ismail", "Mr Ahmad"),
    ],
)  # fmt: skip
def test_a_wrong_part_of_a_name_is_corrected(who: Participant, greeted: str, right: str) -> None:
    assert not greeting_fits(greeted, who)
    assert right_greeting(greeted, who) == right


def test_calls_say_the_name_without_middle_initials() -> None:
    assert spoken_name("Sam J. Lee") == "Sam Lee"
    assert spoken_greeting(person("Sam J. Lee")) == "Hi Sam"
    assert spoken_greeting(person("María José Gutiérrez")) == "Hello María José Gutiérrez"
    assert spoken_greeting(person("Raj Patel", "Mr. Patel")) == "Hello Mr. Patel"
    assert spoken_name("Mateus de Oliveira Santos") == "Mateus de Oliveira Santos"


@pytest.mark.parametrize(
    ("address", "lines"),
    [
        ("Globex Corporation, 200 Elm Street, Springfield, IL 62701",
         ["Globex Corporation", "200 Elm Street", "Springfield, IL 62701"]),
        ("4250 Dixie Road, Mississauga, ON L4W 1V8", ["4250 Dixie Road", "Mississauga, ON L4W 1V8"]),
        ("Flat 3, 22 Cheltenham Road\nBristol BS6 5RD", ["Flat 3, 22 Cheltenham Road", "Bristol BS6 5RD"]),
    ],
)  # fmt: skip
def test_letter_addresses_keep_city_state_and_zip_together(address: str, lines: list[str]) -> None:
    assert address_lines(address) == lines


@pytest.mark.parametrize(
    ("company", "said"),
    [
        ("Department for Transport", "the Department for Transport"),
        ("Ministry of Justice", "the Ministry of Justice"),
        ("University of Leeds", "the University of Leeds"),
        ("Bank of England", "the Bank of England"),
        ("Royal Free London NHS Foundation Trust", "the Royal Free London NHS Foundation Trust"),
        ("Wellcome Trust", "the Wellcome Trust"),
        ("Environment Agency", "the Environment Agency"),
        ("The Hartwell School", "The Hartwell School"),
        ("Lumenstack", "Lumenstack"),
        ("Leeds City Council", "Leeds City Council"),
        ("Callahan & Sons Construction", "Callahan & Sons Construction"),
        ("Officevibe", "Officevibe"),
        ("Bankwest", "Bankwest"),
    ],
)  # fmt: skip
def test_institutions_take_the_article_in_running_text(company: str, said: str) -> None:
    assert company_in_text(company) == said


@pytest.mark.parametrize(
    ("written", "formal"),
    [
        ("I've already got SC clearance", "I have already got SC clearance"),
        ("I'm CCRN certified", "I am CCRN certified"),
        ("I'd be happy to travel", "I would be happy to travel"),
        ("I'd worked nights for years", "I had worked nights for years"),
        ("we don't outsource it", "we do not outsource it"),
        ("the team's rota", "the team's rota"),
    ],
)  # fmt: skip
def test_a_formal_letter_writes_the_users_contractions_in_full(written: str, formal: str) -> None:
    assert expand(written) == formal
