"""Settings' Mail section as the page shows it, and its form as the options of `followup mail
setup`. The password is never among what goes back to a page: only where the secret is kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import Request
from markupsafe import Markup

from followup.web.views import svc

if TYPE_CHECKING:
    from followup.services.mail import Account

# the options of `mail setup` (as services and their errors name them) -> the form's fields
FIELDS = {
    "--address": "mail_address",
    "--preset": "preset",
    "--smtp": "smtp",
    "--imap": "imap",
    "--security": "smtp_security",
    "smtp_security": "smtp_security",
    "imap_security": "imap_security",
    "--username": "username",
    "--password-file": "password_file",
    "--keyring": "password",
    "--oauth": "oauth",
    "--client-id": "client_id",
    "--client-secret-file": "client_secret_file",
}

# how the form names what a problem points at (services/mail.py's checks take it; the command
# line's own words name its flags)
FORM_WORDS = {
    "server": "host:port",
    "no_smtp": "give the sending server as host:port, or choose your mail provider above",
    "no_imap": "give the reading server as host:port, or choose your mail provider above",
    "one_auth": "choose how followup signs in",
    "client_id_alone": "goes only with signing in through your own OAuth app",
    "plain": "“None” (unencrypted) is allowed only for a server on this computer, not {host}; "
    "choose TLS or STARTTLS",
}
NO_KEYRING = (
    "this computer has no usable keyring ({detail}); choose “An app password in a file only "
    "you can read” below and give the file's path"
)
# a first word to capitalise: a plain lower-case word, not a path, host or value (`pw600:`)
_PLAIN_WORD = re.compile(r"[a-z]+(?=[ ,;]|$)")


def sentence(text: str) -> str:
    """A problem as a sentence beside its field: a capital first letter unless it starts with
    what the user typed (a path, a host, a quoted value), and one full stop."""
    text = text.strip()
    if _PLAIN_WORD.match(text):
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def field_problems(problems: list[Any]) -> dict[str, str]:
    """The setup's problems (InvalidInputError) by the form's field, the first of each."""
    errors: dict[str, str] = {}
    for problem in problems:
        name = FIELDS.get(problem.field or problem.where, "mail_address")
        errors.setdefault(name, sentence(problem.problem))
    return errors


# -- what the templates show (Jinja globals: web/app.py) ------------------------------------
@dataclass(frozen=True)
class Section:
    """Settings' Mail section."""

    account: Account | None
    digest_time: str | None
    kept: str  # where the secret is, in words
    keyring: str | None  # the keyring backend's name, or None when there is none
    keyring_problem: str | None
    presets: dict[str, dict[str, Any]]
    values: dict[str, Any]  # the form as stored (never a secret)
    background: Any  # web/background.py's Background when `followup serve` runs it
    mail_round: Any  # its last mail round, unless it ran before the account was last saved


def mail_section(request: Request) -> Section | None:
    """Settings' Mail section; None before the profile exists."""
    from followup.services.mail import (
        KeyringUnavailableError,
        account_settings,
        keyring_check,
        presets,
    )

    service = svc(request)
    if service.profile() is None:
        return None
    found = account_settings(service)
    account, digest_time = (found.account, found.digest_time) if found else (None, None)
    background = getattr(request.app.state, "background", None)
    last = background.mail if background is not None else None
    current = found is not None and last is not None and last.at and last.at >= found.saved_at
    try:
        backend, problem = keyring_check(), None
    except KeyringUnavailableError as exc:
        backend, problem = None, exc.detail
    except Exception as exc:  # noqa: BLE001 - a misconfigured keyring must not take Settings down
        backend, problem = None, f"the keyring could not be loaded ({type(exc).__name__}: {exc})"
    return Section(
        account=account,
        digest_time=digest_time,
        kept=kept_words(account) if account else "",
        keyring=backend,
        keyring_problem=problem,
        presets=presets(),
        values=_stored_values(account, presets()) if account else {"auth": "keyring"},
        background=background,
        mail_round=last if current else None,
    )


def kept_words(account: Account) -> str:
    if account.auth == "oauth":
        provider = "Google" if account.oauth_provider == "google" else "Microsoft"
        return (
            f"signed in with {provider} through your own OAuth client ({account.client_id}); "
            "the refresh token is in your OS keyring"
        )
    if account.password_file:
        return f"the password is read from the file {account.password_file} each time"
    return "the app password is in your OS keyring"


def _stored_values(account: Account, known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    smtp, imap = str(account.smtp), str(account.imap)
    preset = next((k for k, p in known.items() if (p["smtp"], p["imap"]) == (smtp, imap)), "")
    return {
        "mail_address": account.address,
        "preset": preset or "other",
        "smtp": smtp,
        "smtp_security": account.smtp.security,
        "imap": imap,
        "imap_security": account.imap.security,
        "username": "" if account.username == account.address else account.username,
        "auth": "oauth"
        if account.auth == "oauth"
        else ("file" if account.password_file else "keyring"),
        "password_file": account.password_file or "",
        "oauth": account.oauth_provider or "google",
        "client_id": account.client_id or "",
        "client_secret_file": account.client_secret_file or "",
    }


def options_of(form: dict[str, str]) -> dict[str, Any]:
    """The form as the options of `followup mail setup`."""

    def given(name: str) -> str | None:
        return (form.get(name) or "").strip() or None

    auth = form.get("auth") or "keyring"
    preset = given("preset")
    oauth = auth == "oauth"
    return {
        "address_text": given("mail_address"),
        "preset": None if preset in (None, "other") else preset,
        "smtp": given("smtp"),
        "imap": given("imap"),
        "smtp_security": given("smtp_security"),
        "imap_security": given("imap_security"),
        "username": given("username"),
        "password_file": given("password_file") if auth == "file" else None,
        "keyring": auth == "keyring",
        "oauth": (given("oauth") or "google") if oauth else None,
        "client_id": given("client_id") if oauth else None,
        "client_secret_file": given("client_secret_file") if oauth else None,
    }


ANCHORS = {"OAuth": "oauth", "app password": "app-password"}  # Settings links to these


def readme_section(title: str) -> list[tuple[str, str, Markup]]:
    """A section of the README as (anchor, heading, HTML) per subsection: the checkout's own
    README when followup runs from one, else the installed package's description (a wheel
    carries it); nothing is fetched."""
    from importlib.metadata import metadata
    from pathlib import Path

    from markdown_it import MarkdownIt  # rich's Markdown renderer, installed with it

    checkout = Path(__file__).resolve().parents[3] / "README.md"
    if checkout.is_file():
        text = checkout.read_text("utf-8")
    else:
        text = metadata("followup").get_payload() or ""  # type: ignore[attr-defined]
    start = text.find(f"\n## {title}\n")
    if start < 0:
        return []
    end = text.find("\n## ", start + 1)
    body = text[start + len(title) + 5 : end if end > 0 else None]
    render = MarkdownIt("js-default").render  # raw HTML in the text is escaped, not kept
    parts = []
    for n, chunk in enumerate(body.split("\n### ")):
        heading, _, rest = chunk.partition("\n") if n else ("", "", chunk)
        slug = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-") or "about"
        anchor = next((a for key, a in ANCHORS.items() if key in heading), slug)
        parts.append((anchor, heading.strip(), Markup(render(rest))))
    return parts
