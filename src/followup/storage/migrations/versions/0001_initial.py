"""The facts: profiles, applications, people, interviews, participants, follow-ups, replies.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from followup.storage.tables import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("phone", sa.String(50)),
        sa.Column("address", sa.Text),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("checkins_per_week", sa.Integer, nullable=False),
        sa.Column("default_wait_days", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.CheckConstraint("checkins_per_week IN (1, 2)", name="cadence"),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profiles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("decision_speed", sa.String(10), nullable=False),
        sa.Column("client_facing", sa.Boolean, nullable=False),
        sa.Column("verbal_role", sa.Boolean, nullable=False),
        sa.Column("culture", sa.String(12), nullable=False),
        sa.Column("expected_response_by", sa.Date),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("primary_contact_id", sa.Integer),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("closed_at", UTCDateTime),
        sa.Column("plan_version", sa.Integer, nullable=False),
        sa.Column("plan_cache", sa.Text),
        sa.Column("next_due_at", UTCDateTime),
        sa.CheckConstraint(
            "decision_speed IN ('quick', 'normal', 'slow', 'unknown')", name="decision_speed"
        ),
        sa.CheckConstraint("culture IN ('traditional', 'modern', 'unknown')", name="culture"),
        sa.CheckConstraint("status IN ('active', 'offer', 'rejected', 'withdrawn')", name="status"),
    )
    op.create_index("ix_applications_profile_status", "applications", ["profile_id", "status"])
    op.create_index("ix_applications_next_due_at", "applications", ["next_due_at"])
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200)),
        sa.Column("email", sa.String(320)),
        sa.Column("phone", sa.String(50)),
        sa.Column("address", sa.Text),
        sa.Column("salutation", sa.String(100)),
    )
    op.create_index("ix_people_application_id", "people", ["application_id"])
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("start_at", UTCDateTime, nullable=False),
        sa.Column("end_at", UTCDateTime, nullable=False),
        sa.Column("expected_response_by", sa.Date),
        sa.Column("forgot_to_mention", sa.JSON, nullable=False),
        sa.CheckConstraint("kind IN ('phone', 'video', 'in_person')", name="kind"),
        sa.CheckConstraint("end_at > start_at", name="ends_after_start"),
    )
    op.create_index("ix_interviews_application_id", "interviews", ["application_id"])
    op.create_table(
        "participants",
        sa.Column(
            "interview_id",
            sa.Integer,
            sa.ForeignKey("interviews.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("discussed", sa.JSON, nullable=False),
        sa.Column("liked", sa.JSON, nullable=False),
    )
    op.create_index("ix_participants_person_id", "participants", ["person_id"])
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="CASCADE")),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("sent_at", UTCDateTime, nullable=False),
        sa.Column("body", sa.Text),
        sa.CheckConstraint("kind IN ('thank_you', 'check_in')", name="kind"),
        sa.CheckConstraint("method IN ('email', 'phone', 'letter')", name="method"),
    )
    op.create_index("ix_follow_ups_application_id", "follow_ups", ["application_id"])
    op.create_table(
        "replies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="SET NULL")),
        sa.Column("received_at", UTCDateTime, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_replies_application_id", "replies", ["application_id"])


def downgrade() -> None:
    for table in (
        "replies",
        "follow_ups",
        "participants",
        "interviews",
        "people",
        "applications",
        "profiles",
    ):
        op.drop_table(table)
