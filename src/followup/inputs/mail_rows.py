"""The rows of the mail tables in a backup document (inputs/models.py's `Tables` holds them).

Text is kept exactly as exported (not trimmed): the outbox holds each message as it was sent,
and a resend after a restore must be the same bytes. No row carries a secret: the account
names where its secret is (the keyring, or a file the user keeps), never the secret.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, Strict, model_validator

from followup.core import limits
from followup.inputs.fields import AwareTime, Day, StoredId, StrictModel

# Numbers and flags are taken as JSON writes them: "25" is no port, 1 is no flag.
Id = Annotated[StoredId, Strict()]
Flag = Annotated[bool, Strict()]
Security = Literal["tls", "starttls", "plain"]
Port = Annotated[int, Strict(), Field(ge=1, le=65535)]
Host = Annotated[str, Field(min_length=1, max_length=limits.HOST, pattern=r"^[^\s/@?#]+$")]
Address = Annotated[
    str, Field(min_length=3, max_length=limits.EMAIL, pattern=r"^[^\r\n]+@[^\r\n]+$")
]
MessageId = Annotated[str, Field(max_length=limits.MESSAGE_ID, pattern=r"^<[^<>\s]+>$")]
Folder = Annotated[str, Field(min_length=1, max_length=limits.FOLDER)]
FilePath = Annotated[str | None, Field(min_length=1, max_length=limits.FILE_PATH)]
ActionText = Annotated[str, Field(min_length=1, max_length=limits.ACTION_ID)]
Subject = Annotated[str, Field(max_length=limits.SUBJECT)]
MailText = Annotated[str, Field(max_length=limits.MAIL_TEXT)]
Why = Annotated[str, Field(max_length=limits.MAIL_ERROR)]
# RFC 3501: UIDVALIDITY and UIDs are 32-bit numbers (UIDNEXT one past the last)
Uid = Annotated[int, Strict(), Field(ge=0, le=2**32)]


class MailRow(StrictModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class MailAccountRow(MailRow):
    profile_id: Id
    address: Address
    smtp_host: Host
    smtp_port: Port
    smtp_security: Security
    imap_host: Host
    imap_port: Port
    imap_security: Security
    username: Annotated[str, Field(min_length=1, max_length=limits.EMAIL, pattern=r"^[^\r\n]+$")]
    auth: Literal["password", "oauth"]
    password_file: FilePath = None
    oauth_provider: Literal["google", "microsoft"] | None = None
    client_id: Annotated[str | None, Field(min_length=1, max_length=limits.OAUTH_CLIENT_ID)] = None
    client_secret_file: FilePath = None
    oauth_endpoint: Annotated[str | None, Field(max_length=limits.OAUTH_ENDPOINT)] = None
    files_sent: Flag | None = None
    digest_time: Annotated[str | None, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = None
    updated_at: AwareTime

    @model_validator(mode="after")
    def _sign_in_is_whole(self) -> MailAccountRow:
        from followup.mail.account import is_loopback

        for host, security in (
            (self.smtp_host, self.smtp_security),
            (self.imap_host, self.imap_security),
        ):
            if security == "plain" and not is_loopback(host):
                raise ValueError(f"plain (unencrypted) is allowed only for loopback, not {host}")
        if self.auth == "oauth" and not (self.oauth_provider and self.client_id):
            raise ValueError("an OAuth account names its provider and client id")
        if self.auth == "password" and (self.oauth_provider or self.client_id):
            raise ValueError("a password account has no OAuth provider or client id")
        return self


class OutboxRow(MailRow):
    id: Id
    profile_id: Id
    application_id: Id | None = None
    action_id: ActionText | None = None
    purpose: Literal["follow_up", "digest"]
    idempotency_key: Annotated[str, Field(min_length=1, max_length=limits.IDEMPOTENCY_KEY)]
    message_id: MessageId
    state: Literal["prepared", "sending", "sent", "failed"]
    to_address: Address
    subject: Subject
    body: MailText
    raw: MailText
    attempts: Annotated[int, Strict(), Field(ge=0, le=2**31 - 1)]
    last_error: Annotated[str | None, Field(max_length=limits.MAIL_ERROR)] = None
    created_at: AwareTime
    updated_at: AwareTime
    sent_at: AwareTime | None = None

    @model_validator(mode="after")
    def _whole(self) -> OutboxRow:
        if not self.raw.isascii():
            raise ValueError("raw: a message as sent is ASCII (its headers and body encoded)")
        if self.state == "sent" and self.sent_at is None:
            raise ValueError("a sent message has its sent_at")
        if self.purpose == "follow_up":
            if self.application_id is None or self.action_id is None:
                raise ValueError("a follow-up names its application and action")
            if self.idempotency_key != f"action:{self.action_id}":
                raise ValueError(f"a follow-up's idempotency_key is 'action:{self.action_id}'")
        else:
            if self.application_id is not None or self.action_id is not None:
                raise ValueError("a digest belongs to no application or action")
            if not self.idempotency_key.startswith("digest:"):
                raise ValueError("a digest's idempotency_key is 'digest:<date>'")
        return self


class MailDraftRow(MailRow):
    application_id: Id
    action_id: ActionText
    message_id: MessageId
    folder: Folder
    saved_at: AwareTime


class MailSeenRow(MailRow):
    profile_id: Id
    folder: Folder
    uidvalidity: Uid
    uidnext: Uid
    synced_at: AwareTime


class InboundRow(MailRow):
    id: Id
    profile_id: Id
    message_key: Annotated[str, Field(min_length=1, max_length=limits.MESSAGE_ID)]
    folder: Folder
    from_address: Address | None = None
    subject: Subject
    received_at: AwareTime | None = None
    application_id: Id | None = None
    person_id: Id | None = None
    matched_by: Literal["thread", "contact", "domain"] | None = None
    why: Why
    kind: Literal["answer", "update", "auto_reply"] | None = None
    expected_by: Day = None
    until: Day = None
    state: Literal["recorded", "unsure", "dismissed", "bounce"]
    invitation: Flag = False
    reply_id: Id | None = None
    outbox_id: Id | None = None
    found_at: AwareTime

    @model_validator(mode="after")
    def _whole(self) -> InboundRow:
        # an application removed since leaves its messages without one: that is allowed
        if self.state == "bounce" and self.application_id is not None:
            raise ValueError("a bounce answers no application")
        if self.person_id is not None and self.application_id is None:
            raise ValueError("a person without an application")
        if self.reply_id is not None and self.state != "recorded":
            raise ValueError("only a recorded message has a reply")
        return self
