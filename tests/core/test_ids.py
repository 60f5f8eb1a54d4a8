"""The action id: one value object builds and reads every id."""

from __future__ import annotations

import pytest

from followup.core.errors import InvalidInputError
from followup.core.ids import ActionId


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("thank_you:onsite:aisha", ActionId.thank_you("onsite", "aisha")),
        ("thank_you:4:7", ActionId.thank_you("4", "7")),
        ("check_in:wei:3", ActionId.check_in("wei", 3)),
        ("  check_in:7:1\n", ActionId.check_in("7", 1)),
    ],
)
def test_parse_reads_both_kinds(text: str, parsed: ActionId) -> None:
    assert ActionId.parse(text) == parsed
    assert str(parsed) == text.strip()
    assert ActionId.parse(str(parsed)) == parsed


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("thank_you:1", False),
        ("thank_you:1:2:3", False),
        ("reminder:1:2", False),
        ("check_in:7:0", False),
        ("check_in:7:x", False),
        ("check_in:7:-1", False),
        ("thank_you::7", False),
        ("thank_you:a b:7", False),
        ("", False),
        ("thank_you:onsite:aisha", True),
        ("check_in:wei:1", True),
        ('thank_you:1:2"; filename="evil.html', True),
    ],
)
def test_parse_refuses_with_the_argument_named(text: str, stored: bool) -> None:
    with pytest.raises(InvalidInputError) as raised:
        ActionId.parse(text, "--action", stored=stored)
    assert raised.value.message == (
        f"--action: {text!r} is not an action id such as thank_you:3:7 or check_in:7:1"
    )


def test_slug_and_renumbering() -> None:
    thanks = ActionId.parse("thank_you:4:7", stored=True)
    assert thanks.slug == "thank_you-4-7"
    assert str(thanks.renumbered({"4": "40"}, {"7": "70"})) == "thank_you:40:70"
    assert str(ActionId.check_in("7", 2).renumbered({}, {"7": "70"})) == "check_in:70:2"


@pytest.mark.parametrize(("text", "shown"), [("reminder:1:2", "'reminder:1:2'"), (None, "None")])
def test_without_a_name_the_argument_is_called_action(text: str, shown: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        ActionId.parse(text)
    assert raised.value.message == (
        f"ACTION: {shown} is not an action id such as thank_you:3:7 or check_in:7:1"
    )
