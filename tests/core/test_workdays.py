"""Business days: Monday to Friday less the public holidays of the candidate's country."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from followup.core.errors import InvalidInputError
from followup.core.workdays import (
    business_window,
    duration_words,
    first_window_after,
    holiday_name,
    holidays_in,
    is_business_day,
    zone,
)
from tests.core.factories import at


@pytest.mark.parametrize(
    ("day", "country", "business", "name"),
    [
        ("2026-11-26", "US", False, "Thanksgiving Day"),
        ("2026-11-26", "GB", True, None),
        ("2026-11-26", None, True, None),  # no country: weekends only
        ("2026-12-25", "DE", False, "Christmas Day"),  # named in English whatever the country
        ("2026-12-26", "GB", False, "Boxing Day"),  # a Saturday anyway
        ("2026-12-28", "GB", False, "Boxing Day (observed)"),
        ("2026-12-28", "US", True, None),
        ("2026-10-02", "IN", False, "Mahatma Gandhi's Birthday"),
        ("2026-11-28", "US", False, None),  # a Saturday
        ("2026-07-14", "FR", False, "National Day"),
        ("2026-12-25", "AQ", False, "Christmas Day"),  # Antarctica has its own holidays too
        ("2026-12-24", "BV", True, None),  # a country the package does not cover: weekends only
    ],
)
def test_business_days(day: str, country: str | None, business: bool, name: str | None) -> None:
    d = date.fromisoformat(day)
    assert is_business_day(d, country) is business
    assert holiday_name(d, country) == name


def test_holidays_are_read_once_per_country_and_year() -> None:
    assert holidays_in("GB", 2027) is holidays_in("GB", 2027)


NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("after", "country", "opens", "passed"),
    [
        ("2026-11-25", "US", "2026-11-27 09:00", ((date(2026, 11, 26), "Thanksgiving Day"),)),
        ("2026-11-25", None, "2026-11-26 09:00", ()),
        ("2026-12-31", "US", "2027-01-04 09:00", ((date(2027, 1, 1), "New Year's Day"),)),
    ],
)
def test_first_window_after_a_day_names_the_holidays_it_passed(
    after: str, country: str | None, opens: str, passed: tuple[tuple[date, str], ...]
) -> None:
    window = first_window_after(date.fromisoformat(after), NY, country)
    assert (window.not_before, window.due) == (at(opens), at(opens[:10] + " 17:00"))
    assert window.moved_past == passed


def test_a_window_starting_on_a_holiday_moves_past_it() -> None:
    window = business_window(at("2026-11-26 10:00"), NY, "US")
    assert (window.not_before, window.moved_past) == (
        at("2026-11-27 09:00"),
        ((date(2026, 11, 26), "Thanksgiving Day"),),
    )


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 min"),
        (59, "0 min"),
        (60, "1 min"),
        (59 * 60, "59 min"),
        (3600, "1 h"),
        (3600 + 60, "1 h 1 min"),
        (2 * 3600 + 59 * 60, "2 h 59 min"),
        (3 * 3600 + 60, "3 h"),  # from 3 hours on, minutes are noise
        (23 * 3600 + 59 * 60, "23 h"),
        (86400, "1 d"),
        (86400 + 3600, "1 d 1 h"),
        (2 * 86400 + 5 * 3600 + 30 * 60, "2 d 5 h"),
        (-90 * 60, "1 h 30 min"),  # how overdue: the same words
    ],
)
def test_duration_words(seconds: float, words: str) -> None:
    assert duration_words(seconds) == words


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("Mars/Olympus", None, "timezone: unknown timezone 'Mars/Olympus'"),
        ("", "candidate.timezone", "candidate.timezone: unknown timezone ''"),
        (" UTC", "tz", "tz: unknown timezone ' UTC'"),
        ("/etc/localtime", "tz", "tz: unknown timezone '/etc/localtime'"),
        ("America/../UTC", "tz", "tz: unknown timezone 'America/../UTC'"),
    ],
)
def test_an_unknown_zone_is_refused_naming_the_field(
    name: str, where: str | None, message: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        zone(name) if where is None else zone(name, where)
    assert raised.value.message == f"{message}; use an IANA name such as Europe/London"


NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(("start", "end", "shown"), [
    ("2026-12-03T14:00:00+00:00", "2026-12-03T22:00:00+00:00", "Thu 3 Dec 09:00–17:00"),
    # one local day that is two UTC days: still one day, as the candidate sees it
    ("2026-12-04T02:00:00+00:00", "2026-12-04T03:30:00+00:00", "Thu 3 Dec 21:00–22:30"),
    ("2026-12-03T21:00:00+00:00", "2026-12-04T15:05:00+00:00", "Thu 3 Dec 16:00 – Fri 4 Dec 10:05"),
])  # fmt: skip
def test_a_window_is_shown_in_the_candidates_zone(start: str, end: str, shown: str) -> None:
    from datetime import datetime

    from followup.core.workdays import when_window

    assert (
        when_window(datetime.fromisoformat(start), datetime.fromisoformat(end), NEW_YORK) == shown
    )


@pytest.mark.parametrize(("seconds", "words"), [
    (0, "0 min"), (59, "0 min"), (40 * 60, "40 min"), (-40 * 60, "40 min"),
    (2 * 3600 + 30 * 60, "2 h 30 min"), (2 * 3600, "2 h"), (3 * 3600 + 30 * 60, "3 h"),
    (86400, "1 d"), (2 * 86400 + 3 * 3600 + 59, "2 d 3 h"), (2 * 86400 + 59 * 60, "2 d"),
])  # fmt: skip
def test_how_far_away_in_words(seconds: float, words: str) -> None:
    from followup.core.workdays import duration_words

    assert duration_words(seconds) == words


@pytest.mark.parametrize(("n", "words", "said"), [
    (0, ("interview",), "0 interviews"), (1, ("interview",), "1 interview"),
    (2, ("interview",), "2 interviews"), (1, ("person", "people"), "1 person"),
    (3, ("person", "people"), "3 people"),
])  # fmt: skip
def test_a_count_as_a_sentence_says_it(n: int, words: tuple[str, ...], said: str) -> None:
    from followup.core.workdays import counted

    assert counted(n, *words) == said
