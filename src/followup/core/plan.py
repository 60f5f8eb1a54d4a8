"""The rules R1-R5 of docs/rules.md: facts and a moment in, actions and to-dos out.

Pure: no I/O and no clock reads; `now` is an argument. Every action carries its rule id and its
reasons in plain words, so a user can see why followup asks for what it asks.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.core import rules
from followup.core.checkins import checkin_warning as cadence_warning
from followup.core.checkins import next_check_in, skipped_check_ins
from followup.core.errors import InvalidInputError
from followup.core.ids import ActionId, check_in_id, thank_you_id
from followup.core.locale import country_of, is_country
from followup.core.model import (
    INTERVIEW_WORDS,
    METHODS,
    Action,
    ActionStatus,
    Application,
    Candidate,
    ContactNeed,
    ExpectedSource,
    Facts,
    Interview,
    Method,
    Participant,
    Plan,
    Sent,
    Skip,
    Todo,
)
from followup.core.status import status_of
from followup.core.workdays import add_absolute, local_date, short_day, short_when, zone

NEEDS: dict[Method, ContactNeed] = {"email": "email", "phone": "phone", "letter": "address"}
_DETAIL_WORDS: dict[Method, str] = {
    "email": "email address",
    "phone": "phone number",
    "letter": "postal address",
}


def preferred_method(app: Application) -> tuple[Method, str]:
    """R2's channel for the application, with the reason in words."""
    if app.decision_speed == "quick":
        return "email", "the hiring manager said the decision will be quick, and email is fastest"
    if app.client_facing:
        return "phone", "the role is client-facing, and a call shows your interpersonal skills"
    if app.verbal_role:
        return "phone", "the role needs a lot of verbal communication, and a call shows yours"
    if app.culture == "traditional":
        return "letter", "the company culture is traditional, and a letter suits it"
    return "email", "nothing about the role or company calls for another channel"


def has_detail(person: Participant, method: Method) -> bool:
    if method == "email":
        return bool(person.email)
    if method == "phone":
        return bool(person.phone)
    return bool(person.address)


def choose_method(
    preferred: tuple[Method, str], person: Participant
) -> tuple[Method, str, ContactNeed | None]:
    """R2 per person: the preferred channel, else the first one this person can be reached by.

    Returns the method, the reason, and the contact detail that is missing (None if none is).
    """
    method, why = preferred
    if has_detail(person, method):
        return method, f"{method}: {why}", None
    missing = f"{person.name} has no {_DETAIL_WORDS[method]} on file"
    for other in METHODS:
        if has_detail(person, other):
            return other, f"{other}: {missing}, though {method} is preferred ({why})", NEEDS[method]
    return method, f"{method}: {why}; but {missing}, nor any other way to reach them", NEEDS[method]


def status_at(now: datetime, not_before: datetime | None, due: datetime) -> ActionStatus:
    """planned before `not_before`, due until `due`, overdue after it."""
    return status_of(
        now.timestamp(), None if not_before is None else not_before.timestamp(), due.timestamp()
    )


def expected_answer(
    facts: Facts, latest: Interview | None, tz: ZoneInfo
) -> tuple[date | None, ExpectedSource | None, Todo | None]:
    """R3: the date an answer was promised for, where it came from, and a to-do if nobody said."""
    app = facts.application
    if latest is None:
        if app.expected_response_by is not None:
            return app.expected_response_by, "application", None
        return None, None, None
    if latest.expected_response_by is not None:
        return latest.expected_response_by, "interview", None
    ended = local_date(latest.end, tz)
    if app.expected_response_by is not None and app.expected_response_by >= ended:
        return app.expected_response_by, "application", None
    wait = facts.candidate.default_wait_days
    assumed = ended + timedelta(days=wait)
    stale = ""
    if app.expected_response_by is not None:
        stale = (
            f" The application's date, {short_day(app.expected_response_by)}, "
            "is older than the latest interview."
        )
    todo = Todo(
        kind="ask_expected_date",
        interview=latest.id,
        message=(
            f"Ask {app.company} when to expect an answer: no date was given at the "
            f"{short_day(ended)} interview, so check-ins assume {short_day(assumed)} "
            f"({wait} days after it).{stale}"
        ),
    )
    return assumed, "default", todo


