"""`followup agenda --json` over a database of 10,000 applications: the median of 10 runs.

Goal: <= 300 ms. The database is built once (through `followup import`) in a temporary folder.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import export_document  # noqa: E402

N = 10_000
RUNS = 10
BIN = Path(sys.executable).parent


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FOLLOWUP_HOME=home)
        env.pop("FOLLOWUP_DATABASE_URL", None)
        document = Path(home) / "big.json"
        document.write_text(json.dumps(export_document(N)))
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "followup"), "import", str(document)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(
            f"agenda: built a database of {N:,} applications by `followup import` "
            f"in {time.perf_counter() - started:.1f} s"
        )
        times = []
        count = 0
        for _ in range(RUNS + 1):
            started = time.perf_counter()
            done = subprocess.run(
                [str(BIN / "followup"), "agenda", "--json"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            times.append((time.perf_counter() - started) * 1000)
            count = len(json.loads(done.stdout)["actions"])
        bare = []
        for _ in range(RUNS):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            bare.append((time.perf_counter() - started) * 1000)
        print(
            f"agenda: `followup agenda --json` listing {count:,} open actions: "
            f"median {statistics.median(times[1:]):.0f} ms of {RUNS} runs "
            f"(min {min(times[1:]):.0f}, max {max(times[1:]):.0f}; goal <= 300 ms); "
            f"bare python3 {statistics.median(bare):.0f} ms"
        )


if __name__ == "__main__":
    main()
