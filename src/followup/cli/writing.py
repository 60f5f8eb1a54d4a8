"""`followup draft`, `check` and `write`: on a scenario file or a stored follow-up."""

import contextlib
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from followup.core.errors import InvalidInputError
from followup.inputs.parse import check_note_text

if TYPE_CHECKING:
    from followup.services.writing import Report, Target

ActionArg = Annotated[
    str | None, typer.Argument(help="A stored action id, e.g. thank_you:4:7 (see the agenda).")
]
ScenarioOpt = Annotated[Path | None, typer.Option("--scenario", help="A scenario file.")]
InterviewOpt = Annotated[str | None, typer.Option("--interview", help="Interview id (scenario).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Person id (scenario).")]
KindOpt = Annotated[str, typer.Option("--kind", help="thank_you or check_in (scenario).")]
MethodOpt = Annotated[str | None, typer.Option("--method", help="email, phone or letter.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Plain JSON on stdout.")]


@contextlib.contextmanager
def _native_chatter_to_stderr() -> Iterator[None]:
    """harper-py 0.2 prints debug lines from its Rust code straight to the process's standard
    output for some lints ("gerund_form: ..."); while proofreading, that output goes to
    standard error, so `--json` stays JSON and a note on stdout stays the note."""
    sys.stdout.flush()
    try:
        out, err = sys.stdout.fileno(), sys.stderr.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        yield  # not a real file (a test runner's buffer): nothing native writes there
        return
    saved = os.dup(out)
    os.dup2(err, out)
    try:
        yield
    finally:
        os.dup2(saved, out)
        os.close(saved)


def _target(
    action: str | None,
    scenario: Path | None,
    interview: str | None,
    to: str | None,
    kind: str,
    method: str | None,
) -> "Target":
    from followup.services import writing

    if method is not None and method not in ("email", "phone", "letter"):
        raise InvalidInputError("--method", f"must be email, phone or letter, not {method!r}")
    if kind not in ("thank_you", "check_in"):
        raise InvalidInputError("--kind", f"must be thank_you or check_in, not {kind!r}")
    if scenario is not None:
        if action is not None:
            raise InvalidInputError("ACTION", "give an action id or --scenario, not both")
        if not interview or not to:
            raise InvalidInputError("--scenario", "needs --interview and --to as well")
        from followup.cli.common import State, clock
        from followup.scenario import load_scenario

        facts, given_now = load_scenario(scenario)
        now = State.now or given_now or clock()
        return writing.scenario_target(facts, interview, to, kind, method, now)  # type: ignore[arg-type]
    if action is None:
        raise InvalidInputError(
            "ACTION", "give an action id (see `followup agenda`) or --scenario/--interview/--to"
        )
    from followup.cli.common import followup_service

    return writing.stored_target(followup_service(), action, method)  # type: ignore[arg-type]