def candidate_country(candidate: Candidate) -> str | None:
    """The country whose public holidays count, or an InvalidInputError for an unknown one."""
    if candidate.country is not None and not is_country(candidate.country):
        raise InvalidInputError(
            "candidate.country",
            f"unknown country {candidate.country!r}; use an ISO 3166 code such as US, GB or DE",
        )
    return country_of(candidate)


def plan_application(facts: Facts, now: datetime) -> Plan:
    """Every follow-up the rules ask for, sorted by due time, and the to-dos that block them."""
    candidate, app = facts.candidate, facts.application
    tz = zone(candidate.timezone, "candidate.timezone")
    country = candidate_country(candidate)
    preferred = preferred_method(app)
    actions: list[Action] = []
    todos: list[Todo] = []
    missing_seen: set[tuple[str, str]] = set()

    def note_missing(person: Participant, method: Method, need: ContactNeed) -> None:
        if (person.id, need) in missing_seen:
            return
        missing_seen.add((person.id, need))
        todos.append(
            Todo(
                kind="missing_contact_detail",
                contact=person.id,
                need=need,
                message=(
                    f"Add {person.name}'s {_DETAIL_WORDS[preferred[0]]}: "
                    f"{preferred[0]} is the right channel here, so until then it goes by {method}."
                    if method != preferred[0]
                    else f"Add {person.name}'s {_DETAIL_WORDS[preferred[0]]}: {preferred[0]} is "
                    "the right channel here, and no other way to reach them is on file."
                ),
            )
        )

    thanked: dict[tuple[str | None, str], Sent] = {}
    check_ins: list[Sent] = []
    for s in facts.sent:
        if s.kind == "thank_you":
            thanked.setdefault((s.interview, s.contact), s)
        else:
            check_ins.append(s)
    skips = {skip.action: skip for skip in facts.skipped}

    moment = now.timestamp()
    # R1: one thank-you per person met, per interview, due a fixed window after it ended.
    window, within = rules.THANK_YOU_WINDOW, rules.window_words()
    for interview in facts.interviews:
        end = interview.end.astimezone(tz)
        due = add_absolute(end, window, tz)
        status = status_of(moment, end.timestamp(), due.timestamp())
        letter_reason = ""
        r1 = (
            f"thank-you within {within} of the {INTERVIEW_WORDS[interview.kind]} interview "
            f"that ended {short_when(end, tz)}"
        )
        for person in interview.participants:
            action_id = thank_you_id(interview.id, person.id)
            done = thanked.get((interview.id, person.id))
            if done is not None:
                actions.append(
                    Action(
                        id=action_id,
                        kind="thank_you",
                        interview=interview.id,
                        contact=person.id,
                        contact_name=person.name,
                        method=done.method,
                        not_before=end,
                        due=due,
                        status="done",
                        rule="R1",
                        reasons=(r1, f"sent by {done.method} {short_when(done.at, tz)}"),
                        sent_at=done.at.astimezone(tz),
                    )
                )
                continue
            method, why, need = choose_method(preferred, person)
            skipped = skips.get(action_id)
            if skipped is not None:  # R1b: listed as skipped, never due again
                actions.append(
                    Action(
                        id=action_id,
                        kind="thank_you",
                        interview=interview.id,
                        contact=person.id,
                        contact_name=person.name,
                        method=method,
                        not_before=end,
                        due=due,
                        status="skipped",
                        rule="R1b",
                        reasons=(r1, f"skipped {short_when(skipped.at, tz)}"),
                    )
                )
                continue
            reasons: tuple[str, ...] = (r1, why)
            if method == "letter":
                letter_reason = letter_reason or (
                    f"letter: must be posted by {short_when(due, tz)} to count as within {within}"
                )
                reasons += (letter_reason,)
            if need is not None:
                note_missing(person, method, need)
            actions.append(
                Action(
                    id=action_id,
                    kind="thank_you",
                    interview=interview.id,
                    contact=person.id,
                    contact_name=person.name,
                    method=method,
                    not_before=end,
                    due=due,
                    status=status,
                    rule="R1",
                    reasons=reasons,
                )
            )

    latest = max(facts.interviews, key=_start_key) if facts.interviews else None
    expected, source, ask = expected_answer(facts, latest, tz)
    if ask is not None and app.status == "active" and not _dated_update(facts, latest):
        todos.append(ask)  # a closed application needs no date; an update with one gave it

    # Sent check-ins are listed as done, skipped ones as skipped; numbered in time order.
    check_ins.sort(key=_at_key)
    skipped_ids = skipped_check_ins(facts) if facts.skipped else []
    numbers, next_number = number_check_ins(facts, check_ins, skipped_ids)
    for number, s in zip(numbers, check_ins, strict=True):
        known = facts.person(s.contact)
        actions.append(
            Action(
                id=check_in_id(s.contact, number),
                kind="check_in",
                interview=s.interview,
                contact=s.contact,
                contact_name=known.name if known else s.contact,
                method=s.method,
                not_before=None,
                due=s.at.astimezone(tz),
                status="done",
                rule="R4",
                reasons=(f"check-in made by {s.method} {short_when(s.at, tz)}",),
                sent_at=s.at.astimezone(tz),
            )
        )
    for skip, skipped_id in skipped_ids:
        known = facts.person(skipped_id.contact)
        actions.append(
            Action(
                id=skip.action,
                kind="check_in",
                interview=_interview_at(facts, skip.at),
                contact=skipped_id.contact,
                contact_name=known.name if known else skipped_id.contact,
                method=choose_method(preferred, known)[0] if known else preferred[0],
                not_before=None,
                due=skip.at.astimezone(tz),
                status="skipped",
                rule="R1b",
                reasons=(
                    f"skipped {short_when(skip.at, tz)}",
                    "counts for the cadence of check-ins, not for their limit",
                ),
            )
        )

    nxt, closing = next_check_in(facts, latest, expected, tz, country)
    if closing is not None:
        todos.append(closing)
    if nxt is not None:
        to = nxt.to
        method, why, need = choose_method(preferred, to)
        if need is not None:
            note_missing(to, method, need)
        assert latest is not None
        actions.append(
            Action(
                id=check_in_id(to.id, next_number),
                kind="check_in",
                interview=latest.id,
                contact=to.id,
                contact_name=to.name,
                method=method,
                not_before=nxt.window.not_before,
                due=nxt.window.due,
                status=status_at(now, nxt.window.not_before, nxt.window.due),
                rule="R4",
                reasons=(*nxt.reasons, why),
            )
        )

    if len(actions) > 1:
        actions.sort(key=_action_key)
    return Plan(
        expected_response_by=expected,
        expected_source=source,
        actions=tuple(actions),
        todos=tuple(todos),
    )


