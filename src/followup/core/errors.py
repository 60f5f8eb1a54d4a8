"""The one exception tree of followup; every face turns these into a message and a status."""

from __future__ import annotations


class FollowupError(Exception):
    """Root of every error followup reports to a user; the message says what to do.

    Each class carries the exit status the command line ends with and the HTTP status the web
    app answers with, so neither face maps errors itself.
    """

    exit_code = 2
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInputError(FollowupError):
    """A file, argument or field is wrong; `where` names it, `problem` says what is wrong.

    `field` is the input's own key (`expected_by`) when `where` names it in words ("the new
    answer date"), so a form can show the problem beside that field.
    """

    def __init__(self, where: str, problem: str, *, field: str | None = None) -> None:
        self.where = where
        self.problem = problem
        self.field = field
        super().__init__(f"{where}: {problem}" if where else problem)


class NotFoundError(FollowupError):
    """An id the user gave names nothing stored."""

    http_status = 404

    def __init__(self, what: str, ident: str, hint: str = "") -> None:
        text = f"no {what} with id {ident!r}"
        super().__init__(f"{text}; {hint}" if hint else text)


class ConflictError(FollowupError):
    """The request makes sense but clashes with what is stored."""

    http_status = 409