def draft(
    action: ActionArg = None,
    scenario: ScenarioOpt = None,
    interview: InterviewOpt = None,
    to: ToOpt = None,
    kind: KindOpt = "thank_you",
    method: MethodOpt = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write a letter as PDF here.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Draft a follow-up: an email, a letter (--pdf prints it) or a call sheet, proofread.

    Example: followup draft --scenario examples/panel-traditional.json
    --interview onsite --to tomas --method letter --pdf tomas.pdf
    """
    from followup.services import writing

    target = _target(action, scenario, interview, to, kind, method)
    with _native_chatter_to_stderr():
        made = writing.draft(target)
    d = made.draft
    if pdf is not None:
        if d.method != "letter":
            raise InvalidInputError(
                "--pdf", f"only letters print; this draft is {d.method} (add --method letter)"
            )
        try:
            from followup.private import write_private

            write_private(pdf, writing.letter_pdf(d.body))
        except OSError as exc:
            raise InvalidInputError(str(pdf), f"cannot write it ({exc.strerror})") from None
    if as_json:
        from followup.services.outputs import draft_json

        stored = target.application_id is not None
        sys.stdout.write(json.dumps(draft_json(made, stored=stored), ensure_ascii=False) + "\n")
        return
    sys.stdout.write(d.text.rstrip("\n") + "\n")
    for note in d.notes:
        typer.echo(f"\nNote: {note}", err=True)
    if pdf is not None:
        typer.echo(f"\nLetter written to {pdf}: print it, sign it, post it.", err=True)
    _print_report(made.report, d.text, err=True)


def check(
    file: Annotated[str, typer.Argument(help="The note: a text file, or - for standard input.")],
    action: Annotated[
        str | None, typer.Option("--action", help="The stored action the note is for.")
    ] = None,
    scenario: ScenarioOpt = None,
    interview: InterviewOpt = None,
    to: ToOpt = None,
    kind: KindOpt = "thank_you",
    as_json: JsonFlag = False,
) -> None:
    """Proofread a note: spelling, grammar, names, recipient, other companies, placeholders,
    missing content, length, tone. Exit 1 when it has errors.

    Example: followup check note.txt --action thank_you:4:7
    """
    from followup.services import writing

    text = writing.read_note(file, sys.stdin.read() if file == "-" else None)
    target = _target(action, scenario, interview, to, kind, None)
    with _native_chatter_to_stderr():
        report = writing.check(target, text)
    if as_json:
        from followup.services.outputs import report_json

        sys.stdout.write(json.dumps(report_json(report), ensure_ascii=False) + "\n")
    else:
        _print_report(report, text)
    if report.errors:
        raise typer.Exit(1)


def write(
    action: Annotated[str, typer.Argument(help="A stored action id, e.g. thank_you:4:7.")],
    method: MethodOpt = None,
) -> None:
    """Draft a follow-up, edit it in $EDITOR, proofread it on save, and keep the final text
    with the action for sending or printing.

    Example: EDITOR=nano followup write thank_you:4:7
    """
    from followup.cli.common import followup_service
    from followup.services import writing

    service = followup_service()
    target = _target(action, None, None, None, "thank_you", method)
    text = writing.kept_text(service, target) or writing.draft(target).draft.text
    interactive = sys.stdin.isatty()
    while True:
        text = _edit(text)
        check_note_text(text, "the note")
        with _native_chatter_to_stderr():
            report = writing.check(target, text)
        _print_report(report, text)
        writing.keep(service, target, text, target.method)
        if not (report.errors and interactive and typer.confirm("Edit again?", default=True)):
            break
    typer.echo(f"Kept the note for {action}; `followup sent {action}` records it as sent.")


def _edit(text: str) -> str:
    """The text after the user's editor has had it ($VISUAL, $EDITOR, else vi)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="followup-") as folder:
        path = Path(folder) / "note.txt"
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except FileNotFoundError:
            raise InvalidInputError("EDITOR", f"cannot run {editor!r}") from None
        if done.returncode != 0:
            raise InvalidInputError(
                "EDITOR", f"{editor!r} exited with status {done.returncode}; nothing was kept"
            )
        return path.read_text(encoding="utf-8")


def _print_report(report: "Report", text: str, *, err: bool = False) -> None:
    """Findings like a compiler's: `line:col kind: message (suggestion)`, the line, a caret."""
    from followup.services.writing import line_col

    out = sys.stderr if err else sys.stdout
    sys.stdout.flush()  # the draft first, then what the proofreader says about it
    if not report.findings:
        out.write(f"{report.words} words, no problems found.\n")
        return
    for f in report.findings:
        hint = f" ({', '.join(f.suggestions)})" if f.suggestions else ""
        if f.start is None or f.end is None:
            out.write(f"{f.kind}: {f.message}{hint}\n")
            continue
        line, col = line_col(text, f.start)
        source = text.splitlines()[line - 1] if text.splitlines() else ""
        width = max(1, min(f.end - f.start, len(source) - col + 1))
        out.write(f"{line}:{col} {f.kind}: {f.message}{hint}\n")
        out.write(f"    {source}\n    {' ' * (col - 1)}{'^' * width}\n")
    errors = len(report.errors)
    out.write(
        f"{report.words} words, {errors} error(s), {len(report.findings) - errors} warning(s).\n"
    )


def register(app: Any) -> None:
    app.command()(draft)
    app.command()(check)
    app.command()(write)
