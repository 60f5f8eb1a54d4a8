"""How a draft is laid out: an email's greeting, paragraphs and signature; a business letter's
address blocks, date and closing."""

from __future__ import annotations

import re

from followup.writing.context import Context
from followup.writing.people import addressed_name, written_greeting
from followup.writing.text import known_people

# The last line of an address that belongs on the line before it: "IL 62701" after
# "Springfield", "ON L4W 1V8" after "Mississauga", "NSW 2000" after "Sydney".
_REGION_CODE = re.compile(r"^[A-Z]{2,3}\s+(?:\d{4,5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$")


def address_lines(address: str | None) -> list[str]:
    """An address as lines: as entered when it has several; a one-line address split at its
    commas, keeping "City, ST ZIP" together."""
    if not address:
        return []
    if "\n" in address:
        return [line.strip() for line in address.splitlines() if line.strip()]
    lines: list[str] = []
    for part in (p.strip() for p in address.split(",")):
        if not part:
            continue
        if lines and _REGION_CODE.match(part):
            lines[-1] = f"{lines[-1]}, {part}"
        else:
            lines.append(part)
    return lines


def paragraphs(parts: list[list[str]]) -> str:
    """Paragraphs of sentences, a blank line between them."""
    return "\n\n".join(" ".join(part) for part in parts if part)


def closing(c: Context, letter: bool) -> str:
    """A letter closes by convention: "Yours sincerely," in British usage when the greeting
    names the person (followup never writes "Dear Sir or Madam", the one greeting that takes
    "Yours faithfully"), "Sincerely," in American and Canadian. An email varies."""
    if letter:
        return "Sincerely," if c.english in ("american", "canadian") else "Yours sincerely,"
    return c.frames.say("closing", "email")


def greeting(c: Context) -> str:
    return written_greeting(c.person, formal=c.formal or c.panel_formal)


def email_body(c: Context, parts: list[list[str]]) -> str:
    cand = c.candidate
    contact = " · ".join(x for x in (cand.email, cand.phone) if x)
    signature = f"{closing(c, False)}\n{cand.full_name}" + (f"\n{contact}" if contact else "")
    return f"{greeting(c)}\n\n{paragraphs(parts)}\n\n{signature}\n"


def postal_address(c: Context) -> tuple[list[str], str | None]:
    """The inside address's lines after the name and title, and what the draft should tell
    the candidate about it: the person's own address; else the address on file for a colleague
    at the same organisation (said so); else the organisation alone (said so)."""
    person, company = c.person, c.app.company
    own = address_lines(person.address)
    if own:
        if not any(company.casefold() in line.casefold() for line in own):
            own = [company, *own]
        return own, None
    colleague = next(
        (p for p in known_people(c.facts).values() if p.id != person.id and p.address), None
    )
    if colleague is not None:
        lines = address_lines(colleague.address)
        if not any(company.casefold() in line.casefold() for line in lines):
            lines = [company, *lines]
        return lines, (
            f"No postal address is on file for {person.name}: the letter uses the one on "
            f"file for {colleague.name}. Check it before posting."
        )
    return [company], (
        f"No postal address is on file for {person.name}: add the street address under "
        f"{company} before posting, or send the letter by email."
    )


def letter_body(c: Context, parts: list[list[str]]) -> str:
    cand, person = c.candidate, c.person
    sender = [cand.full_name, *address_lines(cand.address)]
    sender += [x for x in (cand.email, cand.phone) if x]
    recipient = [addressed_name(person)]
    if person.title:
        recipient.append(person.title)
    lines, note = postal_address(c)
    recipient += lines
    if note:
        c.notes.append(note)
    return (
        "\n".join(sender)
        + f"\n\n{c.written}\n\n"
        + "\n".join(recipient)
        + f"\n\n{written_greeting(person, formal=True)}\n\n{paragraphs(parts)}\n\n"
        + f"{closing(c, True)}\n\n{cand.full_name}\n"
    )
