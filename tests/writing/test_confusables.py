"""Confusable words (writing/confusables.py), in contexts beyond the first table of
test_grammar.py: sentences where each rule must fire, with the word it flags and its fix, and
sentences it must leave alone."""

from __future__ import annotations

import pytest

from tests.writing.rule_tables import Table, fires, found, quiet

TABLE: Table = {
    "here for hear": (
        [("I hope to here from you soon.", "here", "hear"),
         ("I would love to here more about the pilot.", "here", "hear")],
        ["I am here to help.", "I hope to hear from you.", "Here is my portfolio.",
         "I will be here from Monday."],
    ),
    "there for their": (
        [("Nurses chart there own observations.", "there", "their")],
        ["I was there on my own.", "The shop there, owned by a co-op, is busy."],
    ),
    "their for there": (
        [("I would enjoy working with the team their.", "their", "there"),
         ("I think their are three options.", "their", "there")],
        ["I enjoyed meeting their team.", "The choice is theirs.",
         "I would enjoy working with them there."],
    ),
    "lead for led": (
        [("Last spring I lead the move to e-rostering.", "lead", "led"),
         ("At my previous trust we lead the audit.", "lead", "led"),
         ("I have lead two audits.", "lead", "led")],
        ["I lead the audit team now; last spring I led the move.", "I lead the audit team.",
         "In 2021 the changes I made lead to fewer falls."],
    ),
    "past for passed": (
        [("The closing date has past.", "past", "passed"),
         ("I past the exam in June.", "past", "passed")],
        ["I have past experience of audits.", "In the past the team was smaller.",
         "We walked past the ward."],
    ),
    "were for where": (
        [("It is a setting were every minute counts.", "were", "where"),
         ("I joined the project, were we cut costs by a third.", "were", "where")],
        ["The teams were a small group.", "The team were the people who helped.",
         "If I were you, I would.", "Were I to join, I would start in May."],
    ),
    "accept for except": (
        [("I can cover every shift accept Fridays.", "accept", "except"),
         ("Everything is ready accept for the signatures.", "accept", "except")],
        ["I accept the offer.", "I accept for now.", "I can cover every shift except Fridays."],
    ),
    "except for accept": (
        [("I would be glad to except the offer.", "except", "accept")],
        ["Everyone except the manager came.", "I accept the offer."],
    ),
    "advise for advice": (
        [("Thank you for your advise on the bid.", "advise", "advice"),
         ("It was good advise.", "advise", "advice")],
        ["I would advise caution.", "Please advise on the bid.", "Thank you for the advice."],
    ),
    "your for you're": (
        [("I was glad to hear your moving to a new system.", "your", "you're"),
         ("I know your planning a restructure.", "your", "you're")],
        ["I appreciated your taking the time to meet.", "Thank you for your planning notes.",
         "Your taking the time meant a lot.", "I know your planning team is small."],
    ),
    "it's for its": (
        [("The trust renewed it's contracts early.", "it's", "its"),
         ("The council and it's tenants agreed.", "it's", "its")],
        ["I think it's clients who matter most.", "It's years since we met.",
         "I hope it's going well.", "Now it's clear."],
    ),
    "who's for whose": (
        [("A tutor who's main subject is maths.", "who's", "whose"),
         ("Clients who's own data is messy.", "who's", "whose")],
        ["A tutor who's keen to help.", "A tutor who's mainly online."],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("rule", "sentence", "flagged", "fix"), fires(TABLE))
def test_the_rule_fires(rule: str, sentence: str, flagged: str, fix: str) -> None:
    assert (flagged, (fix,), "grammar") in found(sentence)


@pytest.mark.parametrize(("rule", "sentence"), quiet(TABLE))
def test_the_rule_stays_quiet(rule: str, sentence: str) -> None:
    assert found(sentence) == []
