"""The revised rules (docs/rules.md): the candidate's country, English and check-in limit;
a reply's kind and dates; skipped actions; and `no_response`, a new closed status.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.storage.tables import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_OLD_STATUSES = "status IN ('active', 'offer', 'rejected', 'withdrawn')"
_NEW_STATUSES = "status IN ('active', 'offer', 'rejected', 'withdrawn', 'no_response')"


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(sa.Column("country", sa.String(2)))
        batch.add_column(sa.Column("english", sa.String(10)))
        batch.add_column(sa.Column("checkin_limit", sa.Integer, nullable=False, server_default="4"))
        batch.create_check_constraint("checkin_limit", "checkin_limit >= 1")
    with op.batch_alter_table("replies") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False, server_default="answer"))
        batch.add_column(sa.Column("expected_by", sa.Date))
        batch.add_column(sa.Column("until", sa.Date))
        batch.create_check_constraint("kind", "kind IN ('answer', 'update', 'auto_reply')")
    # SQLite cannot change a CHECK in place: the batch rebuilds the table (storage/engine.py
    # turns foreign keys off around it, or dropping the old table would delete every person).
    with op.batch_alter_table("applications") as batch:
        batch.drop_constraint(op.f("ck_applications_status"), type_="check")
        batch.alter_column("status", type_=sa.String(12), existing_nullable=False)
        batch.create_check_constraint("status", _NEW_STATUSES)
    op.create_table(
        "skips",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("action_id", sa.String(100), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("application_id", "action_id", name="uq_skips_action"),
    )
    op.create_index("ix_skips_application_id", "skips", ["application_id"])


def downgrade() -> None:
    op.drop_table("skips")
    # The old schema has no such status: those applications read as withdrawn there.
    op.execute("UPDATE applications SET status = 'withdrawn' WHERE status = 'no_response'")
    with op.batch_alter_table("applications") as batch:
        batch.drop_constraint(op.f("ck_applications_status"), type_="check")
        batch.alter_column("status", type_=sa.String(10), existing_nullable=False)
        batch.create_check_constraint("status", _OLD_STATUSES)
    with op.batch_alter_table("replies") as batch:
        batch.drop_constraint(op.f("ck_replies_kind"), type_="check")
        batch.drop_column("until")
        batch.drop_column("expected_by")
        batch.drop_column("kind")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_constraint(op.f("ck_profiles_checkin_limit"), type_="check")
        batch.drop_column("checkin_limit")
        batch.drop_column("english")
        batch.drop_column("country")
