"""Drafts of every follow-up, for every channel, from the facts: pure and deterministic.

Each thank-you carries the content of DESIGN.md section 1 C: the candidate's full name, the
role, when they met, a thank-you built on what *this* person discussed, anything forgotten,
enthusiasm, and why the candidate fits (what this person liked). Wording varies by the person's
place in the interview, so people met together never get the same note, and the same action
always drafts the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from followup.core.errors import InvalidInputError, NotFoundError
from followup.core.model import Action, ActionKind, Facts, Interview, Method, Participant
from followup.core.plan import expected_answer
from followup.core.workdays import zone
from followup.writing.text import greeting_name, letter_date, local_day, long_date, lower_first

_MEETING = {"in_person": "meeting with me", "video": "speaking with me over video",
            "phone": "speaking with me by phone"}  # fmt: skip


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

    @property
    def text(self) -> str:
        """What the proofreader reads: the subject line (if any), then the body."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body


def pick(options: Sequence[str], index: int) -> str:
    return options[index % len(options)]


class _Context:
    """What every sentence of one draft needs, worked out once."""

    def __init__(self, facts: Facts, interview: Interview, person: Participant) -> None:
        self.facts = facts
        self.candidate = facts.candidate
        self.app = facts.application
        self.interview = interview
        self.person = person
        position = next((n for n, p in enumerate(interview.participants) if p.id == person.id), 0)
        # people of one interview take consecutive variants; the interview shifts the start
        self.variant = position + sum(map(ord, interview.id)) % 7
        day = local_day(interview.start, self.candidate)
        self.when = long_date(day)
        self.meeting = _MEETING[interview.kind]
        tz = zone(self.candidate.timezone)
        latest = max(facts.interviews, key=lambda i: i.start.timestamp())
        self.expected, source, _ = expected_answer(facts, latest, tz)
        self.answer_unknown = source == "default"
        self.discussed = person.discussed[:2]
        self.liked = person.liked[:1]
        self.forgot = interview.forgot_to_mention[:2]

    def v(self, shift: int) -> int:
        return self.variant + shift

    def greeting(self) -> str:
        return f"Dear {greeting_name(self.person)},"

    def signature(self, closing: str) -> str:
        contact = " · ".join(x for x in (self.candidate.email, self.candidate.phone) if x)
        return f"{closing}\n{self.candidate.full_name}" + (f"\n{contact}" if contact else "")


def _topics(items: Sequence[str]) -> str:
    return " and ".join(items)


def thank_you_sentences(c: _Context) -> list[str]:
    role, company = c.app.role, c.app.company
    sentences = [
        pick(
            [
                f"Thank you for {c.meeting} on {c.when} to talk about the {role} role "
                f"at {company}.",
                f"I am grateful for the time you took on {c.when} to discuss the {role} position "
                f"at {company}.",
                f"Thank you for {c.meeting} on {c.when}; I appreciated learning more about the "
                f"{role} role at {company}.",
                f"Many thanks for {c.meeting} on {c.when} about the {role} opening at {company}.",
            ],
            c.v(0),
        )
    ]
    if c.discussed:
        topics = _topics(c.discussed)
        sentences.append(
            pick(
                [
                    f"I especially enjoyed our conversation about {topics}.",
                    f"Our discussion of {topics} has stayed with me since.",
                    f"Hearing your perspective on {topics} was a highlight of the day.",
                    f"I keep thinking about what you said about {topics}.",
                    f"It was great to dig into {topics} with you.",
                ],
                c.v(1),
            )
        )
    if c.liked:
        liked = c.liked[0]
        sentences.append(
            pick(
                [
                    f"I was glad {liked} resonated with you; it is the kind of work I would bring "
                    "to the team.",
                    f"You mentioned liking {liked}, and I would bring that same approach to "
                    f"{company}.",
                    f"I was pleased that {liked} stood out to you, since that experience fits "
                    "this role closely.",
                    f"Since {liked} caught your interest, I would be happy to share more about it.",
                ],
                c.v(2),
            )
        )
    else:
        sentences.append(
            pick(
                [
                    f"My experience so far has prepared me well for the {role} role.",
                    f"I believe my background is a strong match for what the {role} role needs.",
                    f"The experience I shared with you maps closely onto the {role} role.",
                ],
                c.v(2),
            )
        )
    if c.forgot:
        forgot = "; also, ".join(lower_first(f.rstrip(".")) for f in c.forgot)
        sentences.append(
            pick(
                [
                    f"One thing I did not get to mention: {forgot}.",
                    f"I also meant to mention that {forgot}.",
                    f"Something I forgot to say during our conversation: {forgot}.",
                ],
                c.v(3),
            )
        )
    sentences.append(
        pick(
            [
                f"I am excited about the opportunity to join {company}.",
                "I remain enthusiastic about this role and about your team's work.",
                f"I would be thrilled to contribute to {company} in this role.",
                "I am eager to bring my skills to your team.",
                f"I am genuinely excited about what I could help {company} achieve.",
            ],
            c.v(4),
        )
    )
    if c.answer_unknown:
        sentences.append(
            pick(
                [
                    "Could you let me know when I might expect to hear about next steps?",
                    "When might I hear about the next steps?",
                    "May I ask when you expect to make a decision?",
                ],
                c.v(5),
            )
        )
    else:
        sentences.append(
            pick(
                [
                    "Please let me know if I can provide anything else.",
                    "If any further information would help, I would be glad to send it.",
                    "Do not hesitate to reach out if you need anything more from me.",
                ],
                c.v(5),
            )
        )
    return sentences


