"""The plain scenario reader agrees with the models: whatever it accepts, the models accept
with the same facts; and `validate_scenario` answers exactly as the models alone would, error
messages included, whichever path read the document."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from followup.core.errors import InvalidInputError
from followup.inputs.fields import first_problem
from followup.inputs.models import ScenarioIn
from followup.inputs.plain import read_plain
from followup.scenario import to_facts, validate_scenario
from tests.conftest import EXAMPLES

TESTS = Path(__file__).resolve().parents[1]
# revised.json carries the fields of the revised rules (country, English, check-in limit).
DOCUMENTS = sorted(EXAMPLES.glob("*.json")) + [
    TESTS / "writing" / "globex.json",
    TESTS / "inputs" / "revised.json",
]
MUTATIONS: list[tuple[str, Any]] = [
    ("absent", None),
    ("null", None),
    ("empty", ""),
    ("blank", "   "),
    ("padded", None),
    ("number", 1),
    ("float", 1.0),
    ("string one", "1"),
    ("true", True),
    ("list", []),
    ("object", {}),
    ("long", "x" * 2001),
    ("nul", "a\x00b"),
    ("surrogate", "a\ud800b"),
    ("old", "1899-12-31"),
    ("late", "2101-01-01T00:00:00+00:00"),
    ("naive", "2026-11-25T15:45:00"),
    ("zone", "Mars/Olympus"),
    ("country", "XX"),
    ("lower country", "gb"),
    ("english", "scottish"),
    ("big", 13),
    ("zero", 0),
]


def by_models(data: Any, name: str) -> Any:
    """What the models alone make of a document: facts and now, or the error message."""
    try:
        model = ScenarioIn.model_validate(data)
    except ValidationError as exc:
        where, problem = first_problem(exc)
        return InvalidInputError(f"{name}: {where}" if where else name, problem).message
    try:
        return to_facts(model, name), model.now
    except InvalidInputError as exc:
        return exc.message


def by_reader(data: Any, name: str) -> Any:
    try:
        return validate_scenario(data, name)
    except InvalidInputError as exc:
        return exc.message


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every field of the document, nested ones included."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*prefix, key)
            yield from paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value[:2]):
            yield (*prefix, n)
            yield from paths(inner, (*prefix, n))


def mutated(document: Any, path: tuple[Any, ...], how: str, value: Any) -> Any:
    changed = copy.deepcopy(document)
    parent = changed
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "absent":
        del parent[last]
    elif how == "padded":
        if not isinstance(parent[last], str):
            return None
        parent[last] = f" {parent[last]} "
    else:
        parent[last] = value
    return changed


def cases() -> Iterator[tuple[str, Any]]:
    for doc_path in DOCUMENTS:
        document = json.loads(doc_path.read_text(encoding="utf-8"))
        yield doc_path.name, document
        yield f"{doc_path.name}+extra", {**document, "colour": "red"}
        for path in paths(document):
            for how, value in MUTATIONS:
                if how == "absent" and isinstance(path[-1], int):
                    continue
                changed = mutated(document, path, how, value)
                if changed is not None:
                    yield f"{doc_path.name}:{'.'.join(map(str, path))}:{how}", changed


CASES = list(cases())


def test_the_well_formed_documents_take_the_plain_path() -> None:
    for doc_path in DOCUMENTS:
        assert read_plain(json.loads(doc_path.read_text(encoding="utf-8"))) is not None


def test_both_paths_give_the_same_facts_and_errors() -> None:
    plain_ones = 0
    for label, document in CASES:
        expected = by_models(document, "s.json")
        assert by_reader(document, "s.json") == expected, label
        if read_plain(document) is not None:
            plain_ones += 1
            ScenarioIn.model_validate(document)  # the models accept its shape too
    assert plain_ones > len(DOCUMENTS) * 10  # the plain path is really exercised


@pytest.mark.parametrize("limit_field", ["full_name", "email", "phone", "address"])
def test_at_and_over_each_candidate_limit(limit_field: str) -> None:
    from followup.core import limits

    limit = {"full_name": limits.NAME, "email": limits.EMAIL, "phone": limits.PHONE}.get(
        limit_field, limits.ADDRESS
    )
    document = json.loads(DOCUMENTS[0].read_text(encoding="utf-8"))
    for size in (limit, limit + 1):
        document["candidate"][limit_field] = "x" * size
        assert by_reader(document, "s.json") == by_models(document, "s.json")


def test_the_candidates_country_english_and_limit_reach_the_facts_and_back() -> None:
    from followup.core.jsonable import facts_to_scenario

    document = json.loads((TESTS / "inputs" / "revised.json").read_text(encoding="utf-8"))
    facts, now = validate_scenario(document, "s.json")
    c = facts.candidate
    assert (c.country, c.english, c.checkin_limit) == ("GB", "british", 3)
    assert validate_scenario(facts_to_scenario(facts, now), "again.json") == (facts, now)
    document["candidate"].update(country="ie", english=None)
    del document["candidate"]["checkin_limit"]
    c = validate_scenario(document, "s.json")[0].candidate
    assert (c.country, c.english, c.checkin_limit) == ("IE", None, 4)


def test_optional_fields_of_the_revised_rules_may_be_null() -> None:
    """docs/contracts.md: optional fields may be absent or null; null takes the default."""
    document = json.loads((TESTS / "inputs" / "revised.json").read_text(encoding="utf-8"))
    document["candidate"]["checkin_limit"] = None
    document["responses"][0]["kind"] = None
    document["skipped"] = None
    document["responses"][0]["expected_by"] = None  # an answer gives no date
    facts, _ = validate_scenario(document, "s.json")
    assert facts.candidate.checkin_limit == 4
    assert facts.responses[0].kind == "answer"
    assert facts.skipped == ()
    assert by_models(document, "s.json") == (facts, validate_scenario(document, "s.json")[1])
