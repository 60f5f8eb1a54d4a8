"""Server-rendered SVG charts: an application's timeline and thank-yous sent on time, and the
list of the same facts under each chart (a tap or the keyboard reaches them there).

Plain SVG strings, every label escaped; no script, so they live within the page's CSP. The
timeline is drawn at its own width in a box that scrolls sideways on a phone, so its labels
stay 11 px and more; marks at one moment are spread apart, never drawn on each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from followup.core import limits
from followup.core.model import KIND_WORDS
from followup.core.workdays import short_day, short_when

WIDTH, HEIGHT, PAD, LEFT = 720, 200, 36, 96
MARK = 14  # a mark's width: marks closer than this are spread apart
COLORS = {
    "interview": "#2f5d8a",
    "sent": "#2e7d32",
    "reply": "#7b3fa0",
    "planned": "#c77700",
    "now": "#b00020",
}
REPLY_WORDS = {"update": "update", "auto_reply": "automatic reply"}
LANES = {"interview": 48, "sent": 88, "planned": 88, "reply": 128}
LEGEND = (
    ("interview", "interview"),
    ("sent", "sent"),
    ("planned", "planned"),
    ("reply", "reply"),
)


@dataclass(frozen=True)
class Entry:
    """One fact of the timeline, as the list under the chart shows it."""

    when: datetime
    kind: str  # interview, sent, reply, skipped, planned
    text: str
    detail: str = ""
    edit: str | None = None
    delete: tuple[str, int, str] | None = None  # kind of record, id, what it is in words


def timeline_entries(view: Any, now: datetime) -> list[Entry]:
    """Every interview, follow-up sent, reply, skip and planned follow-up, in date order."""
    facts, plan, history = view.facts, view.plan, view.history
    out: list[Entry] = []
    for i in facts.interviews:
        names = ", ".join(p.name + (f" ({p.title})" if p.title else "") for p in i.participants)
        notes = [
            f"{p.name}: {'; '.join(p.discussed)}"
            + (f" — liked {'; '.join(p.liked)}" if p.liked else "")
            for p in i.participants
            if p.discussed or p.liked
        ]
        if i.forgot_to_mention:
            notes.append(f"forgot to mention: {'; '.join(i.forgot_to_mention)}")
        kind = i.kind.replace("_", "-")
        out.append(
            Entry(
                i.start,
                "interview",
                f"{kind} interview with {names or 'nobody recorded'}",
                " / ".join(notes),
                edit=f"/interviews/{i.id}/edit",
                delete=("interview", int(i.id), f"the {kind} interview with {names}"),
            )
        )
    for s in history["sent"]:
        what = f"{KIND_WORDS[s['kind']]} to {s['name']}"
        out.append(
            Entry(
                s["sent_at"],
                "sent",
                f"{what} sent by {s['method']}",
                delete=("sent", int(s["id"]), f"the record of the {what}"),
            )
        )
    for r in history["replies"]:
        who = r["name"] or "the company"
        dates = ""
        if r.get("expected_by"):
            dates = f" (an answer by {short_day(r['expected_by'])})"
        if r.get("until"):
            dates = f" (out of office until {short_day(r['until'])})"
        said = f": {r['note']}" if r.get("note") else ""
        word = REPLY_WORDS.get(r.get("kind") or "", "reply")
        out.append(
            Entry(
                r["received_at"],
                "reply",
                f"{word} from {who}{dates}{said}",
                delete=("reply", int(r["id"]), f"the {word} from {who}"),
            )
        )
    names = {p.id: p.name for i in facts.interviews for p in i.participants}
    for k in facts.skipped:
        action = next((a for a in plan.actions if a.id == k.action), None)
        who = names.get(action.contact, "") if action else ""
        what = KIND_WORDS[action.kind] if action else "follow-up"
        out.append(Entry(k.at, "skipped", f"skipped the {what}" + (f" to {who}" if who else "")))
    if facts.application.status == "active":
        for a in plan.open_actions:
            out.append(Entry(a.due, "planned", f"{KIND_WORDS[a.kind]} to {a.contact_name} due"))
    out = [e for e in out if limits.FIRST_DAY < e.when.date() < limits.LAST_DAY]
    return sorted(out, key=lambda e: (e.when.timestamp(), e.kind))


def _spread(xs: list[float]) -> list[float]:
    """Positions moved apart so no two marks overlap; each group stays centred on its time."""
    out = list(xs)
    order = sorted(range(len(xs)), key=lambda n: xs[n])
    group: list[int] = []

    def place(members: list[int]) -> None:
        centre = sum(xs[n] for n in members) / len(members)
        first = centre - (len(members) - 1) * MARK / 2
        for k, n in enumerate(members):
            out[n] = first + k * MARK

    for n in order:
        if group and xs[n] - xs[group[-1]] >= MARK:
            place(group)
            group = []
        group.append(n)
    if group:
        place(group)
    return out


def _shape(kind: str, cx: float, cy: float) -> str:
    color = COLORS[kind]
    if kind == "planned":
        return (
            f'<circle cx="{cx:.1f}" cy="{cy}" r="6" fill="white" stroke="{color}" '
            'stroke-width="2.5">'
        )
    if kind == "interview":
        return f'<rect x="{cx - 6:.1f}" y="{cy - 6}" width="12" height="12" fill="{color}">'
    if kind == "reply":
        return (
            f'<polygon points="{cx:.1f},{cy - 7} {cx + 7:.1f},{cy} {cx:.1f},{cy + 7} '
            f'{cx - 7:.1f},{cy}" fill="{color}">'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy}" r="6" fill="{color}">'


def timeline_svg(view: Any, now: datetime, tz: ZoneInfo) -> Markup:
    """Interviews, what was sent, replies and the open follow-ups on one time axis, with a
    legend; the list under it (timeline_entries) says the same in words."""
    entries = [e for e in timeline_entries(view, now) if e.kind in LANES]
    if not entries:
        return Markup("")
    times = [e.when for e in entries] + [now]
    start = min(times) - timedelta(days=1)
    end = max(times) + timedelta(days=1)
    span = (end - start).total_seconds()

    def x(moment: datetime) -> float:
        return LEFT + (moment - start).total_seconds() / span * (WIDTH - LEFT - PAD)

    parts = [
        f'<div class="chart"><svg class="timeline" width="{WIDTH}" viewBox="0 0 {WIDTH} '
        f'{HEIGHT}" role="img" aria-labelledby="timeline-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="timeline-title">Timeline of this application (the list below says the '
        "same)</title>",
        f'<line x1="{LEFT}" y1="150" x2="{WIDTH - PAD}" y2="150" stroke="#888" />',
    ]
    for label, kind in (("interviews", "interview"), ("follow-ups", "sent"), ("replies", "reply")):
        parts.append(f'<text x="4" y="{LANES[kind] + 4}" class="lane">{label}</text>')
    by_lane: dict[int, list[Entry]] = {}
    for e in entries:
        by_lane.setdefault(LANES[e.kind], []).append(e)
    for lane, these in by_lane.items():
        for e, cx in zip(these, _spread([x(e.when) for e in these]), strict=True):
            title = escape(f"{short_when(e.when, tz)}: {e.text}")
            shape = _shape(e.kind, cx, lane)
            tag = shape.split(" ", 1)[0][1:]
            parts.append(f"{shape}<title>{title}</title></{tag}>")
    nx = x(now)
    parts.append(
        f'<line x1="{nx:.1f}" y1="30" x2="{nx:.1f}" y2="150" stroke="{COLORS["now"]}" '
        'stroke-dasharray="4 3" />'
        f'<text x="{nx + 3:.1f}" y="26" class="now">now</text>'
    )
    for moment, anchor in ((start + timedelta(days=1), "start"), (end - timedelta(days=1), "end")):
        parts.append(
            f'<text x="{x(moment):.1f}" y="168" text-anchor="{anchor}" class="axis">'
            f"{short_day(moment.astimezone(tz).date())}</text>"
        )
    legend_x = 4  # from the left edge: the whole legend shows on a phone before any scrolling
    for kind, label in LEGEND:
        shape = _shape(kind, legend_x + 6, 188)
        tag = shape.split(" ", 1)[0][1:]
        parts.append(f"{shape}</{tag}>")
        parts.append(f'<text x="{legend_x + 16}" y="192" class="legend">{label}</text>')
        legend_x += 24 + 8 * len(label)
    parts.append("</svg></div>")
    return Markup("".join(parts))


def timeliness_svg(on_time: int, late: int, missed: int, days: int) -> Markup:
    """A bar of thank-yous sent within the window of R1, late, or never, with its legend and
    the share on time; the counts are listed in words under it."""
    from followup.core import rules

    total = on_time + late + missed
    if not total:
        return Markup("")
    width = 320
    parts = [
        f'<svg class="timeliness" viewBox="0 0 {width} 84" role="img" '
        'aria-labelledby="timeliness-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeliness-title">Thank-yous in the last {days} days: {on_time} on time, '
        f"{late} late, {missed} never sent</title>",
    ]
    offset = 0.0
    kinds = (
        (on_time, "#2e7d32", "on time"),
        (late, "#c77700", "late"),
        (missed, "#b00020", "never sent"),
    )
    for count, color, label in kinds:
        if count:
            w = count / total * width
            parts.append(
                f'<rect x="{offset:.1f}" y="0" width="{w:.1f}" height="22" fill="{color}">'
                f"<title>{count} {label}</title></rect>"
            )
            offset += w
    parts.append(
        f'<text x="0" y="42" class="share">{on_time / total:.0%} within {rules.window_words()} '
        f"({on_time} of {total})</text>"
    )
    legend_x = 0
    for count, color, label in kinds:
        parts.append(
            f'<rect x="{legend_x}" y="56" width="12" height="12" fill="{color}" />'
            f'<text x="{legend_x + 16}" y="67" class="legend">{label} ({count})</text>'
        )
        legend_x += 30 + 8 * len(f"{label} ({count})")
    parts.append("</svg>")
    return Markup("".join(parts))
