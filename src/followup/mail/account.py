"""The mail account of a profile: where its servers are, how to reach them, how to sign in.

No secret lives here: the password or OAuth refresh token is in the OS keyring, or in the
`password_file` the user named (read each time it is needed).
"""

from __future__ import annotations

import functools
import ipaddress
import json
from collections.abc import Mapping
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
        password, oauth = self.secret_keys
        return oauth if self.auth == "oauth" else password

    @property
    def secret_keys(self) -> tuple[str, str]:
        """The keyring entries this address may have: its password's and its OAuth token's."""
        return f"{self.address}:password", f"{self.address}:oauth"

    def learned_files_sent(self, value: bool) -> Account:
        return replace(self, files_sent=value)


# How the command line names what a problem points at; the web passes its form's words (the
# checks are one, each face says them its own way).
CLI_WORDS: dict[str, str] = {
    "server": "HOST[:PORT]",
    "no_smtp": "give the SMTP server as HOST[:PORT] (or a --preset)",
    "no_imap": "give the IMAP server as HOST[:PORT] (or a --preset)",
    "one_auth": "give one of --password-file FILE, --keyring (asks for the password) or "
    "--oauth google|microsoft",
    "client_id_alone": "only goes with --oauth",
    "plain": "plain (unencrypted) is allowed only for a server on this machine, not {host}; "
    "use tls or starttls",
}


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine (no DNS lookup: a name is trusted only as localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_server(
    text: str,
    kind: str,
    security: Security,
    *,
    where: str,
    security_field: str,
    words: Mapping[str, str] = CLI_WORDS,
) -> tuple[Server | None, list[InvalidInputError]]:
    """`HOST[:PORT]` (IPv6 in brackets) with the usual port of `kind` and `security`; the
    problems of the address and of the security are each their own."""
    value = (text or "").strip()
    malformed = InvalidInputError(where, f"{text!r} is not {words['server']}")
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port_text = rest.removeprefix(":") if rest.startswith(":") else ""
        if rest and not rest.startswith(":"):
            return None, [malformed]
    elif value.count(":") == 1:
        host, _, port_text = value.partition(":")
    else:
        host, port_text = value, ""
    problems: list[InvalidInputError] = []
    host_ok = bool(host) and not any(c.isspace() or c in "/@?#" for c in host)
    if not host_ok or len(host) > limits.HOST:
        problems.append(malformed)
    port = DEFAULT_PORTS[kind][security]
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            problems.append(
                InvalidInputError(where, f"{port_text!r} is not a port number (1-65535)")
            )
        else:
            port = int(port_text)
    if host_ok and security == "plain" and not is_loopback(host):
        problems.append(
            InvalidInputError("--security", words["plain"].format(host=host), field=security_field)
        )
    return (None if problems else Server(host=host, port=port, security=security)), problems


def check_account(
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
    words: Mapping[str, str] = CLI_WORDS,
) -> tuple[Account | None, list[InvalidInputError]]:
    """The account the `mail setup` options describe, and every problem of its options, each
    found on its own (a form shows them all at once); a preset fills what is left out.
    `smtp_security`/`imap_security` set one server's own (a form names each; the CLI one)."""
    problems: list[InvalidInputError] = []
    chosen: dict[str, Any] = {}
    if preset is not None:
        found = presets().get(preset.strip().lower())
        if found is None:
            problems.append(
                InvalidInputError(
                    "--preset", f"unknown preset {preset!r}; one of {', '.join(presets())}"
                )
            )
        else:
            chosen = found
    addr = ""
    if not address_text:
        problems.append(InvalidInputError("--address", "give your email address"))
    else:
        try:
            addr = str(address(address_text, where="--address").addr_spec)
        except InvalidInputError as exc:
            problems.append(exc)
    securities: dict[str, Security | None] = {}
    for flag, value in (
        ("--security", security),
        ("smtp_security", smtp_security),
        ("imap_security", imap_security),
    ):
        if value is not None and value not in SECURITIES:
            problems.append(
                InvalidInputError(flag, f"must be tls, starttls or plain, not {value!r}")
            )
            value = None
        securities[flag] = value  # type: ignore[assignment]
    servers: dict[str, Server | None] = {}
    for kind, text in (("smtp", smtp), ("imap", imap)):
        server_text = text or chosen.get(kind)
        field = f"{kind}_security"
        if not server_text:
            problems.append(InvalidInputError(f"--{kind}", words[f"no_{kind}"]))
            servers[kind] = None
            continue
        kind_security: Security = (
            securities[field]
            or securities["--security"]
            or (chosen.get(field) if not text else None)
            or "tls"
        )
        servers[kind], found_problems = check_server(
            server_text, kind, kind_security, where=f"--{kind}", security_field=field, words=words
        )
        problems += found_problems
    problems += _sign_in_problems(
        password_file, keyring, oauth, client_id, client_secret_file, oauth_endpoint, words
    )
    user = (username or "").strip() or addr
    if len(user) > limits.EMAIL or any(c in user for c in "\r\n\x00"):
        problems.append(InvalidInputError("--username", "not a usable user name"))
    if problems or servers["smtp"] is None or servers["imap"] is None:
        return None, problems
    account = Account(
        address=addr,
        smtp=servers["smtp"],
        imap=servers["imap"],
        username=user,
        auth="oauth" if oauth else "password",
        password_file=password_file,
        oauth_provider=oauth,  # type: ignore[arg-type]
        client_id=client_id.strip() if client_id else None,
        client_secret_file=client_secret_file,
        oauth_endpoint=oauth_endpoint,
        files_sent=chosen.get("files_sent"),
    )
    return account, []


def _sign_in_problems(
    password_file: str | None,
    keyring: bool,
    oauth: str | None,
    client_id: str | None,
    client_secret_file: str | None,
    oauth_endpoint: str | None,
    words: Mapping[str, str],
) -> list[InvalidInputError]:
    problems: list[InvalidInputError] = []
    if [password_file is not None, keyring, oauth is not None].count(True) != 1:
        problems.append(InvalidInputError("--password-file", words["one_auth"]))
    if oauth is not None:
        if oauth not in OAUTH_PROVIDERS:
            problems.append(
                InvalidInputError("--oauth", f"must be google or microsoft, not {oauth!r}")
            )
        if not client_id or not client_id.strip():
            problems.append(
                InvalidInputError(
                    "--client-id", "OAuth needs the client id of your own registered app"
                )
            )
    elif client_id or client_secret_file:
        problems.append(InvalidInputError("--client-id", words["client_id_alone"]))
    for flag, value, limit in (
        ("--client-id", client_id, limits.OAUTH_CLIENT_ID),
        ("--password-file", password_file, limits.FILE_PATH),
        ("--client-secret-file", client_secret_file, limits.FILE_PATH),
        ("--oauth-endpoint", oauth_endpoint, limits.OAUTH_ENDPOINT),
    ):
        if value is not None and len(value.strip()) > limit:
            problems.append(InvalidInputError(flag, f"is longer than {limit} characters"))
    return problems


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
