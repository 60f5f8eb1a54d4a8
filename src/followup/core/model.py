"""The facts followup plans from, and the plan it derives: immutable value objects.

Times are timezone-aware datetimes; dates are local calendar dates of the candidate.
Identifiers are strings so that scenario files ("c1") and stored rows ("17") look alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Method = Literal["email", "phone", "letter"]
ActionKind = Literal["thank_you", "check_in"]
ActionStatus = Literal["planned", "due", "overdue", "done", "skipped"]
DecisionSpeed = Literal["quick", "normal", "slow", "unknown"]
Culture = Literal["traditional", "modern", "unknown"]
AppStatus = Literal["active", "offer", "rejected", "withdrawn", "no_response"]
InterviewKind = Literal["phone", "video", "in_person"]
ExpectedSource = Literal["interview", "application", "default"]
TodoKind = Literal["ask_expected_date", "missing_contact_detail", "consider_closing"]
ReplyKind = Literal["answer", "update", "auto_reply"]
ContactNeed = Literal["email", "phone", "address"]
English = Literal["american", "british", "canadian", "australian", "indian"]

METHODS: tuple[Method, ...] = ("email", "phone", "letter")
DECISION_SPEEDS: tuple[DecisionSpeed, ...] = ("quick", "normal", "slow", "unknown")
CULTURES: tuple[Culture, ...] = ("traditional", "modern", "unknown")
APP_STATUSES: tuple[AppStatus, ...] = ("active", "offer", "rejected", "withdrawn", "no_response")
CLOSED_STATUSES: tuple[AppStatus, ...] = ("offer", "rejected", "withdrawn", "no_response")
REPLY_KINDS: tuple[ReplyKind, ...] = ("answer", "update", "auto_reply")
INTERVIEW_KINDS: tuple[InterviewKind, ...] = ("phone", "video", "in_person")
# how every face names a kind of follow-up in a sentence
KIND_WORDS: dict[str, str] = {"thank_you": "thank-you", "check_in": "check-in"}
INTERVIEW_WORDS: dict[str, str] = {"phone": "phone", "video": "video", "in_person": "in-person"}
ACTION_KINDS: tuple[ActionKind, ...] = ("thank_you", "check_in")
ENGLISHES: tuple[English, ...] = ("american", "british", "canadian", "australian", "indian")
CHECKINS_PER_WEEK = (1, 2)
DEFAULT_WAIT_DAYS = 7
DEFAULT_CHECKIN_LIMIT = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    full_name: str
    timezone: str
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    checkins_per_week: int = 1
    default_wait_days: int = DEFAULT_WAIT_DAYS
    country: str | None = None  # ISO 3166 code; None: the country of the timezone (core.locale)
    english: English | None = None  # None: the country's English (core.locale)
    checkin_limit: int = DEFAULT_CHECKIN_LIMIT


@dataclass(frozen=True, slots=True)
class Application:
    company: str
    role: str
    decision_speed: DecisionSpeed = "unknown"
    client_facing: bool = False
    verbal_role: bool = False
    culture: Culture = "unknown"
    expected_response_by: date | None = None
    status: AppStatus = "active"
    primary_contact: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """A person met at one interview, with what this conversation was about."""

    id: str
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    salutation: str | None = None
    discussed: tuple[str, ...] = ()
    liked: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Interview:
    id: str
    kind: InterviewKind
    start: datetime
    end: datetime
    participants: tuple[Participant, ...] = ()
    forgot_to_mention: tuple[str, ...] = ()
    expected_response_by: date | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    kind: ActionKind
    contact: str
    method: Method
    at: datetime
    interview: str | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """Word from the company. An `answer` ends the check-ins; an `update` promises an answer
    by `expected_by`; an `auto_reply` (out of office) names when they are back, `until`."""

    at: datetime
    contact: str | None = None
    kind: ReplyKind = "answer"
    expected_by: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """A planned action the candidate chose not to take (R1b), by its action id."""

    action: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything known about one application: what the planner and the writer read."""

    candidate: Candidate
    application: Application
    interviews: tuple[Interview, ...] = ()
    sent: tuple[Sent, ...] = ()
    responses: tuple[Reply, ...] = ()
    other_companies: tuple[str, ...] = ()
    skipped: tuple[Skip, ...] = ()

    def person(self, contact_id: str) -> Participant | None:
        """The latest record of a contact across the interviews, or None."""
        found = None
        for interview in self.interviews:
            for p in interview.participants:
                if p.id == contact_id:
                    found = p
        return found

    def interview(self, interview_id: str) -> Interview | None:
        for interview in self.interviews:
            if interview.id == interview_id:
                return interview
        return None


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    kind: ActionKind
    interview: str | None
    contact: str
    contact_name: str
    method: Method
    not_before: datetime | None
    due: datetime
    status: ActionStatus
    rule: str
    reasons: tuple[str, ...]
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Todo:
    kind: TodoKind
    message: str
    interview: str | None = None
    contact: str | None = None
    need: ContactNeed | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    expected_response_by: date | None
    expected_source: ExpectedSource | None
    actions: tuple[Action, ...] = ()
    todos: tuple[Todo, ...] = field(default_factory=tuple)

    @property
    def open_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.status not in ("done", "skipped"))
