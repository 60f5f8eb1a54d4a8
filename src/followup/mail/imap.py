"""The mailbox over IMAP (`imapclient`): folders by SPECIAL-USE, new mail since a watermark,
a Message-ID search, and the Drafts APPEND.

Reading never changes the mailbox: folders are opened read-only (EXAMINE) and bodies fetched
with BODY.PEEK, so nothing is marked read. The writes are the APPEND of a draft (and the
removal of followup's own earlier draft of the same action: STORE \\Deleted and UID EXPUNGE of
that message alone), and the copy of a sent message in Sent for providers that do not file it
there themselves.
"""

from __future__ import annotations

import base64
import binascii
import imaplib
import quopri
import socket
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followup.core import limits
from followup.mail.account import Server
from followup.mail.errors import (
    AppPasswordNeededError,
    AuthFailedError,
    ConnectionDroppedError,
    HostUnreachableError,
    MailError,
    MailTimeoutError,
    NoSpecialUseError,
    ServerRefusedError,
    TlsMismatchError,
)
from followup.mail.smtp import TIMEOUT, Login, tls_context

DRAFTS, SENT, ARCHIVE, ALL = b"\\Drafts", b"\\Sent", b"\\Archive", b"\\All"
# the headers sync reads for every new message, enough to tell whether it matters (who, which
# thread, a report); the whole header and the start of the body only for the ones that do
HEADER_FIELDS = "FROM MESSAGE-ID IN-REPLY-TO REFERENCES CONTENT-TYPE"
HEADERS_ITEM = f"BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})]"
HEADERS_KEY = f"BODY[HEADER.FIELDS ({HEADER_FIELDS})]".encode()
MAX_HEADER_BYTES = 64 * 1024  # of one message's full header
MAX_TEXT_BYTES = 64 * 1024  # of one message's body: enough for the first text part
FETCH_BATCH = 1000
_APP_PASSWORD_SIGNS = ("application-specific", "app password", "web login required", "webalert")


@dataclass(frozen=True)
class Folders:
    drafts: str | None
    sent: str | None
    archive: str | None  # \Archive, else \All (Gmail's All Mail)
    all_mail: str | None


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    uidnext: int


@dataclass(frozen=True)
class Fetched:
    uid: int
    header: bytes


@dataclass(frozen=True)
class Part:
    """One leaf of a message's MIME structure, as BODYSTRUCTURE tells it."""

    section: str  # "1", "2.3"
    content_type: str  # "text/calendar"
    charset: str | None
    encoding: str  # "base64", "quoted-printable", "7bit", ...
    size: int


@dataclass(frozen=True)
class Candidate:
    """What sync reads of a message that may matter: its whole header, the start of its body,
    and the parts that carry an invitation."""

    header: bytes
    text: bytes
    calendars: tuple[Part, ...]


CALENDAR_TYPES = ("text/calendar", "application/ics")


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace").lower()
    return str(value or "").lower()


def leaf_parts(structure: Any, prefix: str = "") -> Iterator[Part]:
    """The leaves of a BODYSTRUCTURE (imapclient's BodyData), with their section numbers; an
    attached message (message/rfc822) is one leaf, not looked into."""
    if getattr(structure, "is_multipart", False):
        for n, part in enumerate(structure[0], start=1):
            yield from leaf_parts(part, f"{prefix}{n}.")
        return
    try:
        params = list(structure[2] or ())
        named = {_text(k): _text(v) for k, v in zip(params[::2], params[1::2], strict=False)}
        size = int(structure[6] or 0)
    except (IndexError, TypeError, ValueError):
        return  # a structure the server garbled: nothing to read in it
    yield Part(
        section=prefix.rstrip(".") or "1",
        content_type=f"{_text(structure[0])}/{_text(structure[1])}",
        charset=named.get("charset") or None,
        encoding=_text(structure[5]) or "7bit",
        size=size,
    )


