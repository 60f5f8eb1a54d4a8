"""What every command shares: the clock (`--now`), the service, JSON output, time flags."""

import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.core.errors import FollowupError, InvalidInputError

if TYPE_CHECKING:
    from followup.services import Followup


class State:
    now: datetime | None = None


JsonFlag = Annotated[bool, typer.Option("--json", help="Plain JSON on stdout.")]
AtOption = Annotated[
    str | None, typer.Option("--at", help="When it happened (ISO 8601 with offset); default now.")
]


def parse_time(value: str, where: str) -> datetime:
    from followup.inputs.parse import parse_aware_time

    try:
        return parse_aware_time(value)
    except ValueError as exc:
        raise InvalidInputError(where, f"{value!r} is {exc}") from None


def clock() -> datetime:
    from datetime import UTC

    return State.now or datetime.now(UTC)


def followup_service() -> "Followup":
    from followup.services import open_service
    from followup.settings import Settings

    return open_service(Settings.from_env(), clock=clock)


def print_json(data: Any) -> None:
    """Plain JSON: indented for a person at a terminal, compact for programs."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, indent=indent, ensure_ascii=False) + "\n")


def profile_zone(service: "Followup") -> Any:
    from zoneinfo import ZoneInfo

    profile = service.profile()
    return ZoneInfo(profile.timezone if profile else "UTC")


# The fields services name in words, as this face's flags name them: the CLI says `--at` where
# the web shows the words beside the field and the API gives the words.
FLAGS = {
    "at": "--at",
    "expected_by": "--expected-by",
    "until": "--until",
    "from": "--from",
    "kind": "--kind",
    "method": "--method",
    "note": "--note",
    "primary_contact": "--primary-contact",
    "outcome": "OUTCOME",
}


def cli_message(error: FollowupError) -> str:
    """The error as this face words it: a field a service names in words gets its flag."""
    if isinstance(error, InvalidInputError) and error.field in FLAGS:
        return f"{FLAGS[error.field]}: {error.problem}"
    return error.message
