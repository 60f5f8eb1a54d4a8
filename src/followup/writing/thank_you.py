"""The sentences of a thank-you and of a check-in, by the shape of each noted item, laid out in
one of several skeletons (the order of the parts, which of them share a sentence, where the
paragraphs break), so the notes of a panel differ in build as well as in wording."""

from __future__ import annotations

from collections.abc import Callable

from followup.writing.context import Context
from followup.writing.dialect import long_date
from followup.writing.frames import Frames, bank
from followup.writing.shapes import Item, as_noun, join

Paragraphs = list[list[str]]


def skeleton(c: Context, kind: str) -> list[list[str]]:
    """This draft's skeleton: paragraphs of slot names ("thanks detail | qualified forgot")."""
    shapes = bank("skeleton", kind)
    n = c.frames.index("skeleton", kind, len(shapes))
    c.frames.used.append(f"skeleton.{kind}.{n}")
    chosen = shapes[n]
    return [part.split() for part in chosen.split("|")]


def _about(c: Context) -> list[Item]:
    """The discussed items said after "about" (nouns, gerunds, how/what clauses)."""
    return [i for i in c.discussed if i.group == "about"]


def thank_you_sentences(c: Context) -> Paragraphs:
    """Thanks with when and the role; this person's topics; what they liked (or why the
    candidate fits); what was forgotten; enthusiasm; the next step, in this draft's order."""
    say, v = c.frames.say, c.values()
    about = _about(c)
    merged_ok = bool(about)

    def detail() -> list[str]:
        if not c.discussed:
            return []
        if about:
            theirs = all(i.spoken_of_by_reader for i in about)
            return [say("detail", "theirs" if theirs else "about", **v, x=join_texts(about))]
        clauses = [i for i in c.discussed if i.group == "clause"]
        return [say("detail", "clause", **v, x=join_clauses(clauses))]

    def qualified() -> list[str]:
        if not c.liked:
            return [say("qualified", "none", **v)]
        liked = as_noun(c.liked[0])
        return [say("qualified", liked.shape, **v, x=liked.text)]

    def forgot() -> list[str]:
        groups = c.items_by_group(c.forgot)
        out = []
        if "clause" in groups:
            out.append(say("forgot", "clause", **v, x=join_clauses(groups["clause"])))
        if "about" in groups:
            second = "also" if out else "noun"
            out.append(say("forgot", second, **v, x=join_texts(groups["about"])))
        return out

    def closing(slot: str) -> Callable[[], list[str]]:
        return lambda: [say(slot, "unknown" if c.answer_unknown else "known", **v)]

    parts: dict[str, Callable[[], list[str]]] = {
        "thanks": lambda: [say("thanks", "any", **v)],
        "thanks_detail": lambda: [say("thanks_detail", "about", **v, x=join_texts(about))],
        "opening_detail": lambda: [say("opening_detail", "about", **v, x=join_texts(about))],
        "thanks_after": lambda: [say("thanks_after", "any", **v)],
        "detail": detail,
        "qualified": qualified,
        "forgot": forgot,
        "enthusiasm": lambda: [say("enthusiasm", "any", **v)],
        "close": closing("close"),
        "enthusiasm_close": closing("enthusiasm_close"),
    }
    out: Paragraphs = []
    for paragraph in skeleton(c, "thank_you"):
        if not merged_ok:
            paragraph = _unmerged(paragraph)
        sentences = [s for slot in paragraph for s in parts[slot]()]
        if sentences:
            out.append(sentences)
    return out


def _unmerged(paragraph: list[str]) -> list[str]:
    """A skeleton's paragraph without the slots that weave a topic into the thanks, for a
    note whose topics are clauses or absent."""
    out: list[str] = []
    for slot in paragraph:
        if slot in ("thanks_detail", "opening_detail"):
            out += ["thanks", "detail"]
        elif slot != "thanks_after":
            out.append(slot)
    return out


def check_in_sentences(c: Context, number: int) -> Paragraphs:
    """A warm, patient check-in: the role, when they met, enthusiasm, an open door."""
    say = c.frames.say
    if number > 1:
        reference = "again"
    elif c.expected and not c.answer_unknown:
        reference = "expected"
    else:
        reference = "plain"
    expected = long_date(c.expected, c.english) if c.expected else ""
    v = c.values(expected=expected)
    parts = {
        "opening": lambda: say("check_in", "opening", **v),
        "ref": lambda: say("check_in", reference, **v),
        "enthusiasm": lambda: say("check_in", "enthusiasm", **v),
        "close": lambda: say("check_in", "close", **v),
    }
    return [[parts[slot]() for slot in paragraph] for paragraph in skeleton(c, "check_in")]


def join_texts(items: list[Item]) -> str:
    return join([i.text for i in items])


def join_clauses(items: list[Item]) -> str:
    """Clauses as one: "I led the rollout, and I speak Portuguese"."""
    texts = [i.text for i in items]
    return texts[0] if len(texts) == 1 else ", and ".join(texts)


def thank_you_subject(c: Context) -> str:
    """The thank-you's subject line (a check-in replies to it, so it is the same for both)."""
    frames = Frames(
        c.interview.id + "thank_you", c.frames.position, c.english, False, c.frames.panel
    )
    return frames.say("subject", "thank_you", **c.values())
