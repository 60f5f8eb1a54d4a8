"""Subject-verb agreement and tense (writing/agreement.py), by class: sentences where each rule
must fire, with the verb it flags and its fix, and sentences it must leave alone."""

from __future__ import annotations

import pytest

from tests.writing.rule_tables import Table, fires, found, quiet

TABLE: Table = {
    "each of + plural verb": (
        [("Each of the trainees have a mentor.", "have", "has"),
         ("Each of our three clinics are open late.", "are", "is"),
         ("I think each of them were useful.", "were", "was")],
        ["Each of the trainees has a mentor.", "The trainees each have a mentor.",
         "Each team has its own rota, and all of them are busy."],
    ),
    "one of the + plural verb": (
        [("One of the highlights were the site visit.", "were", "was"),
         ("I think one of the reasons are the new rota.", "are", "is")],
        ["One of the highlights was the site visit.",
         "She is one of the managers who are leading it.",
         "One of the reasons things were slow was staffing."],
    ),
    "most of them + singular verb": (
        [("Most of them was new to the role.", "was", "were"),
         ("Some of the reports is late.", "is", "are"),
         ("Many of our suppliers has moved.", "has", "have")],
        ["Most of them were new to the role.", "Most of the work was done on site.",
         "Some of the analysis is ready.", "None of them is ready yet."],
    ),
    "there is + a number of": (
        [("There is a number of ways to help.", "is", "are"),
         ("There was still several open questions.", "was", "were")],
        ["There are a number of ways to help.", "There is a lot of interest.",
         "There was a real sense of purpose."],
    ),
    "X and Y + singular verb": (
        [("I believe patience and clarity helps with nervous clients.", "helps", "help"),
         ("Planning and budgets matters most here.", "matters", "matter"),
         ("It showed me that training and support makes a difference.", "makes", "make")],
        ["I believe patience and clarity help with nervous clients.",
         "Health and safety comes first on every site.",
         "The gap between teams and management shows up in surveys.",
         "Planning and scheduling takes most of the week."],
    ),
    "plural subject + singular verb": (
        [("Customers expects a reply within a day.", "expects", "expect"),
         ("I found that tenants appreciates a clear letter.", "appreciates", "appreciate")],
        ["Customers expect a reply within a day.", "Siemens makes the turbines.",
         "The rota works and needs changes to be made.", "Sales works closely with us.",
         "News travels fast on the ward."],
    ),
    "verb agrees with the nearer noun": (
        [("Good attention to details make a big difference.", "make", "makes"),
         ("Regular communication with families help the whole ward.", "help", "helps")],
        ["Good attention to detail makes a big difference.",
         "A conversation about the tools teams use is useful.",
         "Communication with families helps the whole ward."],
    ),
    "singular noun + plural verb": (
        [("The conversation have stayed with me.", "have", "has"),
         ("I think the experience were worth it.", "were", "was")],
        ["The conversation has stayed with me.", "The management have agreed the plan.",
         "The committee were unanimous.", "The conversations have stayed with me."],
    ),
    "present perfect with a finished time": (
        [("When we met, you have explained the new rota.", "have explained", "explained"),
         ("Last month I have finished the audit.", "have finished", "finished"),
         ("Two years ago we have launched the service.", "have launched", "launched")],
        ["When we met, you explained the new rota.", "I have finished the audit since then.",
         "In the last month I have finished two audits.",
         "When we met, you asked what I have learned since."],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("rule", "sentence", "flagged", "fix"), fires(TABLE))
def test_the_rule_fires(rule: str, sentence: str, flagged: str, fix: str) -> None:
    assert (flagged, (fix,), "grammar") in found(sentence)


@pytest.mark.parametrize(("rule", "sentence"), quiet(TABLE))
def test_the_rule_stays_quiet(rule: str, sentence: str) -> None:
    assert found(sentence) == []
