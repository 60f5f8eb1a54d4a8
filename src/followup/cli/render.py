"""Rich rendering for the CLI: tables of actions and to-dos, an application's timeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape as esc
from rich.table import Table
from rich.text import Text

from followup.core.model import KIND_WORDS
from followup.core.workdays import duration_words as span
from followup.core.workdays import long_day, short_day, short_when, when_window

STATUS_STYLE = {
    "overdue": "bold red",
    "due": "bold yellow",
    "planned": "cyan",
    "done": "green",
    "skipped": "dim",
}


def console(stderr: bool = False) -> Console:
    """A console; when output is piped it is wide, so tables stay readable in files and pagers."""
    out = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not out.is_terminal:
        out.width = 160
    return out


def when(action: dict[str, Any], now: datetime, tz: ZoneInfo) -> Text:
    """The local due time, then the status and how far it is: 'Thu 26 Nov 09:00\ndue, in 5 h'."""
    due = datetime.fromisoformat(action["due"]).astimezone(tz)
    label = short_when(due, tz)
    if action.get("not_before") and action["kind"] == "check_in":
        label = when_window(datetime.fromisoformat(action["not_before"]), due, tz)
    status = action["status"]
    style = STATUS_STYLE[status]
    if status == "done":
        sent = action.get("sent_at") or action["due"]
        return Text(f"{short_when(datetime.fromisoformat(sent), tz)}\ndone", style=style)
    if status == "skipped":
        return Text(f"{label}\nskipped", style=style)
    if status == "overdue":
        return Text(f"{label}\noverdue by {span((now - due).total_seconds())}", style=style)
    if status == "planned" and action.get("not_before"):
        start = datetime.fromisoformat(action["not_before"]).astimezone(tz)
        text = Text(label)
        text.append(f"\nplanned, in {span((start - now).total_seconds())}", style=style)
        return text
    text = Text(label)
    text.append(f"\ndue, in {span((due - now).total_seconds())}", style=style)
    return text


def action_table(
    actions: Iterable[dict[str, Any]], now: datetime, tz: ZoneInfo, *, show_app: bool = False
) -> Table:
    """When, who and how, what (with the id to type), and why: one row per follow-up."""
    table = Table(show_lines=True, expand=False, pad_edge=False)
    table.add_column("When", no_wrap=True)
    table.add_column("Who, how", max_width=34)
    table.add_column("What", overflow="fold", max_width=26)
    table.add_column("Why", overflow="fold", min_width=30)
    for a in actions:
        who = Text(a["contact_name"], style="bold")
        if show_app:
            who.append(f"\n{a['company']} ({a['application']})")
        who.append(f"\nby {a['method']}")
        table.add_row(
            when(a, now, tz),
            who,
            Text(f"{KIND_WORDS[a['kind']]}\n") + Text(a["id"], style="dim"),
            Text("\n".join(f"• {r}" for r in a["reasons"])),
        )
    return table


def print_todos(out: Console, todos: Sequence[dict[str, Any]]) -> None:
    if not todos:
        return
    out.print("\n[bold]To do[/bold]")
    for t in todos:
        where = f"[dim]{esc(t['company'])} ({t['application']}):[/dim] " if "company" in t else ""
        out.print(f"  • {where}{esc(t['message'])}", highlight=False)


def local_when(at: datetime, tz: ZoneInfo) -> str:
    return short_when(at, tz)


def print_timeline(out: Console, view: Any, now: datetime, tz: ZoneInfo) -> None:
    """An application: facts, interviews with the people met, what was sent, replies, plan.

    Everything the user typed goes through `esc`, so a name like "[bold]" prints as itself.
    """
    from followup.core.jsonable import action_to_dict, todo_to_dict

    app, facts, plan = view.application, view.facts, view.plan
    out.print(
        f"[bold]{esc(app.company)}[/bold] — {esc(app.role)}  [dim](application {app.id})[/dim]"
    )
    facts_line = [
        f"status {app.status}",
        f"decision {app.decision_speed}",
        f"culture {app.culture}",
    ]
    if app.client_facing:
        facts_line.append("client-facing")
    if app.verbal_role:
        facts_line.append("verbal role")
    out.print("  " + ", ".join(facts_line))
    if plan.expected_response_by:
        source = {
            "interview": "said at the interview",
            "application": "on the application",
            "default": "assumed: nobody said",
        }[plan.expected_source]
        day = plan.expected_response_by
        out.print(f"  answer expected by {long_day(day)} ({source})")
    events: list[tuple[datetime, str]] = []
    for i in facts.interviews:
        names = (
            ", ".join(
                esc(p.name) + (f" ({esc(p.title)})" if p.title else "") + f" [dim]#{p.id}[/dim]"
                for p in i.participants
            )
            or "nobody recorded"
        )
        events.append(
            (
                i.start,
                f"[bold]{i.kind.replace('_', '-')} interview[/bold] "
                f"[dim](interview {i.id})[/dim] with {names}",
            )
        )
        for p in i.participants:
            if p.discussed:
                events.append(
                    (i.start, f"    {esc(p.name)} discussed: {esc('; '.join(p.discussed))}")
                )
            if p.liked:
                events.append((i.start, f"    {esc(p.name)} liked: {esc('; '.join(p.liked))}"))
        if i.forgot_to_mention:
            forgot = esc("; ".join(i.forgot_to_mention))
            events.append((i.start, f"    forgot to mention: {forgot}"))
    for s in view.history["sent"]:
        what = (
            f"{KIND_WORDS[s['kind']]} by {s['method']} to {esc(s['name'])} "
            f"[dim](sent {s['id']})[/dim]"
        )
        events.append((s["sent_at"], what))
    for r in view.history["replies"]:
        who = esc(r["name"] or "the company")
        note = f": {esc(r['note'])}" if r.get("note") else ""
        kind = {"update": "update", "auto_reply": "automatic reply"}.get(
            r.get("kind") or "", "reply"
        )
        dates = ""
        if r.get("expected_by"):
            dates = f" (an answer by {short_day(r['expected_by'])})"
        if r.get("until"):
            dates = f" (out of office until {short_day(r['until'])})"
        events.append(
            (
                r["received_at"],
                f"[green]{kind} from {who}[/green]{dates}{note} [dim](reply {r['id']})[/dim]",
            )
        )
    for skip in facts.skipped:
        events.append((skip.at, f"[dim]skipped {esc(skip.action)}[/dim]"))
    out.print("\n[bold]Timeline[/bold]")
    for at, line in sorted(events, key=lambda e: e[0]):
        out.print(f"  {local_when(at, tz)}  {line}", highlight=False)
    open_actions = [action_to_dict(a) for a in plan.open_actions]
    if open_actions:
        out.print("\n[bold]Next[/bold]")
        out.print(action_table(open_actions, now, tz))
    elif app.status == "active":
        out.print("\n[green]Nothing to do: every follow-up is made.[/green]")
    print_todos(out, [todo_to_dict(t) for t in plan.todos])
