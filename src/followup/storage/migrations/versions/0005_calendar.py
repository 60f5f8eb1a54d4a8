"""The calendar: imported interviews' events (UID, occurrence, SEQUENCE), the candidate's other
addresses and the feed's key and secret, what the feed last published, the subscribed
calendar, proposals, and interviews removed by a cancellation.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.storage.tables import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interview_events",
        sa.Column(
            "interview_id",
            sa.Integer,
            sa.ForeignKey("interviews.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("uid", sa.String(1000), nullable=False),
        sa.Column("recurrence", sa.String(20), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
    )
    op.create_index("ix_interview_events_uid", "interview_events", ["uid"])
    op.create_table(
        "calendar_settings",
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profiles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("feed_key", sa.String(32), nullable=False),
        sa.Column("feed_secret", sa.String(64), nullable=False),
    )
    op.create_table(
        "feed_events",
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("action_id", sa.String(100), primary_key=True),
        sa.Column("start_at", UTCDateTime, nullable=False),
        sa.Column("end_at", UTCDateTime, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("stamped_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "calendar_subscriptions",
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profiles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("etag", sa.String(500)),
        sa.Column("checked_at", UTCDateTime),
        sa.Column("problem", sa.Text),
    )
    op.create_table(
        "calendar_proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profiles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source", sa.String(12), nullable=False),
        sa.Column("uid", sa.String(1000), nullable=False),
        sa.Column("recurrence", sa.String(20), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.Column("start_at", UTCDateTime, nullable=False),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="SET NULL"),
        ),
        sa.Column("invite", sa.Text, nullable=False),
        sa.Column("found_at", UTCDateTime, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.CheckConstraint("source IN ('mailbox', 'subscription')", name="source"),
        sa.CheckConstraint("state IN ('open', 'dismissed', 'imported')", name="state"),
        sa.UniqueConstraint("profile_id", "uid", "recurrence", name="uq_calendar_proposals_event"),
    )
    op.create_index(
        "ix_calendar_proposals_application_id", "calendar_proposals", ["application_id"]
    )
    op.create_table(
        "removed_interviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("interview_id", sa.Integer, nullable=False),
        sa.Column("removed_at", UTCDateTime, nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_removed_interviews_application_id", "removed_interviews", ["application_id"]
    )


def downgrade() -> None:
    for table in (
        "removed_interviews",
        "calendar_proposals",
        "calendar_subscriptions",
        "feed_events",
        "calendar_settings",
        "interview_events",
    ):
        op.drop_table(table)
