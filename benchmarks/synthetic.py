"""Synthetic applications for the benchmarks: two interviews of three people each."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from followup.core.model import Application, Candidate, Facts, Interview, Participant, Reply, Sent

ZONES = ["America/New_York", "Europe/London", "Asia/Tokyo", "Australia/Sydney", "America/Denver"]
SPEEDS = ["quick", "normal", "slow", "unknown"]
CULTURES = ["traditional", "modern", "unknown"]


def synthetic_facts(n: int, seed: int = 7) -> list[Facts]:
    rng = random.Random(seed)
    base = datetime(2026, 9, 1, 14, tzinfo=UTC)
    out = []
    for k in range(n):
        tz = ZONES[k % len(ZONES)]
        first = base + timedelta(hours=rng.randrange(0, 24 * 60))
        second = first + timedelta(days=rng.randrange(3, 15))
        interviews = []
        for j, start in enumerate((first, second)):
            people = tuple(
                Participant(
                    id=f"p{j}{m}",
                    name=f"Person {j}{m}",
                    email=None if rng.random() < 0.1 else f"p{j}{m}@example.com",
                    phone="+1 555 0100" if rng.random() < 0.7 else None,
                    address="1 Main St" if rng.random() < 0.5 else None,
                    discussed=("the roadmap",),
                    liked=("my work",),
                )
                for m in range(3)
            )
            interviews.append(
                Interview(
                    id=f"i{j}",
                    kind="video",
                    start=start,
                    end=start + timedelta(hours=1),
                    participants=people,
                    expected_response_by=(second + timedelta(days=7)).date()
                    if rng.random() < 0.5
                    else None,
                )
            )
        sent = tuple(
            Sent("thank_you", p.id, "email", iv.end + timedelta(hours=3), iv.id)
            for iv in interviews[:1]
            for p in iv.participants
        )
        if rng.random() < 0.3:
            sent += (Sent("check_in", "p00", "email", second + timedelta(days=9)),)
        replies = (Reply(second + timedelta(days=20), "p00"),) if rng.random() < 0.2 else ()
        out.append(
            Facts(
                candidate=Candidate(
                    full_name="Jordan Rivera", timezone=tz, checkins_per_week=1 + k % 2
                ),
                application=Application(
                    company=f"Company {k}",
                    role="Analyst",
                    decision_speed=SPEEDS[k % 4],  # type: ignore[arg-type]
                    client_facing=k % 5 == 0,
                    culture=CULTURES[k % 3],  # type: ignore[arg-type]
                    expected_response_by=date(2026, 10, 1) if k % 7 == 0 else None,
                    primary_contact="p10" if k % 2 else None,
                ),
                interviews=tuple(interviews),
                sent=sent,
                responses=replies,
            )
        )
    return out


def export_document(n: int, seed: int = 7) -> dict[str, Any]:
    """An export document (services/backup.py format) with `n` synthetic applications."""
    rng = random.Random(seed)
    created = "2026-09-01T00:00:00+00:00"
    tables: dict[str, list[dict[str, Any]]] = {
        "profiles": [
            {
                "id": 1,
                "full_name": "Jordan Rivera",
                "email": "j@example.org",
                "phone": None,
                "address": None,
                "timezone": "America/New_York",
                "checkins_per_week": 1,
                "default_wait_days": 7,
                "created_at": created,
            }
        ],
        "applications": [],
        "people": [],
        "interviews": [],
        "participants": [],
        "follow_ups": [],
        "replies": [],
    }
    base = datetime(2026, 11, 1, 15, tzinfo=UTC)
    person_id = interview_id = follow_id = 0
    for app in range(1, n + 1):
        tables["applications"].append(
            {
                "id": app,
                "profile_id": 1,
                "company": f"Company {app}",
                "role": "Analyst",
                "decision_speed": SPEEDS[app % 4],
                "client_facing": app % 5 == 0,
                "verbal_role": False,
                "culture": CULTURES[app % 3],
                "expected_response_by": None,
                "status": "active",
                "primary_contact_id": None,
                "created_at": created,
                "closed_at": None,
            }
        )
        people = []
        for _ in range(3):
            person_id += 1
            people.append(person_id)
            tables["people"].append(
                {
                    "id": person_id,
                    "application_id": app,
                    "name": f"Person {person_id}",
                    "title": None,
                    "email": f"p{person_id}@example.com",
                    "phone": None,
                    "address": None,
                    "salutation": None,
                }
            )
        start = base + timedelta(hours=rng.randrange(0, 24 * 30))
        for j in range(2):
            interview_id += 1
            s = start + timedelta(days=7 * j)
            tables["interviews"].append(
                {
                    "id": interview_id,
                    "application_id": app,
                    "kind": "video",
                    "start_at": s.isoformat(),
                    "end_at": (s + timedelta(hours=1)).isoformat(),
                    "expected_response_by": None,
                    "forgot_to_mention": [],
                }
            )
            for pos, pid in enumerate(people):
                tables["participants"].append(
                    {
                        "interview_id": interview_id,
                        "person_id": pid,
                        "position": pos,
                        "discussed": ["the roadmap"],
                        "liked": ["my work"],
                    }
                )
            # Most applications are past their thank-yous and wait for an answer (one check-in
            # open); one in ten still owes the thank-yous of its second round.
            if j == 0 or app % 10:
                for pid in people:
                    follow_id += 1
                    tables["follow_ups"].append(
                        {
                            "id": follow_id,
                            "application_id": app,
                            "kind": "thank_you",
                            "interview_id": interview_id,
                            "person_id": pid,
                            "method": "email",
                            "sent_at": (s + timedelta(hours=4)).isoformat(),
                            "body": None,
                        }
                    )
    return {"format": "followup-export", "version": 1, "tables": tables}
