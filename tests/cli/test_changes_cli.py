"""Undo, delete, `sent` with a note that has errors, the sample and `scenario -o` on the command
line, on SQLite and PostgreSQL: the exact words and exit codes a user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.cli.test_workflow import PANEL, agenda, setup_profile

NOW = "2026-11-24T17:00:00-05:00"
LATER = "2026-11-24T17:00:30-05:00"
TOO_LATE = "2026-11-24T17:01:30-05:00"


def stored_panel(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    setup_profile(cli)
    assert cli("app", "add", "--company", "Globex Corporation", "--role", "Analyst").code == 0
    notes = tmp_path / "panel.yaml"
    notes.write_text(yaml.safe_dump(PANEL, allow_unicode=True))
    assert cli("interview", "add", "1", "--file", str(notes), now=NOW).code == 0


def export(cli, tmp_path: Path) -> dict:  # type: ignore[no-untyped-def,type-arg]
    file = tmp_path / "export.json"
    assert cli("export", str(file)).code == 0
    return json.loads(file.read_text())  # type: ignore[no-any-return]


@pytest.mark.usefixtures("use_db")
def test_undo_puts_back_the_last_changes_one_at_a_time(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stored_panel(cli, tmp_path)
    start = export(cli, tmp_path)
    assert cli("sent", "thank_you:1:1", now=NOW).out == "Recorded thank_you:1:1 as sent.\n"
    check_ins = agenda(cli, NOW)["actions"][-1]["id"]
    assert check_ins.startswith("check_in:")
    assert cli("reply", "1", "--from", "2", now=NOW).code == 0
    assert check_ins not in [a["id"] for a in agenda(cli, NOW)["actions"]]
    first = cli("undo", now=LATER)
    assert (first.code, first.out) == (0, "Undone: Recorded an answer from Raj Patel.\n")
    assert agenda(cli, NOW)["actions"][-1]["id"] == check_ins
    second = cli("undo", now=LATER)
    assert second.out == "Undone: Marked the thank-you to Katherine Chen as sent.\n"
    assert export(cli, tmp_path) == start
    nothing = cli("undo", now=LATER)
    assert (nothing.code, nothing.err) == (
        2,
        "Error: nothing to undo: a change can be undone for a minute after it is made\n",
    )


@pytest.mark.usefixtures("use_db")
def test_undo_lasts_a_minute(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stored_panel(cli, tmp_path)
    cli("skip", "thank_you:1:2", now=NOW)
    late = cli("undo", now=TOO_LATE)
    assert late.code == 2 and "nothing to undo" in late.err
    assert "thank_you:1:2" not in [a["id"] for a in agenda(cli, NOW)["actions"]]


@pytest.mark.usefixtures("use_db")
def test_delete_each_kind_and_undo_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stored_panel(cli, tmp_path)
    cli("sent", "thank_you:1:1", now=NOW)
    cli("reply", "1", "--kind", "update", "--expected-by", "2026-12-09", now=NOW)
    before = export(cli, tmp_path)
    hint = " `followup undo` puts it back (for a minute).\n"
    for args, said in (
        (("sent", "1"), "Deleted the record of the thank-you to Katherine Chen."),
        (("reply", "1"), "Deleted the reply from the company."),
        (("person", "3"), "Deleted María González."),
        (("interview", "1"), "Deleted the in-person interview with Katherine Chen, Raj Patel."),
        (("app", "1"), "Deleted the application Globex Corporation — Analyst."),
    ):
        result = cli("delete", *args, now=NOW)
        assert (result.code, result.out) == (0, said + hint), result.err
    assert export(cli, tmp_path)["tables"]["applications"] == []
    for _ in range(5):
        assert cli("undo", now=LATER).code == 0
    assert export(cli, tmp_path) == before
    unknown = cli("delete", "reply", "9")
    assert (unknown.code, unknown.err) == (2, "Error: no reply with id '9'\n")


@pytest.mark.usefixtures("use_db")
def test_sent_refuses_a_kept_note_with_errors_unless_yes(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    stored_panel(cli, tmp_path)
    note = tmp_path / "note.txt"
    note.write_text("Dear Ms. Chan,\n\nThank you for your time yesterday.\n\nJordan A. Rivera\n")
    monkeypatch.setenv("EDITOR", f"cp {note}")  # the "editor" writes the note over the draft
    kept = cli("write", "thank_you:1:1", now=NOW)
    assert kept.code in (0, 1), kept.err
    before = export(cli, tmp_path)
    refused = cli("sent", "thank_you:1:1", now=NOW)
    assert refused.code == 2
    assert refused.err == (
        "Error: the kept note of thank_you:1:1 has 1 proofreading error(s): “Chan”: 'Chan' looks "
        "like a misspelling of 'Chen'. Fix it (followup write thank_you:1:1), or add --yes if "
        "it went as it was\n"
    )
    assert export(cli, tmp_path) == before
    assert cli("sent", "thank_you:1:1", "--yes", now=NOW).code == 0
    [record] = export(cli, tmp_path)["tables"]["follow_ups"]
    assert record["body"] == note.read_text()


@pytest.mark.usefixtures("use_db")
def test_scenario_o_says_what_it_wrote(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stored_panel(cli, tmp_path)
    out = tmp_path / "globex.json"
    result = cli("scenario", "1", "-o", str(out))
    assert (result.code, result.out) == (0, f"Wrote application 1 as a scenario to {out}.\n")
    assert json.loads(out.read_text())["application"]["company"] == "Globex Corporation"


@pytest.mark.usefixtures("use_db")
def test_the_sample_is_removed_and_your_own_applications_stay(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0
    assert cli("app", "add", "--company", "Acme", "--role", "Engineer").code == 0
    removed = cli("demo", "--remove")
    assert (removed.code, removed.out) == (0, "Removed the sample; your own applications stay.\n")
    listed = cli("app", "list").out
    assert "Acme" in listed and "Globex" not in listed
    again = cli("demo", "--remove")
    assert (again.code, again.err) == (
        2,
        "Error: there is no sample to remove: the data here is your own\n",
    )


@pytest.mark.usefixtures("use_db")
def test_removing_the_whole_sample_leaves_an_empty_database(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0
    removed = cli("demo", "--remove")
    assert removed.out == "Removed the sample; run `followup setup` to start with your own.\n"
    assert "Error" in cli("agenda").err or cli("agenda").out.startswith("Nothing to follow up")
    assert cli("demo").code == 0  # empty again: the sample may come back
