"""Small scenarios for proofreader tests: a candidate of some country, one interview with the
people given, as `followup check` would read them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from followup.core.model import Facts
from followup.scenario import validate_scenario


def person(pid: str, name: str, salutation: str | None = None, **more: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "salutation": salutation, "title": more.pop("title", None),
            "email": f"{pid}@example.org", "discussed": more.pop("discussed", ["the rota"]),
            "liked": more.pop("liked", ["my audit work"]), **more}  # fmt: skip


def facts_of(
    *people: dict[str, Any],
    candidate: str = "Sam Lee",
    country: str = "GB",
    company: str = "Harbour Trust",
    role: str = "Store Manager",
    others: tuple[str, ...] = (),
) -> Facts:
    document = {
        "candidate": {"full_name": candidate, "email": "sam@example.org",
                      "timezone": "Europe/London"},
        "application": {"company": company, "role": role, "primary_contact": people[0]["id"]},
        "interviews": [{"id": "i1", "kind": "in_person", "start": "2026-05-12T10:00:00+01:00",
                        "end": "2026-05-12T11:00:00+01:00", "participants": list(people)}],
        "other_companies": list(others),
    }  # fmt: skip
    facts, errors = validate_scenario(document, "test")
    assert not errors, errors
    return replace(facts, candidate=replace(facts.candidate, country=country))
