"""Every grammar rule of writing/grammar.py and writing/confusables.py, with sentences where it
must fire (and the fix it must offer) and sentences where it must not; the rules of agreement
and usage, and more confusables, have tables of their own (test_agreement, test_usage,
test_confusables), and every rule has at least one."""

from __future__ import annotations

import pytest

from followup.writing.grammar import ALL_RULES
from tests.writing import test_agreement, test_confusables, test_usage
from tests.writing.rule_tables import Table, fires, found, quiet

# rule name: ([(sentence, flagged words, fix)], [sentences it must leave alone])
TABLE: Table = {
    "look forward to + base verb": (
        [("I look forward to hear from you.", "hear", "hearing"),
         ("I am looking forward to meet the team.", "meet", "meeting"),
         ("I am looking forward to be part of the ward.", "be", "being"),
         ("I look forward to make the case in person.", "make", "making")],
        ["I look forward to hearing from you.", "I look forward to the next step.",
         "I look forward to Monday."],
    ),
    "to + past tense": (
        [("It was great to met you.", "met", "meet"),
         ("It was a pleasure to talked with you.", "talked", "talk"),
         ("I wanted to reached out about the audit role.", "reached", "reach"),
         ("I hope to visited the depot soon.", "visited", "visit")],
        ["It was great to meet you.", "Access to trained staff matters.",
         "I was able to speed up the rota.", "It was time to red-team the plan.",
         "I was pleased to be shortlisted.", "I want to thank you."],
    ),
    "to + -ing after a word that takes the infinitive": (
        [("I would love the chance to leading the night shift.", "leading", "lead"),
         ("I am keen to sharing what I learned in Lagos.", "sharing", "share"),
         ("Thanks for the time to discussing the role.", "discussing", "discuss")],
        ["I look forward to meeting the board.", "I am committed to improving access.",
         "I am open to working weekends.", "I am used to working nights.",
         "I am excited to be considered.", "We are going to need more beds."],
    ),
    "I am agree": (
        [("I am agree that triage comes first.", "I am agree", "I agree"),
         ("We are understand the pressure on the ward.", "We are understand", "We understand")],
        ["I agree that triage comes first.", "I am thinking about the offer.",
         "I am hoping to hear soon.", "They are known for quality."],
    ),
    "enjoyed to + verb": (
        [("I enjoyed to meet the wider team.", "enjoyed to meet", "enjoyed meeting"),
         ("She enjoys to share her notes.", "enjoys to share", "enjoys sharing")],
        ["I enjoyed meeting the wider team.", "I enjoyed the tour.",
         "I enjoyed it, too."],
    ),
    "used to + base verb": (
        [("I am used to lead handovers at 7 am.", "used to lead", "used to leading"),
         ("We were used to work short-staffed.", "used to work", "used to working")],
        ["The scanner was used to check every parcel.", "I used to work in Leeds.",
         "I am used to working nights."],
    ),
    "cope up with": (
        [("We had to cope up with two recalls.", "cope up with", "cope with")],
        ["We coped with two recalls.", "Keep up with the backlog."],
    ),
    "explained me": (
        [("You explained me the claims cycle.", "explained me", "explained to me")],
        ["You explained the claims cycle to me.", "Please explain the rota."],
    ),
    "past for passed": (
        [("In May I past my CPA exam.", "past", "passed")],
        ["I drove past the depot.", "In the past my team grew.", "We are past the peak."],
    ),
    "staffs": (
        [("I supervise 12 staffs on nights.", "staffs", "staff")],
        ["She staffs the front desk.", "I trained in Staffs and Derby.",
         "I supervise 12 staff on nights."],
    ),
    "regarding to": (
        [("I am writing regarding to the tender.", "regarding to", "regarding")],
        ["I am writing regarding the tender.", "With regard to the tender, yes."],
    ),
    "for you time": (
        [("Thanks so much for you time on Tuesday.", "you", "your"),
         ("I am grateful for you generous feedback.", "you", "your")],
        ["Thank you for your time.", "Thank you for you and your team's welcome.",
         "This is for you to decide."],
    ),
    "it's for its": (
        [("The ward and it's falls-prevention audit.", "it's", "its"),
         ("The company and it's own values.", "it's", "its")],
        ["The ward is busy and it's been a good year.", "I think that it's great."],
    ),
    "who's for whose": (
        [("The patients who's appointments clash.", "who's", "whose")],
        ["The manager who's leading the team.", "Someone who's been there."],
    ),
    "then for than": (
        [("It does more for retention then almost anything else.", "then", "than")],
        ["We met, and then we talked.", "Back then it was harder."],
    ),
    "loose for lose": (
        [("We could not afford to loose the client.", "loose", "lose"),
         ("Levels loose their value quickly.", "loose", "lose")],
        ["The cable was loose.", "Wear loose clothing."],
    ),
    "interesting in": (
        [("I was very interesting in what you said.", "interesting in", "interested in"),
         ("I am still very interesting in the post.", "interesting in", "interested in")],
        ["The role is interesting in many ways.", "I am interested in the role."],
    ),
    "a before a vowel sound": (
        [("I spoke with a HR Business Partner.", "a", "an"),
         ("It was a honour to meet you.", "a", "an"),
         ("It is a exciting plan.", "a", "an"),
         ("I have an MSc and a MBA.", "a", "an")],
        ["It was an honour.", "She is a university lecturer.", "A one-off project.",
         "I hold a UX certificate.", "I have an MSc in Public Health.",
         "We follow a NICE guideline.", "It was an http request.", "See Schedule A and B.",
         "It uses an MIT-style licence.", "The Q&A on Friday."],
    ),
    "discuss about": (
        [("I was glad we could discuss about the protocols.", "discuss about", "discuss")],
        ["I was glad we could discuss the protocols.", "We talked about the protocols."],
    ),
    "Me and X was": (
        [("At my lab, me and my team was responsible.", "me and my team was",
          "my team and I were")],
        ["My team and I were responsible.", "They asked me and my team to help."],
    ),
    "we/they was": (
        [("It was clear they was proud of it.", "they was", "they were")],
        ["They were proud.", "It was clear the team was proud.",
         "Hearing about the audit from you was really useful.", "Working with you was a joy."],
    ),
    "I done / I seen": (
        [("I done a few retrofits.", "I done", "I did"), ("I seen the concepts.", "I seen", "I saw")],
        ["I did a few retrofits.", "I have seen the concepts."],
    ),
    "have + simple past": (
        [("Since then I have went back to it.", "have went", "have gone"),
         ("I have wrote a short note.", "have wrote", "have written")],
        ["I have gone back to it.", "I went back to it."],
    ),
    "irregardless": (
        [("Irregardless of the tool, it works.", "Irregardless", "Regardless")],
        ["Regardless of the tool, it works."],
    ),
    "between you and I": (
        [("And between you and I, it is my favourite.", "between you and I", "between you and me")],
        ["Between you and me, it is my favourite."],
    ),
    "could of": (
        [("I could of talked about it.", "could of", "could have")],
        ["I could have talked about it.", "The best I could offer."],
    ),
    "your for you're": (
        [("I can tell your serious about it.", "your", "you're")],
        ["I can tell your team is serious.", "I hope your week went well."],
    ),
    "you're for your": (
        [("I enjoyed hearing about you're retrofit of the library.", "you're", "your")],
        ["I know you're busy.", "Thank you, you're very kind."],
    ),
    "there for their": (
        [("They run QBRs for there top 50 accounts.", "there", "their")],
        ["I was there for the panel.", "There is a lot to do."],
    ),
    "there for they're": (
        [("I could tell there keen to improve.", "there", "they're")],
        ["I could tell there was interest.", "There are keen people here."],
    ),
    "they're for their": (
        [("I liked how the team and they're on-call rota have grown.", "they're", "their")],
        ["I know they're growing.", "The team and they're both busy."],
    ),
    "affect and effect": (
        [("I thought about the affect of a clear hand-off.", "affect", "effect"),
         ("How false positives effect the workload.", "effect", "affect")],
        ["The effect was clear.", "It did not affect the plan."],
    ),
    "compliment for complement": (
        [("It would compliment the renewals work.", "compliment", "complement")],
        ["Thank you for the compliment.", "It would complement the work."],
    ),
    "principle for principal": (
        [("I spoke with a principle engineer.", "principle", "principal")],
        ["It is a principle I hold.", "The principal engineer agreed."],
    ),
    "practise for practice (noun)": (
        [("It is a model of good practise.", "practise", "practice")],
        ["I practise every day.", "It is good practice."],
    ),
    "advice for advise": (
        [("How I would advice elected members.", "advice", "advise")],
        ["Thank you for the advice.", "I would advise caution."],
    ),
    "lead for led": (
        [("I lead the analysis of 4,000 responses last year.", "lead", "led")],
        ["I lead the analysis team today.", "I led the analysis last year."],
    ),
    "weather for whether": (
        [("I wonder weather the approach would work.", "weather", "whether"),
         ("I wanted to check weather the role is still open.", "weather", "whether"),
         ("I am asking weather there is any news.", "weather", "whether")],
        ["The weather was lovely.", "I wonder whether it works.",
         "The weather data fed the model.", "Asked about weather delays, I said yes."],
    ),
    "were for where": (
        [("At the school were I taught last year.", "were", "where")],
        ["The pupils were happy.", "We were there."],
    ),
    "informations": (
        [("It gave me many useful informations.", "informations", "information")],
        ["It gave me useful information."],
    ),
    "will like for would like": (
        [("I will like to help.", "will like", "would like")],
        ["I would like to help.", "I think you will like it."],
    ),
    "am having + years": (
        [("I am having five years of experience.", "am having", "have")],
        ["I have five years of experience.", "I am having a good week."],
    ),
    "ask few questions": (
        [("I would like to ask few questions.", "ask few questions", "ask a few questions")],
        ["I would like to ask a few questions."],
    ),
    "since + duration": (
        [("I have worked with it since three years.", "since three years", "for three years")],
        ["I have worked with it since 2020.", "It started three years ago."],
    ),
    "use to": (
        [("I'm use to chasing flaky tests.", "use to", "used to")],
        ["I'm used to chasing flaky tests.", "We use to-do lists."],
    ),
    "more better": (
        [("It would make them even more better.", "more better", "better")],
        ["It would make them even better.", "More people came."],
    ),
    "one of the + singular": (
        [("It is one of the best team I have met.", "one of the best team", "one of the best teams")],
        ["It is one of the best teams I have met."],
    ),
    "its for it's": (
        [("Its great to see a studio plan ahead.", "Its", "It's")],
        ["Its team is great.", "It's great to see."],
    ),
    "capitalised pronoun mid-sentence": (
        [("Tell them that You're CCRN certified.", "You're", "you're"),
         ("Slip in that You've already got SC clearance.", "You've", "you've"),
         ("I was glad, and It's clear the team cares.", "It's", "it's"),
         ("I hope They'll call back.", "They'll", "they'll")],
        ["You're welcome to call.", "Thank you. You've been kind.", "I said: You're right.",
         "The film \"It's Complicated\" is old.", "Tell them you're certified."],
    ),
    "capitalised word after that": (
        [("I also meant to mention that My Spanish is conversational.", "My", "my"),
         ("I was glad that Your team liked it.", "Your", "your"),
         ("Say that They can reach me.", "They", "they")],
        ["I was glad that my Spanish helped.", "That You Need is a song.",
         "I read that Money magazine's guide.",
         "I saw that Mr Llewellyn agreed.", "Note that I'm certified."],
    ),
}  # fmt: skip


def test_every_rule_has_examples() -> None:
    tables = [TABLE, test_agreement.TABLE, test_usage.TABLE, test_confusables.TABLE]
    assert {r.name for r in ALL_RULES} == {name for table in tables for name in table}


@pytest.mark.parametrize(("rule", "sentence", "flagged", "fix"), fires(TABLE))
def test_the_rule_fires(rule: str, sentence: str, flagged: str, fix: str) -> None:
    assert (flagged, (fix,), "grammar") in found(sentence)


@pytest.mark.parametrize(("rule", "sentence"), quiet(TABLE))
def test_the_rule_stays_quiet(rule: str, sentence: str) -> None:
    assert found(sentence) == []
