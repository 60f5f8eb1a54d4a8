"""Fetching a subscribed calendar over HTTP with its ETag, so an unchanged one costs a 304.

Only the network lives here; what the calendar holds is read by calendar/read.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from followup.core import limits

TIMEOUT_SECONDS = 20.0
USER_AGENT = "followup (calendar subscription)"
_MEGABYTES = limits.CALENDAR_BYTES // 1_048_576


@dataclass(frozen=True)
class Fetched:
    status: Literal["fetched", "not_modified", "failed"]
    etag: str | None = None
    body: bytes = b""
    problem: str | None = None  # one line, for the user, when it failed


def normalise_url(url: str) -> str:
    """webcal:// is what calendars hand out for subscribing; it is https underneath."""
    text = url.strip()
    if text[:9].lower() == "webcal://":
        return "https://" + text[9:]
    return text


def fetch_calendar(url: str, etag: str | None) -> Fetched:
    """GET the calendar with If-None-Match; never raises for what the server or network does."""
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    try:
        with (
            httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=True) as client,
            client.stream("GET", normalise_url(url), headers=headers) as response,
        ):
            if response.status_code == 304:
                return Fetched("not_modified", etag=etag)
            if response.status_code >= 400:
                return Fetched(
                    "failed",
                    problem=f"the calendar address answered HTTP {response.status_code}"
                    + (
                        ": check that it is still your secret address"
                        if response.status_code in (401, 403, 404)
                        else ""
                    ),
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limits.CALENDAR_BYTES:
                    return Fetched(
                        "failed",
                        problem=f"the calendar is larger than {_MEGABYTES} MB",
                    )
            return Fetched("fetched", etag=response.headers.get("ETag"), body=bytes(body))
    except httpx.HTTPError as exc:
        return Fetched("failed", problem=_why_not_fetched(exc, url))


def _why_not_fetched(exc: Exception, url: str) -> str:
    """The network's failure in plain words. Only the host is named: the rest of the address
    is the calendar's secret, and an exception's own text may carry it."""
    import socket
    import ssl

    import httpx

    try:
        host = httpx.URL(normalise_url(url)).host or "the calendar's server"
    except httpx.InvalidURL:
        host = "the calendar's server"
    if isinstance(exc, httpx.TimeoutException):
        return f"{host} did not answer within {TIMEOUT_SECONDS:.0f} seconds (timed out)"
    if isinstance(exc, httpx.TooManyRedirects):
        return f"{host} sent the request round too many redirects"
    causes: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(causes) < 10:
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, socket.gaierror) for c in causes):
        return f"could not connect to {host}: the name does not resolve"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return f"could not connect to {host}: the connection was refused"
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return f"could not connect to {host} securely: its certificate could not be checked"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect to {host}"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return "the address is not an http(s) or webcal address"
    return f"the connection to {host} broke off before the calendar was read"
