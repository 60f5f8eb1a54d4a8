"""The `followup` command line: parse, call one service, render. Nothing else.

Heavy modules (SQLAlchemy, pydantic models, Rich tables) are imported inside the commands that
need them, so `followup --help` and `followup plan --json` start fast.
"""

# No `from __future__ import annotations`: Typer would have to eval every annotation as a
# string at start-up (~10 ms).
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from followup.cli.common import (
    JsonFlag,
    State,
    cli_message,
    clock,
    followup_service,
    parse_time,
    print_json,
)
from followup.cli.records import app_cmd, interview_cmd, person_cmd
from followup.core.errors import ConflictError, FollowupError, InvalidInputError

app = typer.Typer(
    name="followup",
    help=(
        "Plan, write and track the follow-ups after every job interview: a thank-you to each "
        "person met within 24 hours, then polite check-ins until the company answers.\n\n"
        "Example: followup plan --json examples/single-video.json"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def root(
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="Pretend it is this moment (ISO 8601 with offset), to look ahead or try things.",
        ),
    ] = None,
) -> None:
    State.now = parse_time(now, "--now") if now is not None else None


app.add_typer(app_cmd, name="app")
app.add_typer(interview_cmd, name="interview")
app.add_typer(person_cmd, name="person")


# -- plan, scenario, agenda ----------------------------------------------------------------
@app.command()
def plan(
    target: Annotated[str, typer.Argument(help="A scenario file, or a stored application id.")],
    as_json: JsonFlag = False,
) -> None:
    """What to send to whom, how and by when, with the reasons; then the to-dos.

    Example: followup plan examples/panel-traditional.json
    """
    from followup.core.jsonable import todo_to_dict
    from followup.core.plan import plan_application

    path = Path(target)
    stored = not path.exists() and target.strip().isdigit()
    if not stored:
        from followup.scenario import load_scenario

        facts, given_now = load_scenario(path)
        now = State.now or given_now or clock()
    else:
        facts = followup_service().plan(target)[0]
        now = clock()
    result = plan_application(facts, now)
    if as_json:
        from followup.services.outputs import plan_json

        print_json(plan_json(result, stored=stored))
        return
    from followup.cli.render import action_table, console, esc, print_todos
    from followup.core.jsonable import action_to_dict
    from followup.core.workdays import long_day, zone

    out = console()
    tz = zone(facts.candidate.timezone)
    app_ = facts.application
    out.print(
        f"[bold]{esc(app_.company)}[/bold] — {esc(app_.role)}, for {esc(facts.candidate.full_name)}"
    )
    if result.expected_response_by:
        out.print(
            f"answer expected by {long_day(result.expected_response_by)} ({result.expected_source})"
        )
    out.print(action_table([action_to_dict(a) for a in result.actions], now, tz))
    print_todos(out, [todo_to_dict(t) for t in result.todos])


