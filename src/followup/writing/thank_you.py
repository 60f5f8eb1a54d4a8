"""The sentences of a thank-you and of a check-in, by the shape of each noted item."""

from __future__ import annotations

from followup.writing.context import Context
from followup.writing.dialect import long_date
from followup.writing.frames import Frames
from followup.writing.shapes import Item, as_noun, join


def thank_you_sentences(c: Context) -> list[str]:
    """Thanks with when and the role; this person's topics; what they liked (or why the
    candidate fits); what was forgotten; enthusiasm; the next step."""
    say, v = c.frames.say, c.values()
    out = [say("thanks", "any", **v)]
    if c.discussed:
        groups = c.items_by_group(c.discussed)
        if "about" in groups:
            out.append(say("detail", "about", **v, x=join([i.text for i in groups["about"]])))
        else:
            out.append(say("detail", "clause", **v, x=join_clauses(groups["clause"])))
    if c.liked:
        liked = as_noun(c.liked[0])
        out.append(say("qualified", liked.shape, **v, x=liked.text))
    else:
        out.append(say("qualified", "none", **v))
    if c.forgot:
        groups = c.items_by_group(c.forgot)
        if "clause" in groups:
            out.append(say("forgot", "clause", **v, x=join_clauses(groups["clause"])))
        if "about" in groups:
            out.append(say("forgot", "noun", **v, x=join([i.text for i in groups["about"]])))
    out.append(say("enthusiasm", "any", **v))
    out.append(say("close", "unknown" if c.answer_unknown else "known", **v))
    return out


def check_in_sentences(c: Context, number: int) -> list[str]:
    """A warm, patient check-in: the role, when they met, enthusiasm, an open door."""
    say = c.frames.say
    expected = (
        f", and you mentioned a decision around {long_date(c.expected, c.english)}"
        if c.expected and not c.answer_unknown
        else ""
    )
    v = c.values(expected=expected)
    return [
        say("check_in", "opening", **v),
        say("check_in", "first" if number <= 1 else "again", **v),
        say("check_in", "enthusiasm", **v),
        say("check_in", "close", **v),
    ]


def join_clauses(items: list[Item]) -> str:
    """Clauses as one: "I led the rollout, and I speak Portuguese"."""
    texts = [i.text for i in items]
    return texts[0] if len(texts) == 1 else ", and ".join(texts)


def thank_you_subject(c: Context) -> str:
    """The thank-you's subject line (a check-in replies to it, so it is the same for both)."""
    frames = Frames(c.interview.id + "thank_you", c.frames.position, c.english, False)
    return frames.say("subject", "thank_you", **c.values())
