"""`followup serve` as a user starts it: a subprocess on a free loopback port, over a database
loaded with the demo, spoken to with plain HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.web.conftest import free_port

BIN = Path(sys.executable).parent


def followup_env(home: Path, db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    return env | {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": db_url} | extra


class Served:
    """A running `followup serve`; `client()` speaks to it as a browser of its own pages."""

    def __init__(self, env: dict[str, str], *args: str, umask: int | None = None) -> None:
        self.env = env
        self.port = free_port()
        self.args = args
        self.umask = umask
        self.process: subprocess.Popen[str] | None = None
        self.output = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        mask = self.umask
        self.process = subprocess.Popen(
            [str(BIN / "followup"), "serve", "--port", str(self.port), *self.args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=None if mask is None else (lambda: os.umask(mask) and None),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"followup serve ended: {self.process.stdout.read()}")  # type: ignore[union-attr]
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.1)
        raise RuntimeError("followup serve did not start")

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        out, _ = self.process.communicate(timeout=20)
        self.output = out

    def rss_kb(self) -> int:
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def client(self) -> httpx.Client:
        """A client with this server's session cookie, as a page of its own would have."""
        client = httpx.Client(base_url=self.url, timeout=30)
        client.get("/api/session")
        return client


def csrf(client: httpx.Client) -> str:
    return str(client.get("/api/session").json()["csrf_token"])


def run_followup(env: dict[str, str], *args: str, umask: int | None = None) -> str:
    """`followup ARGS` in a subprocess; its output (it must succeed)."""
    done = subprocess.run(
        [str(BIN / "followup"), *args],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=None if umask is None else (lambda: os.umask(umask) and None),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