def number_check_ins(
    facts: Facts,
    check_ins: list[Sent],
    skipped_ids: list[tuple[Skip, ActionId]] | None = None,
) -> tuple[list[int], int]:
    """The numbers of the sent check-ins (in time order) and of the next one.

    A skipped check-in keeps the number it was skipped under; sent ones take the other numbers
    in time order, so the open one always gets a number no skipped or sent one has.
    """
    if not facts.skipped:
        return list(range(1, len(check_ins) + 1)), len(check_ins) + 1
    if skipped_ids is None:
        skipped_ids = skipped_check_ins(facts)
    taken = {found.number or 0 for _, found in skipped_ids}
    numbers: list[int] = []
    number = 0
    for _ in check_ins:
        number += 1
        while number in taken:
            number += 1
        numbers.append(number)
    return numbers, max([number, *taken]) + 1


def _dated_update(facts: Facts, latest: Interview | None) -> bool:
    """An update since the latest interview began gave a new answer date."""
    if latest is None or not facts.responses:
        return False
    began = latest.start.timestamp()
    return any(
        r.kind == "update" and r.expected_by is not None and r.at.timestamp() >= began
        for r in facts.responses
    )


def _interview_at(facts: Facts, moment: datetime) -> str | None:
    """The latest interview that had started by `moment`."""
    started = [i for i in facts.interviews if i.start.timestamp() <= moment.timestamp()]
    return max(started, key=_start_key).id if started else None


def checkin_warning(facts: Facts, at: datetime, now: datetime | None = None) -> str | None:
    """R5: a warning when a check-in made at `at` comes sooner than the cadence allows."""
    tz = zone(facts.candidate.timezone, "candidate.timezone")
    if not facts.interviews:
        return None
    latest = max(facts.interviews, key=_start_key)
    expected, _, _ = expected_answer(facts, latest, tz)
    return cadence_warning(facts, at, expected, latest, tz)


def _start_key(interview: Interview) -> float:
    return interview.start.timestamp()


def _at_key(sent: Sent) -> float:
    return sent.at.timestamp()


def _action_key(action: Action) -> tuple[float, int, str]:
    return action.due.timestamp(), 0 if action.kind == "thank_you" else 1, action.id
