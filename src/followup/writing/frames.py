"""Sentence frames from the phrase bank (writing/data/phrases.toml), chosen so that people met
together never share one, in the candidate's spelling and the note's register."""

from __future__ import annotations

import functools
from typing import Any

from followup.core.model import English
from followup.writing.dialect import contract, respell
from followup.writing.lexicon import data_file


@functools.cache
def bank(slot: str, group: str) -> tuple[str, ...]:
    """The frames of one slot for one shape group."""
    section: Any = data_file("phrases.toml")[slot]
    return tuple(section[group])


class Frames:
    """The frames of one draft: person `position` of the interview takes frame number
    `start + position` of every slot, so a panel's notes never share a frame (the banks hold
    seven of each), and the same draft always reads the same."""

    def __init__(self, seed: str, position: int, english: English, informal: bool) -> None:
        self._seed = sum(map(ord, seed))
        self.position = position
        self.english = english
        self.informal = informal
        self.used: list[str] = []

    def index(self, slot: str, group: str, count: int) -> int:
        start = self._seed + sum(map(ord, slot + group))
        return (start + self.position) % count

    def say(self, slot: str, group: str, **values: Any) -> str:
        """A frame of the slot, filled with `values`."""
        frames = bank(slot, group)
        n = self.index(slot, group, len(frames))
        self.used.append(f"{slot}.{group}.{n}")
        frame = respell(frames[n], self.english)
        if self.informal:
            frame = contract(frame)
        return frame.format(**values)
