"""`followup draft`, `check` and `write` as a user types them: scenario files and stored data."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.cli.test_workflow import PANEL, setup_profile
from tests.conftest import EXAMPLES

PANEL_SCENARIO = str(EXAMPLES / "panel-traditional.json")
AT = "2026-11-24T17:00:00-05:00"


def scenario_args(to: str = "tomas") -> list[str]:
    return ["--scenario", PANEL_SCENARIO, "--interview", "onsite", "--to", to]


def test_draft_json_follows_the_contract(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("draft", "--json", *scenario_args())
    assert result.code == 0, result.err
    draft = json.loads(result.out)
    assert set(draft) >= {
        "kind",
        "method",
        "to",
        "subject",
        "body",
        "key_points",
        "voicemail",
        "findings",
    }
    assert (draft["kind"], draft["method"]) == ("thank_you", "email")  # no address: email
    assert draft["to"]["name"] == "Tomás Ruiz"
    assert draft["findings"] == []
    assert "handing designs to engineers with Figma tokens" in draft["body"]


def test_a_letter_prints_as_pdf(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "aisha.pdf"
    result = cli("draft", *scenario_args("aisha"), "--method", "letter", "--pdf", str(pdf))
    assert result.code == 0, result.err
    text = PdfReader(pdf).pages[0].extract_text()
    for line in (
        "Sam Okafor",
        "Aisha Bello",
        "Head of Design",
        "Dear Aisha Bello,",
        "Yours sincerely,",
    ):
        assert line in text
    assert f"Letter written to {pdf}" in result.err


def test_a_letter_to_someone_without_an_address_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    """The inside address of a letter to someone with no postal address on file uses the one
    on file for a colleague, and the draft says so, in the JSON and beside the text."""
    result = cli("draft", "--json", *scenario_args("tomas"), "--method", "letter")
    assert result.code == 0, result.err
    draft = json.loads(result.out)
    assert draft["to"]["address"] is None
    assert draft["notes"] == [
        "No postal address is on file for Tomás Ruiz: the letter uses the one on file for "
        "Aisha Bello. Check it before posting."
    ]
    plain = cli("draft", *scenario_args("tomas"), "--method", "letter")
    assert "Note: No postal address is on file for Tomás Ruiz" in plain.err


def test_pdf_only_for_letters(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("draft", *scenario_args(), "--pdf", str(tmp_path / "x.pdf"))
    assert (result.code, result.err) == (
        2,
        "Error: --pdf: only letters print; this draft is email (add --method letter)\n",
    )


def test_check_points_at_a_misspelled_name_like_a_compiler(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = json.loads(cli("draft", "--json", *scenario_args()).out)["body"]
    note = tmp_path / "note.txt"
    note.write_text(
        body.replace("Dear Tomás Ruiz", "Dear Tomas Ruiz") + "\nI would love to join Contoso.\n"
    )
    result = cli("check", *scenario_args(), str(note))
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == "1:6 name: 'Tomas' looks like a misspelling of 'Tomás' (Tomás)"
    assert lines[1] == "    Dear Tomas Ruiz,"
    assert lines[2] == "         ^^^^^"
    assert any(
        line.endswith(
            "company: 'Contoso' is another company you applied to; this note "
            "is for Northwind Traders (Northwind Traders)"
        )
        for line in lines
    )
    checked = json.loads(cli("check", "--json", *scenario_args(), str(note)).out)
    name = next(f for f in checked["findings"] if f["kind"] == "name")
    assert (name["start"], name["end"], name["text"], name["suggestions"], name["severity"]) == (
        5,
        10,
        "Tomas",
        ["Tomás"],
        "error",
    )


def test_check_a_clean_note_from_stdin_exits_0(cli) -> None:  # type: ignore[no-untyped-def]
    body = json.loads(cli("draft", "--json", *scenario_args("wei")).out)["body"]
    result = cli("check", *scenario_args("wei"), "-", stdin=body)
    assert result.code == 0
    assert result.out.endswith("no problems found.\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: there is no note to check"),
        (b"\n  \n", "is empty: there is no note to check"),
        (b"Dear \x00 Tom", "is a binary file, not text"),
        (b"Dear Tom\xe1s", "is not UTF-8 text (byte 8)"),
        (b"x" * (5 * 1024 * 1024), "too large (5.0 MB); a note is at most 100 KB"),
    ],
)
def test_bad_notes(cli, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "note.txt"
    note.write_bytes(content)
    result = cli("check", *scenario_args(), str(note))
    assert (result.code, result.err) == (2, f"Error: {note}: {message}\n")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--scenario", PANEL_SCENARIO, "--interview", "nope", "--to", "tomas"],
            "Error: --interview: no interview 'nope' (known: onsite)\n",
        ),
        (
            ["--scenario", PANEL_SCENARIO, "--interview", "onsite", "--to", "zed"],
            "Error: --to: nobody 'zed' was met at 'onsite' (aisha, tomas, wei)\n",
        ),
        (
            ["--scenario", PANEL_SCENARIO, "--interview", "onsite"],
            "Error: --scenario: needs --interview and --to as well\n",
        ),
        (
            [*scenario_args(), "--method", "fax"],
            "Error: --method: must be email, phone or letter, not 'fax'\n",
        ),
        (["thank_you:9:9"], "Error: no interview with id '9'\n"),
        (
            [],
            "Error: ACTION: give an action id (see `followup agenda`) or --scenario/--interview/--to\n",
        ),
    ],
)
def test_draft_errors(cli, args: list[str], error: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("draft", *args)
    assert (result.code, result.err) == (2, error)


def test_a_scenario_that_fails_validation(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "s.json"
    bad.write_text(json.dumps({"candidate": {"full_name": "X", "timezone": "UTC"}}))
    result = cli("draft", "--scenario", str(bad), "--interview", "i", "--to", "c")
    assert (result.code, result.err) == (2, f"Error: {bad}: application: is required\n")


@pytest.mark.usefixtures("use_db")
def test_a_stored_panel_drafted_checked_written_and_sent(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Done when: three different notes (email, letter PDF, call sheet); a misspelled name is
    pointed at; another company is named; interviewers' names are never spelling mistakes."""
    setup_profile(cli)
    cli("app", "add", "--company", "Globex Corporation", "--role", "Senior Data Analyst")
    cli("app", "add", "--company", "Initech", "--role", "Analyst")
    panel = dict(PANEL)
    panel["people"] = [dict(p) for p in PANEL["people"]]
    panel["people"][1]["address"] = "Globex Corporation, 200 Elm Street, Springfield, IL 62701"
    notes = tmp_path / "panel.yaml"
    notes.write_text(yaml.safe_dump(panel, allow_unicode=True))
    assert cli("interview", "add", "1", "-f", str(notes), now=AT).code == 0

    email = json.loads(cli("draft", "--json", "thank_you:1:1", now=AT).out)
    letter_pdf = tmp_path / "raj.pdf"
    letter = cli("draft", "thank_you:1:2", "--method", "letter", "--pdf", str(letter_pdf), now=AT)
    call = json.loads(cli("draft", "--json", "thank_you:1:3", now=AT).out)
    assert (email["method"], call["method"]) == ("email", "phone")
    assert email["findings"] == [] and call["findings"] == []
    assert "Raj Patel" in PdfReader(letter_pdf).pages[0].extract_text()
    assert letter.err.endswith("no problems found.\n")
    assert call["key_points"] and call["voicemail"].startswith("Hi María, this is ")

    note = tmp_path / "kchen.txt"
    note.write_text(
        email["body"].replace(
            "Dear Ms. Chen,\n\n", "Dear Ms. Chan,\n\nI am excited to join Initech. "
        )
    )
    result = cli("check", str(note), "--action", "thank_you:1:1", now=AT)
    assert result.code == 1
    assert "name: 'Chan' looks like a misspelling of 'Chen' (Chen)" in result.out
    assert "company: 'Initech' is another company you applied to" in result.out
    assert " spelling: " not in result.out

    # write: the editor (a real program) changes the note; it is checked and kept
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/Dear Ms. Chen/Dear Ms. Chan/' \"$1\"\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    result = cli("write", "thank_you:1:1", now=AT)
    assert result.code == 0, result.err
    assert "name: 'Chan' looks like a misspelling of 'Chen'" in result.out
    assert result.out.endswith(
        "Kept the note for thank_you:1:1; `followup sent thank_you:1:1` records it as sent.\n"
    )
    editor.write_text("#!/bin/sh\nsed -i 's/Dear Ms. Chan/Dear Ms. Chen/' \"$1\"\n")
    result = cli("write", "thank_you:1:1", now=AT)  # starts from the kept text
    assert "no problems found" in result.out
    assert cli("sent", "thank_you:1:1", now=AT).code == 0
    exported = json.loads(cli("export").out)
    [sent] = exported["tables"]["follow_ups"]
    assert sent["body"].startswith("Subject: ") and "Dear Ms. Chen," in sent["body"]

    # a near copy for Raj is a duplicate of what Katherine got
    copy = tmp_path / "raj.txt"
    copy.write_text(sent["body"].replace("Dear Ms. Chen", "Dear Mr. Patel"))
    checked = json.loads(cli("check", "--json", str(copy), "--action", "thank_you:1:2", now=AT).out)
    assert any(f["kind"] == "duplicate" for f in checked["findings"])


