"""The web app under load on loopback, beside a bare FastAPI "hello" endpoint in the same run.

A 1,000-application database; Today and an Application page, each loaded by 32 concurrent
clients (keep-alive connections) for 20 s. Prints requests/s and p50/p99 latency.
Goals (issue 8): Today at >= 50% of the bare endpoint's throughput, with a p99 at most 1.5x
the bare endpoint's p99 in the same run.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import export_document  # noqa: E402

CLIENTS = 32
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
BIN = Path(sys.executable).parent
HELLO = textwrap.dedent(
    """
    from fastapi import FastAPI
    app = FastAPI()

    @app.get("/hello")
    def hello() -> dict[str, str]:
        return {"hello": "world"}
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


async def client(port: int, path: str, until: float, latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    # the Host a browser sends: the server answers only at its own address and port
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    while time.perf_counter() < until:
        started = time.perf_counter()
        writer.write(request)
        length = None
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        if length is None:
            raise RuntimeError(f"{path}: no content-length")
        await reader.readexactly(length)
        latencies.append(time.perf_counter() - started)
    writer.close()


async def load(port: int, path: str) -> tuple[float, float, float]:
    latencies: list[float] = []
    until = time.perf_counter() + SECONDS
    started = time.perf_counter()
    await asyncio.gather(*(client(port, path, until, latencies) for _ in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FOLLOWUP_HOME=home)
        env.pop("FOLLOWUP_DATABASE_URL", None)
        document = Path(home) / "db.json"
        document.write_text(json.dumps(export_document(1000)))
        subprocess.run(
            [str(BIN / "followup"), "import", str(document)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (Path(home) / "hello.py").write_text(HELLO)
        app_port, hello_port = free_port(), free_port()
        servers = [
            subprocess.Popen(
                [str(BIN / "followup"), "serve", "--port", str(app_port)],
                env=env,
                stdout=subprocess.DEVNULL,
            ),
            subprocess.Popen(
                [
                    str(BIN / "uvicorn"),
                    "hello:app",
                    "--port",
                    str(hello_port),
                    "--log-level",
                    "warning",
                    "--no-access-log",
                ],
                cwd=home,
                stdout=subprocess.DEVNULL,
            ),
        ]
        try:
            wait_for(app_port)
            wait_for(hello_port)
            results = {}
            for label, port, path in (
                ("bare FastAPI /hello", hello_port, "/hello"),
                ("Today /", app_port, "/"),
                ("Application /applications/1", app_port, "/applications/1"),
            ):
                rate, p50, p99 = asyncio.run(load(port, path))
                results[label] = (rate, p99)
                print(
                    f"web: {label:<30} {rate:8.0f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms "
                    f"({CLIENTS} clients, {SECONDS:.0f} s)"
                )
            bare, bare_p99 = results["bare FastAPI /hello"]
            for label in ("Today /", "Application /applications/1"):
                rate, p99 = results[label]
                print(
                    f"web: {label} at {rate / bare:.0%} of the bare endpoint's throughput, "
                    f"p99 {p99 / bare_p99:.1f}x its p99"
                    + (" (goals for Today: >= 50%, <= 1.5x)" if label == "Today /" else "")
                )
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)


if __name__ == "__main__":
    main()
