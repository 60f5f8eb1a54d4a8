"""Mutation score of core/: do the rule tests notice when the rules are changed?

Runs mutmut (configured in pyproject.toml, [tool.mutmut]) from scratch on every mutant of
src/followup/core/ against tests/core, tests/cli/test_scenario_plan.py and tests/inputs, and
prints the share of mutants the tests kill. `mutmut results` then lists the survivors and
`mutmut show NAME` shows one. Takes ~12 minutes with the default 2 workers.

    python benchmarks/mutation.py [WORKERS]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).with_name("mutmut")


def main() -> int:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    mutants = ROOT / "mutants"
    shutil.rmtree(mutants, ignore_errors=True)  # a cached verdict could hide a changed test
    mutants.mkdir()
    started = time.perf_counter()
    with (mutants / "run.log").open("w") as log:
        run = subprocess.run(
            [str(MUTMUT), "run", "--max-children", str(workers)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        print(f"mutmut run failed (exit {run.returncode}); see {mutants / 'run.log'}")
        return 1
    subprocess.run([str(MUTMUT), "export-cicd-stats"], cwd=ROOT, check=True, capture_output=True)
    stats = json.loads((mutants / "mutmut-cicd-stats.json").read_text())
    # A mutant that makes the tests hang (an endless loop) is noticed too.
    killed = stats["killed"] + stats["timeout"]
    total = stats["total"]
    print(
        f"core/ mutation score: {killed}/{total} killed ({100 * killed / total:.1f}%), "
        f"{stats['survived']} survived, {stats['no_tests']} reached by no test; "
        f"{elapsed / 60:.0f} min with {workers} workers"
    )
    print("survivors: .venv/bin/mutmut results; one of them: .venv/bin/mutmut show NAME")
    return 0


if __name__ == "__main__":
    sys.exit(main())
