"""What happened: a follow-up made, a reply received, a follow-up skipped."""

# No `from __future__ import annotations`: Typer reads the annotations at start-up.
from datetime import date
from typing import Annotated, Any

import typer

from followup.cli.common import AtOption, JsonFlag, clock, followup_service, parse_time, print_json
from followup.core.errors import ConflictError, InvalidInputError


def parse_date(value: str | None, where: str) -> date | None:
    from followup.inputs.parse import parse_day

    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise InvalidInputError(where, f"{value!r} is {exc}") from None


def sent(
    action: Annotated[str, typer.Argument(help="Action id from the agenda, e.g. thank_you:4:7.")],
    at: AtOption = None,
    method: Annotated[
        str | None, typer.Option(help="email, phone or letter, if not the planned one.")
    ] = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Record it even though its kept note has proofreading errors."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Record a follow-up as sent (or called, or posted). Example: followup sent thank_you:4:7

    A note kept for it (followup write) with proofreading errors is refused (exit 2) unless
    --yes says it went as it was.
    """
    from followup.inputs.fields import validate
    from followup.inputs.models import SentIn
    from followup.services.events import ProofreadingErrorsError

    when = parse_time(at, "--at") if at else clock()
    checked = validate(SentIn, {"at": when, "method": method}, "sent")
    try:
        result = followup_service().mark_sent(
            action, at=checked.at, method=checked.method, confirmed=yes
        )
    except ProofreadingErrorsError as exc:
        listed = "; ".join(
            (f"“{f.text}”: " if f.text else "") + f.message for f in exc.findings[:5]
        )
        raise ConflictError(
            f"the kept note of {exc.action_id} has {len(exc.findings)} proofreading error(s): "
            f"{listed}. Fix it (followup write {exc.action_id}), or add --yes if it went as it was"
        ) from None
    if as_json:
        from followup.services.outputs import sent_json

        print_json(sent_json(result))
    else:
        typer.echo(f"Recorded {result.action_id} as sent.")
    if result.warning:
        typer.secho(f"Warning: {result.warning}", fg="yellow", err=True)


def reply(
    application: Annotated[str, typer.Argument(help="Application id.")],
    person: Annotated[str | None, typer.Option("--from", help="Person id who answered.")] = None,
    at: AtOption = None,
    kind: Annotated[
        str,
        typer.Option(
            help="answer (the decision: check-ins stop), update (a new answer date: check-ins "
            "wait for it) or auto_reply (out of office: check-ins go on)."
        ),
    ] = "answer",
    expected_by: Annotated[
        str | None,
        typer.Option("--expected-by", help="An update's new answer date, e.g. 2026-12-10."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="An auto_reply's return date: no check-in before the day after it."),
    ] = None,
    note: Annotated[str | None, typer.Option(help="What they said, in a few words.")] = None,
) -> None:
    """Record word from the company.

    Examples:
    followup reply 3 --from 7                                (an answer: check-ins stop)
    followup reply 3 --kind update --expected-by 2026-12-10  (check in after the 10th)
    followup reply 3 --kind auto_reply --until 2026-12-07    (out of office until the 7th)
    """
    from followup.core.workdays import short_day

    when = parse_time(at, "--at") if at else clock()
    new_date = parse_date(expected_by, "--expected-by")
    back = parse_date(until, "--until")
    followup_service().record_reply(
        application,
        person=person,
        at=when,
        note=note,
        kind=kind,
        expected_by=new_date,
        until=back,
    )
    if kind == "update":
        promise = f"an answer by {short_day(new_date)}" if new_date else "no new date"
        typer.echo(
            f"Recorded an update for application {application} ({promise}); "
            "check-ins start again after it."
        )
    elif kind == "auto_reply":
        typer.echo(
            f"Recorded an automatic reply for application {application}; check-ins go on"
            + (f", not before they are back after {short_day(back)}." if back else ".")
        )
    else:
        typer.echo(f"Recorded an answer for application {application}; check-ins stop.")


def skip(
    action: Annotated[str, typer.Argument(help="Action id from the agenda, e.g. thank_you:4:7.")],
    at: AtOption = None,
) -> None:
    """Skip a planned follow-up you will not make: it leaves the agenda for good.

    A skipped check-in still counts for the cadence (the next one waits as if it was made),
    not for the check-in limit. Examples:
    followup skip thank_you:4:7
    followup skip check_in:7:2 --at 2026-12-11T10:00:00-05:00
    """
    when = parse_time(at, "--at") if at else clock()
    result = followup_service().skip_action(action, at=when)
    after = (
        "it counts for the cadence (the next check-in waits as if it was made), not the limit."
        if result.kind == "check_in"
        else "it will not come back."
    )
    typer.echo(f"Skipped {result.action_id}; {after}")


def register(app: Any) -> None:
    app.command()(sent)
    app.command()(reply)
    app.command()(skip)
