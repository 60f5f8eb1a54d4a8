"""What a user may enter (CLI flags, notes files, later forms and API bodies), validated once.

Each model turns raw input into checked values; `validate` reports the first problem as
`where: field: message`, the same shape as scenario files.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError, field_validator

from followup.core.errors import InvalidInputError
from followup.scenario import (
    ApplicationFactsIn,
    AwareTime,
    CandidateIn,
    Day,
    OptText,
    Phone,
    StrictModel,
    Text,
    first_problem,
)

M = TypeVar("M", bound=BaseModel)


_Input = StrictModel


# The profile is the scenario's candidate; a new application, the facts a scenario gives.
ProfileIn = CandidateIn
ApplicationIn = ApplicationFactsIn


class PersonIn(_Input):
    """A person met: contact details and what this conversation was about."""

    id: int | None = None
    name: Text
    title: OptText = None
    email: OptText = None
    phone: Phone = None
    address: OptText = None
    salutation: OptText = None
    discussed: list[Text] = []
    liked: list[Text] = []
    primary: bool = False  # the application's primary contact: check-ins go to them

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value and ("@" not in value or " " in value or value.startswith("@")):
            raise ValueError(f"{value!r} is not an email address")
        return value or None


class InterviewIn(_Input):
    """An interview as a notes file (JSON or YAML) or the CLI's flags describe it."""

    kind: Literal["phone", "video", "in_person"] = "video"
    start: AwareTime
    end: AwareTime
    people: list[PersonIn] = Field(default_factory=list, max_length=50)
    forgot_to_mention: list[Text] = []
    expected_response_by: Day = None

    @field_validator("people")
    @classmethod
    def _one_primary(cls, people: list[PersonIn]) -> list[PersonIn]:
        if sum(p.primary for p in people) > 1:
            raise ValueError("only one person can be the primary contact")
        return people


class InterviewEditIn(_Input):
    """Changes to an interview; people given replace the list of people met."""

    kind: Literal["phone", "video", "in_person"] | None = None
    start: AwareTime | None = None
    end: AwareTime | None = None
    people: list[PersonIn] | None = Field(default=None, max_length=50)
    forgot_to_mention: list[Text] | None = None
    expected_response_by: Day = None
    clear_expected_response_by: bool = False


class SentIn(_Input):
    at: AwareTime
    method: Literal["email", "phone", "letter"] | None = None


def validate(model: type[M], data: Any, where: str) -> M:
    """`data` checked against `model`, or an InvalidInputError naming the field."""
    if not isinstance(data, dict):
        raise InvalidInputError(where, "must be a mapping of fields (a JSON object)")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field, problem = first_problem(exc)
        raise InvalidInputError(f"{where}: {field}" if field else where, problem) from None
