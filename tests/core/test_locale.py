"""Where the candidate is (docs/rules.md): the country of a timezone, whose public
holidays count, and the English written there."""

from __future__ import annotations

import pytest

from followup.core.locale import (
    _zone_countries,
    country_names,
    country_of,
    country_of_zone,
    english_of,
    english_of_country,
)
from followup.core.model import Candidate, English


@pytest.mark.parametrize(
    ("timezone", "country"),
    [
        ("America/New_York", "US"),
        ("Europe/London", "GB"),
        ("Europe/Berlin", "DE"),
        ("Asia/Kolkata", "IN"),
        ("US/Eastern", "US"),  # an old name zone.tab no longer lists
        ("Asia/Calcutta", "IN"),
        ("UTC", None),  # a zone of no single country: weekends only
        ("Etc/GMT+5", None),
    ],
)
def test_the_country_of_a_timezone(timezone: str, country: str | None) -> None:
    assert country_of_zone(timezone) == country


def test_the_tables_are_read_from_tzdata() -> None:
    # Past the cache, so the files are read here whatever ran before.
    names, zones = country_names.__wrapped__(), _zone_countries.__wrapped__()
    assert (names["US"], names["GB"], names["NO"]) == ("United States", "Britain (UK)", "Norway")
    assert (zones["America/New_York"], zones["Europe/Oslo"]) == ("US", "NO")
    assert not any(code.startswith("#") for code in [*names, *zones.values()])
    assert len(names) > 240 and len(zones) > 300


@pytest.mark.parametrize(
    ("country", "english"),
    [
        ("US", "american"),
        ("CA", "canadian"),
        ("AU", "australian"),
        ("IN", "indian"),
        ("GB", "british"),
        ("IE", "british"),
        ("NZ", "british"),
        ("ZA", "british"),
        ("DE", "british"),  # the rest of Europe writes British English
        ("no", "british"),
        ("BR", "american"),
        ("JP", "american"),
        (None, "american"),
    ],
)
def test_the_english_of_a_country(country: str | None, english: English) -> None:
    assert english_of_country(country) == english


@pytest.mark.parametrize(
    ("timezone", "country", "english", "expected_country", "expected_english"),
    [
        ("Europe/London", None, None, "GB", "british"),
        ("Europe/London", "CA", None, "CA", "canadian"),  # the country set wins
        ("Europe/London", None, "indian", "GB", "indian"),  # so does the English set
        ("UTC", None, None, None, "american"),
    ],
)
def test_the_candidates_country_and_english(
    timezone: str,
    country: str | None,
    english: English | None,
    expected_country: str | None,
    expected_english: English,
) -> None:
    candidate = Candidate("Sam Okafor", timezone, country=country, english=english)
    assert (country_of(candidate), english_of(candidate)) == (expected_country, expected_english)
