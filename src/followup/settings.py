"""Configuration from FOLLOWUP_* environment variables (secrets also from *_FILE)."""

from __future__ import annotations

import os
import re
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
    from followup.private import read_secret_file  # refuses a file others can read

    return read_secret_file(path, f"{name}_FILE").strip() or None


EVERY_DEFAULTS = {"FOLLOWUP_SYNC_EVERY": 600.0, "FOLLOWUP_POLL_EVERY": 1800.0}


def _seconds(environ: Mapping[str, str], name: str, default: float) -> float:
    """A number of seconds from the environment (at least one), or `default` when unset."""
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 1 <= value <= 86400:
        raise InvalidInputError(name, f"{text!r} is not a number of seconds from 1 to 86400")
    return value


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: addresses no other machine can reach."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


PUBLIC_HOST = re.compile(
    r"[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?|\[[0-9a-f:.]+\](:[0-9]{1,5})?"
)


def check_public_host(value: str, where: str) -> str:
    """A host name, optionally with a port, as a browser sends it in Host: `laptop.lan:8765`."""
    if not PUBLIC_HOST.fullmatch(value):
        raise InvalidInputError(where, f"{value[:80]!r} is not a host name such as laptop.lan:8765")
    return value


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    # Where the web app is reached, for links in the calendar feed (FOLLOWUP_BASE_URL; else
    # the address `followup serve` listens on, from FOLLOWUP_HOST and FOLLOWUP_PORT).
    base_url: str = "http://127.0.0.1:8765"
    base_url_given: bool = False
    # Where `followup serve` listens (FOLLOWUP_HOST, FOLLOWUP_PORT; --host, --port), and the
    # one other name the web app answers to (FOLLOWUP_PUBLIC_HOST; --public-host): a request
    # for any other Host is refused, which is what defeats DNS rebinding.
    host: str = "127.0.0.1"
    port: int = 8765
    public_host: str | None = None
    # The web login's password (FOLLOWUP_WEB_PASSWORD_FILE): required to serve beyond loopback
    # unless `serve --generate-token` made an access token.
    web_password: str | None = None
    # How often `followup serve` reads new mail and the subscribed calendar, in seconds
    # (FOLLOWUP_SYNC_EVERY, FOLLOWUP_POLL_EVERY): every 10 and 30 minutes unless set.
    sync_every: float = 600.0
    poll_every: float = 1800.0

    @property
    def loopback_only(self) -> bool:
        """Whether the web app listens on this machine only (127.0.0.0/8, ::1, localhost)."""
        return is_loopback(self.host)

    @property
    def web_secret_path(self) -> Path:
        """The web app's signing secret (CSRF tokens, login cookies), 0600 in the data folder."""
        return self.home / "web-secret"

    @property
    def web_token_path(self) -> Path:
        """The hash of the access token `serve --generate-token` printed, 0600."""
        return self.home / "web-token"

    @property
    def web_sessions_path(self) -> Path:
        """The hashes of the logged-in browsers' session ids, 0600 (see web/login.py)."""
        return self.home / "web-sessions"

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
        host = env.get("FOLLOWUP_HOST") or "127.0.0.1"
        port_text = env.get("FOLLOWUP_PORT") or "8765"
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise InvalidInputError("FOLLOWUP_PORT", f"{port_text!r} is not a port (1-65535)")
        public = env.get("FOLLOWUP_PUBLIC_HOST", "").strip().lower() or None
        if public is not None:
            check_public_host(public, "FOLLOWUP_PUBLIC_HOST")
        served = f"http://{url_host(host)}:{port_text}"
        every = {name: _seconds(env, name, default) for name, default in EVERY_DEFAULTS.items()}
        return cls(
            home=home,
            database_url=url,
            base_url=given or served,
            base_url_given=bool(given),
            host=host,
            port=int(port_text),
            public_host=public,
            web_password=_secret(env, "FOLLOWUP_WEB_PASSWORD"),
            sync_every=every["FOLLOWUP_SYNC_EVERY"],
            poll_every=every["FOLLOWUP_POLL_EVERY"],
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
