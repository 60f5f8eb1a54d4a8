"""The web app on a real database: in-process (ASGI) clients and a real server for the browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followup.services import open_service
from followup.services.demo import load_demo
from followup.settings import Settings
from followup.web.app import create_app

NOW = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(home=tmp_path, database_url=db_url)


@pytest.fixture
def demo_settings(settings: Settings) -> Settings:
    load_demo(open_service(settings, clock=fixed_clock))
    return settings


def local_client(settings: Settings, **kwargs: object) -> TestClient:
    """An in-process client that asks for the address the app answers at."""
    return TestClient(
        create_app(settings, **kwargs),  # type: ignore[arg-type]
        base_url=f"http://127.0.0.1:{settings.port}",
    )


@pytest.fixture
def client(demo_settings: Settings) -> Iterator[TestClient]:
    with local_client(demo_settings, clock=fixed_clock) as c:
        c.get("/")  # receive the session cookie
        yield c


@pytest.fixture
def empty_client(settings: Settings) -> Iterator[TestClient]:
    with local_client(settings, clock=fixed_clock) as c:
        c.get("/setup")
        yield c


def token(client: TestClient) -> str:
    """The CSRF token of the client's session, as a page or GET /api/session gives it."""
    return str(client.get("/api/session").json()["csrf_token"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn in a thread, on a free loopback port."""

    def __init__(self, settings: Settings) -> None:
        import uvicorn

        self.port = free_port()
        settings = replace(settings, port=self.port)
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
