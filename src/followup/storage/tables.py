"""The database tables (SQLAlchemy Core): facts only, plus a derived plan cache per application.

Text lengths come from core/limits.py, the table the input models use too, so whatever passes
validation fits; long free text (addresses, notes) is TEXT, its limit checked on input.

The plan is never stored as truth. `plan_cache` and `next_due_at` are recomputed from the facts on
every write (and whenever `plan_version` is older than the planner), so they cannot go stale.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)

from followup.core import limits
from followup.core.model import DEFAULT_CHECKIN_LIMIT
from followup.storage.revision import SCHEMA_HEAD

__all__ = ["SCHEMA_HEAD", "metadata"]


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, stored as UTC on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("full_name", String(limits.NAME), nullable=False),
    Column("email", String(limits.EMAIL)),
    Column("phone", String(limits.PHONE)),
    Column("address", Text),  # limits.ADDRESS, checked on input
    Column("timezone", String(limits.TIMEZONE), nullable=False),
    Column("checkins_per_week", Integer, nullable=False, default=1),
    Column("default_wait_days", Integer, nullable=False, default=7),
    Column("created_at", UTCDateTime, nullable=False),
    Column("country", String(limits.COUNTRY)),  # None: the timezone's country
    Column("english", String(limits.ENGLISH)),  # None: the country's English
    Column("checkin_limit", Integer, nullable=False, server_default=str(DEFAULT_CHECKIN_LIMIT)),
    # the sample `make run` loads into an empty database, until "Start with my own" removes it
    Column("demo", Boolean, nullable=False, server_default=false()),
    CheckConstraint("checkins_per_week IN (1, 2)", name="cadence"),
    CheckConstraint("checkin_limit >= 1", name="checkin_limit"),
)

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("company", String(limits.COMPANY), nullable=False),
    Column("role", String(limits.ROLE), nullable=False),
    Column("decision_speed", String(10), nullable=False, default="unknown"),
    Column("client_facing", Boolean, nullable=False, default=False),
    Column("verbal_role", Boolean, nullable=False, default=False),
    Column("culture", String(12), nullable=False, default="unknown"),
    Column("expected_response_by", Date),
    Column("status", String(12), nullable=False, default="active"),
    Column("primary_contact_id", Integer),
    Column("created_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime),
    Column("plan_version", Integer, nullable=False, default=0),
    Column("plan_cache", Text),
    Column("next_due_at", UTCDateTime),
    Column("demo", Boolean, nullable=False, server_default=false()),  # part of the sample
    CheckConstraint(
        "decision_speed IN ('quick', 'normal', 'slow', 'unknown')", name="decision_speed"
    ),
    CheckConstraint("culture IN ('traditional', 'modern', 'unknown')", name="culture"),
    CheckConstraint(
        "status IN ('active', 'offer', 'rejected', 'withdrawn', 'no_response')", name="status"
    ),
    Index("ix_applications_profile_status", "profile_id", "status"),
    Index("ix_applications_next_due_at", "next_due_at"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", String(limits.NAME), nullable=False),
    Column("title", String(limits.TITLE)),
    Column("email", String(limits.EMAIL)),
    Column("phone", String(limits.PHONE)),
    Column("address", Text),  # limits.ADDRESS, checked on input
    Column("salutation", String(limits.SALUTATION)),
)

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("kind", String(10), nullable=False),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=False),
    Column("expected_response_by", Date),
    Column("forgot_to_mention", JSON, nullable=False),
    CheckConstraint("kind IN ('phone', 'video', 'in_person')", name="kind"),
    CheckConstraint("end_at > start_at", name="ends_after_start"),
)

participants = Table(
    "participants",
    metadata,
    Column(
        "interview_id",
        Integer,
        ForeignKey("interviews.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("discussed", JSON, nullable=False),
    Column("liked", JSON, nullable=False),
)

follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("kind", String(10), nullable=False),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE")),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("method", String(10), nullable=False),
    Column("sent_at", UTCDateTime, nullable=False),
    Column("body", Text),  # limits.NOTE_TEXT, checked on input
    CheckConstraint("kind IN ('thank_you', 'check_in')", name="kind"),
    CheckConstraint("method IN ('email', 'phone', 'letter')", name="method"),
)

replies = Table(
    "replies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("received_at", UTCDateTime, nullable=False),
    Column("note", Text),  # limits.REPLY_NOTE, checked on input
    Column("kind", String(10), nullable=False, server_default="answer"),
    Column("expected_by", Date),  # an update's new answer date
    Column("until", Date),  # an auto-reply's return date
    CheckConstraint("kind IN ('answer', 'update', 'auto_reply')", name="kind"),
)

# An action the candidate chose not to take (R1b): it never comes back.
skips = Table(
    "skips",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("action_id", String(limits.ACTION_ID), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    UniqueConstraint("application_id", "action_id", name="uq_skips_action"),
)

# The text the candidate settled on for a planned follow-up (`followup write`), kept until it
# is sent; then it is copied into follow_ups.body.
kept_notes = Table(
    "kept_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("action_id", String(limits.ACTION_ID), nullable=False),
    Column("method", String(10), nullable=False),
    Column("text", Text, nullable=False),  # limits.NOTE_TEXT, checked on input
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("application_id", "action_id", name="uq_kept_notes_action"),
    CheckConstraint("method IN ('email', 'phone', 'letter')", name="method"),
)

# One row whose number goes up with every write of facts, so derived views (the agenda, a
# rendered Today page) can be cached until something changes. Not part of the export.
revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("value", Integer, nullable=False),
)

# -- the calendar ---------------------------------------------------------------------------
# Exported (CALENDAR_EXPORTED): the calendar identity of imported interviews, the candidate's
# other addresses and the feed's UID key, and what the feed last published of each action (so
# UIDs and SEQUENCE survive an export/import). Not exported: the feed secret (a capability
# URL; a new one is made on import), the subscription (its URL is the calendar's own secret
# address), proposals (the next poll or mail sync finds them again) and removed interviews (an
# undo belongs to the database it was done in).
# An imported interview's event: UID, the occurrence for one of a series ("" for a single
# event), and the SEQUENCE last applied, so an older update arriving late changes nothing.
interview_events = Table(
    "interview_events",
    metadata,
    Column(
        "interview_id",
        Integer,
        ForeignKey("interviews.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("uid", String(limits.CALENDAR_UID), nullable=False),
    Column("recurrence", String(20), nullable=False, default=""),
    Column("sequence", Integer, nullable=False, default=0),
    Index("ix_interview_events_uid", "uid"),
)

# Per profile: the candidate's other addresses (never people met), the feed's UID key (stable,
# exported) and its secret (the URL's capability; renewable; never exported).
calendar_settings = Table(
    "calendar_settings",
    metadata,
    Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("aliases", JSON, nullable=False),
    Column("feed_key", String(32), nullable=False),
    Column("feed_secret", String(64), nullable=False),
)
SECRET_COLUMNS = frozenset({"feed_secret"})

# What the feed last published of each open action, to raise SEQUENCE when its times move.
feed_events = Table(
    "feed_events",
    metadata,
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("action_id", String(limits.ACTION_ID), primary_key=True),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("stamped_at", UTCDateTime, nullable=False),
)

# A subscribed calendar (Google's secret iCal address, Outlook's published calendar).
calendar_subscriptions = Table(
    "calendar_subscriptions",
    metadata,
    Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("url", Text, nullable=False),  # limits.FEED_URL, checked on input
    Column("etag", String(500)),
    Column("checked_at", UTCDateTime),
    Column("problem", Text),  # the last poll's failure, for Settings to show; None when fine
)

# Invitations found in the mailbox or the subscribed calendar, listed until the user imports or
# dismisses them; never imported silently.
calendar_proposals = Table(
    "calendar_proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("profile_id", Integer, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("source", String(12), nullable=False),
    Column("uid", String(limits.CALENDAR_UID), nullable=False),
    Column("recurrence", String(20), nullable=False, default=""),
    Column("sequence", Integer, nullable=False),
    Column("summary", String(limits.SUMMARY), nullable=False),
    Column("start_at", UTCDateTime, nullable=False),
    Column(
        "application_id", Integer, ForeignKey("applications.id", ondelete="SET NULL"), index=True
    ),
    Column("invite", Text, nullable=False),  # the Invite as JSON: one click imports it
    Column("found_at", UTCDateTime, nullable=False),
    Column("state", String(10), nullable=False),
    CheckConstraint("source IN ('mailbox', 'subscription')", name="source"),
    CheckConstraint("state IN ('open', 'dismissed', 'imported')", name="state"),
    UniqueConstraint("profile_id", "uid", "recurrence", name="uq_calendar_proposals_event"),
)

# An interview removed by a cancellation, with what hung on it (people met, what was sent,
# kept notes), so it can be put back.
removed_interviews = Table(
    "removed_interviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("interview_id", Integer, nullable=False),
    Column("removed_at", UTCDateTime, nullable=False),
    Column("reason", String(200), nullable=False),
    Column("snapshot", Text, nullable=False),  # JSON: the rows, as export writes them
)

# What each change of the last minute did to its application's rows, so it can be undone: the
# rows as they were before and after it (only those it touched), as JSON. Not exported: an
# undo belongs to the database it was done in, and expires after limits.UNDO_SECONDS.
changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "profile_id",
        Integer,
        ForeignKey("profiles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("application_id", Integer, nullable=False),  # no key: the change may delete it
    Column("made_at", UTCDateTime, nullable=False),
    Column("summary", String(limits.CHANGE_SUMMARY), nullable=False),
    Column("rows", Text, nullable=False),
)

# In the order rows must be inserted (parents first) and the order of the export document.
ALL_TABLES = (
    profiles, applications, people, interviews, participants, follow_ups, replies, kept_notes,
    skips, interview_events, calendar_settings, feed_events,
)  # fmt: skip

# The mail tables live in their own module (storage/mail_tables.py) on this same metadata.
from followup.storage import mail_tables  # noqa: E402, F401
