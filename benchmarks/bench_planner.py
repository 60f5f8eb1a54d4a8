"""Planner throughput: 100,000 synthetic applications (two interviews of three people each).

Goal: >= 20,000 applications per second on one core.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_facts  # noqa: E402

from followup.core.plan import plan_application  # noqa: E402

N = 100_000


def main() -> None:
    facts = synthetic_facts(N)
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    actions = 0
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        actions = sum(len(plan_application(f, now).actions) for f in facts)
        best = min(best, time.perf_counter() - started)
    print(
        f"planner: {N:,} applications, {actions:,} actions, best of 3: {best:.2f} s "
        f"= {N / best:,.0f} applications/s (goal >= 20,000/s)"
    )


if __name__ == "__main__":
    main()