def check_in_sentences(c: _Context, number: int) -> list[str]:
    role, company = c.app.role, c.app.company
    expected = (
        f", and you mentioned a decision around {long_date(c.expected)}"
        if c.expected and not c.answer_unknown
        else ""
    )
    opening = pick(
        [
            "I hope your week is going well.",
            "I hope all is well with you and the team.",
            "I hope you are having a good week.",
        ],
        c.v(number),
    )
    follow = (
        f"I am following up on the {role} role; we met on {c.when}{expected}."
        if number <= 1
        else f"I wanted to check in once more about the {role} role we discussed on {c.when}."
    )
    return [
        opening,
        follow,
        pick(
            [
                f"I remain very enthusiastic about the position and about joining {company}.",
                f"I am still excited about the chance to contribute to {company}.",
                f"My enthusiasm for the role and for {company} has only grown.",
            ],
            c.v(number + 1),
        ),
        pick(
            [
                "If there is any news on the timeline, or anything more I can share, I would be "
                "glad to hear from you.",
                "Whenever you have an update on next steps, I would be grateful to hear it.",
                "Please let me know if there is anything else I can provide in the meantime.",
            ],
            c.v(number + 2),
        ),
    ]


def _paragraphs(sentences: list[str]) -> str:
    """Sentences into two or three short paragraphs."""
    if len(sentences) <= 3:
        return " ".join(sentences)
    cut = (len(sentences) + 1) // 2
    return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])


def _closing(c: _Context, letter: bool) -> str:
    if letter:
        return pick(["Sincerely,", "Yours sincerely,", "With appreciation,"], c.v(6))
    return pick(["Best regards,", "Kind regards,", "With thanks,", "All the best,"], c.v(6))


def thank_you_subject(c: _Context) -> str:
    return pick(
        [
            f"Thank you: {c.app.role} interview on {c.when}",
            f"Thank you for our conversation about the {c.app.role} role",
            f"Following up on my {c.app.role} interview",
            f"Thank you from {c.candidate.full_name}: {c.app.role} interview",
        ],
        c.v(0),
    )


def _email(c: _Context, sentences: list[str], subject: str) -> tuple[str, str]:
    body = f"{c.greeting()}\n\n{_paragraphs(sentences)}\n\n{c.signature(_closing(c, False))}\n"
    return subject, body


def _letter(c: _Context, sentences: list[str], day_written: str) -> str:
    cand, person, app = c.candidate, c.person, c.app
    sender = [cand.full_name, *_lines(cand.address)]
    sender += [x for x in (cand.email, cand.phone) if x]
    recipient = [person.name]
    if person.title:
        recipient.append(person.title)
    address = _lines(person.address)
    if not any(app.company.casefold() in line.casefold() for line in address):
        recipient.append(app.company)
    recipient += address
    return (
        "\n".join(sender)
        + f"\n\n{day_written}\n\n"
        + "\n".join(recipient)
        + f"\n\n{c.greeting()}\n\n{_paragraphs(sentences)}\n\n"
        + f"{_closing(c, True)}\n\n{cand.full_name}\n"
    )


