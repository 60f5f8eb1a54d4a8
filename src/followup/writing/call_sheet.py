"""A call sheet: the key points in order, a voicemail script, and the number to call (or what
to do when there is none). Key points speak to the candidate ("remind them that you led ..."),
the voicemail to the person called."""

from __future__ import annotations

from followup.writing.context import Context
from followup.writing.dialect import contract
from followup.writing.people import spoken_greeting
from followup.writing.shapes import as_noun, join, noted, to_candidate
from followup.writing.thank_you import join_clauses


def key_points(c: Context, check_in: int) -> list[str]:
    say, v = c.frames.say, c.values()
    if check_in:
        return [
            say("call", "check_in_intro", **v),
            say("call", "check_in_feel", **v),
            say("call", "enthusiasm", **v),
            say("call", "check_in_news", **v),
        ]
    points = [say("call", "intro", **v), say("call", "thanks", **v)]
    discussed = [to_candidate(noted(d)) for d in c.discussed_notes]
    if discussed:
        groups = c.items_by_group(discussed)
        if "about" in groups:
            x = join([i.text for i in groups["about"]])
            points.append(say("call", "detail_about", **v, x=x))
        else:
            points.append(say("call", "detail_clause", **v, x=join_clauses(groups["clause"])))
    if c.person.liked:
        liked = to_candidate(as_noun(noted(c.person.liked[0])))
        points.append(say("call", f"qualified_{liked.shape}", **v, x=liked.text))
    else:
        points.append(say("call", "qualified_none", **v))
    forgot = [to_candidate(noted(f)) for f in c.forgot_notes]
    if forgot:
        groups = c.items_by_group(forgot)
        if "clause" in groups:
            points.append(say("call", "forgot_clause", **v, x=join_clauses(groups["clause"])))
        if "about" in groups:
            x = join([i.text for i in groups["about"]])
            points.append(say("call", "forgot_noun", **v, x=x))
    points.append(say("call", "enthusiasm", **v))
    if c.answer_unknown:
        points.append(say("call", "ask_date", **v))
    return points


def voicemail(c: Context, check_in: int) -> str:
    """What to say to a voicemail: who is calling, thanks, at most one topic, enthusiasm, how
    to call back; each part from its own bank, so no word comes twice."""
    say = c.frames.say
    phone = c.candidate.phone
    reach = phone or c.candidate.email or "the number in my email"
    v = c.values(reach=reach)
    reach_bank = "reach" if phone or not c.candidate.email else "reach_email"
    hello = f"{spoken_greeting(c.person)}, this is {c.me}."
    if check_in:
        line = say("voicemail", reach_bank, **v)
        return contract(f"{hello} {say('voicemail', 'check_in', **v, reach_line=line)}")
    parts = [hello, say("voicemail", "thanks", **v)]
    about = [i for i in c.discussed if i.group == "about"][:1]
    if about:
        group = "theirs" if about[0].spoken_of_by_reader else "about"
        parts.append(say("voicemail", group, **v, x=about[0].text))
    parts += [say("voicemail", "enthusiasm", **v), say("voicemail", reach_bank, **v)]
    parts.append(say("voicemail", "bye", **v))
    return contract(" ".join(parts))


def call_sheet(c: Context, check_in: int) -> tuple[tuple[str, ...], str, str]:
    """Key points in order, a voicemail script, and the whole call sheet as text."""
    person, app = c.person, c.app
    points = key_points(c, check_in)
    script = voicemail(c, check_in)
    who = f"{person.name} ({person.title + ', ' if person.title else ''}{app.company})"
    if person.phone:
        header = f"Call {who} at {person.phone}"
    else:
        header = (
            f"Call {who}: no phone number on file. Look for one in their email signature or "
            "ask the recruiter; if you cannot find one, send this as an email instead"
        )
    sheet = (
        f"{header}\n\nKey points, in order:\n"
        + "\n".join(f"{n}. {p}" for n, p in enumerate(points, start=1))
        + f"\n\nIf you reach voicemail:\n{script}\n"
    )
    return tuple(points), script, sheet
