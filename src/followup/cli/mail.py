"""`followup mail setup|test|save-draft|confirm`, `send`, `sync`, `outbox`, `digest`:
parse, call a service (services/mail.py, sending.py, mailsync.py, digest.py), render."""

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from followup.cli.common import JsonFlag, followup_service, print_json
from followup.core.errors import ConflictError, InvalidInputError

mail_cmd = typer.Typer(
    help="Your mailbox: set it up, test it, save notes to its Drafts folder.",
    no_args_is_help=True,
)
ActionArg = Annotated[str, typer.Argument(help="A stored action id, e.g. thank_you:4:7.")]


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


@mail_cmd.command("setup")
def setup(
    address: Annotated[str | None, typer.Option("--address", help="Your email address.")] = None,
    smtp: Annotated[str | None, typer.Option("--smtp", help="SMTP server HOST[:PORT].")] = None,
    imap: Annotated[str | None, typer.Option("--imap", help="IMAP server HOST[:PORT].")] = None,
    security: Annotated[
        str | None, typer.Option("--security", help="tls, starttls or plain (loopback only).")
    ] = None,
    username: Annotated[
        str | None, typer.Option("--username", help="Sign-in name (default: the address).")
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option("--password-file", help="A file only you can read holding the password."),
    ] = None,
    keyring: Annotated[
        bool,
        typer.Option("--keyring", help="Ask for the password and keep it in the OS keyring."),
    ] = False,
    oauth: Annotated[str | None, typer.Option("--oauth", help="google or microsoft.")] = None,
    client_id: Annotated[
        str | None, typer.Option("--client-id", help="Your own OAuth app's client id.")
    ] = None,
    client_secret_file: Annotated[
        Path | None, typer.Option("--client-secret-file", help="Its client secret, if it has one.")
    ] = None,
    oauth_endpoint: Annotated[str | None, typer.Option("--oauth-endpoint", hidden=True)] = None,
    preset: Annotated[
        str | None,
        typer.Option("--preset", help="gmail, outlook, icloud, fastmail or yahoo: fills hosts."),
    ] = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="OAuth: print the sign-in address/device code.")
    ] = False,
) -> None:
    """Set up the mail account followup sends from and reads replies in.

    Example: followup mail setup --preset gmail --address jordan@gmail.com
    --password-file ~/.config/followup/app-password
    """
    from followup.services import mail

    options = {
        "address_text": address,
        "smtp": smtp,
        "imap": imap,
        "security": security,
        "username": username,
        "password_file": str(password_file) if password_file else None,
        "keyring": keyring,
        "oauth": oauth,
        "client_id": client_id,
        "client_secret_file": str(client_secret_file) if client_secret_file else None,
        "oauth_endpoint": oauth_endpoint,
        "preset": preset,
    }
    from followup.services.mail import keyring_check

    mail.checked_account(options)  # every option checked before anything is asked
    service = followup_service()
    secret = None
    if keyring:
        keyring_check()
        if not sys.stdin.isatty():
            raise InvalidInputError("--keyring", "needs a terminal to ask for the password")
        secret = typer.prompt("Password (an app password)", hide_input=True)
    elif oauth:
        secret = mail.authorize_oauth(
            service, options, browser=not no_browser, say=lambda text: typer.echo(text, err=True)
        )
    result = mail.setup_account(service, secret=secret, **options)
    typer.echo(
        f"Mail account {result.account.address} saved (SMTP {result.account.smtp}, IMAP "
        f"{result.account.imap}); the secret is in {result.kept_in}. Try `followup mail test`."
    )


@mail_cmd.command("test")
def test(as_json: JsonFlag = False) -> None:
    """Sign in to both servers (each tried whatever the other does) and name the Drafts and
    Sent folders. Example: followup mail test"""
    from followup.services import mail

    result = mail.test_account(followup_service())
    if not result.ok:
        raise result.failure()
    data = {
        "address": result.address,
        "smtp": result.smtp,
        "imap": result.imap,
        "drafts": result.drafts,
        "sent": result.sent,
        "archive": result.archive,
        "ok": True,
    }
    if as_json:
        print_json(data)
        return
    typer.echo(
        f"Signed in to SMTP {result.smtp} and IMAP {result.imap}. Drafts: {result.drafts}; "
        f"Sent: {result.sent}; archive: {result.archive or 'none'}."
    )


@mail_cmd.command("remove")
def remove(
    yes: Annotated[bool, typer.Option("--yes", help="Remove it without asking.")] = False,
) -> None:
    """Remove the mail account and its secret in the keyring; the outbox keeps its history.

    Example: followup mail remove --yes
    """
    from followup.services import mail

    service = followup_service()
    found = mail.account_settings(service)
    if found is None:
        raise ConflictError("there is no mail account to remove")
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInputError(
                "--yes", "needed to remove the account when there is no terminal to ask on"
            )
        question = f"Remove the mail account {found.account.address} and its secret?"
        if not typer.confirm(question, default=False):
            typer.echo("Nothing removed.")
            raise typer.Exit(1)
    typer.echo(mail.remove_account(service).words())


