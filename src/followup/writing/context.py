"""What every sentence of one draft needs, worked out once from the facts and the action."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from followup.core.checkins import next_check_in
from followup.core.locale import english_of
from followup.core.model import Action, Facts, Interview, Participant
from followup.core.plan import candidate_country, expected_answer
from followup.core.workdays import zone
from followup.writing.dialect import expand, letter_date, long_date, weekday
from followup.writing.frames import Frames
from followup.writing.lexicon import data_list
from followup.writing.people import spoken_name, titled
from followup.writing.shapes import Item, noted, to_reader
from followup.writing.text import content_words, local_day

_MEETING = {"in_person": "meeting with me", "video": "speaking with me over video",
            "phone": "speaking with me by phone"}  # fmt: skip


def company_in_text(company: str) -> str:
    """How an organisation is named in running text: "the Department for Transport", "the
    Wellcome Trust", but "Lumenstack" and "Leeds City Council" as they are."""
    if company.split()[0] in ("The", "the"):
        return company
    starts = data_list("grammar.toml", "institution_starts")
    ends = data_list("grammar.toml", "institution_ends")
    if any(company == s or company.startswith(s + " ") for s in starts) or any(
        company.endswith(" " + e) for e in ends
    ):
        return f"the {company}"
    return company


def forgotten_for(interview: Interview, person: Participant, primary: str | None) -> list[str]:
    """What this person hears of the things the candidate forgot to say: the one nearest to
    what they talked about (each, when only one was noted), and all of them for the person who
    decides, so a panel comparing notes finds different afterthoughts, each told to the one it
    concerns."""
    forgot = list(interview.forgot_to_mention[:2])
    if len(forgot) < 2:
        return forgot
    ids = [p.id for p in interview.participants]
    decider = primary if primary in ids else ids[0]
    if person.id == decider:
        return forgot
    theirs = set()
    for text in (*person.discussed, *person.liked, person.title or ""):
        theirs |= set(content_words(text))
    scores = [len(set(content_words(f)) & theirs) for f in forgot]
    if max(scores) > min(scores):
        return [forgot[scores.index(max(scores))]]
    position = ids.index(person.id) if person.id in ids else 0
    return [forgot[position % len(forgot)]]


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
        self.position = position
        # a letter, or a note to a traditional company, is formal: no contractions
        self.formal = action.method == "letter" or self.app.culture == "traditional"
        # a panel's greetings share one register: when anyone met is greeted by title
        # ("Dear Dr Okafor"), nobody of the same panel gets "Hi Zainab"
        self.panel_formal = any(titled(p) for p in interview.participants)
        self.notes: list[str] = []  # what the candidate should know about the draft
        self.frames = Frames(
            interview.id + action.kind + self.app.company,
            position,
            self.english,
            not self.formal,
            panel=len(interview.participants),
        )
        met = local_day(interview.start, self.candidate)
        self.when = long_date(met, self.english)
        self.day = weekday(met)
        self.meeting = _MEETING[interview.kind]
        self.me = spoken_name(self.candidate.full_name)
        self.company = company_in_text(self.app.company)
        latest = max(facts.interviews, key=lambda i: i.start.timestamp())
        tz = zone(self.candidate.timezone)
        self.expected, source, _ = expected_answer(facts, latest, tz)
        self.answer_unknown = source == "default"
        self.forgot_notes = forgotten_for(interview, person, self.app.primary_contact)
        # the candidate's own circumstances ("my reasons for leaving") are no topic to thank
        # anyone for; they stay only when nothing else was noted
        noted_topics = person.discussed[:2]
        self.discussed_notes = [d for d in noted_topics if not noted(d).personal] or noted_topics
        self.discussed = [self._item(d) for d in self.discussed_notes]
        self.liked = [self._item(x) for x in person.liked[:1]]
        self.forgot = [self._item(f) for f in self.forgot_notes]
        self.written = letter_date(self.day_written(now, latest, tz), self.english)
        self.frames.reserve(
            [self.app.role, self.app.company, self.when, self.candidate.full_name, person.name]
            + [i.text for i in (*self.discussed, *self.liked, *self.forgot)]
        )

    def _item(self, text: str) -> Item:
        item = to_reader(noted(text))
        if self.formal:
            return replace(item, text=expand(item.text))
        return item

    def day_written(self, now: datetime | None, latest: Interview, tz: ZoneInfo) -> date:
        """The day the note is written: the action's not-before, else now, never before the
        interview ended; a check-in drafted on request for someone the plan does not check in
        with is dated when check-ins are due."""
        moment = self.action.not_before or now or self.interview.end
        if self.action.kind == "check_in" and self.action.not_before is None:
            planned, _ = next_check_in(
                self.facts, latest, self.expected, tz, candidate_country(self.candidate)
            )
            if planned is not None:
                moment = max(moment, planned.window.not_before)
        moment = max(moment, self.interview.end)
        return local_day(moment, self.candidate)

    def values(self, **more: str) -> dict[str, str]:
        """What every frame may name."""
        return {
            "role": self.app.role,
            "company": self.company,
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
