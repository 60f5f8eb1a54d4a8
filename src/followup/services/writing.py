"""Use cases of writing: draft a follow-up, proofread a note, keep the final text, print a letter.

They work on a scenario file's facts and on stored applications alike; the proofreader (Harper)
is built once per process.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from followup.core import limits
from followup.core.actions import action_for
from followup.core.errors import InvalidInputError, NotFoundError
from followup.core.ids import ActionId
from followup.core.locale import english_of
from followup.core.model import Action, ActionKind, English, Facts, Method
from followup.inputs.parse import check_note_text
from followup.writing.proofread import (
    CHECK_IN_ELEMENTS,
    THANK_YOU_ELEMENTS,
    Proofreader,
    Report,
    line_col,
)

# What the faces take from the writing package, through this service (see services/mail.py).
FACES = (CHECK_IN_ELEMENTS, THANK_YOU_ELEMENTS, Report, line_col)

if TYPE_CHECKING:
    from followup.services.followup import Followup
    from followup.writing.compose import Draft

MAX_NOTE_BYTES = limits.NOTE_TEXT
OVERLONG_RUN = re.compile(rf"\S{{{limits.WORD + 1},}}")
_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


@functools.cache
def proofreader(english: English = "american") -> Proofreader:
    """The process's proofreader for one English: its linter is built once, on first use."""
    return Proofreader(english)


@dataclass(frozen=True)
class Drafted:
    draft: Draft
    report: Report


@dataclass(frozen=True)
class Target:
    """What a note is for: the facts and the planned action (its method as the note is
    written); for stored follow-ups, the application and the notes to the others met."""

    facts: Facts
    action: Action
    application_id: int | None = None
    others: tuple[str, ...] = ()
    # a scenario's thank-you is compared with the drafts the others met would get, drafted
    # only when the check gets that far
    compare_with_drafts: bool = False
    now: datetime | None = None  # the moment the note is written (a letter's date)

    @property
    def interview(self) -> str:
        latest = max(self.facts.interviews, key=lambda i: i.start.timestamp())
        return self.action.interview or latest.id

    @property
    def contact(self) -> str:
        return self.action.contact

    @property
    def kind(self) -> ActionKind:
        return self.action.kind

    @property
    def method(self) -> Method:
        return self.action.method

    @property
    def action_id(self) -> str | None:
        """The stored action's id; scenario notes have none to keep text under."""
        return self.action.id if self.application_id is not None else None


def scenario_target(
    facts: Facts,
    interview: str,
    contact: str,
    kind: ActionKind,
    method: Method | None,
    now: datetime,
) -> Target:
    """A note of a scenario file: the plan's action for that interview, person and kind;
    `method` overrides the planned one. A thank-you is compared with the drafts of the others
    met at the same interview, so a copied note is a `duplicate` here too."""
    action = action_for(facts, interview_id=interview, contact_id=contact, kind=kind, now=now)
    target = Target(facts, replace(action, method=method) if method else action, now=now)
    return replace(target, compare_with_drafts=kind == "thank_you")


def _drafts_to_others(target: Target) -> Iterator[str]:
    """The notes the others met at the target's interview would get, one at a time."""
    met = target.facts.interview(target.interview)
    now = target.now or target.action.due
    for p in met.participants if met else ():
        if p.id != target.contact:
            action = action_for(
                target.facts, interview_id=met.id, contact_id=p.id, kind="thank_you", now=now
            )
            yield compose_for(replace(target, action=action, now=now)).text


def stored_target(service: Followup, action_id: str, method: Method | None = None) -> Target:
    """A note for a planned action of a stored application, with the notes already written to
    the other people of the same interview (for the duplicate check). The method is `method`,
    else the one the kept note was written for, else the planned one."""
    from followup.services.lookup import resolve_action

    with service.store.transaction() as repo:
        app_id, facts, action = resolve_action(repo, action_id, service.clock())
        kept = repo.kept_notes(application_id=app_id)
        sent = repo.history(application_id=app_id)["sent"]
    chosen = method or (kept[action.id][0] if action.id in kept else action.method)
    planned = replace(action, method=chosen)  # type: ignore[arg-type]
    target = Target(facts, planned, application_id=app_id, now=service.clock())
    if action.kind != "thank_you":
        return target
    interview = target.interview
    others = [
        text
        for other_id, (_, text) in kept.items()
        if other_id != action.id and _thanks_at(other_id, interview)
    ]
    others += [
        s["body"]
        for s in sent
        if s["body"]
        and str(s["interview_id"]) == interview
        and str(s["person_id"]) != action.contact
    ]
    return replace(target, others=tuple(others))


