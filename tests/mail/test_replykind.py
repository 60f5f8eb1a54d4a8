"""A company's reply: its answer, or an update promising one (and the date it promises). An
update needs an update's wording; any sign of a decision makes it an answer; quoted text never
counts."""

from __future__ import annotations

from datetime import date

import pytest

from followup.mail.replykind import own_words, reply_kind

WED = date(2026, 11, 25)


@pytest.mark.parametrize(("text", "kind", "expected_by"), [
    ("We are still interviewing and expect to make a decision by December 10.",
     "update", date(2026, 12, 10)),
    ("Hi Jordan, no decision yet. I'll get back to you by Friday 4 December.",
     "update", date(2026, 12, 4)),
    ("We haven't made a final decision; we will let you know next week.", "update", None),
    ("Apologies for the delay - the process is taking longer than planned. We hope to "
     "update you before 14/12.", "update", date(2026, 12, 14)),
    ("Dear Jordan, we are currently reviewing the shortlist and will be in touch by "
     "2026-12-09. Kind regards, Priya", "update", date(2026, 12, 9)),
    ("The hiring decision has been pushed back until January 6th, 2027.",
     "update", date(2027, 1, 6)),
    # a date that has passed is no promise
    ("We are still deciding; we hoped to let you know by November 20.", "update", None),
    # answers
    ("Thanks Jordan, we would like to offer you the role!", "answer", None),
    ("Unfortunately we have decided to move forward with other candidates.", "answer", None),
    ("We are still reviewing, but I am pleased to offer you a place in the final round on "
     "December 3.", "answer", None),
    ("Thanks for the lovely note, it was great to meet you too.", "answer", None),
    ("Could you send over two references by Friday?", "answer", None),
    ("We'd like to schedule a call with our CTO by next Wednesday.", "answer", None),
])  # fmt: skip
def test_reply_kinds(text: str, kind: str, expected_by: date | None) -> None:
    assert reply_kind(text, WED) == (kind, expected_by)


def test_the_candidates_own_words_quoted_below_never_count() -> None:
    reply = (
        "Thank you, Jordan - we have decided to go with you. Welcome aboard!\n\n"
        "On Tue, 24 Nov 2026 at 16:00, Jordan Rivera <jordan@example.org> wrote:\n"
        "> I understand you are still interviewing and will decide by December 2.\n"
    )
    assert own_words(reply).strip() == (
        "Thank you, Jordan - we have decided to go with you. Welcome aboard!"
    )
    assert reply_kind(reply, WED) == ("answer", None)
    inline = "Thanks!\n> We are still interviewing and will let you know by Dec 2."
    assert reply_kind(inline, WED) == ("answer", None)
