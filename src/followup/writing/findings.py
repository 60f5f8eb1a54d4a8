"""What the proofreader reports: findings with kind, severity, offsets and suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal[
    "spelling", "grammar", "style", "name", "recipient", "company", "placeholder", "missing",
    "length", "tone", "duplicate",
]  # fmt: skip
ERROR_KINDS = frozenset(("name", "recipient", "company", "placeholder", "spelling", "grammar"))


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    message: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    suggestions: tuple[str, ...] = ()
    element: str | None = None

    @property
    def severity(self) -> Literal["error", "warning"]:
        return "error" if self.kind in ERROR_KINDS else "warning"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "element": self.element,
        }


@dataclass(frozen=True)
class Report:
    words: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    def to_dict(self) -> dict[str, Any]:
        return {"words": self.words, "findings": [f.to_dict() for f in self.findings]}
