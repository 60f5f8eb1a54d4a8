"""Incoming mail, read from its headers and first text part: who, when, which thread, and
whether it is an out-of-office, a bounce or an invitation. Pure: bytes in, a value out.

Malformed mail never raises: the parser is the tolerant compat32 one, every header is decoded
with a fallback, and a charset Python does not know reads as Latin-1 rather than failing. Text
that comes out is storable: raw 8-bit headers are read as UTF-8 (else replaced), and control
characters (NUL above all, which PostgreSQL refuses) become spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime

from followup.mail.replykind import reply_kind
from followup.mail.returndate import return_date

MAX_TEXT_CHARS = 20_000
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,900}>")
_AUTO_PRECEDENCE = {"auto_reply", "bulk", "list", "junk"}
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ACTION_FAILED = re.compile(rb"(?im)^action:\s*failed\b")


@dataclass(frozen=True)
class Inbound:
    """What followup needs to know of one incoming message."""

    message_id: str | None
    sender: str | None  # the address, lower case
    sender_name: str
    subject: str
    date: datetime | None
    thread_ids: tuple[str, ...] = ()  # In-Reply-To, then References
    auto_reply: bool = False
    # a multipart/report's report-type (delivery-status, disposition-notification, ...): a
    # report is never a reply; a delivery-status one that says `Action: failed` is a bounce
    report: str | None = None
    bounce: bool = False
    bounced_ids: tuple[str, ...] = ()  # the Message-IDs a bounce reports on
    bounce_reason: str | None = None
    invitation: bool = False
    until: date | None = None  # an out-of-office's return date, when the text states one
    # why the receiving provider doubts the sender (its Authentication-Results), or None
    doubted: str | None = None
    kind: str = "answer"  # or "update" (mail/replykind.py) or "auto_reply"
    expected_by: date | None = None  # the date an update promises, when the text states one
    text: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)


def storable(text: str) -> str:
    """`text` as a database keeps it: raw bytes the parser smuggled in as surrogates read as
    UTF-8 (else replaced), control characters as spaces."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(" ", text)


def _raw_header(message: Message, name: str) -> str:
    """A header's value as it came, its raw 8-bit bytes read as UTF-8 (the parser would give
    them as an unknown-8bit Header whose text is replacement characters)."""
    wanted = name.lower()
    for key, value in message.raw_items():
        if key.lower() == wanted:
            return storable(value if isinstance(value, str) else str(value))
    return ""


def _sender(message: Message, *, decode_name: bool = True) -> tuple[str, str]:
    """The From's display name (decoded) and address (lower case; '' when there is none).

    The addresses are parsed before any encoded word is decoded: "=?iso-8859-1?Q?Gonzalez=2C_
    Mar=EDa?=" is one name with a comma in it, not two addresses."""
    raw = " ".join(_raw_header(message, "From").split())
    for name, addr in getaddresses([raw]):
        if "@" in addr:
            return _decoded(name) if decode_name else name, addr.strip().lower()
    return "", ""


def header_text(message: Message, name: str) -> str:
    """A header decoded to one line of text ('' when absent or beyond repair)."""
    return _decoded(_raw_header(message, name))


def _decoded(raw: str) -> str:
    """Encoded words (RFC 2047) decoded, on one line; as written when they cannot be."""
    try:
        text = str(make_header(decode_header(raw)))
    except (ValueError, LookupError, UnicodeError, TypeError, AssertionError, MessageError):
        text = raw
    return " ".join(storable(text).split())


def _ids(text: str) -> tuple[str, ...]:
    return tuple(_MESSAGE_ID.findall(text or ""))


def _date(message: Message) -> datetime | None:
    value = header_text(message, "Date")
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def is_auto_reply(message: Message) -> bool:
    """RFC 3834 and the headers the big mail systems add to automatic answers."""
    auto = header_text(message, "Auto-Submitted").lower()
    if auto and not auto.startswith("no"):
        return True
    if message.get("X-Autoreply") is not None or message.get("X-Autorespond") is not None:
        return True
    if header_text(message, "Precedence").lower() in _AUTO_PRECEDENCE:
        return True
    return message.get("X-MS-Exchange-Inbox-Rules-Loop") is not None


