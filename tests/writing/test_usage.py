"""Usage slips (writing/usage.py), by class: sentences where each rule must fire, with the
words it flags and its fix, and sentences it must leave alone."""

from __future__ import annotations

import pytest

from tests.writing.rule_tables import Table, fires, found, quiet

TABLE: Table = {
    "alot": (
        [("We learned alot from the pilot.", "alot", "a lot"),
         ("Alot has changed since then.", "Alot", "A lot")],
        ["We learned a lot from the pilot.", "The allotment was small."],
    ),
    "less for fewer": (
        [("Less pupils are withdrawn from class.", "Less", "Fewer"),
         ("We saw less repeat admissions this year.", "less", "fewer"),
         ("It meant less people on the phones.", "less", "fewer")],
        ["Less time is spent on paperwork.", "We hired less experienced nurses.",
         "It caused less stress and less business risk.", "No less than two hours.",
         "Fewer pupils are withdrawn."],
    ),
    "amount of + plural": (
        [("The amount of referrals doubled.", "amount", "number"),
         ("A huge amount of small orders came in.", "amount", "number")],
        ["The amount of time doubled.", "The number of referrals doubled.",
         "The amount of funds raised doubled.", "The amount of business grew."],
    ),
    "on + month": (
        [("We start the new rota on October.", "on", "in"),
         ("On March, the audit is due.", "On", "In")],
        ["We start the new rota on 3 October.", "We start on October 3rd.",
         "We start in October.", "We decided on March as the start.",
         "It depends on May's figures."],
    ),
    "in regards to": (
        [("In regards to the budget, I agree.", "In regards to", "With regard to"),
         ("I wrote with regards to the post.", "with regards to", "with regard to")],
        ["With regard to the budget, I agree.", "With kind regards,", "Regarding the post."],
    ),
    "yourself for you": (
        [("The panel as well as yourself asked good questions.", "yourself", "you"),
         ("Please contact Priya or myself with any questions.", "myself", "me"),
         ("I will send it to yourself and the team.", "yourself", "you"),
         ("The head of ward and myself were on call.", "myself", "I")],
        ["You should see it for yourself.", "I kept the team and myself on track.",
         "Thank you for introducing yourself.", "Please contact Priya or me."],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("rule", "sentence", "flagged", "fix"), fires(TABLE))
def test_the_rule_fires(rule: str, sentence: str, flagged: str, fix: str) -> None:
    assert (flagged, (fix,), "grammar") in found(sentence)


@pytest.mark.parametrize(("rule", "sentence"), quiet(TABLE))
def test_the_rule_stays_quiet(rule: str, sentence: str) -> None:
    assert found(sentence) == []
