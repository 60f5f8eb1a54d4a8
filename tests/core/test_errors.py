"""The one exception tree: each error words its message and carries its own statuses."""

from __future__ import annotations

import pytest

from followup.core.errors import (
    ConflictError,
    FollowupError,
    InvalidInputError,
    NotFoundError,
)


# Built inside the test, not in the table: the message is worded when the error is made.
@pytest.mark.parametrize(
    ("error", "args", "message", "http_status"),
    [
        (FollowupError, ("the database is locked",), "the database is locked", 400),
        (InvalidInputError, ("--at", "not an ISO 8601 time"), "--at: not an ISO 8601 time", 400),
        (InvalidInputError, ("", "no scenario given"), "no scenario given", 400),
        (NotFoundError, ("application", "7"), "no application with id '7'", 404),
        (
            NotFoundError,
            ("application", "7", "run `followup list` to see them"),
            "no application with id '7'; run `followup list` to see them",
            404,
        ),
        (
            ConflictError,
            ("check_in:7:1 is already recorded as sent",),
            "check_in:7:1 is already recorded as sent",
            409,
        ),
    ],
)
def test_each_error_words_its_message_and_knows_its_statuses(
    error: type[FollowupError], args: tuple[str, ...], message: str, http_status: int
) -> None:
    made = error(*args)
    assert (made.message, str(made), made.exit_code, made.http_status) == (
        message,
        message,
        2,
        http_status,
    )


def test_an_invalid_input_keeps_where_and_what() -> None:
    error = InvalidInputError("candidate.timezone", "unknown timezone 'Mars/Olympus'")
    assert (error.where, error.problem) == ("candidate.timezone", "unknown timezone 'Mars/Olympus'")
