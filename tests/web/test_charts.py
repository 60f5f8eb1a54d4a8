"""The charts' SVG: legends on both, marks at one moment spread apart, every label escaped."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from followup.core.model import (
    Application,
    Candidate,
    Facts,
    Interview,
    Participant,
    Sent,
)
from followup.core.plan import plan_application
from followup.web.charts import timeline_entries, timeline_svg, timeliness_svg

TZ = ZoneInfo("America/New_York")
END = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


def view(names: list[str]) -> SimpleNamespace:
    people = tuple(
        Participant(id=str(n + 1), name=name, email=f"p{n}@globex.example")
        for n, name in enumerate(names)
    )
    facts = Facts(
        candidate=Candidate(full_name="Jordan A. Rivera", timezone="America/New_York"),
        application=Application(company="Globex", role="Analyst", id="1"),
        interviews=(Interview("1", "video", END - timedelta(hours=1), END, people),),
        sent=tuple(Sent("thank_you", p.id, "email", END + timedelta(hours=2), "1") for p in people),
    )
    sent = [
        {"id": n + 1, "kind": "thank_you", "method": "email", "name": p.name,
         "sent_at": END + timedelta(hours=2)}
        for n, p in enumerate(people)
    ]  # fmt: skip
    return SimpleNamespace(
        facts=facts,
        plan=plan_application(facts, END + timedelta(days=1)),
        history={"sent": sent, "replies": []},
    )


def test_three_thank_yous_at_one_moment_are_three_marks_apart() -> None:
    svg = str(timeline_svg(view(["Ann Lee", "Bo Kim", "Cy Ng"]), END + timedelta(days=1), TZ))
    sent = [
        float(x) for x in re.findall(r'<circle cx="([0-9.]+)" cy="88" r="6" fill="#2e7d32">', svg)
    ]
    assert len(sent) == 3
    assert min(b - a for a, b in zip(sorted(sent), sorted(sent)[1:], strict=False)) >= 14


def test_the_timeline_has_a_legend_and_the_same_facts_as_its_list() -> None:
    v = view(["Ann <b>Lee</b>"])
    svg = str(timeline_svg(v, END + timedelta(days=1), TZ))
    legend = re.findall(r'<text [^>]*class="legend">([^<]+)</text>', svg)
    assert legend == ["interview", "sent", "planned", "reply"]
    assert "Ann &lt;b&gt;Lee&lt;/b&gt;" in svg and "<b>" not in svg
    entries = timeline_entries(v, END + timedelta(days=1))
    assert [e.kind for e in entries][:2] == ["interview", "sent"]
    marks = len(re.findall(r"<title>", svg))  # each mark's (the chart's own has an id)
    assert marks == len([e for e in entries if e.kind in ("interview", "sent", "reply", "planned")])


def test_the_bar_of_thank_yous_on_time_has_a_legend() -> None:
    svg = str(timeliness_svg(7, 2, 1, 90))
    legend = re.findall(r'<text [^>]*class="legend">([^<]+)</text>', svg)
    assert legend == ["on time (7)", "late (2)", "never sent (1)"]
    assert "70% within 24 hours (7 of 10)" in svg
