"""The `followup` command line: parse, call one service, render. Nothing else.

Heavy modules (SQLAlchemy, pydantic models, Rich tables) are imported inside the commands that
need them, so `followup --help` and `followup plan --json` start fast.
"""

# No `from __future__ import annotations`: Typer would have to eval every annotation as a
# string at start-up (~10 ms).
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.core.errors import FollowupError, InvalidInputError

if TYPE_CHECKING:
    from followup.services import Followup

app = typer.Typer(
    name="followup",
    help=(
        "Plan, write and track the follow-ups after every job interview: a thank-you to each "
        "person met within 24 hours, then polite check-ins until the company answers.\n\n"
        "Example: followup plan --json ../shared/examples/single-video.json"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app_cmd = typer.Typer(help="Applications: add, list, show, edit, close.", no_args_is_help=True)
interview_cmd = typer.Typer(
    help="Interviews: add and edit, with everyone met.", no_args_is_help=True
)
person_cmd = typer.Typer(
    help="People met: correct their names and contact details.", no_args_is_help=True
)
app.add_typer(app_cmd, name="app")
app.add_typer(interview_cmd, name="interview")
app.add_typer(person_cmd, name="person")


class State:
    now: datetime | None = None


JsonFlag = Annotated[bool, typer.Option("--json", help="Plain JSON on stdout.")]
AtOption = Annotated[
    str | None, typer.Option("--at", help="When it happened (ISO 8601 with offset); default now.")
]


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
    State.now = _time(now, "--now") if now is not None else None


def _time(value: str, where: str) -> datetime:
    from followup.scenario import parse_aware_time

    try:
        return parse_aware_time(value)
    except ValueError as exc:
        raise InvalidInputError(where, f"{value!r} is {exc}") from None


def _clock() -> datetime:
    from datetime import UTC

    return State.now or datetime.now(UTC)


def _service() -> "Followup":
    from followup.services import open_service
    from followup.settings import Settings

    return open_service(Settings.from_env(), clock=_clock)


def _print_json(data: Any) -> None:
    """Plain JSON: indented for a person at a terminal, compact for programs."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, indent=indent, ensure_ascii=False) + "\n")


def _profile_zone(service: "Followup") -> Any:
    from zoneinfo import ZoneInfo

    profile = service.profile()
    return ZoneInfo(profile.timezone if profile else "UTC")


# -- plan, scenario, agenda ----------------------------------------------------------------
@app.command()
def plan(
    target: Annotated[str, typer.Argument(help="A scenario file, or a stored application id.")],
    as_json: JsonFlag = False,
) -> None:
    """What to send to whom, how and by when, with the reasons; then the to-dos.

    Example: followup plan ../shared/examples/panel-traditional.json
    """
    from followup.core.jsonable import plan_to_dict, todo_to_dict
    from followup.core.plan import plan_application

    path = Path(target)
    if path.exists() or not target.strip().isdigit():
        from followup.scenario import load_scenario

        facts, given_now = load_scenario(path)
        now = State.now or given_now or _clock()
    else:
        facts = _service().plan(target)[0]
        now = _clock()
    result = plan_application(facts, now)
    if as_json:
        _print_json(plan_to_dict(result))
        return
    from followup.cli.render import action_table, console, esc, print_todos
    from followup.core.jsonable import action_to_dict
    from followup.core.workdays import zone

    out = console()
    tz = zone(facts.candidate.timezone)
    app_ = facts.application
    out.print(
        f"[bold]{esc(app_.company)}[/bold] — {esc(app_.role)}, for {esc(facts.candidate.full_name)}"
    )
    if result.expected_response_by:
        out.print(
            f"answer expected by {result.expected_response_by:%a %d %b %Y} "
            f"({result.expected_source})"
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
    """Write a stored application as a scenario file (DESIGN.md §2), so plan/draft/check run on it.

    Example: followup scenario 3 -o globex.json && followup plan globex.json
    """
    document = _service().scenario(application)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command()
def agenda(as_json: JsonFlag = False) -> None:
    """Every open follow-up across applications: overdue first, then due, then planned.

    Example: followup agenda --json
    """
    service = _service()
    result = service.agenda()
    if as_json:
        if sys.stdout.isatty():
            _print_json(
                {"now": result.now.isoformat(), "actions": result.items, "todos": result.todos}
            )
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
) -> None:
    """Your profile: name, contact details, timezone and check-in cadence.

    Asks on a terminal; takes flags otherwise. Example:
    followup setup --name "Jordan A. Rivera" --email jordan@example.org --timezone America/New_York
    """
    from followup.cli.prompts import profile_answers
    from followup.services.inputs import ProfileIn, validate

    service = _service()
    current = service.profile()
    given = {
        "full_name": name,
        "email": email,
        "phone": phone,
        "address": address,
        "timezone": timezone,
        "checkins_per_week": checkins_per_week,
    }
    answers = profile_answers(current, given, interactive=sys.stdin.isatty())
    saved = service.setup(validate(ProfileIn, answers, "setup"))
    typer.echo(
        f"Profile saved: {saved.full_name}, {saved.timezone}, "
        f"at most {saved.checkins_per_week} check-in(s) a week."
    )


# -- applications --------------------------------------------------------------------------
@app_cmd.command("add")
def app_add(
    company: Annotated[str, typer.Option(help="The company.")],
    role: Annotated[str, typer.Option(help="The role you applied for.")],
    decision: Annotated[
        str, typer.Option(help="How fast they said they decide: quick, normal, slow or unknown.")
    ] = "unknown",
    client_facing: Annotated[
        bool, typer.Option("--client-facing", help="The role faces clients.")
    ] = False,
    verbal: Annotated[
        bool, typer.Option("--verbal", help="The role needs much verbal communication.")
    ] = False,
    culture: Annotated[str, typer.Option(help="traditional, modern or unknown.")] = "unknown",
    answer_by: Annotated[
        str | None, typer.Option("--answer-by", help="When they said they'd answer.")
    ] = None,
) -> None:
    """Add an application.

    Example: followup app add --company "Globex Corporation" --role "Data Analyst" --decision quick
    """
    from followup.services.inputs import ApplicationIn, validate

    data = validate(
        ApplicationIn,
        {
            "company": company,
            "role": role,
            "decision_speed": decision,
            "client_facing": client_facing,
            "verbal_role": verbal,
            "culture": culture,
            "expected_response_by": answer_by,
        },
        "app add",
    )
    app_id = _service().add_application(data)
    typer.echo(f"Added application {app_id}: {data.company} — {data.role}.")
    typer.echo(f"Next: followup interview add {app_id} --file notes.yaml")


@app_cmd.command("edit")
def app_edit(
    application: Annotated[str, typer.Argument(help="Application id.")],
    company: Annotated[str | None, typer.Option()] = None,
    role: Annotated[str | None, typer.Option()] = None,
    decision: Annotated[str | None, typer.Option(help="quick, normal, slow or unknown.")] = None,
    client_facing: Annotated[
        bool | None, typer.Option("--client-facing/--not-client-facing")
    ] = None,
    verbal: Annotated[bool | None, typer.Option("--verbal/--not-verbal")] = None,
    culture: Annotated[str | None, typer.Option(help="traditional, modern or unknown.")] = None,
    answer_by: Annotated[str | None, typer.Option("--answer-by")] = None,
    primary_contact: Annotated[
        str | None, typer.Option("--primary-contact", help="Person id who gets the check-ins.")
    ] = None,
) -> None:
    """Change the facts of an application. Example: followup app edit 3 --primary-contact 7"""
    changes = {
        k: v
        for k, v in {
            "company": company,
            "role": role,
            "decision_speed": decision,
            "client_facing": client_facing,
            "verbal_role": verbal,
            "culture": culture,
            "expected_response_by": answer_by,
            "primary_contact": primary_contact,
        }.items()
        if v is not None
    }
    _service().update_application(application, changes)
    typer.echo(f"Application {application} updated.")


@app_cmd.command("list")
def app_list(as_json: JsonFlag = False) -> None:
    """All applications, newest first, with the next due follow-up."""
    service = _service()
    apps = service.applications()
    if as_json:
        _print_json(
            [
                {
                    "id": a.id,
                    "company": a.company,
                    "role": a.role,
                    "status": a.status,
                    "next_due": due.isoformat() if due else None,
                }
                for a, due in apps
            ]
        )
        return
    from rich.table import Table

    from followup.cli.render import console

    if not apps:
        typer.echo("No applications yet. Add one with `followup app add`.")
        return
    tz = _profile_zone(service)
    table = Table("Id", "Company", "Role", "Status", "Next due")
    for a, due in apps:
        next_due = f"{due.astimezone(tz):%a %d %b %H:%M}" if due and a.status == "active" else "—"
        table.add_row(a.id or "", a.company, a.role, a.status, next_due)
    console().print(table)


@app_cmd.command("show")
def app_show(application: Annotated[str, typer.Argument(help="Application id.")]) -> None:
    """An application's timeline: interviews, people, what was sent, replies, and the plan."""
    from followup.cli.render import console, print_timeline

    service = _service()
    view = service.application(application)
    from followup.core.workdays import zone

    print_timeline(console(), view, _clock(), zone(view.facts.candidate.timezone))


@app_cmd.command("close")
def app_close(
    application: Annotated[str, typer.Argument(help="Application id.")],
    outcome: Annotated[str, typer.Argument(help="offer, rejected or withdrawn.")],
) -> None:
    """Close an application: no more check-ins. Example: followup app close 3 offer"""
    closed = _service().close_application(application, outcome)
    typer.echo(f"Application {application} ({closed.company}) closed: {closed.status}.")


@app_cmd.command("reopen")
def app_reopen(application: Annotated[str, typer.Argument(help="Application id.")]) -> None:
    """Make a closed application active again."""
    _service().reopen_application(application)
    typer.echo(f"Application {application} is active again.")


# -- interviews and people -----------------------------------------------------------------
# Options shared by `interview add` and `interview edit`.
NotesFile = Annotated[Path | None, typer.Option("--file", "-f", help="Notes file (JSON or YAML).")]
KindOption = Annotated[str | None, typer.Option(help="phone, video or in_person.")]
StartOption = Annotated[str | None, typer.Option(help="Start, ISO 8601 with offset.")]
EndOption = Annotated[str | None, typer.Option(help="End, ISO 8601 with offset.")]
AnswerByOption = Annotated[
    str | None, typer.Option("--answer-by", help="The answer date they gave.")
]


@interview_cmd.command("add")
def interview_add(
    application: Annotated[str, typer.Argument(help="Application id.")],
    file: NotesFile = None,
    kind: KindOption = None,
    start: StartOption = None,
    end: EndOption = None,
    person: Annotated[
        list[str] | None, typer.Option("--person", "-p", help="Name of someone met (repeat).")
    ] = None,
    forgot: Annotated[
        list[str] | None, typer.Option("--forgot", help="Something you forgot to say (repeat).")
    ] = None,
    answer_by: AnswerByOption = None,
    primary: Annotated[
        str | None, typer.Option("--primary", help="Name of the person who gets the check-ins.")
    ] = None,
) -> None:
    """Record an interview and everyone met, from a notes file and/or flags.

    Example: followup interview add 3 --file panel.yaml
    """
    from followup.cli.prompts import interview_answers
    from followup.services.inputs import InterviewIn, validate

    data, where = interview_answers(
        file, kind, start, end, person, forgot, answer_by, primary=primary
    )
    notes = validate(InterviewIn, data, where)
    service = _service()
    interview_id = service.add_interview(application, notes)
    _after_interview(service, application, interview_id, notes.expected_response_by is None)


@interview_cmd.command("edit")
def interview_edit(
    interview: Annotated[str, typer.Argument(help="Interview id.")],
    file: NotesFile = None,
    kind: KindOption = None,
    start: StartOption = None,
    end: EndOption = None,
    person: Annotated[
        list[str] | None, typer.Option("--person", "-p", help="Replace who was met (repeat).")
    ] = None,
    forgot: Annotated[
        list[str] | None, typer.Option("--forgot", help="Replace what you forgot to say.")
    ] = None,
    answer_by: AnswerByOption = None,
    no_answer_by: Annotated[
        bool, typer.Option("--no-answer-by", help="Forget the answer date.")
    ] = False,
) -> None:
    """Correct an interview. Example: followup interview edit 4 --answer-by 2026-12-04"""
    from followup.cli.prompts import interview_answers
    from followup.services.inputs import InterviewEditIn, validate

    data, where = interview_answers(file, kind, start, end, person, forgot, answer_by, edit=True)
    data["clear_expected_response_by"] = no_answer_by
    changes = validate(InterviewEditIn, data, where)
    service = _service()
    app_id = service.edit_interview(interview, changes)
    _after_interview(service, str(app_id), int(interview), False)


def _after_interview(
    service: "Followup", application: str, interview_id: int, no_date: bool
) -> None:
    from followup.cli.render import action_table, console, esc
    from followup.core.jsonable import action_to_dict
    from followup.core.workdays import zone

    facts, result = service.plan(application)
    out = console()
    out.print(f"Interview {interview_id} saved for {esc(facts.application.company)}.")
    mine = [
        action_to_dict(a)
        for a in result.actions
        if a.status != "done" and (a.interview == str(interview_id) or a.kind == "check_in")
    ]
    out.print(action_table(mine, _clock(), zone(facts.candidate.timezone)))
    if no_date:
        out.print(
            "[yellow]No answer date given: you should have asked when to expect an answer. "
            "Ask in your thank-you, then add it with `followup interview edit "
            f"{interview_id} --answer-by DATE`.[/yellow]"
        )


@person_cmd.command("edit")
def person_edit(
    person: Annotated[str, typer.Argument(help="Person id (see `followup app show`).")],
    name: Annotated[str | None, typer.Option()] = None,
    title: Annotated[str | None, typer.Option()] = None,
    email: Annotated[str | None, typer.Option()] = None,
    phone: Annotated[str | None, typer.Option()] = None,
    address: Annotated[str | None, typer.Option()] = None,
    salutation: Annotated[
        str | None, typer.Option(help='How to greet them, e.g. "Ms. Chen".')
    ] = None,
) -> None:
    """Correct a person's name or contact details.

    Example: followup person edit 7 --email kchen@globex.example --salutation "Ms. Chen"
    """
    changes = {
        k: v
        for k, v in {
            "name": name,
            "title": title,
            "email": email,
            "phone": phone,
            "address": address,
            "salutation": salutation,
        }.items()
        if v is not None
    }
    saved = _service().edit_person(person, changes)
    typer.echo(f"Person {person} saved: {saved.name}.")


# -- what happened -------------------------------------------------------------------------
@app.command()
def sent(
    action: Annotated[str, typer.Argument(help="Action id from the agenda, e.g. thank_you:4:7.")],
    at: AtOption = None,
    method: Annotated[
        str | None, typer.Option(help="email, phone or letter, if not the planned one.")
    ] = None,
) -> None:
    """Record a follow-up as sent (or called, or posted). Example: followup sent thank_you:4:7"""
    from followup.services.inputs import SentIn, validate

    when = _time(at, "--at") if at else _clock()
    checked = validate(SentIn, {"at": when, "method": method}, "sent")
    result = _service().record_sent(action, at=checked.at, method=checked.method)
    typer.echo(f"Recorded {action} as sent.")
    if result.warning:
        typer.secho(f"Warning: {result.warning}", fg="yellow", err=True)


@app.command()
def reply(
    application: Annotated[str, typer.Argument(help="Application id.")],
    person: Annotated[str | None, typer.Option("--from", help="Person id who answered.")] = None,
    at: AtOption = None,
    note: Annotated[str | None, typer.Option(help="What they said, in a few words.")] = None,
) -> None:
    """Record that the company answered: check-ins stop. Example: followup reply 3 --from 7"""
    when = _time(at, "--at") if at else _clock()
    _service().record_reply(application, person=person, at=when, note=note)
    typer.echo(f"Recorded a reply for application {application}; check-ins stop.")


# -- the whole database --------------------------------------------------------------------
@app.command("export")
def export_(
    file: Annotated[Path | None, typer.Argument(help="Where to write; stdout if absent.")] = None,
) -> None:
    """The whole database as one JSON document. Example: followup export backup.json"""
    from followup.services.backup import export_document

    text = json.dumps(export_document(_service()), indent=2, ensure_ascii=False) + "\n"
    if file is None:
        sys.stdout.write(text)
        return
    try:
        file.write_text(text, encoding="utf-8")
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
    from followup.services.backup import MAX_BACKUP_BYTES, import_document

    data = read_document(file, "backup file", limit=MAX_BACKUP_BYTES)
    added = import_document(_service(), data, str(file), merge=merge)
    typer.echo(f"Imported {added} application(s) from {file}.")


@app.command()
def demo(
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing (quietly) when there is data already.")
    ] = False,
) -> None:
    """Load a realistic sample (three applications) into an empty database."""
    from followup.services.demo import load_demo

    service = _service()
    if if_empty and service.profile() is not None:
        return
    ids = load_demo(service)
    typer.echo(f"Loaded the demo: applications {', '.join(map(str, ids))}. Try `followup agenda`.")


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (needed on PostgreSQL; automatic on SQLite)."""
    from followup.settings import Settings
    from followup.storage.store import open_store

    settings = Settings.from_env()
    open_store(settings.database_url, migrate=True).close()
    typer.echo(f"Database at {settings.describe_database()} is up to date.")


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            envvar="FOLLOWUP_HOST", help="Address to listen on (loopback only by default)."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="FOLLOWUP_PORT", help="Port to listen on.")] = 8765,
) -> None:
    """Run the web app. Example: followup serve --port 8765, then open http://127.0.0.1:8765"""
    import uvicorn

    from followup.settings import Settings
    from followup.web.app import create_app

    web = create_app(Settings.from_env())
    typer.echo(f"followup is running at http://{host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)


@app.command()
def where() -> None:
    """Where followup keeps your data."""
    from followup.settings import Settings

    typer.echo(Settings.from_env().describe_database())


from followup.cli.writing import register  # noqa: E402  (the commands, not their work)

register(app)


def main() -> None:
    """Entry point: runs the app; a FollowupError becomes one line on stderr and exit status 2."""
    try:
        app()
    except FollowupError as exc:
        sys.stderr.write(f"Error: {exc.message}\n")
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
