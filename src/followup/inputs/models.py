"""Every input model of followup, in one place: scenario files, CLI flags and notes files, web
forms and API bodies, backup documents. Each takes its limits from core/limits.py through the
field types of inputs/fields.py.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, Strict, field_validator

from followup.core import limits
from followup.core.model import DEFAULT_CHECKIN_LIMIT
from followup.inputs.fields import (
    ROW_CONFIG,
    Address,
    AwareTime,
    CheckinLimit,
    Company,
    Country,
    Day,
    Email,
    EnglishName,
    Flag,
    Item,
    Items,
    Name,
    NoteText,
    Phone,
    ReplyNote,
    Role,
    RowId,
    RowModel,
    Salutation,
    ScenarioId,
    StoredId,
    StrictModel,
    Title,
    WaitDays,
    ZoneName,
    null_is,
)
from followup.inputs.mail_rows import (
    InboundRow,
    MailAccountRow,
    MailDraftRow,
    MailSeenRow,
    OutboxRow,
)

Method = Literal["email", "phone", "letter"]
AppStatus = Literal["active", "offer", "rejected", "withdrawn", "no_response"]
InterviewKind = Literal["phone", "video", "in_person"]
ActionKind = Literal["thank_you", "check_in"]
# An optional field given as null takes its default (docs/contracts.md).
ReplyKind = Annotated[Literal["answer", "update", "auto_reply"], BeforeValidator(null_is("answer"))]


# -- the profile and applications (scenario files, CLI, web, API) ----------------------------
class ProfileIn(StrictModel):
    """The candidate: a scenario's `candidate`, and the stored profile."""

    full_name: Name
    email: Email = None
    phone: Phone = None
    address: Address = None
    timezone: ZoneName
    checkins_per_week: Literal[1, 2] = 1
    default_wait_days: WaitDays = 7
    country: Country = None  # None: the timezone's country (core/locale.py)
    english: EnglishName | None = None  # None: the country's English
    checkin_limit: CheckinLimit = DEFAULT_CHECKIN_LIMIT


class ApplicationIn(StrictModel):
    """What the candidate knows about an application when adding it."""

    company: Company
    role: Role
    decision_speed: Literal["quick", "normal", "slow", "unknown"] = "unknown"
    client_facing: Flag = False
    verbal_role: Flag = False
    culture: Literal["traditional", "modern", "unknown"] = "unknown"
    expected_response_by: Day = None


# -- scenario files ---------------------------------------------------------------------------
class ScenarioApplicationIn(ApplicationIn):
    status: AppStatus = "active"
    primary_contact: ScenarioId | None = None


class ScenarioParticipantIn(StrictModel):
    id: ScenarioId
    name: Name
    title: Title = None
    email: Email = None
    phone: Phone = None
    address: Address = None
    salutation: Salutation = None
    discussed: Items = []
    liked: Items = []


class ScenarioInterviewIn(StrictModel):
    id: ScenarioId
    kind: InterviewKind
    start: AwareTime
    end: AwareTime
    participants: Annotated[
        list[ScenarioParticipantIn], Field(max_length=limits.PEOPLE_PER_INTERVIEW)
    ] = []
    forgot_to_mention: Items = []
    expected_response_by: Day = None


class ScenarioSentIn(StrictModel):
    kind: ActionKind
    interview: ScenarioId | None = None
    contact: ScenarioId
    method: Method
    at: AwareTime


class ScenarioReplyIn(StrictModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)
    at: AwareTime
    from_: ScenarioId | None = Field(default=None, alias="from")
    kind: ReplyKind = "answer"
    expected_by: Day = None  # an update's new answer date
    until: Day = None  # an auto-reply's return date


class ScenarioSkipIn(StrictModel):
    action: Annotated[str, Field(min_length=1, max_length=limits.SCENARIO_ACTION_ID)]
    at: AwareTime


