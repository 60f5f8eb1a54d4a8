"""Writing: the proofreader beside Harper alone, drafting throughput, and a cold `check`.

Goals: `check` of a 200-word note <= 1.5x Harper's own lint of it (warm process); >= 1,000
drafts/s for a three-person panel; a cold `followup check --json` within 0.3 s of Harper's own
cold start (a fresh Python that imports harper, builds a linter and lints the same note).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from followup.core.actions import action_for
from followup.scenario import load_scenario
from followup.writing.compose import compose
from followup.writing.lexicon import vocabulary
from followup.writing.proofread import Proofreader, mask

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "panel-traditional.json"
BIN = Path(sys.executable).parent


def note_of_200_words(facts):  # type: ignore[no-untyped-def]
    """The drafted thank-you, with a paragraph grown before its sign-off to 200 words."""
    body = compose(facts, thanks(facts, "aisha")).text
    head, _, sign_off = body.rpartition("\n\n")
    extra = (
        " The portfolio review was a highlight, and I enjoyed hearing how the team plans "
        "its roadmap each quarter."
    )
    grown = head + "\n\nI also enjoyed the tour."
    while len(f"{grown}\n\n{sign_off}".split()) < 200:
        grown += extra
    return f"{grown}\n\n{sign_off}"


def thanks(facts, person):  # type: ignore[no-untyped-def]
    now = facts.interviews[0].end
    return action_for(facts, interview_id="onsite", contact_id=person, kind="thank_you", now=now)


def per_call(fn, runs: int = 200) -> float:  # type: ignore[no-untyped-def]
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    facts, _ = load_scenario(EXAMPLE)
    note = note_of_200_words(facts)
    checker = Proofreader("american")
    checker.check(note, facts, interview_id="onsite", contact_id="aisha")
    harper = checker.linter(vocabulary(facts))
    regex = mask(facts)
    ours = per_call(lambda: checker.check(note, facts, interview_id="onsite", contact_id="aisha"))
    theirs = per_call(lambda: harper.lint(note, language="plaintext", regex_mask=regex))
    print(
        f"check of a {len(note.split())}-word note, warm, median of 200: followup "
        f"{ours:.2f} ms, Harper alone {theirs:.2f} ms = {ours / theirs:.2f}x (goal <= 1.5x)"
    )

    actions = [thanks(facts, p.id) for p in facts.interviews[0].participants]
    rounds = 2000
    started = time.perf_counter()
    for _ in range(rounds):
        for action in actions:
            compose(facts, action)
    drafts = rounds * len(actions)
    rate = drafts / (time.perf_counter() - started)
    print(
        f"drafting: {drafts:,} drafts for a {len(actions)}-person panel = {rate:,.0f} drafts/s "
        "(goal >= 1,000/s)"
    )

    note_file = ROOT / "test-artifacts" / "bench-note.txt"
    note_file.parent.mkdir(exist_ok=True)
    note_file.write_text(note, encoding="utf-8")
    cmd = [
        str(BIN / "followup"),
        "check",
        "--json",
        "--scenario",
        str(EXAMPLE),
        "--interview",
        "onsite",
        "--to",
        "aisha",
        str(note_file),
    ]
    cold = median_run(cmd)
    harper_alone = [
        sys.executable,
        "-c",
        "import sys, harper; linter = harper.Linter(harper.Dialect.AMERICAN); "
        "linter.lint(open(sys.argv[1], encoding='utf-8').read(), language='plaintext')",
        str(note_file),
    ]
    bare = median_run(harper_alone)
    print(
        f"cold `followup check --json` on an example note: median {cold:.0f} ms of 5 runs; "
        f"Harper's own cold start on it {bare:.0f} ms; +{cold - bare:.0f} ms (goal <= +300 ms)"
    )


def median_run(cmd: list[str]) -> float:
    times = []
    for _ in range(6):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:]) * 1000


if __name__ == "__main__":
    main()
