"""Undo the last change, and delete what was entered by mistake."""

# No `from __future__ import annotations`: Typer reads the annotations at start-up.
from typing import Annotated, Any

import typer

from followup.cli.common import followup_service
from followup.core.errors import ConflictError

delete_cmd = typer.Typer(
    help="Delete an application, interview, person, sent record or reply (undo for a minute).",
    no_args_is_help=True,
)
UNDO_HINT = "`followup undo` puts it back (for a minute)."


def undo() -> None:
    """Undo the last change (a follow-up marked sent, a reply, a skip, a close, a delete), for a
    minute after it was made; run it again to undo the one before.

    Example: followup undo
    """
    done = followup_service().undo()
    typer.echo(f"Undone: {done.summary}.")


def _deleted(summary: str) -> None:
    typer.echo(f"{summary}. {UNDO_HINT}")


@delete_cmd.command("app")
def delete_app(application: Annotated[str, typer.Argument(help="Application id.")]) -> None:
    """Delete an application and everything entered for it. Example: followup delete app 3"""
    _deleted(followup_service().delete_application(application).summary)


@delete_cmd.command("interview")
def delete_interview(interview: Annotated[str, typer.Argument(help="Interview id.")]) -> None:
    """Delete an interview, its thank-yous, and the people met only there.

    Example: followup delete interview 4
    """
    _deleted(followup_service().delete_interview(interview).summary)


@delete_cmd.command("person")
def delete_person(
    person: Annotated[str, typer.Argument(help="Person id (#N in app show).")],
) -> None:
    """Delete a person met, with their thank-yous and check-ins; their replies stay, from the
    company. Example: followup delete person 7"""
    _deleted(followup_service().delete_person(person).summary)


@delete_cmd.command("sent")
def delete_sent(
    record: Annotated[str, typer.Argument(help='Sent record id ("sent N" in app show).')],
) -> None:
    """Delete the record of a follow-up made: it is planned again.

    Example: followup delete sent 5
    """
    _deleted(followup_service().delete_sent(record).summary)


@delete_cmd.command("reply")
def delete_reply(
    reply: Annotated[str, typer.Argument(help='Reply id ("reply N" in app show).')],
) -> None:
    """Delete a reply recorded by mistake: the check-ins it stopped come back.

    Example: followup delete reply 2
    """
    _deleted(followup_service().delete_reply(reply).summary)


def demo(
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing (quietly) when there is data already.")
    ] = False,
    remove: Annotated[
        bool,
        typer.Option("--remove", help="Remove the sample (applications of your own stay)."),
    ] = False,
) -> None:
    """Load a realistic sample (three applications) into an empty database, marked as the
    sample: the web app says so on every page until "Start with my own" (or --remove) removes
    it. Examples: followup demo; followup demo --remove"""
    service = followup_service()
    if remove:
        if not service.is_demo():
            raise ConflictError("there is no sample to remove: the data here is your own")
        emptied = service.remove_demo()
        typer.echo(
            "Removed the sample; run `followup setup` to start with your own."
            if emptied
            else "Removed the sample; your own applications stay."
        )
        return
    from followup.services.demo import load_demo

    if if_empty and service.profile() is not None:
        return
    ids = load_demo(service)
    typer.echo(
        f"Loaded the demo: applications {', '.join(map(str, ids))}. Try `followup agenda`; "
        "`followup demo --remove` removes it."
    )


def register(app: Any) -> None:
    app.command()(undo)
    app.command()(demo)
    app.add_typer(delete_cmd, name="delete")
