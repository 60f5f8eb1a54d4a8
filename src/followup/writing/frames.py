"""Sentence frames from the phrase bank (writing/data/phrases.toml), chosen so that people met
together never share one, and so that a note never says the same thing twice, in the
candidate's spelling and the note's register."""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable
from typing import Any

from followup.core.model import English
from followup.writing.dialect import comma_after_dates, contract, respell
from followup.writing.lexicon import data_file, data_list

# A panel's notes take different frames of a slot: of a panel of n, person p may take the frames
# numbered p, p + n, p + 2n, ... (counted from a start that depends on the interview), the
# first of them that repeats no word the note already has.
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_WORD = re.compile(r"[A-Za-z]+")


def stem(word: str) -> str | None:
    """A content word's stem, to spot a repeat ("mentioned" ~ "mention"); None for a word
    that carries no content of its own."""
    w = word.lower()
    if len(w) < 4 or w in data_list("grammar.toml", "function_words"):
        return None
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:6]


def stems(text: str) -> set[str]:
    return {s for s in map(stem, _WORD.findall(text)) if s}


@functools.cache
def bank(slot: str, group: str) -> tuple[str, ...]:
    """The frames of one slot for one shape group."""
    section: Any = data_file("phrases.toml")[slot]
    return tuple(section[group])


def has(slot: str, group: str) -> bool:
    section: Any = data_file("phrases.toml").get(slot, {})
    return group in section


@functools.cache
def _frame_stems(frame: str) -> frozenset[str]:
    """The content words of a frame; a frame naming the company counts "{company}" as one,
    so a note names it once where it can."""
    words = stems(_PLACEHOLDER.sub(" ", frame))
    return frozenset(words | ({"{company}"} if "{company}" in frame else set()))


def _start(seed: str, slot: str, group: str) -> int:
    """Where a panel starts counting in one bank: a hash of the interview and the bank, so the
    choices of two slots are not tied to each other (a sum would give everyone who takes one
    skeleton the same frame in every other slot)."""
    return zlib.crc32(f"{seed}|{slot}|{group}".encode())


class Frames:
    """The frames of one draft. Of a panel of n people, person p takes, in every slot, one
    of the frames numbered p, p + n, p + 2n, ... from a start that depends on the interview, so
    a panel's notes never share a frame and the same draft always reads the same. The words of
    the user's own notes and of every sentence said so far are remembered, and the frame chosen
    is the first of the person's own that repeats none of them (else the one that repeats
    fewest)."""

    def __init__(
        self, seed: str, position: int, english: English, informal: bool, panel: int = 7
    ) -> None:
        self._seed = seed
        self.position = position
        self.panel = max(1, panel)
        self.english = english
        self.informal = informal
        self.used: list[str] = []
        self.said: set[str] = set()
        self._phrases: dict[str, str] = {}

    def reserve(self, texts: Iterable[str]) -> None:
        """Words the note will carry anyway (names, the role, the user's notes): frames
        avoid them."""
        for text in texts:
            self.said |= stems(text)

    def index(self, slot: str, group: str, count: int) -> int:
        start = _start(self._seed, slot, group)
        return (start + self.position) % count

    def pick(self, slot: str, group: str, item: str = "") -> int:
        """The number of the frame this draft takes: the first of its own frames that repeats
        no word the note has, nor the item's first word ("on on-call rotations")."""
        frames = bank(slot, group)
        count = len(frames)
        start = _start(self._seed, slot, group)
        size = min(self.panel, count)
        own = range(self.position % size, count, size)
        candidates = [(start + n) % count for n in own]
        first = _WORD.match(item)
        if first is not None:
            doubled = re.compile(rf"\b{re.escape(first.group())} \{{x\}}", re.IGNORECASE)
            candidates = [n for n in candidates if not doubled.search(frames[n])] or candidates

        def cost(n: int) -> float:
            # naming the company a second time is allowed; repeating a word is not
            clash = self._words_of(frames[n]) & self.said
            return len(clash) - 0.9 * ("{company}" in clash)

        return min(candidates, key=cost)

    def _words_of(self, frame: str) -> frozenset[str]:
        """The frame's own words and those of the phrases it names ("speaking with me over
        video" for {meeting})."""
        words = _frame_stems(frame)
        for name, value in self._phrases.items():
            if "{" + name + "}" in frame:
                words |= stems(value)
        return words

    def say(self, slot: str, group: str, **values: Any) -> str:
        """A frame of the slot, filled with `values`."""
        item = str(values.get("x", ""))
        self._phrases = {k: str(values[k]) for k in ("meeting",) if k in values}
        n = self.pick(slot, group, item)
        frame = bank(slot, group)[n]
        if re.match(r"(?i)(?:on|of|in|for)\b", item):
            # "our talk on on-call rotations": the item's own first word takes the place
            frame = re.sub(r"\b(?:on|of|in|for) \{x\}", "about {x}", frame)
        self.used.append(f"{slot}.{group}.{n}")
        self.said |= self._words_of(frame)
        frame = comma_after_dates(respell(frame, self.english), self.english)
        if self.informal:
            frame = contract(frame)
        text = frame.format(**values)
        return text[0].upper() + text[1:]
