"""Where the candidate is: the country of a timezone, and the English written there.

docs/rules.md: business days are those of the candidate's `country`, by default the country
the timezone belongs to (America/New_York -> US; UTC or Etc/GMT+5 -> none, weekends only); the
notes are written, and proofread, in the candidate's `english`, by default the country's.
"""

from __future__ import annotations

import functools
from importlib import resources

from followup.core.model import Candidate, English

# The rest of Europe writes British English too (docs/rules.md, "Content").
_EUROPE_BRITISH = frozenset(
    [
        "AD",
        "AL",
        "AT",
        "BA",
        "BE",
        "BG",
        "BY",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FO",
        "FR",
        "GG",
        "GI",
        "GR",
        "HR",
        "HU",
        "IE",
        "IM",
        "IS",
        "IT",
        "JE",
        "LI",
        "LT",
        "LU",
        "LV",
        "MC",
        "MD",
        "ME",
        "MK",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "RS",
        "SE",
        "SI",
        "SK",
        "SM",
        "UA",
        "VA",
        "XK",
    ]
)
_ENGLISH_BY_COUNTRY: dict[str, English] = {
    "CA": "canadian",
    "AU": "australian",
    "IN": "indian",
    **{c: "british" for c in ("GB", "IE", "NZ", "ZA")},
}


def _tzdata_table(name: str) -> list[list[str]]:
    """The rows of one of tzdata's tab-separated tables (package data), or none without it."""
    try:
        text = (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 code -> the country's English name, from tzdata's iso3166.tab."""
    return {row[0]: row[1] for row in _tzdata_table("iso3166.tab") if len(row) >= 2}


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166 alpha-2 country code (upper case, as stored)."""
    return code in country_names()


@functools.cache
def _zone_countries() -> dict[str, str]:
    """IANA zone -> the one country it belongs to, from tzdata's zone.tab (package data, read
    once; a zone shared by several countries, such as Europe/Zurich's, is listed once there)."""
    return {row[2]: row[0] for row in _tzdata_table("zone.tab") if len(row) >= 3}


# Old names that zone.tab no longer lists but people still have in their settings.
_ALIASES = {"US/Eastern": "US", "US/Central": "US", "US/Mountain": "US", "US/Pacific": "US",
            "GB": "GB", "Europe/Kiev": "UA", "Asia/Calcutta": "IN", "Canada/Eastern": "CA",
            "Australia/ACT": "AU", "Asia/Saigon": "VN", "Asia/Katmandu": "NP"}  # fmt: skip


def country_of_zone(timezone: str) -> str | None:
    """The ISO 3166 country of an IANA zone, or None for a zone of no single country (UTC)."""
    return _zone_countries().get(timezone) or _ALIASES.get(timezone)


def country_of(candidate: Candidate) -> str | None:
    """The candidate's country: the one set, else the timezone's."""
    return candidate.country or country_of_zone(candidate.timezone)


def english_of_country(country: str | None) -> English:
    if country is None:
        return "american"
    code = country.upper()
    if code in _ENGLISH_BY_COUNTRY:
        return _ENGLISH_BY_COUNTRY[code]
    return "british" if code in _EUROPE_BRITISH else "american"


def english_of(candidate: Candidate) -> English:
    """The English the candidate writes: the one set, else their country's."""
    return candidate.english or english_of_country(country_of(candidate))
