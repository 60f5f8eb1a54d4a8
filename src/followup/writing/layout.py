"""How a draft is laid out: an email's greeting, paragraphs and signature; a business letter's
address blocks, date and closing."""

from __future__ import annotations

import re

from followup.writing.context import Context
from followup.writing.people import addressed_name, name_forms, written_greeting

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


def paragraphs(sentences: list[str]) -> str:
    """Sentences into short paragraphs: the thanks and the conversation, why the candidate fits
    and what was forgotten, then enthusiasm and the next step."""
    if len(sentences) <= 3:
        return " ".join(sentences)
    if len(sentences) <= 4:
        return " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
    head, tail = sentences[:2], sentences[-2:]
    middle = sentences[2:-2]
    return "\n\n".join(" ".join(part) for part in (head, middle, tail) if part)


def closing(c: Context, letter: bool) -> str:
    if letter and c.english != "american" and name_forms(c.person).title:
        return c.frames.say("closing", "letter_formal_british")
    return c.frames.say("closing", "letter" if letter else "email")


def email_body(c: Context, sentences: list[str]) -> str:
    cand = c.candidate
    contact = " · ".join(x for x in (cand.email, cand.phone) if x)
    signature = f"{closing(c, False)}\n{cand.full_name}" + (f"\n{contact}" if contact else "")
    greeting = written_greeting(c.person, formal=c.formal)
    return f"{greeting}\n\n{paragraphs(sentences)}\n\n{signature}\n"


def letter_body(c: Context, sentences: list[str]) -> str:
    cand, person, app = c.candidate, c.person, c.app
    sender = [cand.full_name, *address_lines(cand.address)]
    sender += [x for x in (cand.email, cand.phone) if x]
    recipient = [addressed_name(person)]
    if person.title:
        recipient.append(person.title)
    address = address_lines(person.address)
    if not any(app.company.casefold() in line.casefold() for line in address):
        recipient.append(app.company)
    recipient += address
    return (
        "\n".join(sender)
        + f"\n\n{c.written}\n\n"
        + "\n".join(recipient)
        + f"\n\n{written_greeting(person, formal=True)}\n\n{paragraphs(sentences)}\n\n"
        + f"{closing(c, True)}\n\n{cand.full_name}\n"
    )