def _lines(address: str | None) -> list[str]:
    if not address:
        return []
    parts = address.splitlines() if "\n" in address else address.split(", ")
    return [p.strip() for p in parts if p.strip()]


def _call_sheet(c: _Context, check_in: int) -> tuple[tuple[str, ...], str, str]:
    """Key points in order, a voicemail script, and the whole call sheet as text."""
    cand, app, person = c.candidate, c.app, c.person
    hello = greeting_name(person)
    reach = cand.phone or cand.email
    if check_in:
        points = [
            f"Introduce yourself: {cand.full_name}, who interviewed for the {app.role} role "
            f"on {c.when}.",
            pick(
                [
                    "Ask how they are, and thank them for their time.",
                    "Thank them again for meeting with you.",
                    "Say you appreciated the conversation you had.",
                ],
                c.v(1),
            ),
            pick(
                [
                    f"Say you remain enthusiastic about {app.company}.",
                    "Say you are still excited about the role.",
                    "Tell them your enthusiasm for the team has only grown.",
                ],
                c.v(2),
            ),
            pick(
                [
                    "Ask whether they have news on the timeline.",
                    "Ask if there is anything more you can share to help their decision.",
                    "Ask when they expect to decide, and thank them for their patience.",
                ],
                c.v(3),
            ),
        ]
        voicemail = pick(
            [
                f"Hello {hello}, this is {cand.full_name}. I interviewed for the {app.role} role "
                f"on {c.when}, and I am calling to check in. I remain very enthusiastic about "
                f"the position. You can reach me at {reach}. Thank you, and have a good day.",
                f"Hi {hello}, {cand.full_name} here, following up on our {app.role} "
                f"conversation of {c.when}. I am still excited about joining {app.company} and "
                f"would be glad to hear about next steps. My number is {reach}. Thanks so much.",
                f"Good day {hello}, it is {cand.full_name} calling about the {app.role} role we "
                f"discussed on {c.when}. I am enthusiastic about the opportunity and happy to "
                f"answer any questions. Please call me back at {reach}. Thank you.",
            ],
            c.v(check_in),
        )
    else:
        points = [
            pick(
                [
                    f"Introduce yourself: {cand.full_name}, about the {app.role} role.",
                    f"Say who you are: {cand.full_name}, interviewed for the {app.role} role.",
                    f"Open with your name, {cand.full_name}, and the {app.role} role.",
                    f"Start with who you are: {cand.full_name}, candidate for {app.role}.",
                    f"Give your name, {cand.full_name}, and recall the {app.role} interview.",
                ],
                c.v(0),
            ),
            pick(
                [
                    f"Thank them for meeting on {c.when}.",
                    f"Tell them you are grateful for their time on {c.when}.",
                    f"Say how much you appreciated your conversation on {c.when}.",
                    f"Thank them warmly for the time they gave you on {c.when}.",
                    f"Open with thanks for the interview on {c.when}.",
                ],
                c.v(1),
            ),
        ]
        if c.discussed:
            points.append(
                pick(
                    [
                        f"Mention what you talked about: {_topics(c.discussed)}.",
                        f"Bring up {_topics(c.discussed)} and what you took from it.",
                        f"Recall one idea from your talk about {_topics(c.discussed)}.",
                        f"Say what stuck with you about {_topics(c.discussed)}.",
                    ],
                    c.v(2),
                )
            )
        if c.liked:
            points.append(
                pick(
                    [
                        f"Remind them why you fit: {c.liked[0]}.",
                        f"Point back to {c.liked[0]}, which they liked.",
                        f"Offer to say more about {c.liked[0]}.",
                        f"Connect {c.liked[0]} to what the team needs next.",
                        f"Mention {c.liked[0]} again: it impressed them.",
                    ],
                    c.v(3),
                )
            )
        else:
            points.append(
                pick(
                    [
                        f"Tie your experience to the {app.role} role in one sentence.",
                        "Connect your background to what the team needs.",
                        "Name one skill of yours this role calls for.",
                        "Give one example of experience that fits the role.",
                    ],
                    c.v(3),
                )
            )
        if c.forgot:
            points.append(f"Add what you forgot to say: {'; '.join(c.forgot)}.")
        points.append(
            pick(
                [
                    "Say you are excited about the role.",
                    "Tell them you are enthusiastic about joining the team.",
                    f"Say you are eager to contribute to {app.company}.",
                    "Let your enthusiasm for the work show.",
                    f"Say you would be thrilled to join {app.company}.",
                ],
                c.v(4),
            )
        )
        if c.answer_unknown:
            points.append("Ask when you can expect to hear about next steps.")
        topic = f" I enjoyed our conversation about {c.discussed[0]}." if c.discussed else ""
        voicemail = pick(
            [
                f"Hello {hello}, this is {cand.full_name}. I am calling to thank you for "
                f"{c.meeting} on {c.when} about the {app.role} role.{topic} I am excited about "
                f"the opportunity. You can reach me at {reach}. Thank you again.",
                f"Hi {hello}, it is {cand.full_name}. Thank you so much for your time on "
                f"{c.when}; I left our {app.role} conversation more enthusiastic than ever.{topic} "
                f"If anything else would help, my number is {reach}.",
                f"Good day {hello}, {cand.full_name} here with a quick thank-you for {c.when}. "
                f"Talking about the {app.role} role made me eager to join {app.company}.{topic} "
                f"Feel free to call me back at {reach}.",
                f"Hello {hello}, {cand.full_name} calling. I wanted to say thank you for "
                f"{c.meeting} on {c.when}; I am very excited about the {app.role} role.{topic} "
                f"You can return my call at {reach}. Have a great day.",
                f"Hello {hello}, this is {cand.full_name}, with thanks for {c.when}. Our talk "
                f"about the {app.role} role left me keen to join {app.company}.{topic} "
                f"I am at {reach} whenever suits you.",
            ],
            c.v(5),
        )
    number = person.phone or "(no number on file)"
    title = f"{person.title}, " if person.title else ""
    sheet = (
        f"Call {person.name} ({title}{app.company}) at {number}\n\n"
        "Key points, in order:\n"
        + "\n".join(f"{n}. {p}" for n, p in enumerate(points, start=1))
        + f"\n\nIf you reach voicemail:\n{voicemail}\n"
    )
    return tuple(points), voicemail, sheet