def decoded(data: bytes, part: Part) -> bytes:
    """A part's bytes with its transfer encoding undone, as UTF-8 (an invitation in another
    charset is re-encoded; iCalendar is UTF-8)."""
    try:
        if part.encoding == "base64":
            data = base64.b64decode(data, validate=False)
        elif part.encoding == "quoted-printable":
            data = quopri.decodestring(data)
    except (binascii.Error, ValueError):
        return b""
    charset = part.charset or "utf-8"
    if charset.replace("-", "").replace("_", "") in ("utf8", "usascii", "ascii"):
        return data
    try:
        return data.decode(charset, "replace").encode("utf-8")
    except LookupError:
        return data


class Mailbox:
    """One signed-in IMAP connection (use `open_mailbox`)."""

    def __init__(self, client: Any, name: str) -> None:
        self.client = client
        self.name = name
        self._folders: Folders | None = None

    def folders(self) -> Folders:
        """The special folders by their RFC 6154 flags (one LIST; names are never guessed, so a
        folder merely called "Drafts" on a server without SPECIAL-USE is not written to)."""
        if self._folders is None:
            found: dict[bytes, str] = {}
            for flags, _delimiter, folder in self.client.list_folders():
                for flag in flags:
                    key = flag if isinstance(flag, bytes) else str(flag).encode()
                    found.setdefault(key.lower(), folder)
            get = found.get
            self._folders = Folders(
                drafts=get(DRAFTS.lower()),
                sent=get(SENT.lower()),
                archive=get(ARCHIVE.lower()) or get(ALL.lower()),
                all_mail=get(ALL.lower()),
            )
        return self._folders

    def require(self, role: bytes) -> str:
        folders = self.folders()
        found = {DRAFTS: folders.drafts, SENT: folders.sent}[role]
        if found is None:
            raise NoSpecialUseError(self.name, role.decode())
        return found

    def examine(self, folder: str) -> FolderState:
        """Open `folder` read-only; its UIDVALIDITY and UIDNEXT."""
        info = self.client.select_folder(folder, readonly=True)
        uidnext = info.get(b"UIDNEXT")
        if uidnext is None:  # a server that does not volunteer it: ask
            uidnext = self.client.folder_status(folder, [b"UIDNEXT"])[b"UIDNEXT"]
        return FolderState(int(info[b"UIDVALIDITY"]), int(uidnext))

    def new_headers(self, since_uid: int, below_uid: int) -> Iterator[Fetched]:
        """The chosen headers of every message with since_uid <= UID < below_uid in the
        open folder, in batches; a header is cut at MAX_HEADER_BYTES."""
        if below_uid <= since_uid:
            return
        uids = [u for u in self.client.search(["UID", f"{since_uid}:*"]) if since_uid <= u]
        uids = [u for u in uids if u < below_uid]
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start : start + FETCH_BATCH]
            data = self.client.fetch(batch, [HEADERS_ITEM])
            for uid in batch:
                item = data.get(uid)
                if item is None:
                    continue  # expunged meanwhile
                header = item.get(HEADERS_KEY) or b""
                yield Fetched(uid, header[:MAX_HEADER_BYTES])

    def candidate(self, uid: int) -> Candidate:
        """The full header, the first MAX_TEXT_BYTES of the body and the invitation parts
        (never the whole message: a 25 MB attachment stays on the server)."""
        item = self.client.fetch(
            [uid],
            ["BODY.PEEK[HEADER]", f"BODY.PEEK[TEXT]<0.{MAX_TEXT_BYTES}>", "BODYSTRUCTURE"],
        ).get(uid, {})
        header = item.get(b"BODY[HEADER]") or b""
        text = item.get(b"BODY[TEXT]<0>") or b""
        structure = item.get(b"BODYSTRUCTURE")
        parts = leaf_parts(structure) if structure is not None else iter(())
        calendars = tuple(p for p in parts if p.content_type in CALENDAR_TYPES)
        return Candidate(header[:MAX_HEADER_BYTES], text[:MAX_TEXT_BYTES], calendars)

    def calendar_parts(self, uid: int, parts: Sequence[Part]) -> list[bytes]:
        """The invitations a message carries, each decoded; a part larger than an invitation
        can be (limits.CALENDAR_BYTES) is not fetched."""
        wanted = [p for p in parts if p.size <= limits.CALENDAR_BYTES]
        if not wanted:
            return []
        items = [f"BODY.PEEK[{p.section}]<0.{limits.CALENDAR_BYTES}>" for p in wanted]
        found = self.client.fetch([uid], items).get(uid, {})
        out = []
        for part in wanted:
            data = found.get(f"BODY[{part.section}]<0>".encode())
            if data:
                out.append(decoded(data, part))
        return [d for d in out if d]

    def find_message_id(self, message_id: str, folders: Sequence[str]) -> str | None:
        """The first of `folders` holding a message with this Message-ID, or None."""
        for folder in folders:
            self.client.select_folder(folder, readonly=True)
            if self.client.search(["HEADER", "Message-ID", message_id]):
                return folder
        return None

    def append_draft(self, data: bytes, when: datetime, replaces: str | None = None) -> str:
        """APPEND a draft (flags \\Draft and \\Seen) to the \\Drafts folder; first remove
        followup's own earlier draft of the same action (by its Message-ID), if any."""
        folder = self.require(DRAFTS)
        if replaces:
            self.client.select_folder(folder)
            earlier = self.client.search(["HEADER", "Message-ID", replaces])
            if earlier:
                self.client.delete_messages(earlier)
                if self.client.has_capability("UIDPLUS"):
                    self.client.uid_expunge(earlier)
                elif set(self.client.search(["DELETED"])) <= set(earlier):
                    self.client.expunge()  # only ours is marked: expunging removes no other
            # never CLOSE: it would expunge whatever else the user's mail program marked
            if self.client.has_capability("UNSELECT"):
                self.client.unselect_folder()
            else:
                self.client.select_folder(folder, readonly=True)
        self.client.append(folder, data, flags=[b"\\Draft", b"\\Seen"], msg_time=when)
        return folder

    def append_sent(self, data: bytes, when: datetime) -> str:
        """A copy in Sent, for providers that do not file mail sent by SMTP themselves."""
        folder = self.require(SENT)
        self.client.append(folder, data, flags=[b"\\Seen"], msg_time=when)
        return folder


