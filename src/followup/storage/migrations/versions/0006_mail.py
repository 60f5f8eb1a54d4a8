"""Mail (issue 10): the account of a profile, the outbox, saved drafts, per-folder watermarks
and the incoming messages matched to applications. No column holds a secret.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.storage.tables import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _profile(primary: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "profile_id",
        sa.Integer,
        sa.ForeignKey("profiles.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary,
    )


def upgrade() -> None:
    op.create_table(
        "mail_accounts",
        _profile(primary=True),
        sa.Column("address", sa.String(320), nullable=False),
        sa.Column("smtp_host", sa.String(253), nullable=False),
        sa.Column("smtp_port", sa.Integer, nullable=False),
        sa.Column("smtp_security", sa.String(10), nullable=False),
        sa.Column("imap_host", sa.String(253), nullable=False),
        sa.Column("imap_port", sa.Integer, nullable=False),
        sa.Column("imap_security", sa.String(10), nullable=False),
        sa.Column("username", sa.String(320), nullable=False),
        sa.Column("auth", sa.String(10), nullable=False),
        sa.Column("password_file", sa.Text),
        sa.Column("oauth_provider", sa.String(10)),
        sa.Column("client_id", sa.String(200)),
        sa.Column("client_secret_file", sa.Text),
        sa.Column("oauth_endpoint", sa.String(500)),
        sa.Column("files_sent", sa.Boolean),
        sa.Column("digest_time", sa.String(5)),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.CheckConstraint("auth IN ('password', 'oauth')", name="auth"),
        sa.CheckConstraint("smtp_security IN ('tls', 'starttls', 'plain')", name="smtp_security"),
        sa.CheckConstraint("imap_security IN ('tls', 'starttls', 'plain')", name="imap_security"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        _profile(),
        sa.Column(
            "application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE")
        ),
        sa.Column("action_id", sa.String(100)),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("idempotency_key", sa.String(120), nullable=False),
        sa.Column("message_id", sa.String(998), nullable=False, unique=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("to_address", sa.String(320), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("claimed_by", sa.String(300)),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("sent_at", UTCDateTime),
        sa.UniqueConstraint("profile_id", "idempotency_key", name="uq_outbox_key"),
        sa.CheckConstraint("state IN ('prepared', 'sending', 'sent', 'failed')", name="state"),
        sa.CheckConstraint("purpose IN ('follow_up', 'digest')", name="purpose"),
    )
    op.create_index("ix_outbox_profile_id", "outbox", ["profile_id"])
    op.create_index("ix_outbox_application_id", "outbox", ["application_id"])
    op.create_table(
        "mail_drafts",
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("action_id", sa.String(100), primary_key=True),
        sa.Column("message_id", sa.String(998), nullable=False),
        sa.Column("folder", sa.String(500), nullable=False),
        sa.Column("saved_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "mail_seen",
        _profile(primary=True),
        sa.Column("folder", sa.String(500), primary_key=True),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("uidnext", sa.BigInteger, nullable=False),
        sa.Column("synced_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "inbound",
        sa.Column("id", sa.Integer, primary_key=True),
        _profile(),
        sa.Column("message_key", sa.String(998), nullable=False),
        sa.Column("folder", sa.String(500), nullable=False),
        sa.Column("from_address", sa.String(320)),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("received_at", UTCDateTime),
        sa.Column(
            "application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="SET NULL")
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="SET NULL")),
        sa.Column("matched_by", sa.String(10)),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("kind", sa.String(10)),
        sa.Column("expected_by", sa.Date),
        sa.Column("until", sa.Date),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("invitation", sa.Boolean, nullable=False),
        sa.Column("reply_id", sa.Integer, sa.ForeignKey("replies.id", ondelete="SET NULL")),
        sa.Column("outbox_id", sa.Integer, sa.ForeignKey("outbox.id", ondelete="SET NULL")),
        sa.Column("found_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("profile_id", "message_key", name="uq_inbound_message"),
        sa.CheckConstraint("state IN ('recorded', 'unsure', 'dismissed', 'bounce')", name="state"),
    )
    op.create_index("ix_inbound_profile_id", "inbound", ["profile_id"])


def downgrade() -> None:
    for table in ("inbound", "mail_seen", "mail_drafts", "outbox", "mail_accounts"):
        op.drop_table(table)
