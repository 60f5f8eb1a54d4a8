"""Pages rendered once per data revision and minute, then served from memory.

A page says "in 5 h", so it is made again every minute, and whenever a fact changes, in this
process or any other (the revision lives in the database). Each browser's CSRF token is put in
on the way out, in place of a slot no escaped text can produce.

Asking the database for its revision costs a connection and a transaction on every request.
On SQLite, whether anything was written since is told by the database file and its write-ahead
log (size and modification time, one stat each): unchanged files, unchanged revision. Today is
then answered from memory on the event loop (web/app.py), without a thread or a query.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

# Stands in a cached page for each browser's own token. Escaping turns every `<` of user text
# into `&lt;`, so no note or name can ever read like this slot and receive the token.
CSRF_SLOT = Markup("<csrf-slot>")
PAGE_CACHE_SIZE = 64  # pages of the newest revision and minute: a few per application viewed
# A file changed this recently may change again within the file system's clock tick (a few ms)
# without its time moving: its signature is trusted only once it has settled this long.
SETTLED_SECONDS = 0.05

Signature = tuple[int, ...]


class DataWatch:
    """Tells, without asking the database, that nothing was written since a revision was read."""

    def __init__(self, sqlite_path: Path | None) -> None:
        self.files = (
            ()
            if sqlite_path is None
            else (sqlite_path, sqlite_path.with_name(sqlite_path.name + "-wal"))
        )
        self.known: tuple[Signature, int] | None = None

    def signature(self) -> Signature | None:
        """Size and time of the database's files; None when unknown or not settled yet."""
        if not self.files:
            return None
        parts: list[int] = []
        now = time.time_ns()
        for path in self.files:
            try:
                found = path.stat()
            except FileNotFoundError:
                parts += [-1, -1]
                continue
            if now - found.st_mtime_ns < SETTLED_SECONDS * 1e9:
                return None
            parts += [found.st_size, found.st_mtime_ns]
        return tuple(parts)

    def learned(self, signature: Signature | None, revision: int) -> None:
        """The revision read after `signature` was taken."""
        self.known = None if signature is None else (signature, revision)

    def revision(self) -> int | None:
        """The revision, when the files show nothing written since it was read."""
        known = self.known
        if known is None or self.signature() != known[0]:
            return None
        return known[1]


class PageCache:
    """Rendered pages by key, the least recently used dropped past a fixed size. Used from the
    event loop and from the threads of synchronous routes alike, so every step holds a lock."""

    def __init__(self, sqlite_path: Path | None = None, size: int = PAGE_CACHE_SIZE) -> None:
        self.size = size
        self.pages: OrderedDict[Hashable, str] = OrderedDict()
        self.watch = DataWatch(sqlite_path)
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            html = self.pages.get(key)
            if html is not None:
                self.pages.move_to_end(key)
            return html

    def put(self, key: Hashable, html: str) -> None:
        with self._lock:
            self.pages[key] = html
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


def _minute(request: Request) -> int:
    return int(request.app.state.service.clock().timestamp() // 60)


def from_memory(request: Request, key: Hashable) -> HTMLResponse | None:
    """The page when it is in memory and nothing was written since: no query, no thread."""
    cache: PageCache = request.app.state.page_cache
    revision = cache.watch.revision()
    if revision is None:
        return None
    html = cache.get((revision, _minute(request), key))
    return None if html is None else HTMLResponse(html.replace(CSRF_SLOT, request.state.csrf))


def cached(request: Request, key: Hashable, render: Any, *args: Any) -> HTMLResponse:
    """A page rendered once per data revision, minute and `key`, then served from memory.

    `key` names the route and the parameters that change the page, nothing else, so query
    strings of no meaning share one entry. `render(request, *args, csrf_token)` renders with
    the slot; each browser's token is put in on the way out.
    """
    service = request.app.state.service
    cache: PageCache = request.app.state.page_cache
    signature = cache.watch.signature()  # before the revision: a write after it is seen
    revision = service.revision()
    cache.watch.learned(signature, revision)
    full = (revision, _minute(request), key)
    html = cache.get(full)
    if html is None:
        response = render(request, *args, CSRF_SLOT)
        if response.status_code != 200:
            return response  # type: ignore[no-any-return]
        html = response.body.decode()
        cache.put(full, html)
    return HTMLResponse(html.replace(CSRF_SLOT, request.state.csrf))
