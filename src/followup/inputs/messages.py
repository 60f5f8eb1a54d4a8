"""Problems with what a user typed, as sentences beside the field on the web: "Give the
company a name", "Enter when the interview started". One mapping (inputs/data/messages.toml)
for every form; the API and the CLI keep the exact `field: problem` of the contracts.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from followup.core.errors import InvalidInputError
from followup.inputs.fields import field_path

# pydantic's error types -> the kinds of problem the sentences are written for
KINDS = {
    "missing": "missing",
    "string_too_short": "missing",
    "too_short": "missing",
    "string_too_long": "too_long",
    "too_long": "many",
    "greater_than_equal": "range",
    "less_than_equal": "range",
    "greater_than": "range",
    "less_than": "range",
    "literal_error": "choice",
    "enum": "choice",
}


@functools.cache
def _sentences() -> dict[str, dict[str, str]]:
    path = Path(__file__).with_name("data") / "messages.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def sentence(field: str, kind: str, problem: str = "", **numbers: Any) -> str:
    """The sentence for a problem of `kind` with `field` (a path: its last name counts)."""
    name = field.rsplit(".", 1)[-1].split("[", 1)[0]
    table = _sentences()
    words = table.get(name, {}).get(kind) or table["_any"].get(kind) or "{problem}"
    known = {k: v for k, v in numbers.items() if v is not None}
    try:
        said = words.format(problem=problem, **known)
    except KeyError:  # a bound the error did not give: say the problem as it is
        said = table["_any"]["invalid"].format(problem=problem)
    return said[:1].upper() + said[1:]


def _kind_of(record: dict[str, Any]) -> str:
    kind = KINDS.get(record.get("type", ""), "invalid")
    if kind == "invalid" and "control character" in str(record.get("msg", "")).lower():
        return "lines"
    if kind == "invalid" and any(
        w in str(record.get("msg", "")) for w in ("line break", "tab", "carriage return")
    ):
        return "lines"
    return kind


def _bounds(model: Any, loc: tuple[Any, ...]) -> dict[str, Any]:
    """The bounds the model sets on a top-level number field (ge/le), for "from 1 to 12"."""
    field = getattr(model, "model_fields", {}).get(loc[0]) if len(loc) == 1 else None
    found: dict[str, Any] = {}
    for rule in field.metadata if field else ():
        if getattr(rule, "ge", None) is not None:
            found["min"] = rule.ge
        if getattr(rule, "le", None) is not None:
            found["max"] = rule.le
    return found


def plain_problems(errors: Sequence[Any], model: Any = None) -> dict[str, str]:
    """Every problem of pydantic's error records, field path -> sentence (the first of each);
    `model` gives the bounds of a number out of range."""
    out: dict[str, str] = {}
    for record in errors:
        path = field_path(tuple(record.get("loc", ())))
        ctx = record.get("ctx") or {}
        problem = str(ctx.get("error", record.get("msg", "")))
        if record.get("type") == "missing" or (
            record.get("type") in ("string_too_short", "too_short") and not record.get("input")
        ):
            kind = "missing"
        else:
            kind = _kind_of(record)
        numbers = {
            "max": ctx.get("max_length", ctx.get("le", ctx.get("lt"))),
            "min": ctx.get("min_length", ctx.get("ge", ctx.get("gt"))),
        }
        if kind == "range":
            numbers |= _bounds(model, tuple(record.get("loc", ())))
        out.setdefault(path, sentence(path, kind, problem, **numbers))
    return out


def plain_error(error: InvalidInputError) -> str:
    """A service's InvalidInputError as the sentence beside its field."""
    field = error.field or error.where.rsplit(": ", 1)[-1]
    return sentence(field, "rule", error.problem)