@pytest.mark.usefixtures("use_db")
def test_write_with_a_failing_editor_keeps_nothing(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    setup_profile(cli)
    cli("app", "add", "--company", "Globex Corporation", "--role", "Senior Data Analyst")
    notes = tmp_path / "panel.yaml"
    notes.write_text(yaml.safe_dump(PANEL, allow_unicode=True))
    cli("interview", "add", "1", "-f", str(notes), now=AT)
    monkeypatch.setenv("EDITOR", "false")
    result = cli("write", "thank_you:1:1", now=AT)
    assert (result.code, result.err) == (
        2,
        "Error: EDITOR: 'false' exited with status 1; nothing was kept\n",
    )
    assert json.loads(cli("export").out)["tables"]["kept_notes"] == []


def test_a_check_in_after_a_reply_still_drafts_by_the_persons_method(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(Path(PANEL_SCENARIO).read_text())
    data["responses"] = [{"at": "2026-12-09T10:00:00+00:00", "from": "aisha"}]
    path = tmp_path / "answered.json"
    path.write_text(json.dumps(data))
    args = [
        "draft",
        "--json",
        "--scenario",
        str(path),
        "--interview",
        "onsite",
        "--kind",
        "check_in",
    ]
    letter = json.loads(cli(*args, "--to", "aisha").out)
    assert (letter["method"], letter["to"]["id"]) == ("letter", "aisha")
    assert "9 December 2026" in letter["body"]  # dated the day it is drafted: nothing planned
    email = json.loads(cli(*args, "--to", "tomas").out)
    assert email["method"] == "email" and email["subject"].startswith("Re: ")
    call = json.loads(cli(*args, "--to", "tomas", "--method", "phone").out)
    assert call["method"] == "phone" and call["key_points"]


def test_check_json_is_json_even_when_harper_talks(tmp_path: Path) -> None:
    """harper-py prints debug lines from Rust to the process's stdout for some lints; a real
    `followup check --json` (not in-process) must still print nothing but the JSON there."""
    note = tmp_path / "note.txt"
    note.write_text(
        "Dear Aisha,\n\nThank you for meeting me. I am looking forward to be part of the "
        "team.\n\nSam Okafor\n",
        encoding="utf-8",
    )
    followup = Path(sys.executable).parent / "followup"
    done = subprocess.run(
        [str(followup), "check", "--json", *scenario_args("aisha"), str(note)],
        capture_output=True,
        text=True,
        env={**os.environ, "FOLLOWUP_HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert ("be", ["being"]) in [(f["text"], f["suggestions"]) for f in findings]