class ScenarioIn(StrictModel):
    now: AwareTime | None = None
    candidate: ProfileIn
    application: ScenarioApplicationIn
    interviews: Annotated[
        list[ScenarioInterviewIn], Field(max_length=limits.INTERVIEWS_PER_SCENARIO)
    ] = []
    sent: Annotated[list[ScenarioSentIn], Field(max_length=limits.EVENTS_PER_SCENARIO)] = []
    responses: Annotated[list[ScenarioReplyIn], Field(max_length=limits.EVENTS_PER_SCENARIO)] = []
    skipped: Annotated[
        list[ScenarioSkipIn],
        BeforeValidator(null_is([])),
        Field(max_length=limits.EVENTS_PER_SCENARIO),
    ] = []
    other_companies: Annotated[list[Item], Field(max_length=limits.OTHER_COMPANIES)] = []


# -- interviews and people (CLI notes files and flags, web forms, API) ------------------------
class PersonIn(StrictModel):
    """A person met: contact details and what this conversation was about."""

    id: int | None = None
    name: Name
    title: Title = None
    email: Email = None
    phone: Phone = None
    address: Address = None
    salutation: Salutation = None
    discussed: Items = []
    liked: Items = []
    primary: Flag = False  # the application's primary contact: check-ins go to them


# An interview is held with someone: each person met gets a thank-you, so none is refused.
People = Annotated[list[PersonIn], Field(min_length=1, max_length=limits.PEOPLE_PER_INTERVIEW)]


class InterviewIn(StrictModel):
    """An interview as a notes file (JSON or YAML), the CLI's flags or the web form describe it."""

    kind: InterviewKind = "video"
    start: AwareTime
    end: AwareTime
    people: People
    forgot_to_mention: Items = []
    expected_response_by: Day = None

    @field_validator("people")
    @classmethod
    def _one_primary(cls, people: list[PersonIn]) -> list[PersonIn]:
        if sum(p.primary for p in people) > 1:
            raise ValueError("only one person can be the primary contact")
        return people


class InterviewEditIn(StrictModel):
    """Changes to an interview; people given replace the list of people met."""

    kind: InterviewKind | None = None
    start: AwareTime | None = None
    end: AwareTime | None = None
    people: People | None = None
    forgot_to_mention: Items | None = None
    expected_response_by: Day = None
    clear_expected_response_by: Flag = False


class PersonEditIn(StrictModel):
    """Corrections to a person's name and contact details (API)."""

    name: Name | None = None
    title: Title = None
    email: Email = None
    phone: Phone = None
    address: Address = None
    salutation: Salutation = None


# -- what happened ----------------------------------------------------------------------------
class SentIn(StrictModel):
    """A follow-up made: when (default now) and how, if not the planned way; `confirm` records
    a kept note that has proofreading errors (else refused, listing them)."""

    at: AwareTime | None = None
    method: Method | None = None
    confirm: Flag = False


class ReplyIn(StrictModel):
    """The company answered: when (default now), who (a stored person id), what they said."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)
    at: AwareTime | None = None
    from_: StoredId | None = Field(default=None, alias="from")
    note: ReplyNote = None
    kind: ReplyKind = "answer"
    expected_by: Day = None  # an update's new answer date
    until: Day = None  # an auto-reply's return date


class UndoIn(StrictModel):
    """Which change to undo: by default the latest (of the last minute)."""

    change: StoredId | None = None


class SkipIn(StrictModel):
    """A planned follow-up the candidate will not make: when they decided (default now)."""

    at: AwareTime | None = None


class NoteIn(StrictModel):
    """A note's text, to proofread or to keep."""

    text: NoteText


# -- backup documents (rows of every table, with their ids) -----------------------------------
class ProfileRow(ProfileIn):
    model_config = ROW_CONFIG
    id: RowId
    created_at: AwareTime
    demo: Flag = False


class ApplicationRow(ApplicationIn):
    model_config = ROW_CONFIG
    id: RowId
    profile_id: RowId
    status: AppStatus
    primary_contact_id: RowId | None = None
    created_at: AwareTime
    closed_at: AwareTime | None = None
    demo: Flag = False


