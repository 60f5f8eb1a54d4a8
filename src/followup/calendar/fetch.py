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
        # the exception's text may carry the address, which is a secret: name the kind only
        return Fetched(
            "failed", problem=f"the calendar could not be fetched ({type(exc).__name__})"
        )
