"""What every sentence of one draft needs, worked out once from the facts and the action."""

from __future__ import annotations

from datetime import date, datetime

from followup.core.locale import english_of
from followup.core.model import Action, Facts, Interview, Participant
from followup.core.plan import expected_answer
from followup.core.workdays import zone
from followup.writing.dialect import letter_date, long_date, weekday
from followup.writing.frames import Frames
from followup.writing.people import spoken_name
from followup.writing.shapes import Item, noted, to_reader
from followup.writing.text import local_day

_MEETING = {"in_person": "meeting with me", "video": "speaking with me over video",
            "phone": "speaking with me by phone"}  # fmt: skip


class Context:
    """One draft's facts, dates, register and frames."""

    def __init__(
        self,
        facts: Facts,
        interview: Interview,
        person: Participant,
        action: Action,
        now: datetime | None,
    ) -> None:
        self.facts = facts
        self.candidate = facts.candidate
        self.app = facts.application
        self.interview = interview
        self.person = person
        self.action = action
        self.english = english_of(facts.candidate)
        position = next((n for n, p in enumerate(interview.participants) if p.id == person.id), 0)
        # a letter, or a note to a traditional company, is formal: no contractions
        self.formal = action.method == "letter" or self.app.culture == "traditional"
        self.frames = Frames(interview.id + action.kind, position, self.english, not self.formal)
        met = local_day(interview.start, self.candidate)
        self.when = long_date(met, self.english)
        self.day = weekday(met)
        self.meeting = _MEETING[interview.kind]
        self.me = spoken_name(self.candidate.full_name)
        latest = max(facts.interviews, key=lambda i: i.start.timestamp())
        self.expected, source, _ = expected_answer(facts, latest, zone(self.candidate.timezone))
        self.answer_unknown = source == "default"
        self.discussed = [to_reader(noted(d)) for d in person.discussed[:2]]
        self.liked = [to_reader(noted(x)) for x in person.liked[:1]]
        self.forgot = [to_reader(noted(f)) for f in interview.forgot_to_mention[:2]]
        self.written = letter_date(self.day_written(now), self.english)

    def day_written(self, now: datetime | None) -> date:
        """The day the note is written: the action's not-before, else now, never before the
        interview ended."""
        moment = self.action.not_before or now or self.interview.end
        moment = max(moment, self.interview.end)
        return local_day(moment, self.candidate)

    def values(self, **more: str) -> dict[str, str]:
        """What every frame may name."""
        return {
            "role": self.app.role,
            "company": self.app.company,
            "when": self.when,
            "day": self.day,
            "meeting": self.meeting,
            "me": self.me,
            **more,
        }

    def items_by_group(self, items: list[Item]) -> dict[str, list[Item]]:
        groups: dict[str, list[Item]] = {}
        for item in items:
            groups.setdefault(item.group, []).append(item)
        return groups
