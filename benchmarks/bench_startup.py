"""Start-up time: `followup --help` and `followup plan --json` beside bare Python, same run.

Goal: within 150 ms of `python3 -c pass`; neither command imports SQLAlchemy, FastAPI or the
grammar checker (shown from `python -X importtime`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "panel-traditional.json"
BIN = Path(sys.executable).parent
RUNS = 10
HEAVY = ("sqlalchemy", "fastapi", "harper", "alembic", "psycopg")


def median_ms(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[1:])  # the first run warms the file cache


def heavy_imports(args: list[str]) -> list[str]:
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    done = subprocess.run(
        [str(BIN / "followup"), *args], env=env, capture_output=True, text=True, check=True
    )
    found = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:"):
            name = line.rsplit("|", 1)[-1].strip()
            if name.split(".")[0] in HEAVY:
                found.add(name.split(".")[0])
    return sorted(found)


def main() -> None:
    bare = median_ms([sys.executable, "-c", "pass"])
    print(f"start-up, median of {RUNS} runs:")
    print(f"  python3 -c pass                 {bare:7.1f} ms")
    for label, args in (
        ("followup --help", ["--help"]),
        ("followup plan --json EXAMPLE", ["plan", "--json", str(EXAMPLE)]),
    ):
        ms = median_ms([str(BIN / "followup"), *args])
        heavy = heavy_imports(args)
        print(
            f"  {label:<31} {ms:7.1f} ms  (+{ms - bare:.1f} ms over bare Python; goal <= 150)"
            f"  heavy imports: {', '.join(heavy) if heavy else 'none'}"
        )


if __name__ == "__main__":
    main()
