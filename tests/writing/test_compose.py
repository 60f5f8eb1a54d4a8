"""Drafts: complete, short, clean by the project's own check, and different for each person."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from followup.core.actions import action_for
from followup.core.model import (
    ActionKind,
    Application,
    Candidate,
    Facts,
    Interview,
    Method,
    Participant,
)
from followup.scenario import load_scenario
from followup.services.writing import proofreader
from followup.writing.compose import Draft, compose
from tests.conftest import EXAMPLES

HERE = Path(__file__).parent


def draft_for(
    facts: Facts,
    *,
    interview_id: str,
    contact_id: str,
    kind: ActionKind = "thank_you",
    method: Method | None = None,
) -> Draft:
    """The draft of the planned action for that person (an hour after the last interview),
    written by `method` when given, as `followup draft --method` asks."""
    now = max(i.end for i in facts.interviews) + timedelta(hours=1)
    action = action_for(facts, interview_id=interview_id, contact_id=contact_id, kind=kind, now=now)
    return compose(facts, replace(action, method=method) if method else action)


FIRST = [
    "Katherine",
    "Raj",
    "María",
    "Tomás",
    "Wei",
    "Aisha",
    "Sven",
    "Noor",
    "Chloé",
    "Oluwaseun",
    "Priya",
    "Dmitri",
    "Hannah",
    "Mateo",
    "Siobhan",
    "Kenji",
]
LAST = [
    "Chen",
    "Patel",
    "González",
    "Ruiz",
    "Zhang",
    "Bello",
    "Lindqvist",
    "Haddad",
    "Dubois",
    "Adeyemi",
    "Raman",
    "Volkov",
    "Schmidt",
    "Álvarez",
    "O'Brien",
    "Takahashi",
]
TOPICS = [
    "the migration to dbt",
    "Kubernetes autoscaling for Spark jobs",
    "quarterly planning",
    "the onboarding flow redesign",
    "GDPR data retention",
    "their React Native app",
    "the churn forecasting model",
    "on-call rotations",
    "pricing experiments",
    "the move to Snowflake",
    "accessibility audits",
    "vendor negotiations",
]
LIKED = [
    "my query tuning work",
    "the design system I built at Contoso",
    "my Terraform modules",
    "how I rescued the Acme renewal",
    "my mentoring of junior engineers",
    "the dashboard I shipped in two weeks",
]
ROLES = [
    "Senior Data Analyst",
    "Product Designer",
    "Customer Success Manager",
    "Backend Engineer",
    "Marketing Operations Lead",
]
COMPANIES = ["Globex Corporation", "Northwind Traders", "Initech", "Umbrella Health", "Stark Labs"]
ZONES = ["America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney"]


def generated(seed: int) -> Facts:
    rng = random.Random(seed)
    people = []
    for n in range(rng.randint(1, 5)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append(
            Participant(
                id=f"p{n}",
                name=f"{first} {last}",
                title=rng.choice([None, "Hiring Manager", "Engineer", "Recruiter"]),
                email=f"p{n}@example.com" if rng.random() < 0.8 else None,
                phone="+1 555 0100" if rng.random() < 0.6 else None,
                address="1 Main Street, Springfield" if rng.random() < 0.5 else None,
                salutation=rng.choice([None, f"Dr. {last}", f"Ms. {last}"]),
                discussed=tuple(rng.sample(TOPICS, rng.randint(0, 2))),
                liked=tuple(rng.sample(LIKED, rng.randint(0, 1))),
            )
        )
    start = datetime(2026, 11, 2, 15, tzinfo=UTC) + timedelta(
        days=rng.randint(0, 40), hours=rng.randint(0, 6)
    )
    company = rng.choice(COMPANIES)
    return Facts(
        candidate=Candidate(
            full_name=rng.choice(["Jordan A. Rivera", "Sam Okafor", "Léa Fontaine"]),
            timezone=rng.choice(ZONES),
            email="me@example.org",
            phone=rng.choice([None, "+44 20 7946 0958"]),
            address=rng.choice([None, "12 Elm Row, Leeds LS1 4AB"]),
        ),
        application=Application(
            company=company,
            role=rng.choice(ROLES),
            decision_speed=rng.choice(["quick", "normal", "unknown"]),
            culture=rng.choice(["traditional", "modern"]),
            client_facing=rng.random() < 0.3,
        ),
        interviews=(
            Interview(
                id=f"i{seed}",
                kind=rng.choice(["phone", "video", "in_person"]),
                start=start,
                end=start + timedelta(hours=1),
                participants=tuple(people),
                forgot_to_mention=tuple(
                    rng.sample(
                        [
                            "I led the Looker rollout",
                            "I mentor two junior designers",
                            "I speak fluent Portuguese",
                        ],
                        rng.randint(0, 1),
                    )
                ),
                expected_response_by=(start + timedelta(days=10)).date()
                if rng.random() < 0.5
                else None,
            ),
        ),
        other_companies=tuple(c for c in COMPANIES if c != company)[:2],
    )


def all_facts() -> list[tuple[str, Facts]]:
    out = [(p.name, load_scenario(p)[0]) for p in sorted(EXAMPLES.glob("*.json"))]
    out.append(("globex", load_scenario(HERE / "globex.json")[0]))
    out += [(f"seed{s}", generated(s)) for s in range(30)]
    return out


CASES = all_facts()


@pytest.mark.parametrize(("name", "facts"), CASES, ids=[n for n, _ in CASES])
def test_every_draft_passes_check_and_people_get_different_notes(name: str, facts: Facts) -> None:
    for interview in facts.interviews:
        for kind in ("thank_you", "check_in"):
            for method in ("email", "letter", "phone"):
                bodies = []
                for person in interview.participants:
                    draft = draft_for(
                        facts,
                        interview_id=interview.id,
                        contact_id=person.id,
                        kind=kind,
                        method=method,
                    )  # type: ignore[arg-type]
                    report = proofreader().check(
                        draft.text,
                        facts,
                        interview_id=interview.id,
                        contact_id=person.id,
                        kind=kind,
                    )  # type: ignore[arg-type]
                    bad = [
                        f.to_dict()
                        for f in report.findings
                        if f.severity == "error" or f.kind in ("missing", "length")
                    ]
                    assert bad == [], (kind, method, person.name, draft.text)
                    assert report.words <= (200 if kind == "thank_you" else 120)
                    if method == "email":
                        greeting = draft.body.splitlines()[0]
                        first = person.name.split()[0]
                        assert greeting in (
                            f"Dear {person.salutation},",
                            f"Hi {person.salutation},",
                            f"Dear {person.name},",
                            f"Hi {first},",
                        ), greeting
                    bodies.append(draft.body)
                if kind == "thank_you":
                    for i, a in enumerate(bodies):
                        for b in bodies[i + 1 :]:
                            assert SequenceMatcher(None, a, b).ratio() <= 0.75, (method, a, b)


def test_the_same_action_always_drafts_the_same_text() -> None:
    facts = load_scenario(HERE / "globex.json")[0]
    first = draft_for(facts, interview_id="panel", contact_id="rpatel", method="letter")
    again = draft_for(facts, interview_id="panel", contact_id="rpatel", method="letter")
    assert first == again


def test_a_check_in_email_answers_the_thank_you_thread() -> None:
    facts = load_scenario(HERE / "globex.json")[0]
    thanks = draft_for(facts, interview_id="panel", contact_id="kchen")
    check_in = draft_for(facts, interview_id="panel", contact_id="kchen", kind="check_in")
    assert check_in.subject == f"Re: {thanks.subject}"


def test_a_letter_is_a_complete_business_letter() -> None:
    facts = load_scenario(HERE / "globex.json")[0]
    letter = draft_for(facts, interview_id="panel", contact_id="kchen", method="letter").body
    lines = letter.splitlines()
    assert lines[:4] == ["Jordan A. Rivera", "41 Orchard Street", "Apt 3B", "New York, NY 10002"]
    assert "November 24, 2026" in lines
    assert "Ms. Katherine Chen" in lines and "Hiring Manager" in lines
    assert "200 Elm Street" in lines and "Springfield, IL 62701" in lines
    assert not any("I'm" in line or "I'd" in line for line in lines)
    assert "Dear Ms. Chen," in lines
    assert lines[-1] == "Jordan A. Rivera"


def test_a_call_sheet_has_key_points_and_a_voicemail() -> None:
    facts = load_scenario(HERE / "globex.json")[0]
    call = draft_for(facts, interview_id="panel", contact_id="rpatel", method="phone")
    assert len(call.key_points) >= 5
    assert any("A/B testing with CUPED" in p for p in call.key_points)
    assert call.voicemail is not None and call.voicemail.startswith(
        "Hello Mr. Patel, this is Jordan Rivera"
    )
    assert call.body.startswith(
        "Call Raj Patel (Analytics Lead, Globex Corporation) at +1 217 555 0134"
    )


def test_a_check_in_to_someone_thanked_by_letter_starts_its_own_thread() -> None:
    """A hiring manager's reading: "Re: With thanks for Tuesday's conversation" answered a
    thank-you that went by post."""
    from followup.core.model import Sent

    facts = load_scenario(HERE / "globex.json")[0]
    ended = facts.interviews[0].end
    by_post = replace(
        facts,
        sent=(
            Sent(kind="thank_you", contact="kchen", method="letter", at=ended, interview="panel"),
        ),
    )
    check_in = draft_for(by_post, interview_id="panel", contact_id="kchen", kind="check_in")
    assert check_in.subject is not None and not check_in.subject.startswith("Re:")
    assert "Senior Data Analyst" in check_in.subject
