"""Serving beyond this machine: refused without a login secret; with one, every request needs
the login (a form and its cookie, or a bearer token), failed attempts are rate-limited. And the
private files: 0700 and 0600 whatever the umask."""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.web.served import BIN, Served, followup_env, run_followup

PASSWORD = "correct horse battery staple"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_serving_beyond_loopback_needs_a_login_secret(tmp_path: Path) -> None:
    env = followup_env(tmp_path / "home", f"sqlite:///{tmp_path / 'home' / 'f.sqlite3'}")
    for host in ("0.0.0.0", "192.0.2.10"):  # refused before anything listens
        done = subprocess.run(
            [str(BIN / "followup"), "serve", "--host", host, "--port", "8765"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2
        assert done.stderr == (
            f"Error: serving on {host} would show your data to every machine that can reach "
            "it; set FOLLOWUP_WEB_PASSWORD_FILE to a file holding a password, or add "
            "--generate-token\n"
        )
        assert "running" not in done.stdout


@pytest.fixture
def guarded(tmp_path: Path) -> Served:
    home = tmp_path / "home"
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    secret.chmod(0o600)
    env = followup_env(
        home, f"sqlite:///{home / 'f.sqlite3'}", FOLLOWUP_WEB_PASSWORD_FILE=str(secret)
    )
    run_followup(env, "demo")
    return Served(env)


def login(client: httpx.Client, secret: str, next: str = "/") -> httpx.Response:
    form = client.get("/login")
    assert form.status_code == 200 and 'type="password"' in form.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None
    return client.post("/login", data={"csrf_token": token[1], "secret": secret, "next": next})


def test_every_request_needs_the_login(guarded: Served) -> None:
    with guarded as server:
        anyone = httpx.Client(base_url=server.url)
        assert anyone.get("/").status_code == 303
        assert anyone.get("/applications/1?x=1").headers["location"] == (
            "/login?next=%2Fapplications%2F1%3Fx%3D1"
        )
        api = anyone.get("/api/agenda")
        assert api.status_code == 401 and api.headers["www-authenticate"].startswith("Bearer")
        assert api.json() == {
            "error": "log in first: open /login in a browser, or send Authorization: Bearer <token>"
        }
        assert anyone.get("/backup/export.json").status_code == 303
        assert anyone.get("/static/style.css").status_code == 200
        assert anyone.get("/calendar/nothing.ics").status_code == 404  # the secret is the key

        browser = httpx.Client(base_url=server.url)
        wrong = login(browser, "guess")
        assert wrong.status_code == 401
        assert "that password or access token is not right" in wrong.text
        right = login(browser, PASSWORD, next="/applications")
        assert (right.status_code, right.headers["location"]) == (303, "/applications")
        cookie = right.headers["set-cookie"]
        assert "followup_login=" in cookie and "HttpOnly" in cookie
        assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
        assert browser.get("/").status_code == 200
        assert login(browser, PASSWORD, next="//evil.example").headers["location"] == "/"

        program = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {PASSWORD}"})
        assert program.get("/api/agenda").status_code == 200
        made = program.post("/api/applications", json={"company": "Initech", "role": "Analyst"})
        assert made.status_code == 201  # a bearer token is never sent by a page on its own
        bad = httpx.get(f"{server.url}/api/agenda", headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401

        for _ in range(5):
            assert login(httpx.Client(base_url=server.url), "guess").status_code in (401, 429)
        limited = login(httpx.Client(base_url=server.url), PASSWORD)
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
        assert "too many failed attempts" in limited.text
        assert program.get("/api/agenda").status_code == 429  # bearer guesses count too
    assert "Every page and API call needs a login" in server.output
    assert PASSWORD not in server.output


def test_a_generated_token_is_shown_once_and_kept_hashed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = followup_env(home, f"sqlite:///{home / 'f.sqlite3'}")
    run_followup(env, "demo")
    with Served(env, "--generate-token") as server:
        pass
    token = server.output.split("only its hash is kept): ", 1)[1].split()[0]
    stored = home / "web-token"
    assert mode(stored) == 0o600 and token not in stored.read_text()
    with Served(env) as again:  # the token stays the key until web-token is deleted
        assert httpx.get(again.url + "/api/agenda").status_code == 401
        with_token = httpx.get(
            again.url + "/api/agenda", headers={"Authorization": f"Bearer {token}"}
        )
        assert with_token.status_code == 200
    assert token not in again.output


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_private_files_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    home = tmp_path / "home"
    database = home / "followup.sqlite3"
    env = followup_env(home, f"sqlite:///{database}")
    run_followup(env, "setup", "--name", "Jordan", "--timezone", "UTC", umask=umask)
    assert (mode(home), mode(database)) == (0o700, 0o600)
    with Served(env, umask=umask) as server:
        server.client().get("/")
        for name in ("followup.sqlite3-wal", "followup.sqlite3-shm", "web-secret"):
            assert mode(home / name) == 0o600, name
    backup = tmp_path / "backup.json"
    run_followup(env, "export", str(backup), umask=umask)
    scenario = tmp_path / "scenario.json"
    run_followup(env, "app", "add", "--company", "G", "--role", "R", umask=umask)
    run_followup(env, "scenario", "1", "-o", str(scenario), umask=umask)
    assert (mode(backup), mode(scenario)) == (0o600, 0o600)


def test_logging_out_revokes_the_session_and_a_restart_keeps_the_others(guarded: Served) -> None:
    with guarded as server:
        kept, leaving = httpx.Client(base_url=server.url), httpx.Client(base_url=server.url)
        for browser in (kept, leaving):
            assert login(browser, PASSWORD).status_code == 303
        stolen = leaving.cookies["followup_login"]
        assert stolen != kept.cookies["followup_login"]  # each browser its own session
        page = leaving.get("/")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        assert leaving.post("/logout", data={"csrf_token": token[1]}).status_code == 303
        replayed = httpx.Client(base_url=server.url, cookies={"followup_login": stolen})
        assert replayed.get("/").headers["location"] == "/login?next=%2F"
        kept_cookie = kept.cookies["followup_login"]
    sessions = Path(guarded.env["FOLLOWUP_HOME"]) / "web-sessions"
    assert mode(sessions) == 0o600 and kept_cookie not in sessions.read_text()
    with Served(guarded.env) as again:
        assert (
            httpx.get(again.url + "/", cookies={"followup_login": kept_cookie}).status_code == 200
        )
        assert httpx.get(again.url + "/", cookies={"followup_login": stolen}).status_code == 303


def test_someone_elses_guessing_never_locks_the_owner_out() -> None:
    from followup.web.login import FAILURES_IN_ALL, FailedLogins

    failures, now = FailedLogins(), 1000.0
    for n in range(FAILURES_IN_ALL):
        failures.record(f"198.51.100.{n}", now)
    assert failures.retry_after("192.0.2.7", now + 1) is None  # the owner, who has not failed
    failures.record("192.0.2.99", now + 1)  # a guesser from one more address, after one try
    assert failures.retry_after("192.0.2.99", now + 1) == 60
    assert failures.retry_after("192.0.2.99", now + 61) is None  # the minute is over


def test_a_folder_of_the_users_own_keeps_its_mode(tmp_path: Path) -> None:
    home = tmp_path / "shared-with-my-group"
    home.mkdir(mode=0o750)
    home.chmod(0o750)
    env = followup_env(home, f"sqlite:///{home / 'f.sqlite3'}")
    run_followup(env, "setup", "--name", "Jordan", "--timezone", "UTC")
    with Served(env) as server:
        server.client().get("/")
    assert mode(home) == 0o750
    assert (mode(home / "f.sqlite3"), mode(home / "web-secret")) == (0o600, 0o600)


def test_a_password_file_others_can_read_is_refused(tmp_path: Path) -> None:
    home, secret = tmp_path / "home", tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    secret.chmod(0o644)
    env = followup_env(
        home, f"sqlite:///{home / 'f.sqlite3'}", FOLLOWUP_WEB_PASSWORD_FILE=str(secret)
    )
    done = subprocess.run(
        [str(BIN / "followup"), "serve", "--host", "0.0.0.0", "--port", "8765"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"Error: FOLLOWUP_WEB_PASSWORD_FILE: {secret}: other users can read it (mode 0644); "
        f"run `chmod 600 {secret}`\n",
    )
