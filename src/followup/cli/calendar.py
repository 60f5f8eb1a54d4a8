"""`followup interview import` and `followup calendar`: invitations in, follow-ups out."""

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.cli.common import JsonFlag, followup_service, print_json
from followup.core.errors import InvalidInputError

if TYPE_CHECKING:
    from followup.services.calendar import ImportReport

calendar_cmd = typer.Typer(
    help=(
        "Your follow-ups as a calendar: write the .ics (or subscribe to its secret link), and "
        "the calendar you subscribe followup to.\n\n"
        "Example: followup calendar -o followups.ics"
    ),
    invoke_without_command=True,
    no_args_is_help=False,
)


def import_invite(
    file: Annotated[Path, typer.Argument(help="An .ics invitation, or an .eml that carries one.")],
    app: Annotated[
        str | None,
        typer.Option("--app", help="The application it is for (else found by email domain)."),
    ] = None,
    occurrence: Annotated[
        list[str] | None,
        typer.Option(
            "--occurrence",
            help="For a recurring invitation: the date (YYYY-MM-DD) of one that is an "
            "interview (repeat it).",
        ),
    ] = None,
    all_occurrences: Annotated[
        bool, typer.Option("--all-occurrences", help="Every occurrence of a recurring one.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import an interview from a calendar invitation (Google, Outlook/Teams, Zoom, Webex).

    The same invitation again with a higher SEQUENCE updates the interview; a cancellation
    removes it (`followup interview restore N` puts it back).

    Example: followup interview import ~/Downloads/invite.ics --app 3
    """
    dates = [_day(d) for d in occurrence or []]
    report = followup_service().import_invite_file(
        file, app=app, occurrences=dates, all_occurrences=all_occurrences
    )
    if as_json:
        from followup.services.outputs import import_json

        print_json(import_json(report))
        return
    _print_report(report)


def restore_interview(
    removed: Annotated[str, typer.Argument(help="The number `interview import` gave.")],
) -> None:
    """Put back an interview a cancellation removed. Example: followup interview restore 2"""
    app_id, interview_id, was = followup_service().put_back_interview(removed)
    if interview_id == was:
        typer.echo(f"Interview {interview_id} is back in application {app_id}.")
    else:
        typer.echo(
            f"The interview is back in application {app_id}, brought back as interview "
            f"{interview_id} (it was {was}; that number is taken now)."
        )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError("--occurrence", f"{text!r} is not a date (YYYY-MM-DD)") from None


def _print_report(report: "ImportReport") -> None:
    from followup.cli.common import profile_zone
    from followup.core.workdays import short_when, when_window

    tz = profile_zone(followup_service())
    for done in report.imported:
        invite = done.invite
        when = when_window(invite.start, invite.end, tz)
        if done.result == "removed":
            typer.echo(
                f"Removed interview {done.interview_id} (cancelled: {invite.title}). "
                f"Undo: followup interview restore {done.removed_id}"
            )
            continue
        if done.cancelled_at is not None:
            typer.echo(
                f"Nothing changed: interview {done.interview_id} was cancelled (removed "
                f"{short_when(done.cancelled_at, tz)}); this older copy changes nothing. "
                f"Undo the cancellation: followup interview restore {done.removed_id}"
            )
            continue
        verb = {"created": "Added", "updated": "Updated", "unchanged": "Already up to date:"}
        who = ", ".join(f"{p.name} #{p.id}" for p in done.people) or "nobody named"
        typer.echo(
            f"{verb[done.result]} interview {done.interview_id} in application "
            f"{done.application_id}: {invite.kind.replace('_', ' ')}, {when}; meeting {who}."
        )
    for _uid, title, why in report.skipped:
        typer.echo(f"Skipped {title!r}: {why}" if title else f"Skipped: {why}")


@calendar_cmd.callback()
def calendar(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the .ics to this file.")
    ] = None,
) -> None:
    """Every open follow-up as an .ics calendar (stdout, or -o FILE).

    Subscribe instead to keep it current: `followup calendar link` prints the secret address.
    Example: followup calendar -o followups.ics
    """
    if ctx.invoked_subcommand is not None:
        return
    from followup.settings import Settings

    text = followup_service().feed(base_url=Settings.from_env().base_url)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        from followup.private import write_private

        write_private(output, text.encode())
    except OSError as exc:
        raise InvalidInputError(str(output), f"cannot write it ({exc.strerror})") from None
    typer.echo(f"Wrote {text.count('BEGIN:VEVENT')} follow-up(s) to {output}.", err=True)


@calendar_cmd.command("link")
def link() -> None:
    """The secret address to subscribe to (served by `followup serve`).

    Example: followup calendar link
    """
    from followup.settings import Settings

    _print_link(followup_service().feed_link(base_url=Settings.from_env().base_url))


@calendar_cmd.command("renew")
def renew() -> None:
    """A new secret address; the old one stops working at once. Example: followup calendar renew"""
    from followup.settings import Settings

    _print_link(followup_service().renew_feed_secret(base_url=Settings.from_env().base_url))
    typer.echo("The old address no longer works: subscribe again with this one.")


def _print_link(found: Any) -> None:
    typer.echo(f"Google Calendar, Outlook: {found.url}")
    typer.echo(f"Apple Calendar:           {found.webcal}")


@calendar_cmd.command("aliases")
def aliases(
    address: Annotated[
        list[str] | None, typer.Argument(help="Your other email addresses (replaces the list).")
    ] = None,
    clear: Annotated[bool, typer.Option("--none", help="Forget every alias.")] = False,
) -> None:
    """Your other email addresses, so invitations to them never list you as a person met.

    Example: followup calendar aliases jordan@rivera.example
    """
    service = followup_service()
    saved = service.set_aliases(address or []) if address or clear else service.me().aliases
    typer.echo("Aliases: " + (", ".join(saved) if saved else "none"))


@calendar_cmd.command("subscribe")
def subscribe(
    url: Annotated[
        str | None, typer.Argument(help="Your calendar's secret iCal address (https://…).")
    ] = None,
    off: Annotated[bool, typer.Option("--off", help="Stop following your calendar.")] = False,
) -> None:
    """Follow your own calendar: interviews found in it are proposed, never added silently.

    Example: followup calendar subscribe https://calendar.google.com/calendar/ical/…/basic.ics
    """
    service = followup_service()
    if off:
        service.set_subscription(None)
        typer.echo("No longer following your calendar.")
        return
    if not url:
        raise InvalidInputError("URL", "give your calendar's secret address, or --off")
    service.set_subscription(url)
    typer.echo("Following your calendar; `followup calendar sync` checks it now.")


@calendar_cmd.command("sync")
def sync(as_json: JsonFlag = False) -> None:
    """Read your subscribed calendar now and list the interviews it proposes.

    Example: followup calendar sync
    """
    polled = followup_service().poll_subscription()
    if as_json:
        from followup.services.outputs import poll_json

        print_json(poll_json(polled))
        return
    typer.echo(polled.describe())
    _print_proposals(polled.proposals)


@calendar_cmd.command("proposals")
def proposals(as_json: JsonFlag = False) -> None:
    """Interviews found in your mailbox or calendar, waiting for you to import or dismiss them.

    Example: followup calendar proposals
    """
    found = followup_service().proposals()
    if as_json:
        from followup.services.outputs import proposals_json

        print_json(proposals_json(found))
        return
    if not found:
        typer.echo("No interview waiting to be added.")
    _print_proposals(found)


@calendar_cmd.command("accept")
def accept(
    proposal: Annotated[str, typer.Argument(help="The proposal's number.")],
    app: Annotated[str | None, typer.Option("--app", help="The application it is for.")] = None,
) -> None:
    """Import a proposed interview. Example: followup calendar accept 3 --app 1"""
    _print_report(followup_service().accept_proposal(proposal, app=app))


@calendar_cmd.command("dismiss")
def dismiss(proposal: Annotated[str, typer.Argument(help="The proposal's number.")]) -> None:
    """Not an interview: stop proposing it. Example: followup calendar dismiss 3"""
    followup_service().dismiss_proposal(proposal)
    typer.echo(f"Dismissed proposal {proposal}.")


def _print_proposals(found: Any) -> None:
    for p in found:
        where = f"application {p.application_id}" if p.application_id else "no application yet"
        typer.echo(f"  {p.id}: {p.summary} — {p.start:%a %d %b %Y %H:%M} ({where})")


def register(app: typer.Typer, interview_cmd: typer.Typer) -> None:
    """Add the calendar's commands to the command line."""
    interview_cmd.command("import")(import_invite)
    interview_cmd.command("restore")(restore_interview)
    app.add_typer(calendar_cmd, name="calendar")
