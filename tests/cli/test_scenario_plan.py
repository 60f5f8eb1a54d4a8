"""`followup plan` over scenario files: the examples and the contract's errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES


def plan_json(cli, name: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = cli("plan", "--json", str(EXAMPLES / name))
    assert result.code == 0, result.err
    return json.loads(result.out)


REVISED = Path(__file__).resolve().parents[1] / "inputs" / "revised.json"
FIELDS = ("id", "kind", "interview", "contact", "method", "not_before", "due", "status", "rule")
EXAMPLE_PLANS = [
    (
        EXAMPLES / "single-video.json",
        ("2026-12-03", "interview"),
        [
            ("thank_you:screen:aisha", "thank_you", "screen", "aisha", "email",
             "2026-11-25T15:45:00+00:00", "2026-11-26T15:45:00+00:00", "due", "R1"),
            ("check_in:aisha:1", "check_in", "screen", "aisha", "email",
             "2026-12-04T09:00:00+00:00", "2026-12-04T17:00:00+00:00", "planned", "R4"),
        ],
        [],
    ),
    (
        EXAMPLES / "panel-traditional.json",
        ("2026-12-18", "application"),
        [
            ("thank_you:onsite:aisha", "thank_you", "onsite", "aisha", "letter",
             "2026-12-08T13:00:00+00:00", "2026-12-09T13:00:00+00:00", "done", "R1"),
            ("thank_you:onsite:tomas", "thank_you", "onsite", "tomas", "email",
             "2026-12-08T13:00:00+00:00", "2026-12-09T13:00:00+00:00", "due", "R1"),
            ("thank_you:onsite:wei", "thank_you", "onsite", "wei", "email",
             "2026-12-08T13:00:00+00:00", "2026-12-09T13:00:00+00:00", "due", "R1"),
            ("check_in:aisha:1", "check_in", "onsite", "aisha", "letter",
             "2026-12-21T09:00:00+00:00", "2026-12-21T17:00:00+00:00", "planned", "R4"),
        ],
        [("missing_contact_detail", None, "tomas", "address"),
         ("missing_contact_detail", None, "wei", "address")],
    ),
    (
        EXAMPLES / "waiting-for-answer.json",
        ("2026-12-03", "interview"),
        [
            ("thank_you:screen:wei", "thank_you", "screen", "wei", "phone",
             "2026-11-25T15:30:00+00:00", "2026-11-26T15:30:00+00:00", "done", "R1"),
            ("check_in:wei:1", "check_in", None, "wei", "phone",
             None, "2026-12-04T10:00:00+00:00", "done", "R4"),
            ("check_in:wei:2", "check_in", None, "wei", "phone",
             None, "2026-12-08T10:00:00+00:00", "done", "R4"),
            ("check_in:wei:3", "check_in", "screen", "wei", "phone",
             "2026-12-14T09:00:00+00:00", "2026-12-14T17:00:00+00:00", "due", "R4"),
        ],
        [],
    ),
    (
        # an update, then an out-of-office reply, a skipped check-in, twice a week, limit 3
        REVISED,
        ("2026-12-03", "interview"),
        [
            ("thank_you:screen:wei", "thank_you", "screen", "wei", "phone",
             "2026-11-25T15:30:00+00:00", "2026-11-26T15:30:00+00:00", "done", "R1"),
            ("check_in:wei:1", "check_in", None, "wei", "phone",
             None, "2026-12-04T10:00:00+00:00", "done", "R4"),
            ("check_in:wei:2", "check_in", None, "wei", "phone",
             None, "2026-12-08T10:00:00+00:00", "done", "R4"),
            ("check_in:wei:3", "check_in", "screen", "wei", "phone",
             None, "2026-12-17T10:00:00+00:00", "skipped", "R1b"),
            ("check_in:wei:4", "check_in", "screen", "wei", "phone",
             "2026-12-22T09:00:00+00:00", "2026-12-22T17:00:00+00:00", "planned", "R4"),
        ],
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "expected", "actions", "todos"),
    EXAMPLE_PLANS,
    ids=[row[0].name for row in EXAMPLE_PLANS],
)
def test_every_action_and_to_do_of_the_examples(cli, path, expected, actions, todos) -> None:  # type: ignore[no-untyped-def]
    result = cli("plan", "--json", str(path))
    assert result.code == 0, result.err
    plan = json.loads(result.out)
    assert (plan["expected_response_by"], plan["expected_source"]) == expected
    assert [tuple(a[k] for k in FIELDS) for a in plan["actions"]] == actions
    assert [(t["kind"], t["interview"], t["contact"], t["need"]) for t in plan["todos"]] == todos


def test_the_open_check_in_says_why(cli) -> None:  # type: ignore[no-untyped-def]
    actions = plan_json(cli, "waiting-for-answer.json")["actions"]
    assert actions[-1]["reasons"] == [
        "no reply yet: at most twice a week: not before Fri 11 Dec 22:00, 2 check-ins made since "
        "the interview; moved to the next business-day 09:00",
        "2 of 4 check-ins made",
        "to Wei Zhang, the primary contact",
        "phone: the role is client-facing, and a call shows your interpersonal skills",
    ]
    plan = plan_json(cli, "panel-traditional.json")
    assert [t["message"] for t in plan["todos"]] == [
        "Add Tomás Ruiz's postal address: letter is the right channel here, so until then it goes "
        "by email.",
        "Add Wei Zhang's postal address: letter is the right channel here, so until then it goes "
        "by email.",
    ]


def test_actions_carry_rule_and_reasons_and_the_contract_fields(cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("single-video.json", "panel-traditional.json", "waiting-for-answer.json"):
        plan = plan_json(cli, name)
        assert set(plan) >= {"expected_response_by", "expected_source", "actions", "todos"}
        for a in plan["actions"]:
            assert set(a) >= {
                "id",
                "kind",
                "interview",
                "contact",
                "method",
                "not_before",
                "due",
                "status",
                "rule",
                "reasons",
            }
            assert a["rule"] in ("R1", "R4") and a["reasons"]
        assert [a["due"] for a in plan["actions"]] == sorted(a["due"] for a in plan["actions"])


def test_table_output_shows_when_who_how_what_why(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("plan", str(EXAMPLES / "panel-traditional.json"))
    assert result.code == 0
    for text in (
        "Tomás Ruiz",
        "by email",
        "thank_you:onsite:tomas",
        "due, in 2 h",
        "To do",
        "Add Wei Zhang's postal address",
        "no postal address on file",
    ):
        assert text in result.out
    assert "Mon 21 Dec 09:00–17:00" in result.out


def _scenario(**changes: Any) -> dict[str, Any]:
    data = json.loads((EXAMPLES / "single-video.json").read_text())
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"candidate__timezone": "Mars/Olympus"},
            "candidate.timezone: unknown timezone 'Mars/Olympus'; use an IANA name such as Europe/London",
        ),
        (
            {"interviews__0__end": "2026-11-25T15:45:00"},
            "interviews[0].end: not an ISO 8601 time with offset (add one, e.g. +00:00 or -05:00)",
        ),
        (
            {"interviews__0__end": "yesterday"},
            "interviews[0].end: not an ISO 8601 time with offset",
        ),
        (
            {"interviews__0__end": "2026-11-25T14:00:00+00:00"},
            "interviews[0].end: the interview ends before it starts",
        ),
        ({"candidate__checkins_per_week": 3}, "candidate.checkins_per_week: must be 1 or 2, not 3"),
        (
            {"application__primary_contact": "zed"},
            "application.primary_contact: unknown person 'zed'; it must be the id of a participant",
        ),
        (
            {
                "sent": [
                    {
                        "kind": "thank_you",
                        "interview": "nope",
                        "contact": "aisha",
                        "method": "email",
                        "at": "2026-11-25T17:00:00+00:00",
                    }
                ]
            },
            "sent[0].interview: unknown interview 'nope'",
        ),
        (
            {"application__decision_speed": "fast"},
            "application.decision_speed: must be 'quick', 'normal', 'slow' or 'unknown', not 'fast'",
        ),
        ({"candidate__full_name": None}, "candidate.full_name: Input should be a valid string"),
        ({"application__colour": "red"}, "application.colour: is not a known field"),
        (
            {"candidate__country": "XX"},
            "candidate.country: unknown country 'XX'; use an ISO 3166 code such as US, GB or DE",
        ),
        (
            {"candidate__country": "USA"},
            "candidate.country: unknown country 'USA'; use an ISO 3166 code such as US, GB or DE",
        ),
        (
            {"candidate__english": "scottish"},
            "candidate.english: must be 'american', 'british', 'canadian', 'australian' or 'indian', not 'scottish'",
        ),
        (
            {"candidate__checkin_limit": 0},
            "candidate.checkin_limit: must be at least 1, not 0",
        ),
        (
            {"candidate__checkin_limit": 13},
            "candidate.checkin_limit: must be at most 12, not 13",
        ),
    ],
)
def test_bad_scenarios_name_the_file_and_field(cli, tmp_path: Path, changes, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(_scenario(**changes)))
    result = cli("plan", "--json", str(path))
    assert result.code == 2
    assert result.out == ""
    assert result.err == f"Error: {path}: {message}\n"


def test_duplicate_ids_are_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _scenario()
    data["interviews"].append(dict(data["interviews"][0]))
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    result = cli("plan", str(path))
    assert (result.code, result.err) == (
        2,
        f"Error: {path}: interviews[1].id: duplicate interview id 'screen'\n",
    )
    data = _scenario()
    data["interviews"][0]["participants"].append(dict(data["interviews"][0]["participants"][0]))
    path.write_text(json.dumps(data))
    result = cli("plan", str(path))
    assert result.err == (
        f"Error: {path}: interviews[0].participants[1].id: duplicate person id 'aisha'\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such scenario file"),
        (b"", "is empty"),
        (b"  \n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is a binary file, not text"),
        (b"\xff\xfe\xfa not utf8", "is not UTF-8 text (byte 0)"),
        (
            b"{not json",
            "not valid JSON at line 1, column 2: Expecting property name enclosed in double quotes",
        ),
        (b"[1, 2]", "must be a JSON object with candidate and application"),
        (b"x" * (10 * 1024 * 1024), "too large (10.0 MB); a scenario file is at most 5 MB"),
    ],
)
def test_bad_files(cli, tmp_path: Path, content: bytes | None, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scenario.json"
    if content is not None:
        path.write_bytes(content)
    result = cli("plan", "--json", str(path))
    assert (result.code, result.out, result.err) == (2, "", f"Error: {path}: {message}\n")


def test_now_option_overrides_the_scenario_clock(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "plan", "--json", str(EXAMPLES / "single-video.json"), now="2026-11-27T09:00:00+00:00"
    )
    assert json.loads(result.out)["actions"][0]["status"] == "overdue"
