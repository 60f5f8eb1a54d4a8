"""The mail account of a profile: where its servers are, how to reach them, how to sign in.

No secret lives here: the password or OAuth refresh token is in the OS keyring, or in the
`password_file` the user named (read each time it is needed).
"""

from __future__ import annotations

import functools
import ipaddress
import json
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, Literal

from followup.core import limits
from followup.core.errors import InvalidInputError
from followup.mail.message import address

Security = Literal["tls", "starttls", "plain"]
OAuthProvider = Literal["google", "microsoft"]
SECURITIES: tuple[Security, ...] = ("tls", "starttls", "plain")
OAUTH_PROVIDERS: tuple[OAuthProvider, ...] = ("google", "microsoft")
# the ports each kind of connection usually listens on (RFC 8314 for implicit TLS)
DEFAULT_PORTS: dict[str, dict[Security, int]] = {
    "smtp": {"tls": 465, "starttls": 587, "plain": 25},
    "imap": {"tls": 993, "starttls": 143, "plain": 143},
}


@functools.cache
def presets() -> dict[str, dict[str, Any]]:
    """The provider presets (mail/presets.json), by key: gmail, outlook, icloud, …"""
    text = resources.files("followup.mail").joinpath("presets.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: Security

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Account:
    address: str
    smtp: Server
    imap: Server
    username: str
    auth: Literal["password", "oauth"] = "password"
    password_file: str | None = None  # None: the secret is in the keyring
    oauth_provider: OAuthProvider | None = None
    client_id: str | None = None
    client_secret_file: str | None = None
    # where the OAuth provider answers (tests, sovereign clouds); None: the provider's own
    oauth_endpoint: str | None = None
    # the provider files mail sent by SMTP in Sent itself; None: not known yet
    files_sent: bool | None = None

    @property
    def secret_key(self) -> str:
        """The keyring entry's user name: one per address and kind of secret."""
        return f"{self.address}:{'oauth' if self.auth == 'oauth' else 'password'}"

    def learned_files_sent(self, value: bool) -> Account:
        return replace(self, files_sent=value)


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine (no DNS lookup: a name is trusted only as localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def parse_server(text: str, kind: str, security: Security, where: str) -> Server:
    """`HOST[:PORT]` (IPv6 in brackets) with the usual port of `kind` and `security`."""
    value = (text or "").strip()
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port_text = rest.removeprefix(":") if rest.startswith(":") else ""
        if rest and not rest.startswith(":"):
            raise InvalidInputError(where, f"{text!r} is not HOST[:PORT]")
    elif value.count(":") == 1:
        host, _, port_text = value.partition(":")
    else:
        host, port_text = value, ""
    if not host or any(c.isspace() or c in "/@?#" for c in host) or len(host) > limits.HOST:
        raise InvalidInputError(where, f"{text!r} is not HOST[:PORT]")
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise InvalidInputError(where, f"{port_text!r} is not a port number (1-65535)")
        port = int(port_text)
    else:
        port = DEFAULT_PORTS[kind][security]
    if security == "plain" and not is_loopback(host):
        raise InvalidInputError(
            "--security",
            f"plain (unencrypted) is allowed only for a server on this machine, not {host}; "
            "use tls or starttls",
        )
    return Server(host=host, port=port, security=security)


def make_account(
    *,
    address_text: str | None,
    smtp: str | None,
    imap: str | None,
    security: str | None = None,
    smtp_security: str | None = None,
    imap_security: str | None = None,
    username: str | None = None,
    password_file: str | None = None,
    keyring: bool = False,
    oauth: str | None = None,
    client_id: str | None = None,
    client_secret_file: str | None = None,
    oauth_endpoint: str | None = None,
    preset: str | None = None,
) -> Account:
    """The account the `mail setup` options describe, checked; a preset fills what is left out.
    `smtp_security`/`imap_security` set one server's own (a form names each; the CLI one)."""
    chosen: dict[str, Any] = {}
    if preset is not None:
        found = presets().get(preset.strip().lower())
        if found is None:
            raise InvalidInputError(
                "--preset", f"unknown preset {preset!r}; one of {', '.join(presets())}"
            )
        chosen = found
    if not address_text:
        raise InvalidInputError("--address", "give your email address")
    addr = str(address(address_text, where="--address").addr_spec)
    for flag, value in (
        ("--security", security),
        ("smtp_security", smtp_security),
        ("imap_security", imap_security),
    ):
        if value is not None and value not in SECURITIES:
            raise InvalidInputError(flag, f"must be tls, starttls or plain, not {value!r}")
    smtp_text = smtp or chosen.get("smtp")
    imap_text = imap or chosen.get("imap")
    if not smtp_text:
        raise InvalidInputError("--smtp", "give the SMTP server as HOST[:PORT] (or a --preset)")
    if not imap_text:
        raise InvalidInputError("--imap", "give the IMAP server as HOST[:PORT] (or a --preset)")
    smtp_chosen: Security = (
        smtp_security or security or (chosen.get("smtp_security") if not smtp else None) or "tls"
    )  # type: ignore[assignment]
    imap_chosen: Security = (
        imap_security or security or (chosen.get("imap_security") if not imap else None) or "tls"
    )  # type: ignore[assignment]
    if [password_file is not None, keyring, oauth is not None].count(True) != 1:
        raise InvalidInputError(
            "--password-file",
            "give one of --password-file FILE, --keyring (asks for the password) or "
            "--oauth google|microsoft",
        )
    if oauth is not None:
        if oauth not in OAUTH_PROVIDERS:
            raise InvalidInputError("--oauth", f"must be google or microsoft, not {oauth!r}")
        if not client_id or not client_id.strip():
            raise InvalidInputError(
                "--client-id", "OAuth needs the client id of your own registered app"
            )
    elif client_id or client_secret_file:
        raise InvalidInputError("--client-id", "only goes with --oauth")
    for flag, value, limit in (
        ("--client-id", client_id, limits.OAUTH_CLIENT_ID),
        ("--password-file", password_file, limits.FILE_PATH),
        ("--client-secret-file", client_secret_file, limits.FILE_PATH),
        ("--oauth-endpoint", oauth_endpoint, limits.OAUTH_ENDPOINT),
    ):
        if value is not None and len(value.strip()) > limit:
            raise InvalidInputError(flag, f"is longer than {limit} characters")
    user = (username or "").strip() or addr
    if len(user) > limits.EMAIL or any(c in user for c in "\r\n\x00"):
        raise InvalidInputError("--username", "not a usable user name")
    return Account(
        address=addr,
        smtp=parse_server(smtp_text, "smtp", smtp_chosen, "--smtp"),
        imap=parse_server(imap_text, "imap", imap_chosen, "--imap"),
        username=user,
        auth="oauth" if oauth else "password",
        password_file=password_file,
        oauth_provider=oauth,  # type: ignore[arg-type]
        client_id=client_id.strip() if client_id else None,
        client_secret_file=client_secret_file,
        oauth_endpoint=oauth_endpoint,
        files_sent=chosen.get("files_sent"),
    )


def account_to_dict(account: Account) -> dict[str, Any]:
    """The stored form (no secret in it)."""
    return {
        "address": account.address,
        "smtp_host": account.smtp.host,
        "smtp_port": account.smtp.port,
        "smtp_security": account.smtp.security,
        "imap_host": account.imap.host,
        "imap_port": account.imap.port,
        "imap_security": account.imap.security,
        "username": account.username,
        "auth": account.auth,
        "password_file": account.password_file,
        "oauth_provider": account.oauth_provider,
        "client_id": account.client_id,
        "client_secret_file": account.client_secret_file,
        "oauth_endpoint": account.oauth_endpoint,
        "files_sent": account.files_sent,
    }


def account_from_dict(row: dict[str, Any]) -> Account:
    return Account(
        address=row["address"],
        smtp=Server(row["smtp_host"], int(row["smtp_port"]), row["smtp_security"]),
        imap=Server(row["imap_host"], int(row["imap_port"]), row["imap_security"]),
        username=row["username"],
        auth=row["auth"],
        password_file=row.get("password_file"),
        oauth_provider=row.get("oauth_provider"),
        client_id=row.get("client_id"),
        client_secret_file=row.get("client_secret_file"),
        oauth_endpoint=row.get("oauth_endpoint"),
        files_sent=row.get("files_sent"),
    )