@mail_cmd.command("save-draft")
def save_draft(action: ActionArg, as_json: JsonFlag = False) -> None:
    """Put the note in your mailbox's Drafts folder (again: replaces the earlier one).

    Example: followup mail save-draft thank_you:4:7
    """
    from followup.services import mail

    result = mail.save_draft(followup_service(), action)
    if as_json:
        print_json(
            {
                "action": result.action,
                "message_id": result.message_id,
                "folder": result.folder,
                "replaced": result.replaced,
                "to": result.to,
                "subject": result.subject,
            }
        )
        return
    verb = "Replaced the draft" if result.replaced else "Saved a draft"
    typer.echo(f"{verb} of {result.action} to {result.to} in {result.folder}.")


@mail_cmd.command("confirm")
def confirm(
    message: Annotated[int, typer.Argument(help="The unsure message's id (see `followup sync`).")],
    answer: Annotated[str, typer.Argument(help="yes, no, or new_date (with --by).")],
    by: Annotated[str | None, typer.Option("--by", help="new_date: the date they gave.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Say whether an unsure message is the company's answer.

    Example: followup mail confirm 3 yes
    """
    from followup.services import mailsync

    expected = None
    if by is not None:
        try:
            expected = date.fromisoformat(by)
        except ValueError:
            raise InvalidInputError("--by", f"{by!r} is not a date (YYYY-MM-DD)") from None
    result = mailsync.confirm(followup_service(), message, answer, expected)
    if as_json:
        print_json(result)
    else:
        typer.echo(f"Message {message}: {result['state']}.")


def send(
    action: ActionArg,
    yes: Annotated[bool, typer.Option("--yes", help="Send even with proofreading errors.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Send the kept note (else the draft) by email, exactly once.

    Example: followup send thank_you:4:7
    """
    from followup.services import sending

    result = sending.send_action(followup_service(), action, yes=yes)
    data = {
        "action": result.action,
        "message_id": result.message_id,
        "state": result.state,
        "to": result.to,
        "subject": result.subject,
    }
    if result.warning:  # on stderr, so --json keeps the contract's keys
        typer.secho(f"Warning: {result.warning}", fg="yellow", err=True)
    if as_json:
        print_json(data)
    elif result.state == "already_sent":
        typer.echo(f"{result.action} was already sent to {result.to} ({result.message_id}).")
    else:
        typer.echo(f"Sent {result.action} to {result.to}: {result.subject!r}.")


def sync(as_json: JsonFlag = False) -> None:
    """Read new mail, record the companies' replies, list the unsure ones. Example: followup sync"""
    from followup.services import mailsync

    result = mailsync.sync(followup_service())
    if as_json:
        print_json(
            {
                "fetched": result.fetched,
                "replies": result.replies,
                "unsure": result.unsure,
                "bounces": result.bounces,
                "invitations": result.invitations,
            }
        )
        return
    typer.echo(f"Read {result.fetched} new message(s); {len(result.replies)} reply(ies) recorded.")
    for reply in result.replies:
        typer.echo(
            f"  application {reply['application']}: {reply['kind']} from {reply['from']} "
            f"(by {reply['matched_by']})"
        )
    for item in result.unsure:
        typer.echo(
            f"  unsure #{item['id']}: {item['from']} {item['subject']!r} — {item['why']}; "
            f"`followup mail confirm {item['id']} yes|no|new_date --by DATE`"
        )
    for bounce in result.bounces:
        typer.echo(f"  outbox #{bounce['outbox']}: {bounce['why']}")
    for invitation in result.invitations:
        typer.echo(
            f"  an interview to add, from {invitation['from']} {invitation['subject']!r}: "
            "`followup calendar proposals`"
        )


def outbox(as_json: JsonFlag = False) -> None:
    """Every message followup sent or tried to send, and its state. Example: followup outbox"""
    from followup.services import mail

    entries = [{k: _plain(v) for k, v in e.items()} for e in mail.outbox_list(followup_service())]
    if as_json:
        print_json({"entries": entries})
        return
    if not entries:
        typer.echo("The outbox is empty.")
    for e in entries:
        what = e["action_id"] or e["purpose"]
        error = f" ({e['last_error']})" if e["last_error"] else ""
        typer.echo(f"#{e['id']} {what} to {e['to_address']}: {e['state']}{error}")


def digest(
    send_it: Annotated[bool, typer.Option("--send", help="Mail it to yourself.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Today's follow-ups in one message: overdue, due today, coming up, replies found.

    Example: followup digest --send
    """
    from followup.services import digest as digests

    result = digests.digest(followup_service(), send=send_it)
    if as_json:
        print_json(result.to_dict())
        return
    typer.echo(result.text, nl=False)
    if result.state:
        typer.echo(f"Digest {result.state} to {result.to}.")


def register(app: typer.Typer) -> None:
    """Add the mail commands to the `followup` app."""
    app.add_typer(mail_cmd, name="mail")
    app.command("send")(send)
    app.command("sync")(sync)
    app.command("outbox")(outbox)
    app.command("digest")(digest)
