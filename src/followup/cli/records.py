"""`followup app`, `interview` and `person`: the facts of applications, entered and corrected."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from followup.services import Followup

from followup.cli.common import JsonFlag, clock, followup_service, print_json, profile_zone

app_cmd = typer.Typer(help="Applications: add, list, show, edit, close.", no_args_is_help=True)
interview_cmd = typer.Typer(
    help="Interviews: add and edit, with everyone met.", no_args_is_help=True
)
person_cmd = typer.Typer(
    help="People met: correct their names and contact details.", no_args_is_help=True
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
    from followup.inputs.fields import validate
    from followup.inputs.models import ApplicationIn

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
    app_id = followup_service().add_application(data)
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
    followup_service().update_application(application, changes)
    typer.echo(f"Application {application} updated.")


@app_cmd.command("list")
def app_list(as_json: JsonFlag = False) -> None:
    """All applications, newest first, with the next due follow-up."""
    service = followup_service()
    apps = service.applications()
    if as_json:
        from followup.services.outputs import applications_json

        print_json(applications_json(apps))
        return
    from rich.table import Table

    from followup.cli.render import console
    from followup.core.workdays import short_when

    if not apps:
        typer.echo("No applications yet. Add one with `followup app add`.")
        return
    tz = profile_zone(service)
    table = Table("Id", "Company", "Role", "Status", "Next due")
    for a, due in apps:
        next_due = short_when(due, tz) if due and a.status == "active" else "—"
        table.add_row(a.id or "", a.company, a.role, a.status, next_due)
    console().print(table)


@app_cmd.command("show")
def app_show(application: Annotated[str, typer.Argument(help="Application id.")]) -> None:
    """An application's timeline: interviews, people, what was sent, replies, and the plan."""
    from followup.cli.render import console, print_timeline

    service = followup_service()
    view = service.application(application)
    from followup.core.workdays import zone

    print_timeline(console(), view, clock(), zone(view.facts.candidate.timezone))


@app_cmd.command("close")
def app_close(
    application: Annotated[str, typer.Argument(help="Application id.")],
    outcome: Annotated[str, typer.Argument(help="offer, rejected, withdrawn or no_response.")],
) -> None:
    """Close an application: no more check-ins.

    Examples:
    followup app close 3 offer
    followup app close 3 no_response   (they never answered your check-ins)
    """
    closed = followup_service().close_application(application, outcome)
    typer.echo(f"Application {application} ({closed.company}) closed: {closed.status}.")


@app_cmd.command("reopen")
def app_reopen(application: Annotated[str, typer.Argument(help="Application id.")]) -> None:
    """Make a closed application active again."""
    followup_service().reopen_application(application)
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
    from followup.inputs.fields import validate
    from followup.inputs.models import InterviewIn

    data, where = interview_answers(
        file, kind, start, end, person, forgot, answer_by, primary=primary
    )
    notes = validate(InterviewIn, data, where)
    service = followup_service()
    interview_id = service.add_interview(application, notes)
    _after_interview(service, application, interview_id, True)


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
    from followup.inputs.fields import validate
    from followup.inputs.models import InterviewEditIn

    data, where = interview_answers(file, kind, start, end, person, forgot, answer_by, edit=True)
    data["clear_expected_response_by"] = no_answer_by
    changes = validate(InterviewEditIn, data, where)
    service = followup_service()
    app_id = service.edit_interview(interview, changes)
    _after_interview(service, str(app_id), int(interview), False)


def _after_interview(
    service: "Followup", application: str, interview_id: int, ask_for_date: bool
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
        if a in result.open_actions and (a.interview == str(interview_id) or a.kind == "check_in")
    ]
    out.print(action_table(mine, clock(), zone(facts.candidate.timezone)))
    if ask_for_date and result.expected_source == "default":  # not on the application either
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
    saved = followup_service().edit_person(person, changes)
    typer.echo(f"Person {person} saved: {saved.name}.")