def _thanks_at(action_id: str, interview: str) -> bool:
    """Whether a kept note's action is a thank-you for someone met at `interview`."""
    parsed = ActionId.parse(action_id)
    return parsed.kind == "thank_you" and parsed.interview == interview


def compose_for(target: Target) -> Draft:
    """The draft for the target (not yet proofread)."""
    from followup.writing.compose import compose  # not needed to check a note

    return compose(target.facts, target.action, now=target.now)


def draft(target: Target) -> Drafted:
    """The draft for the target, proofread."""
    made = compose_for(target)
    return Drafted(made, check(target, made.text))


def check(target: Target, text: str) -> Report:
    """The proofreader's findings for `text`. A run of more than limits.WORD characters without
    a space (a pasted link or hash) is blanked out first, same length, so offsets still hold."""
    readable = OVERLONG_RUN.sub(lambda m: " " * len(m.group()), text)
    return proofreader(english_of(target.facts.candidate)).check(
        readable,
        target.facts,
        interview_id=target.interview,
        contact_id=target.contact,
        kind=target.kind,
        others=itertools.chain(
            target.others, _drafts_to_others(target) if target.compare_with_drafts else ()
        ),
    )


def kept_text(service: Followup, target: Target) -> str | None:
    """The text kept for the target's action, if any."""
    if target.application_id is None or target.action_id is None:
        return None
    with service.store.transaction() as repo:
        kept = repo.kept_notes(application_id=target.application_id).get(target.action_id)
    return kept[1] if kept else None


def keep(service: Followup, target: Target, text: str, method: Method) -> None:
    """Keep the final text of a planned follow-up until it is sent."""
    if target.application_id is None or target.action_id is None:
        raise NotFoundError("action", "?", "only stored follow-ups can keep a text")
    check_note_text(text, "the note")
    with service.store.transaction() as repo:
        repo.keep_note(
            application_id=target.application_id,
            action_id=target.action_id,
            method=method,
            text=text,
            now=service.clock(),
        )


def read_note(path: str, stdin_text: str | None = None) -> str:
    """A note from a file (or '-' for standard input): UTF-8 text of a sensible size."""
    if path == "-":
        data = (stdin_text or "").encode("utf-8")
        name = "<stdin>"
    else:
        file = Path(path)
        name = path
        try:
            size = file.stat().st_size
        except FileNotFoundError:
            raise InvalidInputError(name, "no such note file") from None
        if file.is_dir():
            raise InvalidInputError(name, "is a folder, not a note")
        if size > MAX_NOTE_BYTES:
            raise InvalidInputError(
                name, f"too large ({size / 1048576:.1f} MB); a note is at most 100 KB"
            )
        data = file.read_bytes()
    if len(data) > MAX_NOTE_BYTES:
        raise InvalidInputError(name, "too large; a note is at most 100 KB")
    if b"\x00" in data:
        raise InvalidInputError(name, "is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(name, f"is not UTF-8 text (byte {exc.start})") from None
    return check_note_text(text, name)


def letter_pdf(text: str) -> bytes:
    """A printable A4/Letter-friendly PDF of a letter's text."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.add_page()
    font = next((f for f in _FONTS if Path(f).is_file()), None)
    if font:
        pdf.add_font("Letter", "", font)
        pdf.set_font("Letter", size=11)
    else:
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            raise InvalidInputError(
                "--pdf",
                "the letter has characters the built-in PDF font lacks; install the DejaVu "
                "fonts (Debian: fonts-dejavu-core)",
            ) from None
        pdf.set_font("Helvetica", size=11)
    for line in text.rstrip("\n").split("\n"):
        if line.strip():
            pdf.multi_cell(0, 5.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(5.5)
    return bytes(pdf.output())
