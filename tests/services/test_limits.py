"""Limits in one table: a value at each limit is stored and read back on both databases; one
over it is refused with a message naming the field, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followup.core import limits
from followup.inputs.models import ProfileIn
from followup.services import Followup, open_service
from followup.services.backup import export_document
from followup.settings import Settings
from tests.web.conftest import local_client, token

NOW = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)
START, END = "2026-11-24T14:00:00+00:00", "2026-11-24T15:00:00+00:00"


class Api:
    """The app on one database, with a profile and one application."""

    def __init__(self, client: TestClient, service: Followup) -> None:
        self.client = client
        self.service = service

    def send(self, method: str, url: str, body: Any) -> Any:
        headers = {"X-CSRF-Token": token(self.client)}
        return self.client.request(method, url, json=body, headers=headers)

    def scenario(self, app_id: int = 1) -> dict[str, Any]:
        return self.client.get(f"/api/applications/{app_id}").json()["scenario"]  # type: ignore[no-any-return]


@pytest.fixture
def api(tmp_path: Path, db_url: str) -> Iterator[Api]:
    settings = Settings(home=tmp_path, database_url=db_url)
    service = open_service(settings, clock=lambda: NOW)
    service.setup(ProfileIn(full_name="Jordan A. Rivera", timezone="Europe/London"))
    with local_client(settings, clock=lambda: NOW) as client:
        client.get("/")
        made = Api(client, service)
        assert made.send("POST", "/api/applications", {"company": "G", "role": "R"}).status_code
        yield made


def _interview(**person: Any) -> dict[str, Any]:
    return {"start": START, "end": END, "people": [{"name": "Ann Lee", **person}]}


def _person(api: Api) -> dict[str, Any]:
    return api.scenario()["interviews"][0]["participants"][0]  # type: ignore[no-any-return]


def _long(n: int) -> str:
    return ("x" * (n - 1)) + "y"


def _email(n: int) -> str:
    """A valid address of n characters: 64 before the @, labels of at most 63 after."""
    left = n - len("a" * 64 + "@") - len("globex.example")
    labels = []
    while left > 0:
        size = min(64, left) if left - min(64, left) != 1 else 62
        labels.append("b" * (size - 1))
        left -= size
    return "a" * 64 + "@" + "".join(f"{label}." for label in labels) + "globex.example"


# (field, limit, build the request body for a value, where to read it back, what over-limit says)
Case = tuple[str, int, Callable[[str], tuple[str, Any]], Callable[[Api], Any], str]
CASES: list[Case] = [
    (
        "company",
        limits.COMPANY,
        lambda v: ("/api/applications", {"company": v, "role": "R"}),
        lambda api: api.scenario(2)["application"]["company"],
        "company: is longer than 200 characters",
    ),
    (
        "role",
        limits.ROLE,
        lambda v: ("/api/applications", {"company": "G", "role": v}),
        lambda api: api.scenario(2)["application"]["role"],
        "role: is longer than 200 characters",
    ),
]
for _field, _limit, _maker in (
    ("name", limits.NAME, _long),
    ("title", limits.TITLE, _long),
    ("email", limits.EMAIL_ADDRESS, _email),
    ("phone", limits.PHONE, lambda n: "+" + "1" * (n - 1)),
    ("address", limits.ADDRESS, _long),
    ("salutation", limits.SALUTATION, _long),
):
    CASES.append(
        (
            f"person {_field}",
            _limit,
            lambda v, f=_field: (  # type: ignore[misc]
                "/api/applications/1/interviews",
                _interview(**{f: v} if f != "name" else {"name": v}),
            ),
            lambda api, f=_field: _person(api)[f],  # type: ignore[misc]
            f"people[0].{_field}: is longer than {_limit} characters",
        )
    )
for _list in ("discussed", "liked"):
    CASES.append(
        (
            f"{_list} item",
            limits.ITEM,
            lambda v, f=_list: ("/api/applications/1/interviews", _interview(**{f: [v]})),  # type: ignore[misc]
            lambda api, f=_list: _person(api)[f][0],  # type: ignore[misc]
            f"people[0].{_list}[0]: is longer than {limits.ITEM} characters",
        )
    )
CASES.append(
    (
        "forgot item",
        limits.ITEM,
        lambda v: (
            "/api/applications/1/interviews",
            {**_interview(), "forgot_to_mention": [v]},
        ),
        lambda api: api.scenario()["interviews"][0]["forgot_to_mention"][0],
        f"forgot_to_mention[0]: is longer than {limits.ITEM} characters",
    )
)
CASES.append(
    (
        "reply note",
        limits.REPLY_NOTE,
        lambda v: ("/api/applications/1/replies", {"note": v}),
        lambda api: api.service.application(1).history["replies"][0]["note"],
        f"note: is longer than {limits.REPLY_NOTE} characters",
    )
)


def _makers(field: str, limit: int) -> Callable[[int], str]:
    if field == "person email":
        return _email
    if field == "person phone":
        return lambda n: "+" + "1" * (n - 1)
    return _long


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_text_limit_on_both_databases(api: Api, case: Case) -> None:
    field, limit, request, read_back, message = case
    value = _makers(field, limit)(limit)
    url, body = request(value)
    before = export_document(api.service)
    over = api.send("POST", url, request(_makers(field, limit)(limit + 1))[1])
    assert over.status_code == 422 or over.status_code == 400, over.text
    assert over.json() == {"error": message}
    assert export_document(api.service) == before
    at_limit = api.send("POST", url, body)
    assert at_limit.status_code == 201, at_limit.text
    assert read_back(api) == value


def test_people_and_items_are_counted(api: Api) -> None:
    before = export_document(api.service)
    crowd = [{"name": f"Person {n}"} for n in range(limits.PEOPLE_PER_INTERVIEW + 1)]
    over = api.send("POST", "/api/applications/1/interviews", {**_interview(), "people": crowd})
    assert over.json() == {"error": f"people: has more than {limits.PEOPLE_PER_INTERVIEW} entries"}
    items = [f"topic {n}" for n in range(limits.ITEMS_PER_LIST + 1)]
    over = api.send("POST", "/api/applications/1/interviews", _interview(discussed=items))
    assert over.json() == {
        "error": f"people[0].discussed: has more than {limits.ITEMS_PER_LIST} entries"
    }
    assert export_document(api.service) == before
    body = {**_interview(discussed=items[:-1]), "people": [crowd[0], *crowd[2:]]}
    body["people"][0]["discussed"] = items[:-1]
    assert api.send("POST", "/api/applications/1/interviews", body).status_code == 201
    scenario = api.scenario()
    assert len(scenario["interviews"][0]["participants"]) == limits.PEOPLE_PER_INTERVIEW
    assert scenario["interviews"][0]["participants"][0]["discussed"] == items[:-1]


@pytest.mark.parametrize(
    ("start", "end", "answer_by", "error"),
    [
        (
            "1899-12-31T23:00:00+00:00",
            END,
            None,
            "start: must be between 1900-01-01 and 2100-12-31",
        ),
        (
            START,
            "2101-01-01T00:00:00+00:00",
            None,
            "end: must be between 1900-01-01 and 2100-12-31",
        ),
        (
            START,
            END,
            "2101-01-01",
            "expected_response_by: must be between 1900-01-01 and 2100-12-31",
        ),
        (
            START,
            END,
            "1899-12-31",
            "expected_response_by: must be between 1900-01-01 and 2100-12-31",
        ),
        ("1900-01-01T00:00:00+00:00", "1900-01-01T01:00:00+00:00", "1900-01-01", None),
        ("2100-12-31T22:00:00+00:00", "2100-12-31T23:59:00+00:00", "2100-12-31", None),
    ],
)
def test_dates_lie_between_1900_and_2100(
    api: Api, start: str, end: str, answer_by: str | None, error: str | None
) -> None:
    before = export_document(api.service)
    body = {**_interview(), "start": start, "end": end, "expected_response_by": answer_by}
    answer = api.send("POST", "/api/applications/1/interviews", body)
    if error is not None:
        assert (answer.status_code, answer.json()) == (422, {"error": error})
        assert export_document(api.service) == before
        return
    assert answer.status_code == 201, answer.text
    [interview] = api.scenario()["interviews"]
    assert (interview["start"], interview["end"]) == (start, end)
    assert interview["expected_response_by"] == answer_by
    assert api.client.get("/applications/1").status_code == 200  # the page renders


def test_the_profile_limits_on_the_command_line(cli, use_db: str) -> None:  # type: ignore[no-untyped-def]
    base = ["setup", "--timezone", "Europe/London"]
    over = cli(*base, "--name", _long(limits.NAME + 1))
    assert (over.code, over.err) == (
        2,
        f"Error: setup: full_name: is longer than {limits.NAME} characters\n",
    )
    assert cli("app", "list", "--json").out == "[]\n"
    for flag, field, limit, make in (
        ("--email", "email", limits.EMAIL_ADDRESS, _email),
        ("--phone", "phone", limits.PHONE, lambda n: "+" + "1" * (n - 1)),
        ("--address", "address", limits.ADDRESS, _long),
    ):
        over = cli(*base, "--name", "Jordan", flag, make(limit + 1))
        assert (over.code, over.err) == (
            2,
            f"Error: setup: {field}: is longer than {limit} characters\n",
        )
    values = {
        "--name": _long(limits.NAME),
        "--email": _email(limits.EMAIL_ADDRESS),
        "--phone": "+" + "1" * (limits.PHONE - 1),
        "--address": _long(limits.ADDRESS),
    }
    flags = [x for pair in values.items() for x in pair]
    assert cli(*base, *flags).code == 0
    cli("app", "add", "--company", "G", "--role", "R")
    candidate = json_scenario(cli)["candidate"]
    assert [candidate[k] for k in ("full_name", "email", "phone", "address")] == list(
        values.values()
    )


def json_scenario(cli) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    import json

    return json.loads(cli("scenario", "1").out)  # type: ignore[no-any-return]


def test_a_kept_note_is_at_most_100_kb(api: Api) -> None:
    assert api.send("POST", "/api/applications/1/interviews", _interview()).status_code == 201
    form = {"csrf_token": token(api.client), "method": "phone"}
    before = export_document(api.service)
    over = api.client.post(
        "/actions/thank_you:1:1/sent", data={**form, "text": _long(limits.NOTE_TEXT + 1)}
    )
    assert over.status_code == 400 and "a note is at most 100 KB" in over.text
    assert export_document(api.service) == before
    text = _long(limits.NOTE_TEXT)
    done = api.client.post(
        "/actions/thank_you:1:1/sent", data={**form, "text": text}, follow_redirects=False
    )
    assert done.status_code == 303
    [sent] = api.service.application(1).history["sent"]
    assert sent["body"] == text
