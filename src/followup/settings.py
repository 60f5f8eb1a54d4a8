"""Configuration from FOLLOWUP_* environment variables (secrets also from *_FILE)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from followup.core.errors import InvalidInputError


def _secret(environ: Mapping[str, str], name: str) -> str | None:
    """`name` from the environment, or the contents of the file `name_FILE` points at."""
    value = environ.get(name)
    if value:
        return value
    path = environ.get(f"{name}_FILE")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{name}_FILE", f"cannot read {path}: {exc}") from None


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    # Where the web app is reached, for links in the calendar feed (FOLLOWUP_BASE_URL; else
    # the address `followup serve` listens on, from FOLLOWUP_HOST and FOLLOWUP_PORT).
    base_url: str = "http://127.0.0.1:8765"
    base_url_given: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, when the database is one (and not in memory)."""
        if not self.database_url.startswith("sqlite:///"):
            return None
        path = self.database_url.removeprefix("sqlite:///").split("?", 1)[0]
        return Path(path).expanduser() if path and path != ":memory:" else None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home_text = env.get("FOLLOWUP_HOME")
        if home_text:
            home = Path(home_text).expanduser()
        else:
            from platformdirs import user_data_dir

            home = Path(user_data_dir("followup", appauthor=False))
        url = _secret(env, "FOLLOWUP_DATABASE_URL") or f"sqlite:///{home / 'followup.sqlite3'}"
        given = env.get("FOLLOWUP_BASE_URL", "").strip().rstrip("/")
        if given and not given.startswith(("http://", "https://")):
            raise InvalidInputError("FOLLOWUP_BASE_URL", f"{given!r} is not an http(s) address")
        served = (
            f"http://{env.get('FOLLOWUP_HOST') or '127.0.0.1'}:{env.get('FOLLOWUP_PORT') or 8765}"
        )
        return cls(
            home=home, database_url=url, base_url=given or served, base_url_given=bool(given)
        )

    def describe_database(self) -> str:
        """The database location without its password, for messages and logs."""
        if self.is_sqlite:
            return self.database_url.removeprefix("sqlite:///")
        head, sep, tail = self.database_url.partition("@")
        if not sep:
            return self.database_url
        scheme, _, _ = head.partition("://")
        return f"{scheme}://…@{tail}"
