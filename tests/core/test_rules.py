"""The numbers of the rules live in one place (STYLE 16): change one, and the planner and its
words follow."""

from __future__ import annotations

from datetime import timedelta

import pytest

from followup.core import rules
from followup.core.plan import plan_application
from tests.core.checkin_shapes import iso, when
from tests.core.factories import at, facts, interview


@pytest.mark.parametrize(
    ("window", "words"),
    [
        (timedelta(hours=24), "24 hours"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=2), "2 hours"),
        (timedelta(minutes=90), "90 minutes"),
    ],
)
def test_the_thank_you_window_in_words(
    monkeypatch: pytest.MonkeyPatch, window: timedelta, words: str
) -> None:
    monkeypatch.setattr(rules, "THANK_YOU_WINDOW", window)
    assert rules.window_words() == words


def test_the_planner_follows_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "THANK_YOU_WINDOW", timedelta(minutes=90))
    f = facts(interview(kind="in_person"), culture="traditional")
    [thanks] = [a for a in plan_application(f, at("2026-11-24 15:30")).actions if a.rule == "R1"]
    assert (iso(thanks.due), thanks.status, thanks.reasons) == (
        when("2026-11-24 16:30"),
        "due",
        (
            "thank-you within 90 minutes of the in-person interview that ended Tue 24 Nov 15:00",
            "letter: the company culture is traditional, and a letter suits it",
            "letter: must be posted by Tue 24 Nov 16:30 to count as within 90 minutes",
        ),
    )


@pytest.mark.parametrize(
    ("per_week", "gap", "words"),
    [(1, timedelta(days=7), "once a week"), (2, timedelta(days=3, hours=12), "twice a week")],
)
def test_the_cadence(per_week: int, gap: timedelta, words: str) -> None:
    assert (rules.cadence_gap(per_week), rules.cadence_words(per_week)) == (gap, words)
