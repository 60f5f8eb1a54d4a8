"""The mail tables: they hang off the profile as applications do. No secret is ever stored:
the account names where the secret is (the keyring, or a file the user keeps), never the secret.

- `mail_accounts`: one per profile, the servers and how to sign in;
- `outbox`: every message followup sends, its Message-ID stored before the first attempt,
  state prepared -> sending -> sent | failed, the exact bytes (a resend is the same message);
- `mail_drafts`: the Message-ID of the draft saved for an action, so saving again replaces it;
- `mail_seen`: per folder, the UIDVALIDITY and UIDNEXT read up to;
- `inbound`: every incoming message matched to an application, unsure, or a bounce, and why.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from followup.core import limits
from followup.storage.tables import UTCDateTime, metadata

MESSAGE_ID = limits.MESSAGE_ID
HOST = limits.HOST
OUTBOX_STATES = ("prepared", "sending", "sent", "failed")
INBOUND_STATES = ("recorded", "unsure", "dismissed", "bounce")


def _profile() -> Column[int]:
    return Column(
        "profile_id",
        Integer,
        ForeignKey("profiles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


mail_accounts = Table(
    "mail_accounts",
    metadata,
    Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("address", String(limits.EMAIL), nullable=False),
    Column("smtp_host", String(HOST), nullable=False),
    Column("smtp_port", Integer, nullable=False),
    Column("smtp_security", String(10), nullable=False),
    Column("imap_host", String(HOST), nullable=False),
    Column("imap_port", Integer, nullable=False),
    Column("imap_security", String(10), nullable=False),
    Column("username", String(limits.EMAIL), nullable=False),
    Column("auth", String(10), nullable=False),
    Column("password_file", Text),  # a path the user keeps the secret in; never the secret
    Column("oauth_provider", String(10)),
    Column("client_id", String(limits.OAUTH_CLIENT_ID)),
    Column("client_secret_file", Text),
    Column("oauth_endpoint", String(limits.OAUTH_ENDPOINT)),
    Column("files_sent", Boolean),  # the provider files sent mail in Sent itself; NULL: unknown
    Column("digest_time", String(5)),  # "08:00" local time, sent by the running server
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("auth IN ('password', 'oauth')", name="auth"),
    CheckConstraint("smtp_security IN ('tls', 'starttls', 'plain')", name="smtp_security"),
    CheckConstraint("imap_security IN ('tls', 'starttls', 'plain')", name="imap_security"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    _profile(),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("action_id", String(limits.ACTION_ID)),  # NULL for the digest
    Column("purpose", String(10), nullable=False),  # follow_up or digest
    Column("idempotency_key", String(limits.IDEMPOTENCY_KEY), nullable=False),
    Column("message_id", String(MESSAGE_ID), nullable=False, unique=True),
    Column("state", String(10), nullable=False),
    Column("to_address", String(limits.EMAIL), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),  # the exact text sent, recorded with the fact
    Column("raw", Text, nullable=False),  # the message as sent (ASCII: policy.SMTP encodes)
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("claimed_by", String(300)),  # host:pid of the process sending it now
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    UniqueConstraint("profile_id", "idempotency_key", name="uq_outbox_key"),
    CheckConstraint("state IN ('prepared', 'sending', 'sent', 'failed')", name="state"),
    CheckConstraint("purpose IN ('follow_up', 'digest')", name="purpose"),
    Index("ix_outbox_application_id", "application_id"),
)

mail_drafts = Table(
    "mail_drafts",
    metadata,
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("action_id", String(limits.ACTION_ID), primary_key=True),
    Column("message_id", String(MESSAGE_ID), nullable=False),
    Column("folder", String(limits.FOLDER), nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
)

mail_seen = Table(
    "mail_seen",
    metadata,
    Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("folder", String(limits.FOLDER), primary_key=True),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("uidnext", BigInteger, nullable=False),
    Column("synced_at", UTCDateTime, nullable=False),
)

inbound = Table(
    "inbound",
    metadata,
    Column("id", Integer, primary_key=True),
    _profile(),
    Column("message_key", String(MESSAGE_ID), nullable=False),  # Message-ID, or a digest
    Column("folder", String(limits.FOLDER), nullable=False),
    Column("from_address", String(limits.EMAIL)),
    Column("subject", Text, nullable=False),
    Column("received_at", UTCDateTime),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="SET NULL")),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("matched_by", String(10)),
    Column("why", Text, nullable=False),
    Column("kind", String(10)),  # answer, update, auto_reply (what was recorded)
    Column("expected_by", Date),
    Column("until", Date),
    Column("state", String(10), nullable=False),
    Column("invitation", Boolean, nullable=False, default=False),
    Column("reply_id", Integer, ForeignKey("replies.id", ondelete="SET NULL")),
    Column("outbox_id", Integer, ForeignKey("outbox.id", ondelete="SET NULL")),
    Column("found_at", UTCDateTime, nullable=False),
    UniqueConstraint("profile_id", "message_key", name="uq_inbound_message"),
    CheckConstraint("state IN ('recorded', 'unsure', 'dismissed', 'bounce')", name="state"),
)

MAIL_TABLES = (mail_accounts, outbox, mail_drafts, mail_seen, inbound)
