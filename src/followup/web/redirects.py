"""Where a form may send the browser next: only to a path on this site."""

from __future__ import annotations

import re

# `/` then neither `/` nor `\` (browsers read `//host` and `/\host` as another site), and no
# control character or space anywhere (browsers strip some, which can turn `/\t/` into `//`)
SAFE_PATH = re.compile(r"/(?![/\\])[^\x00-\x20\x7f-\x9f\\]*")


def safe_next(target: str | None, fallback: str = "/") -> str:
    """`target` when it is a path on this site, else `fallback`."""
    if target and len(target) <= 2000 and SAFE_PATH.fullmatch(target):
        return target
    return fallback
