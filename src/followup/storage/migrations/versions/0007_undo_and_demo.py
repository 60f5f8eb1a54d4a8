"""Undo and the demo (issue 8): a log of the last minute's changes, each with the rows it
touched before and after, and a flag on the sample's profile and applications.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.storage.tables import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profiles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("application_id", sa.Integer, nullable=False),
        sa.Column("made_at", UTCDateTime, nullable=False),
        sa.Column("summary", sa.String(300), nullable=False),
        sa.Column("rows", sa.Text, nullable=False),
    )
    op.create_index("ix_changes_profile_id", "changes", ["profile_id"])
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()))
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("demo")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("demo")
    op.drop_index("ix_changes_profile_id", table_name="changes")
    op.drop_table("changes")