class PersonRow(RowModel):
    id: RowId
    application_id: RowId
    name: Name
    title: Title = None
    email: Email = None
    phone: Phone = None
    address: Address = None
    salutation: Salutation = None


class InterviewRow(RowModel):
    id: RowId
    application_id: RowId
    kind: InterviewKind
    start_at: AwareTime
    end_at: AwareTime
    expected_response_by: Day = None
    forgot_to_mention: Items


class ParticipantRow(RowModel):
    interview_id: RowId
    person_id: RowId
    position: Annotated[int, Strict(), Field(ge=0, lt=limits.PEOPLE_PER_INTERVIEW)]
    discussed: Items
    liked: Items


class FollowUpRow(RowModel):
    id: RowId
    application_id: RowId
    kind: ActionKind
    interview_id: RowId | None = None
    person_id: RowId
    method: Method
    sent_at: AwareTime
    body: Annotated[str | None, Field(max_length=limits.NOTE_TEXT)] = None


class ReplyRow(RowModel):
    id: RowId
    application_id: RowId
    person_id: RowId | None = None
    received_at: AwareTime
    note: ReplyNote = None
    kind: ReplyKind = "answer"
    expected_by: Day = None
    until: Day = None


class SkipRow(RowModel):
    id: RowId
    application_id: RowId
    action_id: Annotated[str, Field(min_length=1, max_length=limits.ACTION_ID)]
    at: AwareTime


class KeptNoteRow(RowModel):
    id: RowId
    application_id: RowId
    action_id: Annotated[str, Field(min_length=1, max_length=limits.ACTION_ID)]
    method: Method
    text: Annotated[str, Field(max_length=limits.NOTE_TEXT)]
    updated_at: AwareTime


class InterviewEventRow(RowModel):
    interview_id: RowId
    uid: Annotated[str, Field(min_length=1, max_length=limits.CALENDAR_UID)]
    recurrence: Annotated[str, Field(max_length=20)] = ""
    sequence: Annotated[int, Strict(), Field(ge=0, le=2**31 - 1)] = 0


class CalendarSettingsRow(RowModel):
    """The feed secret is never exported: import makes a new one."""

    profile_id: RowId
    aliases: Annotated[
        list[Annotated[str, Field(min_length=3, max_length=limits.EMAIL)]],
        Field(max_length=limits.ALIASES),
    ] = []
    feed_key: Annotated[str, Field(pattern=r"^[0-9a-z]{1,32}$")]


class FeedEventRow(RowModel):
    application_id: RowId
    action_id: Annotated[str, Field(min_length=1, max_length=limits.ACTION_ID)]
    start_at: AwareTime
    end_at: AwareTime
    sequence: Annotated[int, Strict(), Field(ge=0, le=2**31 - 1)]
    stamped_at: AwareTime


class Tables(StrictModel):
    profiles: list[ProfileRow] = Field(max_length=1)
    applications: list[ApplicationRow] = []
    people: list[PersonRow] = []
    interviews: list[InterviewRow] = []
    participants: list[ParticipantRow] = []
    follow_ups: list[FollowUpRow] = []
    replies: list[ReplyRow] = []
    kept_notes: list[KeptNoteRow] = []
    skips: list[SkipRow] = []
    interview_events: list[InterviewEventRow] = []
    calendar_settings: list[CalendarSettingsRow] = Field(default=[], max_length=1)
    feed_events: list[FeedEventRow] = []
    mail_accounts: list[MailAccountRow] = Field(default=[], max_length=1)
    outbox: list[OutboxRow] = []
    mail_drafts: list[MailDraftRow] = []
    mail_seen: list[MailSeenRow] = []
    inbound: list[InboundRow] = []


class Document(StrictModel):
    format: Literal["followup-export"]
    version: Literal[1]
    tables: Tables
