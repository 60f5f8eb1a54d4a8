"""The stored workflow on the command line, on SQLite and PostgreSQL, as a user would type it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

PANEL = {
    "kind": "in_person",
    "start": "2026-11-24T14:00:00-05:00",
    "end": "2026-11-24T16:00:00-05:00",
    "forgot_to_mention": ["I led the Looker rollout"],
    "people": [
        {
            "name": "Katherine Chen",
            "title": "Hiring Manager",
            "email": "kchen@globex.example",
            "salutation": "Ms. Chen",
            "discussed": ["the migration to dbt"],
            "liked": ["my query tuning"],
        },
        {
            "name": "Raj Patel",
            "title": "Analytics Lead",
            "email": "raj@globex.example",
            "discussed": ["forecasting churn"],
            "liked": ["my A/B testing framework"],
        },
        {
            "name": "María González",
            "title": "Recruiter",
            "phone": "+1 212 555 0142",
            "discussed": ["the hybrid schedule"],
        },
    ],
}


def setup_profile(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "setup",
        "--name",
        "Jordan A. Rivera",
        "--email",
        "jordan@example.org",
        "--timezone",
        "America/New_York",
        "--checkins-per-week",
        "1",
    )
    assert result.code == 0, result.err
    assert (
        result.out
        == "Profile saved: Jordan A. Rivera, America/New_York, at most 1 check-in(s) a week, "
        "4 without an answer at most; holidays of US, american English.\n"
    )


def agenda(cli, now: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    result = cli("agenda", "--json", now=now)
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.usefixtures("use_db")
def test_a_panel_from_thank_yous_to_a_reply(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    setup_profile(cli)
    result = cli(
        "app",
        "add",
        "--company",
        "Globex Corporation",
        "--role",
        "Senior Data Analyst",
        "--decision",
        "quick",
    )
    assert result.out.startswith("Added application 1: Globex Corporation — Senior Data Analyst.")
    notes = tmp_path / "panel.yaml"
    notes.write_text(yaml.safe_dump(PANEL, allow_unicode=True))
    result = cli("interview", "add", "1", "--file", str(notes), now="2026-11-24T17:00:00-05:00")
    assert result.code == 0, result.err
    assert "Interview 1 saved for Globex Corporation." in result.out
    assert "you should have asked when to expect an answer" in result.out

    # three thank-yous, due 24 hours after the interview ended
    now = "2026-11-24T17:00:00-05:00"
    thanks = agenda(cli, now)["actions"]
    assert [(a["contact_name"], a["kind"], a["due"], a["status"]) for a in thanks[:3]] == [
        ("Katherine Chen", "thank_you", "2026-11-25T16:00:00-05:00", "due"),
        ("Raj Patel", "thank_you", "2026-11-25T16:00:00-05:00", "due"),
        ("María González", "thank_you", "2026-11-25T16:00:00-05:00", "due"),
    ]
    assert thanks[2]["method"] == "phone"  # no email address: the first channel that works
    todos = agenda(cli, now)["todos"]
    assert {t["kind"] for t in todos} == {"ask_expected_date", "missing_contact_detail"}

    # the answer date, given later, replaces the assumed one
    assert cli("interview", "edit", "1", "--answer-by", "2026-12-02", now=now).code == 0
    for action in thanks[:3]:
        result = cli("sent", action["id"], now="2026-11-24T20:00:00-05:00")
        assert (result.code, result.out) == (0, f"Recorded {action['id']} as sent.\n")
    assert (
        cli("sent", thanks[0]["id"]).err
        == f"Error: {thanks[0]['id']} is already recorded as sent\n"
    )

    # past the answer date: exactly one check-in, on the next business day, 09:00-17:00
    later = agenda(cli, "2026-12-03T10:00:00-05:00")
    [check_in] = later["actions"]
    assert (check_in["kind"], check_in["contact_name"], check_in["status"]) == (
        "check_in",
        "Katherine Chen",
        "due",
    )
    assert (check_in["not_before"], check_in["due"]) == (
        "2026-12-03T09:00:00-05:00",
        "2026-12-03T17:00:00-05:00",
    )

    # a second check-in too soon warns (R5) but is recorded
    late = "2026-12-20T10:00:00-05:00"
    assert cli("sent", check_in["id"], "--at", "2026-12-03T10:00:00-05:00", now=late).code == 0
    [nxt] = agenda(cli, "2026-12-05T10:00:00-05:00")["actions"]
    assert nxt["not_before"] == "2026-12-10T10:00:00-05:00"
    result = cli("sent", nxt["id"], "--at", "2026-12-05T10:00:00-05:00", now=late)
    assert result.code == 0
    assert result.err.startswith("Warning: this check-in comes sooner than once a week")

    # a reply stops the check-ins
    result = cli("reply", "1", "--from", "1", "--at", "2026-12-07T11:00:00-05:00", now=late)
    assert result.code == 0
    assert agenda(cli, "2026-12-20T10:00:00-05:00")["actions"] == []

    shown = cli("app", "show", "1", now="2026-12-20T10:00:00-05:00").out
    for text in (
        "Globex Corporation",
        "reply from Katherine Chen",
        "thank-you by email to Raj Patel",
        "Nothing to do",
        "Katherine Chen discussed: the migration to dbt",
    ):
        assert text in shown


@pytest.mark.usefixtures("use_db")
def test_scenario_of_a_stored_application_plans_the_same(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo", now="2026-11-25T12:00:00-05:00").code == 0
    out = tmp_path / "s.json"
    assert cli("scenario", "1", "-o", str(out), now="2026-11-25T12:00:00-05:00").code == 0
    from_file = json.loads(cli("plan", "--json", str(out)).out)
    stored = json.loads(cli("plan", "--json", "1", now="2026-11-25T12:00:00-05:00").out)
    # the same plan; stored ids are JSON numbers, the scenario file's are its own strings
    for entry in stored["actions"] + stored["todos"]:
        for key in ("interview", "contact"):
            if entry[key] is not None:
                assert isinstance(entry[key], int)
                entry[key] = str(entry[key])
    assert from_file == stored
    assert json.loads(out.read_text())["other_companies"] == ["Initech", "Umbrella Health"]


@pytest.mark.usefixtures("use_db")
def test_demo_agenda_orders_overdue_then_due_then_planned(cli) -> None:  # type: ignore[no-untyped-def]
    now = "2026-11-25T12:00:00-05:00"
    assert cli("demo", now=now).out.startswith("Loaded the demo: applications 1, 2, 3.")
    statuses = [a["status"] for a in agenda(cli, now)["actions"]]
    assert statuses[0] == "overdue"
    assert statuses == sorted(statuses, key=["overdue", "due", "planned"].index)
    assert "due" in statuses and "planned" in statuses
    table = cli("agenda", now=now).out
    assert "overdue by" in table and "Raj Patel" in table and "To do" in table
    assert (
        cli("demo").err
        == "Error: the demo goes into an empty database only; this one already holds your data\n"
    )
    assert cli("demo", "--if-empty").code == 0


@pytest.mark.usefixtures("use_db")
def test_close_stops_check_ins_and_list_shows_status(cli) -> None:  # type: ignore[no-untyped-def]
    now = "2026-11-25T12:00:00-05:00"
    cli("demo", now=now)
    assert (
        cli("app", "close", "2", "withdrawn").out == "Application 2 (Initech) closed: withdrawn.\n"
    )
    assert all(a["application"] != 2 for a in agenda(cli, now)["actions"])
    listing = json.loads(cli("app", "list", "--json").out)
    assert {a["id"]: (a["status"], a["next_due"]) for a in listing}[2] == ("withdrawn", None)
    assert (
        cli("app", "close", "2", "hired").err
        == "Error: OUTCOME: must be one of offer, rejected, withdrawn, no_response, not 'hired'\n"
    )


@pytest.mark.usefixtures("use_db")
def test_export_import_through_the_cli(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cli("demo")
    first = tmp_path / "one.json"
    assert cli("export", str(first)).code == 0
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    assert cli("import", str(first)).out == f"Imported 3 application(s) from {first}.\n"
    second = tmp_path / "two.json"
    cli("export", str(second))
    assert json.loads(first.read_text()) == json.loads(second.read_text())
    result = cli("import", str(first))
    assert result.code == 2
    assert "use --merge" in result.err


ERRORS = [
    (["app", "show", "42"], "Error: no application with id '42'; see `followup app list`\n"),
    (["app", "show", "x"], "Error: no application with id 'x'\n"),
    (["reply", "9"], "Error: no application with id '9'; see `followup app list`\n"),
    (["reply", "1", "--from", "77"], "Error: no person with id '77'\n"),
    (
        ["sent", "thank_you:1"],
        "Error: ACTION: 'thank_you:1' is not an action id such as thank_you:3:7 or check_in:7:1\n",
    ),
    (["sent", "thank_you:99:1"], "Error: no interview with id '99'\n"),
    (
        ["sent", "thank_you:1:9"],
        "Error: no action with id 'thank_you:1:9'; person 9 was not met at that interview\n",
    ),
    (
        ["interview", "add", "1", "--start", "2026-11-24T14:00", "--end", "2026-11-24T15:00-05:00"],
        "Error: interview add: start: not an ISO 8601 time with offset (add one, e.g. +00:00 or -05:00)\n",
    ),
    (
        [
            "interview",
            "add",
            "1",
            "--start",
            "2026-11-24T14:00-05:00",
            "--end",
            "2026-11-24T13:00-05:00",
            "--person",
            "Ann Lee",
        ],
        "Error: end: the interview ends before it starts\n",
    ),
    (
        [
            "interview",
            "add",
            "1",
            "--start",
            "2026-11-24T14:00-05:00",
            "--end",
            "2026-11-24T15:00-05:00",
        ],
        "Error: interview add: people: needs at least one person met (each gets a thank-you)\n",
    ),
    (
        ["interview", "add", "1"],
        "Error: --start: is required: give --start and --end, or a notes file with --file\n",
    ),
    (
        ["interview", "edit", "55", "--answer-by", "2026-12-01"],
        "Error: no interview with id '55'\n",
    ),
    (
        [
            "interview",
            "add",
            "1",
            "--start",
            "2026-11-24T14:00-05:00",
            "--end",
            "2026-11-24T15:00-05:00",
            "--answer-by",
            "soon",
            "--person",
            "Ann Lee",
        ],
        "Error: interview add: expected_response_by: not an ISO 8601 date such as 2026-12-02\n",
    ),
    (
        ["setup", "--timezone", "Mars/Olympus"],
        "Error: setup: timezone: unknown timezone 'Mars/Olympus'; use an IANA name such as Europe/London\n",
    ),
    (
        ["setup", "--checkins-per-week", "3"],
        "Error: setup: checkins_per_week: must be 1 or 2, not 3\n",
    ),
    (
        ["app", "add", "--company", "Hooli", "--role", "PM", "--decision", "fast"],
        "Error: app add: decision_speed: must be 'quick', 'normal', 'slow' or 'unknown', not 'fast'\n",
    ),
    (
        ["app", "add", "--company", " ", "--role", "PM"],
        "Error: app add: company: String should have at least 1 character\n",
    ),
    (
        ["sent", "thank_you:1:2", "--at", "2030-01-01T00:00:00+00:00"],
        "Error: --at: is in the future; record what happened once it has\n",
    ),
    (
        ["sent", "thank_you:1:2", "--at", "2026-11-23T00:00:00+00:00"],
        "Error: --at: a thank-you cannot be sent before the interview has ended\n",
    ),
    (
        ["sent", "check_in:1:1", "--at", "tomorrow"],
        "Error: --at: 'tomorrow' is not an ISO 8601 time with offset\n",
    ),
    (
        ["person", "edit", "1", "--email", "not-an-address"],
        "Error: person edit: email: 'not-an-address' is not one email address: an email address must have an @-sign\n",
    ),
]


@pytest.mark.usefixtures("use_db")
@pytest.mark.parametrize(("args", "error"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_errors_are_one_line_exit_2_and_change_nothing(
    cli, tmp_path: Path, args: list[str], error: str
) -> None:  # type: ignore[no-untyped-def]
    cli("demo", now="2026-11-25T12:00:00-05:00")
    before = tmp_path / "before.json"
    cli("export", str(before))
    result = cli(*args, now="2026-11-25T12:00:00-05:00")
    assert (result.code, result.err) == (2, error)
    after = tmp_path / "after.json"
    cli("export", str(after))
    assert before.read_text() == after.read_text()


@pytest.mark.usefixtures("use_db")
def test_notes_file_errors(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    setup_profile(cli)
    cli("app", "add", "--company", "Globex", "--role", "Analyst")
    notes = tmp_path / "notes.yaml"
    notes.write_text("start: 2026-11-24T14:00:00-05:00\nend: [oops\n")
    assert cli("interview", "add", "1", "-f", str(notes)).err == (
        f"Error: {notes}: not valid YAML at line 3, column 1\n"
    )
    bad = dict(PANEL, people=[{"name": "A"}, {"title": "no name"}])
    notes.write_text(yaml.safe_dump(bad))
    assert cli("interview", "add", "1", "-f", str(notes)).err == (
        f"Error: {notes}: people[1].name: is required\n"
    )
    assert cli("interview", "add", "1", "-f", str(tmp_path / "missing.json")).err == (
        f"Error: {tmp_path / 'missing.json'}: no such notes file\n"
    )


def test_setup_needs_a_name_off_a_terminal(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("setup", "--timezone", "Europe/London")
    assert (result.code, result.err) == (
        2,
        "Error: --name: is required (or run `followup setup` on a terminal)\n",
    )


def test_agenda_on_an_empty_database(cli) -> None:  # type: ignore[no-untyped-def]
    assert (
        cli("agenda").out == "Nothing to follow up. Add an application with `followup app add`.\n"
    )
    assert json.loads(cli("agenda", "--json").out)["actions"] == []


@pytest.mark.usefixtures("use_db")
def test_flags_only_interview_with_a_primary_contact(cli) -> None:  # type: ignore[no-untyped-def]
    setup_profile(cli)
    cli("app", "add", "--company", "Initech", "--role", "CSM", "--client-facing")
    now = "2026-11-24T16:00:00-05:00"
    result = cli(
        "interview",
        "add",
        "1",
        "--kind",
        "phone",
        "--start",
        "2026-11-24T14:00:00-05:00",
        "--end",
        "2026-11-24T14:30:00-05:00",
        "-p",
        "Priya Raman",
        "-p",
        "Tomás Álvarez",
        "--primary",
        "tomás álvarez",
        "--answer-by",
        "2026-12-02",
        now=now,
    )
    assert result.code == 0, result.err
    assert "you should have asked" not in result.out
    actions = agenda(cli, "2026-12-03T10:00:00-05:00")["actions"]
    check_in = [a for a in actions if a["kind"] == "check_in"][0]
    assert check_in["contact_name"] == "Tomás Álvarez"
    assert "the primary contact" in " ".join(check_in["reasons"])
    # nobody has a phone number yet: the call falls back, and a to-do asks for the number
    todos = agenda(cli, now)["todos"]
    assert sorted(t["need"] for t in todos) == ["phone", "phone"]
    assert cli("person", "edit", "2", "--phone", "+1 415 555 0134").code == 0
    assert [t["contact"] for t in agenda(cli, now)["todos"]] == [1]
    result = cli(
        "interview",
        "add",
        "1",
        "--start",
        "2026-11-24T14:00:00-05:00",
        "--end",
        "2026-11-24T14:30:00-05:00",
        "-p",
        "A",
        "--primary",
        "B",
    )
    assert result.err == "Error: --primary: 'B' is not among the people met\n"


@pytest.mark.usefixtures("use_db")
def test_user_text_is_printed_as_text_not_markup(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    setup_profile(cli)
    cli("app", "add", "--company", "[bold]Acme[/bold]", "--role", "Dev [red]lead")
    notes = tmp_path / "n.json"
    notes.write_text(
        json.dumps(dict(PANEL, people=[{"name": "Ann [link=x]Lee", "discussed": ["[b]"]}]))
    )
    assert cli("interview", "add", "1", "-f", str(notes), now="2026-11-24T17:00:00-05:00").code == 0
    shown = cli("app", "show", "1", now="2026-11-24T17:00:00-05:00").out
    for text in ("[bold]Acme[/bold] — Dev [red]lead", "Ann [link=x]Lee #", "discussed: [b]"):
        assert text in shown


@pytest.mark.usefixtures("use_db")
def test_a_bare_phone_number_in_yaml_is_refused_with_a_hint(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    setup_profile(cli)
    cli("app", "add", "--company", "Globex", "--role", "Analyst")
    notes = tmp_path / "notes.yaml"
    notes.write_text(
        "start: 2026-11-24T14:00:00-05:00\nend: 2026-11-24T15:00:00-05:00\n"
        "people:\n  - name: Raj Patel\n    phone: +442079460100\n"
    )
    result = cli("interview", "add", "1", "-f", str(notes))
    assert result.err == (
        f'Error: {notes}: people[0].phone: write the number in quotes, e.g. "+1 212 555 0142": '
        "read as a bare number it loses its + and any leading zero\n"
    )
