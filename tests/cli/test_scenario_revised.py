"""`followup plan --json SCENARIO` over the fields of the revised rules: the candidate's
country, English and check-in limit, replies' kinds and dates, skipped actions, no_response."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES

SKIP_TIME = "2026-11-26T09:00:00+00:00"


def scenario(**changes: Any) -> dict[str, Any]:
    """single-video.json (Sam Okafor, Europe/London; Aisha Bello met on 25 Nov) changed."""
    data = json.loads((EXAMPLES / "single-video.json").read_text())
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return data


def plan(cli, tmp_path: Path, data: dict[str, Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data))
    result = cli("plan", "--json", str(path))
    assert (result.code, result.err) == (0, "")
    return json.loads(result.out)  # type: ignore[no-any-return]


def check_in(found: dict[str, Any]) -> dict[str, Any]:
    [open_] = [
        a
        for a in found["actions"]
        if a["kind"] == "check_in" and a["status"] not in ("done", "skipped")
    ]
    return open_


@pytest.mark.parametrize(
    ("country", "opens", "moved"),
    [
        # Europe/London is GB: Christmas Day, then Boxing Day observed on Monday 28 December
        (
            None,
            "2026-12-29T09:00:00+00:00",
            "moved past Fri 25 Dec (Christmas Day) and Mon 28 Dec (Boxing Day, observed)",
        ),
        ("US", "2026-12-28T09:00:00+00:00", "moved past Fri 25 Dec (Christmas Day)"),
        (
            "gb",
            "2026-12-29T09:00:00+00:00",
            "moved past Fri 25 Dec (Christmas Day) and Mon 28 Dec (Boxing Day, observed)",
        ),
    ],
)
def test_the_country_sets_the_public_holidays(cli, tmp_path: Path, country, opens, moved) -> None:  # type: ignore[no-untyped-def]
    data = scenario(interviews__0__expected_response_by="2026-12-24", candidate__country=country)
    c = check_in(plan(cli, tmp_path, data))
    assert (c["id"], c["not_before"], c["due"][:10], c["status"]) == (
        "check_in:aisha:1",
        opens,
        opens[:10],
        "planned",
    )
    assert moved in c["reasons"]


def test_english_is_accepted_and_changes_no_plan(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plain = plan(cli, tmp_path, scenario())
    assert plan(cli, tmp_path, scenario(candidate__english="indian")) == plain


def test_the_check_in_limit_ends_with_a_to_do(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = [
        {"kind": "check_in", "contact": "aisha", "method": "email", "at": at}
        for at in ("2026-12-04T10:00:00+00:00", "2026-12-11T10:00:00+00:00")
    ]
    data = scenario(candidate__checkin_limit=2, sent=made, now="2026-12-20T10:00:00+00:00")
    found = plan(cli, tmp_path, data)
    assert [(a["id"], a["status"]) for a in found["actions"] if a["kind"] == "check_in"] == [
        ("check_in:aisha:1", "done"),
        ("check_in:aisha:2", "done"),
    ]
    assert found["todos"] == [
        {
            "kind": "consider_closing",
            "interview": "screen",
            "contact": None,
            "need": None,
            "message": "Northwind Traders has not answered 2 check-ins since the interview (your "
            "limit is 2): consider closing the application as no response, or raise the check-in "
            "limit to keep checking in.",
        }
    ]
    data["application"]["status"] = "no_response"
    assert plan(cli, tmp_path, data)["todos"] == []


def test_an_update_re_arms_and_an_auto_reply_holds_back(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    update = {
        "at": "2026-12-02T10:00:00+00:00",
        "from": "aisha",
        "kind": "update",
        "expected_by": "2026-12-09",
    }
    c = check_in(plan(cli, tmp_path, scenario(responses=[update])))
    assert (c["id"], c["not_before"], c["due"], c["interview"], c["contact"], c["method"]) == (
        "check_in:aisha:1",
        "2026-12-10T09:00:00+00:00",
        "2026-12-10T17:00:00+00:00",
        "screen",
        "aisha",
        "email",
    )
    assert any("they wrote Wed 2 Dec that an answer comes by Wed 9 Dec" in r for r in c["reasons"])
    away = {"at": "2026-12-02T10:00:00+00:00", "kind": "auto_reply", "until": "2026-12-14"}
    c = check_in(plan(cli, tmp_path, scenario(responses=[away])))
    assert c["not_before"] == "2026-12-15T09:00:00+00:00"
    assert "they are out of office until Mon 14 Dec: not before Tue 15 Dec 09:00" in c["reasons"]
    answer = {"at": "2026-12-02T10:00:00+00:00", "kind": "answer"}
    found = plan(cli, tmp_path, scenario(responses=[answer]))
    assert [a["kind"] for a in found["actions"]] == ["thank_you"]


def test_a_skipped_thank_you_is_listed_as_skipped(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = scenario(
        skipped=[{"action": "thank_you:screen:aisha", "at": SKIP_TIME}],
        now="2027-01-10T10:00:00+00:00",
    )
    thanks = plan(cli, tmp_path, data)["actions"][0]
    assert (thanks["id"], thanks["status"], thanks["rule"], thanks["due"]) == (
        "thank_you:screen:aisha",
        "skipped",
        "R1b",
        "2026-11-26T15:45:00+00:00",
    )


def test_a_skipped_check_in_keeps_its_number(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = scenario(skipped=[{"action": "check_in:aisha:1", "at": "2026-12-04T11:00:00+00:00"}])
    found = plan(cli, tmp_path, data)
    assert [
        (a["id"], a["status"], a["not_before"]) for a in found["actions"] if a["kind"] == "check_in"
    ] == [
        ("check_in:aisha:1", "skipped", None),
        ("check_in:aisha:2", "planned", "2026-12-11T11:00:00+00:00"),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"candidate__country": "ZZ"},
            "candidate.country: unknown country 'ZZ'; use an ISO 3166 code such as US, GB or DE",
        ),
        (
            {"candidate__english": "Scots"},
            "candidate.english: must be 'american', 'british', 'canadian', 'australian' or 'indian', not 'Scots'",
        ),
        (
            {"candidate__checkin_limit": 2.5},
            "candidate.checkin_limit: Input should be a valid integer, got a number with a fractional part",
        ),
        ({"candidate__checkin_limit": 0}, "candidate.checkin_limit: must be at least 1, not 0"),
        (
            {"responses": [{"at": "2026-12-02T10:00:00+00:00", "kind": "maybe"}]},
            "responses[0].kind: must be 'answer', 'update' or 'auto_reply', not 'maybe'",
        ),
        (
            {"responses": [{"at": "2026-12-02T10:00:00+00:00", "expected_by": "2026-12-09"}]},
            "responses[0].expected_by: only an update gives a new answer date, not an answer",
        ),
        (
            {
                "responses": [
                    {"at": "2026-12-02T10:00:00+00:00", "kind": "update", "until": "2026-12-09"}
                ]
            },
            "responses[0].until: only an auto_reply gives a return date, not an update",
        ),
        (
            {
                "responses": [
                    {"at": "2026-12-02T10:00:00+00:00", "kind": "auto_reply", "until": "2026-12-01"}
                ]
            },
            "responses[0].until: 2026-12-01 is before the reply came (2026-12-02)",
        ),
        (
            {
                "responses": [
                    {
                        "at": "2026-12-02T10:00:00+00:00",
                        "kind": "update",
                        "expected_by": "next week",
                    }
                ]
            },
            "responses[0].expected_by: not an ISO 8601 date such as 2026-12-02",
        ),
        (
            {"skipped": [{"action": "thank-you", "at": SKIP_TIME}]},
            "skipped[0].action: 'thank-you' is not an action id such as thank_you:3:7 or check_in:7:1",
        ),
        (
            {"skipped": [{"action": "thank_you:screen:zed", "at": SKIP_TIME}]},
            "skipped[0].action: unknown person 'zed'",
        ),
        (
            {"skipped": [{"action": "thank_you:panel:aisha", "at": SKIP_TIME}]},
            "skipped[0].action: unknown interview 'panel'",
        ),
        (
            {"skipped": [{"action": "check_in:aisha:1", "at": SKIP_TIME}] * 2},
            "skipped[1].action: 'check_in:aisha:1' is skipped twice",
        ),
        (
            {"skipped": [{"action": "check_in:aisha:1"}]},
            "skipped[0].at: is required",
        ),
        (
            {
                "sent": [
                    {
                        "kind": "thank_you",
                        "interview": "screen",
                        "contact": "aisha",
                        "method": "email",
                        "at": "2026-11-25T18:00:00+00:00",
                    }
                ],
                "skipped": [{"action": "thank_you:screen:aisha", "at": SKIP_TIME}],
            },
            "skipped[0].action: thank_you:screen:aisha was sent; a sent follow-up cannot be skipped",
        ),
        (
            {"application__status": "ghosted"},
            "application.status: must be 'active', 'offer', 'rejected', 'withdrawn' or 'no_response', not 'ghosted'",
        ),
    ],
)
def test_bad_revised_fields_name_the_file_and_field(cli, tmp_path: Path, changes, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario(**changes)))
    result = cli("plan", "--json", str(path))
    assert (result.code, result.out, result.err) == (2, "", f"Error: {path}: {message}\n")
