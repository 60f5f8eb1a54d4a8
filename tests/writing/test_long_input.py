"""A pasted run of characters never makes the proofreader work without bound (a probe's
30,000-letter "word" asked Harper for 9 GB and the one-edit typo search for 23 GB): the run is
kept from Harper and reported as a typo; ordinary long links and addresses are not."""

from __future__ import annotations

import subprocess
import sys

CODE = """
from pathlib import Path
from followup.scenario import load_scenario
from followup.services.writing import proofreader
from followup.core.locale import english_of
facts, _ = load_scenario(Path("examples/single-video.json"))
iv = facts.interviews[0]
who = iv.participants[0]
text = "Dear Aisha,\\n\\nSee https://example.org/" + "b" * 80 + " and " + "A" * 30000 + " thanks."
report = proofreader(english_of(facts.candidate)).check(
    text, facts, interview_id=iv.id, contact_id=who.id, kind="thank_you"
)
for f in report.findings:
    if f.start is not None:
        print(f.kind, f.severity, f.start, f.end)
"""


def test_a_pasted_run_of_letters_is_one_spelling_error_found_quickly_in_bounded_memory() -> None:
    # a child process with a 3 GB address-space cap: a regression fails instead of taking the
    # machine down
    limited = f"import resource; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n{CODE}"
    done = subprocess.run(
        [sys.executable, "-c", limited], capture_output=True, text=True, timeout=300, check=True
    )
    start = len("Dear Aisha,\n\nSee https://example.org/" + "b" * 80 + " and ")
    assert f"spelling error {start} {start + 30000}" in done.stdout.splitlines()
    link = len("Dear Aisha,\n\nSee ")
    assert all(int(line.split()[2]) != link for line in done.stdout.splitlines())  # not a typo
