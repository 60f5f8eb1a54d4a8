"""The action id: the one place its format is built and read.

`thank_you:<interview>:<contact>` names the thank-you to one person met at one interview;
`check_in:<contact>:<n>` the n-th check-in (counted from 1) to one person. Scenario files use
their own ids ("onsite", "aisha"); stored data uses numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from followup.core.errors import InvalidInputError
from followup.core.model import ActionKind

_PART = r"[^:\s]{1,200}"
_NUMBER = r"[1-9][0-9]{0,8}"
_SHAPE = re.compile(rf"(thank_you):({_PART}):({_PART})|(check_in):({_PART}):({_NUMBER})")
# The id of a stored action, as a URL path segment may carry it: numbers only.
STORED_PATTERN = rf"^(?:thank_you:{_NUMBER}:{_NUMBER}|check_in:{_NUMBER}:{_NUMBER})$"
_STORED = re.compile(STORED_PATTERN)
EXAMPLE = "thank_you:3:7 or check_in:7:1"


def thank_you_id(interview: str, contact: str) -> str:
    """The id of a thank-you as text: what `str(ActionId.thank_you(...))` gives, without
    building the object (the planner makes one per person met, per plan)."""
    return f"thank_you:{interview}:{contact}"


def check_in_id(contact: str, number: int) -> str:
    return f"check_in:{contact}:{number}"


@dataclass(frozen=True, slots=True)
class ActionId:
    """Which follow-up an action is: its kind, the person, and the interview or the number."""

    kind: ActionKind
    contact: str
    interview: str | None = None  # a thank-you's interview
    number: int | None = None  # a check-in's place in the sequence, from 1

    @classmethod
    def thank_you(cls, interview: str, contact: str) -> ActionId:
        return cls(kind="thank_you", contact=contact, interview=interview)

    @classmethod
    def check_in(cls, contact: str, number: int) -> ActionId:
        return cls(kind="check_in", contact=contact, number=number)

    @classmethod
    def parse(cls, text: str, where: str = "ACTION", *, stored: bool = False) -> ActionId:
        """The action id in `text`; `stored` asks for the numeric ids of stored data.

        A malformed id is an InvalidInputError naming `where`, never a bare ValueError.
        """
        value = text.strip() if isinstance(text, str) else ""
        found = _SHAPE.fullmatch(value)
        if found is None or (stored and _STORED.fullmatch(value) is None):
            raise InvalidInputError(where, f"{text!r} is not an action id such as {EXAMPLE}")
        if found.group(1):
            return cls.thank_you(found.group(2), found.group(3))
        return cls.check_in(found.group(5), int(found.group(6)))

    def __str__(self) -> str:
        if self.kind == "thank_you":
            return thank_you_id(str(self.interview), self.contact)
        return check_in_id(self.contact, self.number or 0)

    @property
    def slug(self) -> str:
        """The id as a file name part: `thank_you-4-7`."""
        return str(self).replace(":", "-")

    def renumbered(self, interviews: Mapping[str, str], people: Mapping[str, str]) -> ActionId:
        """The same action after its interview and person got new ids (a merged import)."""
        if self.kind == "thank_you":
            assert self.interview is not None
            return ActionId.thank_you(interviews[self.interview], people[self.contact])
        assert self.number is not None
        return ActionId.check_in(people[self.contact], self.number)
