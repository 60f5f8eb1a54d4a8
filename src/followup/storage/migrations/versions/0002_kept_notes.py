"""Kept notes: the text written for a planned follow-up, until it is sent.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.storage.tables import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kept_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("action_id", sa.String(100), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("application_id", "action_id", name="uq_kept_notes_action"),
        sa.CheckConstraint("method IN ('email', 'phone', 'letter')", name="method"),
    )
    op.create_index("ix_kept_notes_application_id", "kept_notes", ["application_id"])


def downgrade() -> None:
    op.drop_table("kept_notes")