@app.command()
def scenario(
    application: Annotated[str, typer.Argument(help="A stored application id.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """Write a stored application as a scenario file, so plan/draft/check run on it.

    Example: followup scenario 3 -o globex.json && followup plan globex.json
    """
    document = followup_service().scenario(application)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        from followup.private import write_private

        try:
            write_private(output, text.encode())
        except OSError as exc:
            raise InvalidInputError(str(output), f"cannot write it ({exc.strerror})") from None
        typer.echo(f"Wrote application {application} as a scenario to {output}.")


@app.command()
def agenda(as_json: JsonFlag = False) -> None:
    """Every open follow-up across applications: overdue first, then due, then planned.

    Example: followup agenda --json
    """
    from followup.services.agenda import current_agenda
    from followup.settings import Settings

    result = current_agenda(Settings.from_env(), clock)
    if as_json:
        if sys.stdout.isatty():
            from followup.services.outputs import agenda_json

            print_json(agenda_json(result))
        else:  # the actions are stored as JSON already: join them, don't re-encode 10 MB
            sys.stdout.write(
                f'{{"now":{json.dumps(result.now.isoformat())},"actions":{result.actions_json()},'
                f'"todos":{json.dumps(result.todos, ensure_ascii=False)}}}\n'
            )
        return
    rows = result.items
    from zoneinfo import ZoneInfo

    from followup.cli.render import action_table, console, print_todos

    out = console()
    if not rows and not result.todos:
        out.print("Nothing to follow up. Add an application with `followup app add`.")
        return
    out.print(action_table(rows, result.now, ZoneInfo(result.timezone), show_app=True))
    print_todos(out, result.todos)


# -- profile -------------------------------------------------------------------------------
@app.command()
def setup(
    name: Annotated[str | None, typer.Option("--name", help="Your full name.")] = None,
    email: Annotated[str | None, typer.Option(help="Your email address.")] = None,
    phone: Annotated[str | None, typer.Option(help="Your phone number.")] = None,
    address: Annotated[str | None, typer.Option(help="Your postal address (for letters).")] = None,
    timezone: Annotated[str | None, typer.Option(help="IANA timezone, e.g. Europe/London.")] = None,
    checkins_per_week: Annotated[
        int | None, typer.Option("--checkins-per-week", help="1 or 2 check-ins a week at most.")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            help="Your country (ISO 3166 code, e.g. US, GB): its public holidays are not "
            "business days. Default: your timezone's."
        ),
    ] = None,
    english: Annotated[
        str | None,
        typer.Option(
            help="american, british, canadian, australian or indian: how notes are written "
            "and proofread. Default: your country's."
        ),
    ] = None,
    checkin_limit: Annotated[
        int | None,
        typer.Option(
            "--checkin-limit",
            help="Check-ins without an answer before followup stops and suggests closing "
            "(default 4).",
        ),
    ] = None,
) -> None:
    """Your profile: name, contact details, timezone, country, English and check-in cadence.

    Asks on a terminal; takes flags otherwise. Examples:
    followup setup --name "Jordan A. Rivera" --email jordan@example.org --timezone America/New_York
    followup setup --country GB --english british --checkin-limit 3
    """
    from followup.cli.prompts import profile_answers
    from followup.inputs.fields import validate
    from followup.inputs.models import ProfileIn

    service = followup_service()
    current = service.profile()
    given = {
        "full_name": name,
        "email": email,
        "phone": phone,
        "address": address,
        "timezone": timezone,
        "checkins_per_week": checkins_per_week,
        "country": country,
        "english": english,
        "checkin_limit": checkin_limit,
    }
    answers = profile_answers(current, given, interactive=sys.stdin.isatty())
    saved = service.setup(validate(ProfileIn, answers, "setup"))
    from followup.core.locale import country_of, english_of

    typer.echo(
        f"Profile saved: {saved.full_name}, {saved.timezone}, "
        f"at most {saved.checkins_per_week} check-in(s) a week, "
        f"{saved.checkin_limit} without an answer at most; "
        f"holidays of {country_of(saved) or 'no country (weekends only)'}, "
        f"{english_of(saved)} English."
    )


# -- the whole database --------------------------------------------------------------------
@app.command("export")
def export_(
    file: Annotated[Path | None, typer.Argument(help="Where to write; stdout if absent.")] = None,
) -> None:
    """The whole database as one JSON document. Example: followup export backup.json"""
    from followup.services.backup import export_document

    text = json.dumps(export_document(followup_service()), indent=2, ensure_ascii=False) + "\n"
    if file is None:
        sys.stdout.write(text)
        return
    try:
        from followup.private import write_private

        write_private(file, text.encode())  # a whole job search: for the user's eyes only
    except OSError as exc:
        raise InvalidInputError(str(file), f"cannot write it ({exc.strerror})") from None
    typer.echo(f"Exported to {file}.")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A document written by `followup export`.")],
    merge: Annotated[
        bool, typer.Option("--merge", help="Add to a database that has data.")
    ] = False,
) -> None:
    """Load an export into an empty database (or --merge into one that has data)."""
    from followup.scenario import read_document
    from followup.services.backup import MAX_BACKUP_BYTES, NotEmptyError, import_document

    data = read_document(file, "backup file", limit=MAX_BACKUP_BYTES)
    try:
        added = import_document(followup_service(), data, str(file), merge=merge)
    except NotEmptyError as exc:
        raise ConflictError(
            f"the database already holds a profile and {exc.count} application(s); "
            "use --merge to add this backup's applications to them, "
            "or import into an empty database"
        ) from None
    typer.echo(f"Imported {added} application(s) from {file}.")


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (needed on PostgreSQL; automatic on SQLite)."""
    from followup.services import migrate_database
    from followup.settings import Settings

    typer.echo(f"Database at {migrate_database(Settings.from_env())} is up to date.")


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            envvar="FOLLOWUP_HOST",
            help="Address to listen on: this machine only by default. Any other (0.0.0.0, a "
            "LAN address) needs a login: FOLLOWUP_WEB_PASSWORD_FILE or --generate-token.",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(envvar="FOLLOWUP_PORT", min=1, max=65535, help="Port to listen on.")
    ] = 8765,
    public_host: Annotated[
        str | None,
        typer.Option(
            envvar="FOLLOWUP_PUBLIC_HOST",
            help="Another name browsers use to reach it (laptop.lan:8765); others are refused.",
        ),
    ] = None,
    generate_token: Annotated[
        bool,
        typer.Option(
            "--generate-token",
            help="Make a new access token, print it once and keep only its hash; from then on "
            "every request needs it (delete web-token in the data folder to stop).",
        ),
    ] = False,
) -> None:
    """Run the web app. Example: followup serve --port 8765, then open http://127.0.0.1:8765"""
    from dataclasses import replace

    import uvicorn

    from followup.settings import Settings, check_public_host, url_host
    from followup.web.app import create_app
    from followup.web.background import running
    from followup.web.login import generate_token as make_token

    settings = Settings.from_env()
    public = check_public_host(public_host.lower(), "--public-host") if public_host else None
    settings = replace(settings, host=host, port=port, public_host=public or settings.public_host)
    token = make_token(settings.web_token_path) if generate_token else None
    web = create_app(settings)
    address = f"http://{url_host(host)}:{port}/"
    typer.echo(f"followup is running at {address}  (Ctrl+C to stop)")
    if token is not None:
        typer.echo(f"Access token (shown this once; only its hash is kept): {token}")
    if web.state.login is not None:
        typer.echo(
            "Every page and API call needs a login (the password of FOLLOWUP_WEB_PASSWORD_FILE "
            "or the access token; Authorization: Bearer for the API); only the calendar feed's "
            "secret address is open."
        )
    if not settings.loopback_only:
        typer.echo(
            "Warning: this is plain HTTP. Anyone on the same network can read what passes, "
            "the login included; use it on a network you trust, or through an SSH tunnel "
            "(ssh -L 8765:127.0.0.1:8765) to a followup left on 127.0.0.1."
        )
    with running(web, settings):  # mail every 10 minutes, the calendar every 30
        uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)


@app.command()
def where() -> None:
    """Where followup keeps your data."""
    from followup.settings import Settings

    typer.echo(Settings.from_env().describe_database())


from followup.cli.calendar import register as register_calendar  # noqa: E402
from followup.cli.changes import register as register_changes  # noqa: E402
from followup.cli.events import register as register_events  # noqa: E402
from followup.cli.mail import register as register_mail  # noqa: E402
from followup.cli.writing import register  # noqa: E402  (the commands, not their work)

register_events(app)
register_changes(app)
register(app)
register_calendar(app, interview_cmd)
register_mail(app)


def main() -> None:
    """Entry point: runs the app; a FollowupError becomes one line on stderr and exit status 2."""
    try:
        app()
    except FollowupError as exc:
        sys.stderr.write(f"Error: {cli_message(exc)}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted; nothing was saved.\n")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line for the user, the traceback on request
        import os

        if os.environ.get("FOLLOWUP_DEBUG"):
            raise
        sys.stderr.write(
            f"Error: followup failed unexpectedly ({type(exc).__name__}: {exc}); nothing was "
            "saved. Run again with FOLLOWUP_DEBUG=1 for the details, and please report it.\n"
        )
        sys.exit(1)
