"""Outgoing messages: one builder for what is sent, saved to Drafts and downloaded as .eml.

Plain text, `policy.SMTP` (CRLF line ends), `Date`, a `Message-ID` on the user's own domain,
`From` with the user's name; a check-in carries `In-Reply-To`/`References` of the thank-you sent
to the same person and its subject after `Re: `. Names and subjects are made single-line before
they reach a header, so a CR/LF in a stored name can never add a header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from followup.core.errors import InvalidInputError

_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x00-\x1f\x7f\u2028\u2029\x85]+")
DEFAULT_SUBJECT = "Thank you"


def one_line(text: str) -> str:
    """Text fit for a header: line breaks and control characters become single spaces."""
    return " ".join(_LINE_BREAKS.sub(" ", text).split())


def split_note(text: str) -> tuple[str | None, str]:
    """(the subject of a leading `Subject:` line, or None; the body after it)."""
    if text.startswith("Subject:"):
        first, _, rest = text.partition("\n")
        subject = one_line(first.removeprefix("Subject:"))
        return subject or None, rest.lstrip("\r\n")
    return None, text


def reply_subject(subject: str) -> str:
    """`Re: ` + the subject, once."""
    return subject if re.match(r"(?i)re\s*:", subject) else f"Re: {subject}"


def address(addr: str, name: str | None = None, *, where: str = "address") -> Address:
    """A mailbox for a header; an unusable address is an InvalidInputError naming `where`."""
    spec = (addr or "").strip()
    local, at, domain = spec.rpartition("@")
    if not at or not local or "." not in domain or one_line(spec) != spec or " " in spec:
        raise InvalidInputError(where, f"{addr!r} is not an email address")
    try:
        return Address(display_name=one_line(name or ""), addr_spec=spec)
    except (ValueError, IndexError) as exc:
        raise InvalidInputError(where, f"{addr!r} is not an email address ({exc})") from None


def domain_of(addr: str) -> str:
    return addr.rpartition("@")[2].strip().lower()


def new_message_id(from_address: str) -> str:
    """A fresh `<…@domain>` on the sender's own domain (never the machine's host name)."""
    return make_msgid(domain=domain_of(from_address))


@dataclass(frozen=True)
class Outgoing:
    """Everything one message needs; `message_id` is chosen (and stored) before it is built."""

    from_address: str
    from_name: str
    to_address: str
    to_name: str
    subject: str
    body: str
    message_id: str
    date: datetime
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()


def build_message(out: Outgoing, *, unsent: bool = False) -> EmailMessage:
    """The message as it is sent; `unsent` marks a .eml download to open as a draft."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = address(out.from_address, out.from_name, where="your email address")
    message["To"] = address(out.to_address, out.to_name, where="the recipient's email")
    message["Subject"] = one_line(out.subject) or DEFAULT_SUBJECT
    message["Date"] = format_datetime(out.date)
    message["Message-ID"] = one_line(out.message_id)
    if out.in_reply_to:
        message["In-Reply-To"] = one_line(out.in_reply_to)
        message["References"] = " ".join(one_line(r) for r in out.references or (out.in_reply_to,))
    if unsent:
        message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft ready to send
    body = out.body.replace("\r\n", "\n").replace("\r", "\n")
    message.set_content(body if body.endswith("\n") else body + "\n")
    return message


def message_bytes(message: EmailMessage) -> bytes:
    """The wire form: CRLF line ends, as SMTP and IMAP APPEND want it."""
    return message.as_bytes(policy=policy.SMTP)
