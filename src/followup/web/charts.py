"""Server-rendered SVG charts: an application's timeline, and thank-yous sent on time.

Plain SVG strings, every label escaped; no script, so they live within the page's CSP.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from markupsafe import Markup

from followup.core import limits
from followup.core.model import Plan

WIDTH, HEIGHT, PAD = 720, 150, 36
COLORS = {
    "interview": "#2f5d8a",
    "sent": "#2e7d32",
    "reply": "#7b3fa0",
    "planned": "#c77700",
    "now": "#b00020",
}


def timeline_svg(view: object, now: datetime, tz: ZoneInfo) -> Markup:
    """Interviews, what was sent, replies and the open follow-ups on one time axis."""
    facts = view.facts  # type: ignore[attr-defined]
    plan: Plan = view.plan  # type: ignore[attr-defined]
    history = view.history  # type: ignore[attr-defined]
    events: list[tuple[datetime, str, str, int]] = []  # when, kind, label, lane
    for i in facts.interviews:
        names = ", ".join(p.name for p in i.participants)
        events.append((i.start, "interview", f"{i.kind.replace('_', '-')} interview: {names}", 0))
    for s in history["sent"]:
        kind = "thank-you" if s["kind"] == "thank_you" else "check-in"
        events.append((s["sent_at"], "sent", f"{kind} by {s['method']} to {s['name']}", 1))
    for r in history["replies"]:
        events.append((r["received_at"], "reply", f"reply from {r['name'] or 'the company'}", 2))
    for a in plan.open_actions:
        kind = "thank-you" if a.kind == "thank_you" else "check-in"
        events.append((a.due, "planned", f"{kind} to {a.contact_name}, due", 1))
    # a date outside the limits' years (stored before they were enforced) has no place on a
    # chart of weeks, and would overflow the axis: it is left off, never a failed page
    events = [e for e in events if limits.FIRST_DAY < e[0].date() < limits.LAST_DAY]
    if not events:
        return Markup("")
    times = [e[0] for e in events] + [now]
    start = min(times) - timedelta(days=1)
    end = max(times) + timedelta(days=1)
    span = (end - start).total_seconds()

    def x(moment: datetime) -> float:
        return PAD + (moment - start).total_seconds() / span * (WIDTH - 2 * PAD)

    lanes = {0: 40, 1: 75, 2: 110}
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="timeline-title">Timeline of this application</title>',
        f'<line x1="{PAD}" y1="130" x2="{WIDTH - PAD}" y2="130" stroke="#888" />',
    ]
    for label, lane in (("interviews", 0), ("follow-ups", 1), ("replies", 2)):
        parts.append(f'<text x="4" y="{lanes[lane] + 4}" class="lane">{label}</text>')
    for when, kind, label, lane in sorted(events, key=lambda e: e[0]):
        cx, cy = x(when), lanes[lane]
        local = when.astimezone(tz)
        title = escape(f"{local:%a %d %b %H:%M}: {label}")
        color = COLORS[kind]
        if kind == "planned":
            shape = (
                f'<circle cx="{cx:.1f}" cy="{cy}" r="6" fill="white" stroke="{color}" '
                'stroke-width="2.5">'
            )
        elif kind == "interview":
            shape = f'<rect x="{cx - 6:.1f}" y="{cy - 6}" width="12" height="12" fill="{color}">'
        elif kind == "reply":
            shape = (
                f'<polygon points="{cx:.1f},{cy - 7} {cx + 7:.1f},{cy} {cx:.1f},{cy + 7} '
                f'{cx - 7:.1f},{cy}" fill="{color}">'
            )
        else:
            shape = f'<circle cx="{cx:.1f}" cy="{cy}" r="6" fill="{color}">'
        tag = shape.split(" ", 1)[0][1:]
        parts.append(f"{shape}<title>{title}</title></{tag}>")
    nx = x(now)
    parts.append(
        f'<line x1="{nx:.1f}" y1="22" x2="{nx:.1f}" y2="130" stroke="{COLORS["now"]}" '
        'stroke-dasharray="4 3" />'
        f'<text x="{nx + 3:.1f}" y="20" class="now">now</text>'
    )
    for moment, anchor in ((start + timedelta(days=1), "start"), (end - timedelta(days=1), "end")):
        local = moment.astimezone(tz)
        parts.append(
            f'<text x="{x(moment):.1f}" y="146" text-anchor="{anchor}" class="axis">'
            f"{local:%d %b}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def timeliness_svg(on_time: int, late: int, missed: int, days: int) -> Markup:
    """A bar of thank-yous sent within the window of R1, late, or never, with the share on time."""
    from followup.core import rules

    total = on_time + late + missed
    if not total:
        return Markup("")
    width = 320
    parts = [
        f'<svg class="timeliness" viewBox="0 0 {width} 56" role="img" '
        'aria-labelledby="timeliness-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeliness-title">Thank-yous in the last {days} days: {on_time} on time, '
        f"{late} late, {missed} never sent</title>",
    ]
    offset = 0.0
    for count, color, label in (
        (on_time, "#2e7d32", "on time"),
        (late, "#c77700", "late"),
        (missed, "#b00020", "never sent"),
    ):
        if count:
            w = count / total * width
            parts.append(
                f'<rect x="{offset:.1f}" y="0" width="{w:.1f}" height="22" fill="{color}">'
                f"<title>{count} {label}</title></rect>"
            )
            offset += w
    parts.append(
        f'<text x="0" y="44" class="share">{on_time / total:.0%} within {rules.window_words()} '
        f"({on_time} of {total})</text></svg>"
    )
    return Markup("".join(parts))
