"""Sending by SMTP with the standard `smtplib`.

Why smtplib rather than aiosmtplib: followup sends one message at a time from a command or a
web request, between two database transactions of the outbox; a blocking client keeps that
sequence plain (no event loop inside a CLI process, none to share with the web server's), and
it supports implicit TLS, STARTTLS and XOAUTH2 as well.

Every failure becomes one of mail/errors.py's classes, named after its cause.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

from followup.mail.account import Server
from followup.mail.errors import (
    AppPasswordNeededError,
    AuthFailedError,
    ConnectionDroppedError,
    HostUnreachableError,
    MailError,
    MailTimeoutError,
    NoSignInOfferedError,
    ServerRefusedError,
    TlsMismatchError,
)
from followup.mail.oauth import xoauth2

TIMEOUT = 30.0
# replies that mean "not this password: an app password or OAuth" (Gmail 534 5.7.9 and
# 5.7.14, Microsoft 535 5.7.139 "basic authentication is disabled", Yahoo/iCloud wording)
_APP_PASSWORD_SIGNS = ("5.7.9", "5.7.14", "5.7.139", "application-specific", "app password")


@dataclass(frozen=True)
class Login:
    """Who signs in, with a password or an OAuth access token (never both); not stored."""

    user: str
    password: str | None = None
    access_token: str | None = None

    def __repr__(self) -> str:  # the secret never reaches a log or a traceback
        return f"Login(user={self.user!r})"


def tls_context() -> ssl.SSLContext:
    """The system's trusted certificates (SSL_CERT_FILE may name others), hostnames checked."""
    return ssl.create_default_context()


def _auth_error(name: str, exc: smtplib.SMTPAuthenticationError) -> MailError:
    detail = f"{exc.smtp_code} {exc.smtp_error.decode('utf-8', 'replace')}".strip()
    if any(sign in detail.lower() for sign in _APP_PASSWORD_SIGNS):
        return AppPasswordNeededError(name, detail)
    return AuthFailedError(name, detail)


def _refused(name: str, code: int, text: bytes | str) -> ServerRefusedError:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return ServerRefusedError(name, f"refused: {code} {words}", temporary=400 <= code < 500)


@contextmanager
def smtp_session(server: Server, login: Login, timeout: float = TIMEOUT) -> Iterator[smtplib.SMTP]:
    """A signed-in SMTP connection; every failure on the way is a MailError naming its cause."""
    name = f"SMTP {server}"
    client: smtplib.SMTP | None = None
    try:
        if server.security == "tls":
            client = smtplib.SMTP_SSL(
                server.host, server.port, timeout=timeout, context=tls_context()
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=timeout)
            if server.security == "starttls":
                client.ehlo()
                if not client.has_extn("starttls"):
                    raise TlsMismatchError(name, "the server offers no STARTTLS")
                client.starttls(context=tls_context())
        client.ehlo()
        if not client.has_extn("auth"):
            raise NoSignInOfferedError(name)
        if login.access_token is not None:
            token = xoauth2(login.user, login.access_token)
            client.auth(
                "XOAUTH2",
                lambda challenge=None: token if challenge is None else "",
                initial_response_ok=True,
            )
        elif login.password is not None:
            client.login(login.user, login.password)
        yield client
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise _auth_error(name, exc) from None
    except smtplib.SMTPNotSupportedError as exc:
        detail = str(exc).rstrip(".")  # smtplib's own text ends with one
        raise ServerRefusedError(name, f"not supported: {detail}", temporary=False) from None
    except ssl.SSLError as exc:
        raise TlsMismatchError(name, exc.reason or str(exc)) from None
    except TimeoutError:
        raise MailTimeoutError(name) from None
    except smtplib.SMTPServerDisconnected as exc:
        raise ConnectionDroppedError(name, f"before the message was sent ({exc})") from None
    except smtplib.SMTPResponseException as exc:
        raise _refused(name, exc.smtp_code, exc.smtp_error) from None
    except (smtplib.SMTPConnectError, OSError) as exc:
        raise HostUnreachableError(name, getattr(exc, "strerror", None) or str(exc)) from None
    finally:
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


def check_smtp(server: Server, login: Login, timeout: float = TIMEOUT) -> None:
    """Connect and sign in; raises the MailError of the first problem."""
    with smtp_session(server, login, timeout):
        pass


def send_message(
    server: Server, login: Login, message: EmailMessage, timeout: float = TIMEOUT
) -> None:
    """Hand the message to the server; returns once it answered 250 to the data."""
    name = f"SMTP {server}"
    with smtp_session(server, login, timeout) as client:
        try:
            refused = client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise _refused(name, code, text) from None
        except smtplib.SMTPSenderRefused as exc:
            raise _refused(name, exc.smtp_code, exc.smtp_error) from None
        except smtplib.SMTPDataError as exc:
            raise _refused(name, exc.smtp_code, exc.smtp_error) from None
        except (smtplib.SMTPServerDisconnected, ConnectionError) as exc:
            dropped = ConnectionDroppedError(name, f"while sending the message ({exc})")
            dropped.maybe_delivered = True
            raise dropped from None
        except TimeoutError:
            silent = MailTimeoutError(name)
            silent.maybe_delivered = True
            raise silent from None
        if refused:
            code, text = next(iter(refused.values()))
            raise _refused(name, code, text)
