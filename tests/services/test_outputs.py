"""One serializer per output: the command line's `--json` and the API answer alike."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from followup.services import open_service
from followup.services.demo import load_demo
from followup.settings import Settings
from tests.web.conftest import local_client, token

NOW = "2026-11-25T12:00:00-05:00"


@pytest.mark.usefixtures("use_db")
def test_cli_and_api_json_agree(cli, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    moment = datetime.fromisoformat(NOW)
    settings = Settings(home=tmp_path, database_url=db_url)
    load_demo(open_service(settings, clock=lambda: moment))
    with local_client(settings, clock=lambda: moment) as api:
        api.get("/")
        listing = json.loads(cli("app", "list", "--json", now=NOW).out)
        assert listing == api.get("/api/applications").json()
        assert [a["id"] for a in listing] == [3, 2, 1]
        plan = json.loads(cli("plan", "--json", "1", now=NOW).out)
        assert plan == api.get("/api/applications/1/plan").json()
        assert all(isinstance(a["contact"], int) for a in plan["actions"])
        action = next(a["id"] for a in plan["actions"] if a["status"] != "done")
        drafted = json.loads(cli("draft", "--json", action, now=NOW).out)
        assert drafted == api.get(f"/api/actions/{action}/draft").json()
        assert isinstance(drafted["to"]["id"], int)
        agenda = json.loads(cli("agenda", "--json", now=NOW).out)
        assert agenda == api.get("/api/agenda").json()
        sent = json.loads(cli("sent", "--json", action, now=NOW).out)
        assert isinstance(sent.pop("change"), int)  # undo takes it back
        assert sent == {"action": action, "application": 1, "warning": None}
        other = next(
            a["id"] for a in agenda["actions"] if a["application"] == 1 and a["id"] != action
        )
        answer = api.post(
            f"/api/actions/{other}/sent", json={}, headers={"X-CSRF-Token": token(api)}
        )
        assert set(answer.json()) == {"action", "application", "warning", "change"}
        assert (answer.json()["action"], answer.json()["application"]) == (other, 1)
