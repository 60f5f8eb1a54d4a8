"""Drafts of every follow-up, for every channel, from the facts and the planned action: pure
and deterministic.

Each thank-you carries the content of docs/rules.md, "Content": the candidate's full name, the
role, when they met, a thank-you built on what *this* person discussed, anything forgotten,
enthusiasm, and why the candidate fits (what this person liked). Each noted item is written in a
frame that fits its shape (writing/shapes.py); people met together take different frames, so
no two notes of a panel share a sentence; the candidate's English sets spellings and dates.
Compose never plans: the action says whom, how and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.core.errors import InvalidInputError, NotFoundError
from followup.core.model import Action, ActionKind, Facts, Method, Participant
from followup.writing.call_sheet import call_sheet
from followup.writing.context import Context
from followup.writing.layout import email_body, letter_body
from followup.writing.thank_you import check_in_sentences, thank_you_sentences, thank_you_subject


@dataclass(frozen=True)
class Draft:
    kind: ActionKind
    method: Method
    interview: str
    to: Participant
    company: str
    subject: str | None
    body: str
    key_points: tuple[str, ...] = ()
    voicemail: str | None = None
    frames: tuple[str, ...] = ()  # the phrase-bank frames used, by slot, group and number
    notes: tuple[str, ...] = ()  # what the candidate should know before sending it

    @property
    def text(self) -> str:
        """What the proofreader reads: the subject line (if any), then the body."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body


def compose(facts: Facts, action: Action, *, now: datetime | None = None) -> Draft:
    """The draft of one planned follow-up: to whom, how and when, as the plan decided. `now`
    dates a letter when the action has no not-before time (never before the interview ended)."""
    kind, contact_id, method = action.kind, action.contact, action.method
    interview_id = action.interview or max(facts.interviews, key=lambda i: i.start.timestamp()).id
    interview = facts.interview(interview_id)
    if interview is None:
        raise NotFoundError("interview", interview_id)
    person = next((p for p in interview.participants if p.id == contact_id), None)
    if person is None and kind == "check_in":
        person = facts.person(contact_id)
    if person is None:
        raise NotFoundError("person", contact_id, f"not met at interview {interview_id!r}")
    if method not in ("email", "letter", "phone"):
        raise InvalidInputError("--method", f"must be email, phone or letter, not {method!r}")
    c = Context(facts, interview, person, action, now)
    number = _check_in_number(facts) if kind == "check_in" else 0

    def made(
        subject: str | None, body: str, points: tuple[str, ...] = (), script: str | None = None
    ) -> Draft:
        return Draft(kind, method, interview.id, person, facts.application.company, subject, body,
                     points, script, tuple(c.frames.used), tuple(c.notes))  # fmt: skip

    if method == "phone":
        points, script, sheet = call_sheet(c, number)
        return made(None, sheet, points, script)
    sentences = thank_you_sentences(c) if kind == "thank_you" else check_in_sentences(c, number)
    if method == "letter":
        return made(None, letter_body(c, sentences))
    if kind == "check_in" and not _thanked_by_email(facts, person.id):
        # "Re:" threads under a thank-you only when one went by email; else a subject of its own
        return made(c.frames.say("subject", "check_in", **c.values()), email_body(c, sentences))
    subject = thank_you_subject(c)
    return made(("Re: " if kind == "check_in" else "") + subject, email_body(c, sentences))


def _thanked_by_email(facts: Facts, contact: str) -> bool:
    """Whether this person's thank-you is recorded, or still to come, by email (a check-in then
    replies in its thread); False when it went by letter or phone."""
    sent = [s for s in facts.sent if s.kind == "thank_you" and s.contact == contact]
    return not sent or any(s.method == "email" for s in sent)


def _check_in_number(facts: Facts) -> int:
    """Which check-in this is, counting those already made since the latest interview."""
    latest = max(facts.interviews, key=lambda i: i.start.timestamp())
    made = [s for s in facts.sent if s.kind == "check_in" and s.at >= latest.start]
    return len(made) + 1
