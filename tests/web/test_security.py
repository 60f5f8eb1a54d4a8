"""The attacks of issue 7, tried with plain HTTP on a real `followup serve` over each database:
every one is refused with a clear 4xx (or not served) and nothing stored changes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import fresh_postgres_database
from tests.web.served import Served, csrf, followup_env, run_followup

PLANTED = "A" * 43  # a well-formed session value another local port could set


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("served")
    if request.param == "sqlite":
        url = f"sqlite:///{home / 'followup.sqlite3'}"
    else:
        url = fresh_postgres_database(request.getfixturevalue("postgres_url"))
    env = followup_env(home, url)
    run_followup(env, "migrate")  # automatic on SQLite only
    run_followup(env, "demo")
    with Served(env) as server:
        yield server


def export(server: Served) -> str:
    return server.client().get("/backup/export.json").text


def an_open_action(client: httpx.Client) -> str:
    return str(client.get("/api/agenda").json()["actions"][0]["id"])


def test_a_foreign_host_reads_nothing(served: Served) -> None:
    for path in ("/", "/backup/export.json", "/api/applications", "/api/session"):
        response = httpx.get(served.url + path, headers={"Host": f"evil.example:{served.port}"})
        assert response.status_code == 421
        assert "set-cookie" not in response.headers
        assert "Globex" not in response.text and "csrf_token" not in response.text
    answer = httpx.get(f"{served.url}/api/agenda", headers={"Host": "evil.example"}).json()
    assert "followup answers only at 127.0.0.1:" in answer["error"]
    # the right name on another port is another origin too
    other = httpx.get(served.url + "/", headers={"Host": f"127.0.0.1:{served.port + 1}"})
    assert other.status_code == 421
    for host in (f"localhost:{served.port}", f"[::1]:{served.port}", f"127.0.0.1:{served.port}"):
        assert httpx.get(served.url + "/", headers={"Host": host}).status_code == 200


def test_a_write_from_another_origin_is_refused(served: Served) -> None:
    client = served.client()
    before = export(served)
    token = csrf(client)
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": f"http://127.0.0.1:{served.port + 1}"},  # another port is another origin
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ):
        form = client.post(
            "/applications/1/close",
            data={"csrf_token": token, "outcome": "withdrawn"},
            headers=headers,
        )
        assert form.status_code == 403
        assert "followup accepts changes only from its own pages" in form.text
        api = client.post(
            "/api/applications",
            json={"company": "Evil", "role": "R"},
            headers={"X-CSRF-Token": token, **headers},
        )
        assert api.status_code == 403
        assert api.json()["error"].endswith("followup accepts changes only from its own pages")
    assert export(served) == before
    same = client.post(
        "/api/applications",
        json={"company": "Initech", "role": "Analyst"},
        headers={"X-CSRF-Token": token, "Origin": served.url, "Sec-Fetch-Site": "same-origin"},
    )
    assert same.status_code == 201


def test_a_cookie_planted_from_another_port_is_worthless(served: Served) -> None:
    before = export(served)
    planted = httpx.Client(base_url=served.url, cookies={"followup_session": PLANTED})
    for token in (PLANTED, "", "x" * 43):
        response = planted.post(
            "/applications/1/close", data={"csrf_token": token, "outcome": "withdrawn"}
        )
        assert response.status_code == 403
        assert "security token is missing or stale" in response.text
        api = planted.post(
            "/api/applications", json={"company": "E", "role": "R"}, headers={"X-CSRF-Token": token}
        )
        assert api.status_code == 403
    assert export(served) == before


def test_the_cookie_is_never_printed(served: Served) -> None:
    raw = '"><script>alert(1)</script>'
    odd = httpx.Client(base_url=served.url, cookies={"followup_session": raw})
    page = odd.get("/")
    assert page.status_code == 200 and "<script>alert" not in page.text
    assert page.cookies["followup_session"] != raw  # a malformed value is replaced
    valid = httpx.Client(base_url=served.url, cookies={"followup_session": PLANTED})
    for path in ("/", "/applications/1", "/settings"):
        text = valid.get(path).text
        assert PLANTED not in text
        assert re.search(r'name="csrf_token" value="[A-Za-z0-9_-]{43}"', text)


def test_a_note_holding_the_slot_text_never_receives_the_token(served: Served) -> None:
    client = served.client()
    token = csrf(client)
    note = "<csrf-slot> and @@csrf-token@@"
    answer = client.post(
        "/api/applications/2/replies",
        json={"note": note, "kind": "update", "expected_by": "2100-01-04"},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 201, answer.text
    page = client.get("/applications/2").text  # cached, with the slot filled on the way out
    assert "&lt;csrf-slot&gt; and @@csrf-token@@" in page
    assert page.count(token) == client.get("/applications/2").text.count(token) > 0
    assert f"{token} and" not in page


def test_thousands_of_query_strings_do_not_grow_the_server(served: Served) -> None:
    client = served.client()
    for n in range(200):  # warm up: every page once, the allocator settled
        client.get(f"/?warm={n}")
        client.get(f"/applications/1?warm={n}")
    before = served.rss_kb()
    for n in range(3000):
        assert client.get(f"/?z={n}").status_code == 200
    grown_mb = (served.rss_kb() - before) / 1024
    assert grown_mb < 40, f"the server grew by {grown_mb:.0f} MB over 3,000 query strings"


def test_bodies_are_capped_while_read(served: Served) -> None:
    client = served.client()
    token = csrf(client)
    before = export(served)
    big = b"x" * (10 * 1024 * 1024)
    declared = client.post(
        "/api/applications",
        content=big,
        headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
    )
    assert declared.status_code == 413
    assert declared.json() == {"error": "the request is larger than 1 MB"}

    def chunks() -> Iterator[bytes]:  # no Content-Length at all: counted as it comes
        for _ in range(10):
            yield b"y" * (1024 * 1024)

    streamed = httpx.post(
        served.url + "/applications",
        content=chunks(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        cookies=client.cookies,
    )
    assert streamed.status_code == 413
    assert "the request is larger than 1 MB" in streamed.text
    assert export(served) == before


def test_every_api_error_is_an_error_object(served: Served) -> None:
    client = served.client()
    token = csrf(client)
    headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}
    malformed = client.post("/api/applications", content=b'{"company": ', headers=headers)
    assert malformed.status_code == 400
    assert malformed.json()["error"].startswith("the body is not valid JSON")
    wrong_type = client.post(
        "/api/applications",
        content=b"company=x",
        headers={"X-CSRF-Token": token, "Content-Type": "text/plain"},
    )
    assert (wrong_type.status_code, wrong_type.json()) == (
        415,
        {"error": "the body must be JSON (Content-Type: application/json)"},
    )
    for response in (
        client.put("/api/applications", headers=headers),
        client.get("/api/nothing-here"),
        client.get("/api/applications/abc"),
        client.post("/api/applications", json={"company": "G"}, headers=headers),
    ):
        assert 400 <= response.status_code < 500
        assert set(response.json()) == {"error"}, response.text
    allowed = client.options("/api/applications")
    allow = "GET, HEAD, OPTIONS, POST"  # HEAD wherever GET (the guard answers it)
    assert allowed.status_code == 204 and allowed.headers["allow"] == allow
    refused = client.put("/api/applications", headers=headers)
    assert refused.status_code == 405 and refused.headers["allow"] == allow


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"company": "G", "role": "R", "expected_response_by": "9999-12-30"},
         "expected_response_by: must be between 1900-01-01 and 2100-12-31"),
        ({"company": "G", "role": "R", "expected_response_by": "0001-01-01"},
         "expected_response_by: must be between 1900-01-01 and 2100-12-31"),
        ({"company": "Globex\r\nBcc: x@evil.example", "role": "R"},
         "company: contains a carriage return; write it on one line without control characters"),
        ({"company": "Globex\u202eexe.fdp", "role": "R"},
         "company: contains the invisible formatting character U+202E, which makes text display "
         "as other than it is; remove it"),
        ({"company": "\ufeffGlobex", "role": "R"},
         "company: contains the invisible formatting character U+FEFF, which makes text display "
         "as other than it is; remove it"),
    ],
)  # fmt: skip
def test_out_of_range_dates_and_control_characters(
    served: Served, body: dict[str, str], error: str
) -> None:
    client = served.client()
    before = export(served)
    answer = client.post("/api/applications", json=body, headers={"X-CSRF-Token": csrf(client)})
    assert (answer.status_code, answer.json()) == (422, {"error": error})
    form = client.post(
        "/applications",
        data={"csrf_token": csrf(client), **body},
    )
    assert form.status_code == 400
    assert export(served) == before


@pytest.mark.parametrize(
    ("person", "error"),
    [
        ({"name": "Raj\r\nBcc: x@evil.example"}, "people[0].name: contains a carriage return"),
        ({"name": "Raj", "email": "a@x.example,b@x.example"}, "is not one email address"),
        ({"name": "Raj", "email": "a@x.example\nBcc: b@x.example"}, "is not one email address"),
        ({"name": "Raj", "title": "CTO\tand more"}, "people[0].title: contains a tab"),
    ],
)
def test_header_injection_and_two_addresses(
    served: Served, person: dict[str, str], error: str
) -> None:
    client = served.client()
    before = export(served)
    interview = {
        "kind": "video",
        "start": "2026-11-20T10:00:00+00:00",
        "end": "2026-11-20T11:00:00+00:00",
        "people": [person],
    }
    answer = client.post(
        "/api/applications/1/interviews", json=interview, headers={"X-CSRF-Token": csrf(client)}
    )
    assert answer.status_code == 422 and error in answer.json()["error"]
    form = {"csrf_token": csrf(client), "start": "2026-11-20T10:00", "end": "2026-11-20T11:00"}
    form |= {f"person-0-{k}": v for k, v in person.items()}
    page = client.post("/applications/1/interviews", data=form)
    assert page.status_code == 400
    assert export(served) == before


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "/\\evil.example",
        "https://evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
    ],
)
def test_next_only_leads_to_this_site(served: Served, target: str) -> None:
    client = served.client()
    action = an_open_action(client)
    answer = client.post(
        f"/actions/{action}/skip", data={"csrf_token": csrf(client), "next": target}
    )
    assert answer.status_code == 303
    assert re.fullmatch(r"/\?done=[0-9]+", answer.headers["location"])  # Today, with its Undo


def test_malformed_ids_are_not_found(served: Served) -> None:
    client = served.client()
    for path in ("/interviews/%201/edit", "/interviews/1x/edit", "/applications/%201"):
        assert client.get(path).status_code == 404
    evil = 'thank_you:1:1"; filename="evil.html'
    assert client.post(f"/actions/{evil}/pdf", data={"csrf_token": csrf(client)}).status_code == 400


def test_download_names_are_slugs_of_the_action(served: Served) -> None:
    client = served.client()
    form = {"csrf_token": csrf(client), "text": "Dear Raj,\nThank you.\nJordan"}
    for suffix, kind in (("pdf", "pdf"), ("eml", "eml")):
        answer = client.post(f"/actions/thank_you:1:1%0d%0a/{suffix}", data=form)
        assert answer.status_code == 200, answer.text
        name = answer.headers["content-disposition"]
        assert re.fullmatch(rf'attachment; filename="[a-z_]+-1-1(-[a-z0-9-]+)?\.{kind}"', name), (
            name
        )