def _imap_failure(name: str, exc: BaseException) -> MailError:
    if isinstance(exc, MailError):
        return exc
    if isinstance(exc, ssl.SSLError):
        return TlsMismatchError(name, exc.reason or str(exc))
    if isinstance(exc, TimeoutError | socket.timeout):
        return MailTimeoutError(name)
    if isinstance(exc, ConnectionRefusedError):
        return HostUnreachableError(name, exc.strerror or str(exc))
    if isinstance(exc, imaplib.IMAP4.abort | ConnectionError | EOFError):
        return ConnectionDroppedError(name, f"({exc})")
    if isinstance(exc, OSError):
        return HostUnreachableError(name, exc.strerror or str(exc))
    return ServerRefusedError(name, f"refused: {exc}", temporary=False)


def _login_failure(name: str, exc: BaseException) -> MailError:
    detail = str(exc).strip() or type(exc).__name__
    if any(sign in detail.lower() for sign in _APP_PASSWORD_SIGNS):
        return AppPasswordNeededError(name, detail)
    return AuthFailedError(name, detail)


@contextmanager
def open_mailbox(server: Server, login: Login, timeout: float = TIMEOUT) -> Iterator[Mailbox]:
    """A signed-in Mailbox; every failure is a MailError naming its cause."""
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError, LoginError

    name = f"IMAP {server}"
    client = None
    try:
        client = IMAPClient(
            server.host,
            port=server.port,
            ssl=server.security == "tls",
            ssl_context=tls_context() if server.security == "tls" else None,
            timeout=timeout,
        )
        if server.security == "starttls":
            if not client.has_capability("STARTTLS"):
                raise TlsMismatchError(name, "the server offers no STARTTLS")
            client.starttls(tls_context())
        try:
            if login.access_token is not None:
                client.oauth2_login(login.user, login.access_token)
            else:
                client.login(login.user, login.password or "")
        except (LoginError, IMAPClientError) as exc:
            raise _login_failure(name, exc) from None
        yield Mailbox(client, name)
    except MailError:
        raise
    except (IMAPClientError, imaplib.IMAP4.error, OSError, EOFError) as exc:
        raise _imap_failure(name, exc) from None
    finally:
        if client is not None:
            try:
                client.logout()
            except (IMAPClientError, imaplib.IMAP4.error, OSError, EOFError):
                with suppress(OSError):
                    client.shutdown()
