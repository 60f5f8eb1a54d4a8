"""The revised rules on the command line, on SQLite and PostgreSQL: skip, reply with a kind and
its date, close as no_response, the profile's country, English and check-in limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOW = "2026-11-25T12:00:00-05:00"  # the demo: application 1 (Globex), interview 1, Raj is 2


def agenda(cli, now: str = NOW) -> dict:  # type: ignore[no-untyped-def, type-arg]
    result = cli("agenda", "--json", now=now)
    assert result.code == 0, result.err
    return json.loads(result.out)


def ids(cli, now: str = NOW) -> list[str]:  # type: ignore[no-untyped-def]
    return [a["id"] for a in agenda(cli, now)["actions"] if a["application"] == 1]


@pytest.mark.usefixtures("use_db")
def test_skip_reply_and_close_as_a_user_would(cli) -> None:  # type: ignore[no-untyped-def]
    cli("demo", now=NOW)
    assert "thank_you:1:2" in ids(cli)
    result = cli("skip", "thank_you:1:2", now=NOW)
    assert (result.code, result.out) == (0, "Skipped thank_you:1:2; it will not come back.\n")
    assert "thank_you:1:2" not in ids(cli)
    assert "thank_you:1:2" not in ids(cli, "2027-01-01T12:00:00-05:00")
    shown = cli("app", "show", "1", now=NOW).out
    assert "skipped thank_you:1:2" in shown

    result = cli(
        "reply", "1", "--from", "1", "--kind", "update", "--expected-by", "2026-12-10", now=NOW
    )
    assert (result.code, result.out) == (
        0,
        "Recorded an update for application 1 (an answer by Thu 10 Dec); check-ins start again "
        "after it.\n",
    )
    [check_in] = [
        a for a in agenda(cli)["actions"] if a["application"] == 1 and a["kind"] == "check_in"
    ]
    assert (check_in["not_before"], check_in["due"]) == (
        "2026-12-11T09:00:00-05:00",
        "2026-12-11T17:00:00-05:00",
    )
    result = cli("reply", "1", "--kind", "auto_reply", "--until", "2026-12-14", now=NOW)
    assert (result.code, result.out) == (
        0,
        "Recorded an automatic reply for application 1; check-ins go on, not before they are "
        "back after Mon 14 Dec.\n",
    )
    result = cli("skip", check_in["id"], now="2026-12-15T10:00:00-05:00")
    assert result.out == (
        f"Skipped {check_in['id']}; it counts for the cadence (the next check-in waits as if it "
        "was made), not the limit.\n"
    )
    result = cli("app", "close", "1", "no_response", now=NOW)
    assert (result.code, result.out) == (
        0,
        "Application 1 (Globex Corporation) closed: no_response.\n",
    )
    assert ids(cli) == []
    result = cli("reply", "2", now=NOW)
    assert result.out == "Recorded an answer for application 2; check-ins stop.\n"


@pytest.mark.usefixtures("use_db")
def test_setup_takes_country_english_and_limit(cli) -> None:  # type: ignore[no-untyped-def]
    cli("demo", now=NOW)
    result = cli("setup", "--country", "gb", "--english", "british", "--checkin-limit", "3")
    assert (result.code, result.out) == (
        0,
        "Profile saved: Jordan A. Rivera, America/New_York, at most 1 check-in(s) a week, "
        "3 without an answer at most; holidays of GB, british English.\n",
    )
    scenario = json.loads(cli("scenario", "1", now=NOW).out)
    assert {k: scenario["candidate"][k] for k in ("country", "english", "checkin_limit")} == {
        "country": "GB",
        "english": "british",
        "checkin_limit": 3,
    }


ERRORS = [
    (
        ["skip", "thank-you"],
        "Error: ACTION: 'thank-you' is not an action id such as thank_you:3:7 or check_in:7:1\n",
    ),
    (["skip", "thank_you:99:1"], "Error: no interview with id '99'\n"),
    (
        ["skip", "thank_you:1:1"],
        "Error: thank_you:1:1 is already recorded as sent; it cannot be skipped\n",
    ),
    (
        ["skip", "thank_you:1:2", "--at", "soon"],
        "Error: --at: 'soon' is not an ISO 8601 time with offset\n",
    ),
    (
        ["skip", "thank_you:1:2", "--at", "2030-01-01T00:00:00+00:00"],
        "Error: --at: is in the future; record what happened once it has\n",
    ),
    (
        ["reply", "1", "--kind", "maybe"],
        "Error: --kind: must be answer, update or auto_reply, not 'maybe'\n",
    ),
    (
        ["reply", "1", "--expected-by", "2026-12-10"],
        "Error: --expected-by: only an update gives a new answer date, not an answer\n",
    ),
    (
        ["reply", "1", "--kind", "update", "--until", "2026-12-10"],
        "Error: --until: only an auto_reply gives a return date, not an update\n",
    ),
    (
        ["reply", "1", "--kind", "update", "--expected-by", "next week"],
        "Error: --expected-by: 'next week' is not an ISO 8601 date such as 2026-12-02\n",
    ),
    (
        ["reply", "1", "--kind", "auto_reply", "--until", "2026-11-20"],
        "Error: --until: 2026-11-20 is before the reply came (2026-11-25)\n",
    ),
    (
        ["app", "close", "1", "ghosted"],
        "Error: OUTCOME: must be one of offer, rejected, withdrawn, no_response, not 'ghosted'\n",
    ),
    (
        ["setup", "--country", "XX"],
        "Error: setup: country: unknown country 'XX'; use an ISO 3166 code such as US, GB or DE\n",
    ),
    (
        ["setup", "--english", "scots"],
        "Error: setup: english: must be 'american', 'british', 'canadian', 'australian' or 'indian', not 'scots'\n",
    ),
    (["setup", "--checkin-limit", "0"], "Error: setup: checkin_limit: must be at least 1, not 0\n"),
    (
        ["setup", "--checkin-limit", "13"],
        "Error: setup: checkin_limit: must be at most 12, not 13\n",
    ),
]


@pytest.mark.usefixtures("use_db")
@pytest.mark.parametrize(("args", "error"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_errors_are_one_line_exit_2_and_change_nothing(
    cli, tmp_path: Path, args: list[str], error: str
) -> None:  # type: ignore[no-untyped-def]
    cli("demo", now=NOW)
    before = tmp_path / "before.json"
    cli("export", str(before))
    result = cli(*args, now=NOW)
    assert (result.code, result.out, result.err) == (2, "", error)
    after = tmp_path / "after.json"
    cli("export", str(after))
    assert before.read_text() == after.read_text()


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ("skip", "followup skip thank_you:4:7"),
        ("reply", "followup reply 3 --kind update --expected-by 2026-12-10"),
        ("reply", "followup reply 3 --kind auto_reply --until 2026-12-07"),
        ("setup", "followup setup --country GB --english british --checkin-limit 3"),
    ],
)
def test_help_gives_examples(cli, command: str, example: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(command, "--help")
    assert result.code == 0
    assert example in " ".join(result.out.split())
