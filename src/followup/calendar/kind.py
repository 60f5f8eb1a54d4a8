"""How the interview is held, from the invitation's conference data: video, phone or in person.

A link to Meet, Teams, Zoom, Webex (and the like) anywhere in the event makes it a video call,
whatever dial-in numbers come with it; a dial-in alone makes it a phone call; else in person.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from followup.calendar.people import conferencing
from followup.core.model import InterviewKind

# Where providers put the join link or the dial-in.
_FIELDS = (
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
    "CONFERENCE",
    "URL",
    "LOCATION",
    "DESCRIPTION",
    "X-ALT-DESC",
)
_PHONE_NUMBER = re.compile(r"\+?\(?\d[\d\s().\-]{6,}\d")
_PHONE_LOCATION = re.compile(r"^\s*(?:tele)?phone(?:\s+(?:call|interview|screen))?\s*$", re.I)


@functools.cache
def _video() -> re.Pattern[str]:
    return re.compile("|".join(conferencing()["video_links"]), re.I)


def _texts(event: Any) -> list[str]:
    found: list[str] = []
    for name in _FIELDS:
        value = event.get(name)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                found.append(str(item))
    return found


def meeting_kind(event: Any) -> InterviewKind:
    """video, phone or in_person, for one VEVENT."""
    texts = _texts(event)
    if any(_video().search(t) for t in texts):
        return "video"
    joined = "\n".join(texts)
    lowered = joined.casefold()
    if "tel:" in lowered:
        return "phone"
    words = conferencing()["dial_in_words"]
    if any(w in lowered for w in words) and _PHONE_NUMBER.search(joined):
        return "phone"
    if _PHONE_LOCATION.match(str(event.get("LOCATION") or "")):
        return "phone"
    return "in_person"
