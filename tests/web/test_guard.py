"""The guard's rules as tables: which Host values a server answers to, which writes come from
its own pages, where `next=` may lead. (test_security.py tries them on a real server.)"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from followup.settings import Settings
from followup.web.guard import Hosts, cross_site
from followup.web.redirects import safe_next

BASE = Settings(home=Path("/nonexistent"), database_url="sqlite://", port=8765)


@pytest.mark.parametrize(
    ("changes", "host", "answered"),
    [
        ({}, "127.0.0.1:8765", True),
        ({}, "LOCALHOST:8765", True),
        ({}, "[::1]:8765", True),
        ({}, "127.0.0.1:8766", False),  # another port: another origin
        ({}, "127.0.0.1", False),
        ({}, "evil.example:8765", False),  # a rebound name
        ({}, "127.0.0.2:8765", False),
        ({}, None, False),
        ({"public_host": "laptop.lan"}, "laptop.lan", True),  # behind a proxy on port 80
        ({"public_host": "laptop.lan"}, "laptop.lan:8765", True),
        ({"public_host": "laptop.lan:9000"}, "laptop.lan:8765", False),
        ({"host": "192.168.1.20"}, "192.168.1.20:8765", True),
        ({"host": "192.168.1.20"}, "192.168.1.21:8765", False),
        ({"host": "0.0.0.0"}, "192.168.1.21:8765", True),  # any address of this machine
        ({"host": "0.0.0.0"}, "[fe80::1]:8765", True),
        ({"host": "0.0.0.0"}, "192.168.1.21:8000", False),
        ({"host": "0.0.0.0"}, "evil.example:8765", False),  # a name may be rebound; an address not
        ({"base_url": "http://followup.home:8080", "base_url_given": True},
         "followup.home:8080", True),
    ],
)  # fmt: skip
def test_the_hosts_a_server_answers_to(
    changes: dict[str, object], host: str | None, answered: bool
) -> None:
    assert Hosts(replace(BASE, **changes)).allows(host) is answered  # type: ignore[arg-type]


def scope(**headers: str) -> dict[str, object]:
    return {"headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]}


@pytest.mark.parametrize(
    ("headers", "refused"),
    [
        ({"origin": "http://127.0.0.1:8765"}, False),
        ({"origin": "http://127.0.0.1:8766"}, True),
        ({"origin": "http://evil.example"}, True),
        ({"origin": "null", "sec_fetch_site": "same-origin"}, False),
        ({"origin": "null", "sec_fetch_site": "cross-site"}, True),
        ({"origin": "null"}, True),
        ({"sec_fetch_site": "same-site"}, True),  # another port is the same site
        ({"sec_fetch_site": "none"}, False),  # typed by the user
        ({}, False),  # curl and scripts: the CSRF token still decides
    ],
)
def test_which_writes_come_from_our_own_pages(headers: dict[str, str], refused: bool) -> None:
    assert (cross_site(scope(**headers), "127.0.0.1:8765") is not None) is refused


@pytest.mark.parametrize(
    ("target", "goes_to"),
    [
        ("/applications/1", "/applications/1"),
        ("/?notice=sent", "/?notice=sent"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
        ("https://evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("applications", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_next_leads_only_to_this_site(target: str | None, goes_to: str) -> None:
    assert safe_next(target) == goes_to