def _decode_part(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return payload.decode("latin-1")


def first_text(message: Message) -> str:
    """The first text/plain part (else the first text/html, tags stripped), at most
    MAX_TEXT_CHARS characters."""
    html = None
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.get_filename():
            continue
        subtype = part.get_content_subtype()
        if subtype == "plain":
            return _decode_part(part)[:MAX_TEXT_CHARS]
        if subtype == "html" and html is None:
            html = _decode_part(part)
    if html is None:
        return ""
    return " ".join(_TAG.sub(" ", html).split())[:MAX_TEXT_CHARS]


def _bounce(message: Message, raw: bytes) -> tuple[tuple[str, ...], str | None]:
    """The Message-IDs a delivery report names, and its reason."""
    ids: list[str] = []
    for match in re.finditer(rb"(?im)^message-id:\s*(<[^<>\s]{1,900}>)", raw):
        found = match.group(1).decode("ascii", "replace")
        if found not in ids:
            ids.append(found)
    own = header_text(message, "Message-ID")
    reason = None
    found_reason = re.search(rb"(?im)^diagnostic-code:\s*(.+)$", raw) or re.search(
        rb"(?im)^status:\s*([245]\.\d+\.\d+.*)$", raw
    )
    if found_reason:
        reason = found_reason.group(1).decode("utf-8", "replace").strip()[:300]
    return tuple(i for i in ids if i != own.strip()), reason


@dataclass(frozen=True)
class Triage:
    """What decides whether a message needs a closer look: who sent it, the threads it
    answers, and whether it is a report (multipart/report)."""

    sender: str | None
    thread_ids: tuple[str, ...]
    report: str | None


def triage(raw: bytes) -> Triage:
    """A Triage from a few header fields (read for every new message, so kept light: nothing
    is decoded that the decision does not need)."""
    try:
        message = BytesHeaderParser().parsebytes(raw)
        _, addr = _sender(message, decode_name=False)
        threads = _ids(_raw_header(message, "In-Reply-To")) + _ids(
            _raw_header(message, "References")
        )
        report = None
        if message.get_content_type() == "multipart/report":
            report = str(message.get_param("report-type") or "unknown").lower()
    except Exception:  # noqa: BLE001 - as parse_inbound: an unreadable header is no reply
        return Triage(None, (), None)
    return Triage(addr or None, tuple(dict.fromkeys(threads)), report)


def parse_inbound(raw: bytes, today: date | None = None) -> Inbound:
    """An Inbound from a header (and, when fetched, the first part of the body)."""
    try:
        return _parse(raw, today)
    except Exception as exc:  # noqa: BLE001 - the email package raises rarely and variously:
        # a message it cannot read is no reply, and never stops a sync
        return Inbound(None, None, "", "", None, problems=(f"unreadable message ({exc!r})",))


def _parse(raw: bytes, today: date | None) -> Inbound:
    problems: list[str] = []
    message = message_from_bytes(raw)
    if message.defects:
        problems.append(", ".join(type(d).__name__ for d in message.defects[:3]))
    name, addr = _sender(message)
    if not addr:
        problems.append("no usable From address")
    message_ids = _ids(header_text(message, "Message-ID"))
    threads = _ids(header_text(message, "In-Reply-To")) + _ids(header_text(message, "References"))
    when = _date(message)
    report = None
    if message.get_content_type() == "multipart/report":
        report = str(message.get_param("report-type") or "unknown").lower()
    # a delay, or a relay's note of success, is a delivery report but no bounce
    bounce = report == "delivery-status" and _ACTION_FAILED.search(raw) is not None
    bounced, reason = _bounce(message, raw) if bounce else ((), None)
    invitation = any(p.get_content_type() == "text/calendar" for p in message.walk())
    auto = is_auto_reply(message) and report is None
    text = first_text(message) if message.is_multipart() or message.get_payload() else ""
    until = expected_by = None
    sent_on = (when.date() if when else today) or datetime.now(UTC).date()
    kind = "auto_reply" if auto else "answer"
    if auto and text:
        until = return_date(text, sent_on)
    elif text:
        kind, expected_by = reply_kind(text, sent_on)
    return Inbound(
        doubted=sender_doubted(message),
        message_id=message_ids[0] if message_ids else None,
        sender=addr or None,
        sender_name=name.strip(),
        subject=header_text(message, "Subject"),
        date=when,
        thread_ids=tuple(dict.fromkeys(threads)),
        auto_reply=auto,
        report=report,
        bounce=bounce,
        bounced_ids=bounced,
        bounce_reason=reason,
        invitation=invitation,
        until=until,
        kind=kind,
        expected_by=expected_by,
        text=text,
        problems=tuple(problems),
    )


_AUTH_RESULT = re.compile(r"\b(dmarc|dkim|spf)\s*=\s*([a-z]+)", re.IGNORECASE)


def sender_doubted(message: Message) -> str | None:
    """Why the receiving provider doubts that the sender is who the From line says (RFC 8601),
    or None. Only the topmost Authentication-Results counts: the user's own provider adds it on
    top, and any below may have come with the message. A message without one (a local server,
    a provider that checks nothing) is taken as it says, as before."""
    stamps = message.get_all("Authentication-Results") or []
    if not stamps:
        return None
    results: dict[str, str] = {}
    for method, result in _AUTH_RESULT.findall(str(stamps[0])):
        results.setdefault(method.lower(), result.lower())
    if results.get("dmarc") == "fail":
        return "its sender failed DMARC at your provider"
    if (
        "dmarc" not in results
        and results.get("dkim") != "pass"
        and results.get("spf")
        in (
            "fail",
            "softfail",
        )
    ):
        return f"its sender failed SPF at your provider (spf={results['spf']}), with no DKIM pass"
    return None