def compose(facts: Facts, action: Action) -> Draft:
    """The draft of one planned follow-up: to whom, how and when, as the plan decided."""
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
    c = _Context(facts, interview, person)
    if kind == "thank_you":
        sentences = thank_you_sentences(c)
        subject = thank_you_subject(c)
        written = letter_date(local_day(interview.end, facts.candidate))
    else:
        number = _check_in_number(facts, contact_id)
        sentences = check_in_sentences(c, number)
        subject = "Re: " + thank_you_subject(c)
        written = letter_date(_check_in_day(facts, action))
    if method == "email":
        subject, body = _email(c, sentences, subject)
        return Draft(kind, method, interview.id, person, facts.application.company, subject, body)
    if method == "letter":
        body = _letter(c, sentences, written)
        return Draft(kind, method, interview.id, person, facts.application.company, None, body)
    if method == "phone":
        points, voicemail, sheet = _call_sheet(
            c, _check_in_number(facts, contact_id) if kind == "check_in" else 0
        )
        return Draft(
            kind,
            method,
            interview.id,
            person,
            facts.application.company,
            None,
            sheet,
            points,
            voicemail,
        )
    raise InvalidInputError("--method", f"must be email, phone or letter, not {method!r}")


def _check_in_number(facts: Facts, contact_id: str) -> int:
    """Which check-in this is, counting those already made since the latest interview."""
    latest = max(facts.interviews, key=lambda i: i.start.timestamp())
    made = [s for s in facts.sent if s.kind == "check_in" and s.at >= latest.start]
    return len(made) + 1


def _check_in_day(facts: Facts, action: Action) -> date:
    """The day the check-in is planned for (what a letter is dated)."""
    moment = action.not_before or action.due
    return moment.astimezone(zone(facts.candidate.timezone)).date()
