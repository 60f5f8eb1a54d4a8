"""Whether a company's reply is its answer or an update, and the date an update promises. Pure.

An update says the decision is not made yet ("we are still interviewing; we expect to decide by
10 December"): it re-arms the check-ins after that date instead of ending them. Anything else a
person at the company writes back counts as their answer, as before: a false "update" would keep
nudging someone who has answered, which is the worse mistake. So an update needs the wording of
one, and any sign of a decision (an offer, a regret, another candidate chosen) makes it an answer.
Only the reply's own words count: quoted lines and the quoted original below "On ... wrote:"
are left out, so the candidate's own "I look forward to hearing by Friday" never does.
"""

from __future__ import annotations

import re
from datetime import date

from followup.mail.returndate import return_date

_UPDATE = re.compile(
    r"\b(?:"
    r"(?:still|currently)\s+(?:in\s+the\s+process\s+of\s+)?(?:interviewing|reviewing|evaluating|"
    r"deciding|considering|meeting|speaking|talking|finali[sz]ing|working\s+through)"
    r"|(?:no|not\s+(?:yet\s+)?(?:made\s+)?a|haven'?t\s+(?:yet\s+)?made\s+a|have\s+not\s+(?:yet\s+)?"
    r"made\s+a|not\s+reached\s+a)\s+(?:final\s+)?decision(?:\s+yet)?"
    r"|(?:taking|take)\s+(?:a\s+(?:bit|little)\s+)?longer"
    r"|(?:delayed|pushed\s+back|postponed|on\s+hold)"
    r"|(?:get\s+back\s+to\s+you|be\s+in\s+touch|let\s+you\s+know|update\s+you|follow\s+up\s+with\s+you"
    r"|have\s+(?:an?\s+)?(?:update|answer|decision)\s+for\s+you|circle\s+back)\s+"
    r"(?:by|before|on|next|early|later|within|at\s+the\s+end|in\s+(?:the\s+)?(?:coming|next))"
    r")",
    re.IGNORECASE,
)
_DECIDED = re.compile(
    r"\b(?:"
    r"(?:pleased|happy|delighted|excited|thrilled)\s+to\s+(?:offer|extend)|offer\s+you|an\s+offer"
    r"|regret|unfortunately|we\s+(?:have|'ve)\s+decided|decided\s+(?:to|not)"
    r"|(?:move|moving|proceed|proceeding|go|going)\s+forward\s+with\s+(?:another|other|a\s+different)"
    r"|not\s+(?:to\s+)?(?:move|moving|proceed|proceeding)\s+(?:forward|further)"
    r"|other\s+candidates|another\s+candidate|position\s+has\s+been\s+filled|no\s+longer\s+"
    r"(?:considering|moving)|welcome\s+(?:you\s+)?(?:to|aboard)|next\s+round|second\s+round"
    r"|final\s+round|schedule\s+(?:a|an|your)\s+(?:call|interview|meeting)"
    r")",
    re.IGNORECASE,
)
# a quoted original starts at a line such as "On Tue, 24 Nov 2026, Jordan wrote:" or a rule
_QUOTED_START = re.compile(
    r"^(?:On\s.{0,200}\bwrote:|-{2,}\s*Original Message\s*-{2,}|From:\s.+|_{10,})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_PROMISE = re.compile(
    r"\b(?:by|before|on|until|no\s+later\s+than|end\s+of|around|next|early|latest)\b",
    re.IGNORECASE,
)


def own_words(text: str) -> str:
    """The reply without the quoted original: lines before "On ... wrote:", none starting '>'."""
    found = _QUOTED_START.search(text)
    head = text[: found.start()] if found else text
    return "\n".join(line for line in head.splitlines() if not line.lstrip().startswith(">"))


def reply_kind(text: str, sent_on: date) -> tuple[str, date | None]:
    """("update", the date promised or None) when the reply says the decision is still to come;
    else ("answer", None)."""
    words = own_words(text)
    if not _UPDATE.search(words) or _DECIDED.search(words):
        return "answer", None
    promised = return_date(words, sent_on, _PROMISE)
    return "update", promised if promised is not None and promised > sent_on else None
