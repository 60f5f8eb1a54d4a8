"""Crash injection: the sender is killed with SIGKILL at random moments of a send (after the
Message-ID is stored, while the server takes the data, after its 250 and before the outbox is
updated), then run again. Every message must be delivered exactly once and every action
recorded once. 200 kill points over 100 actions; the server files what it accepts in Sent, as
Gmail does."""

from __future__ import annotations

import json
import os
import random
import signal
import time
from collections import Counter
from datetime import datetime

import pytest
import yaml

from tests.mail.test_mail_flow import ok, set_up_mail

NOW = datetime.fromisoformat("2026-11-24T18:00:00-05:00")


def _panel(n: int) -> dict:  # type: ignore[type-arg]
    return {
        "kind": "in_person",
        "start": f"2026-11-24T{9 + n:02d}:00:00-05:00",
        "end": f"2026-11-24T{9 + n:02d}:30:00-05:00",
        "people": [
            {"name": f"Person {n}-{k}", "email": f"p{n}-{k}@globex.example", "discussed": ["x"]}
            for k in range(25)
        ],
    }


def _send(action: str) -> None:
    from followup.services import open_service
    from followup.services.sending import send_action
    from followup.settings import Settings

    service = open_service(Settings.from_env(), clock=lambda: NOW)
    send_action(service, action, yes=True, in_doubt_grace=0.5)


def _killed_send(action: str, delay: float) -> None:
    pid = os.fork()
    if pid == 0:  # the sender
        try:
            _send(action)
        finally:
            os._exit(0)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


@pytest.mark.slow
def test_200_random_kill_points_deliver_each_message_once(  # type: ignore[no-untyped-def]
    cli, tmp_path, monkeypatch, smtp_server, dovecot, mailbox_user
):
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", f"sqlite:///{tmp_path / 'crash.sqlite3'}")
    ok(cli("setup", "--name", "Jordan A. Rivera", "--email", "jordan@example.org",
           "--timezone", "America/New_York"))  # fmt: skip
    ok(cli("app", "add", "--company", "Globex Corporation", "--role", "Analyst"))
    for n in range(4):
        notes = tmp_path / f"i{n}.yaml"
        notes.write_text(yaml.safe_dump(_panel(n)))
        ok(cli("interview", "add", "1", "--file", str(notes), now=NOW.isoformat()))
    smtp = smtp_server(imap_port=dovecot.port)
    ok(set_up_mail(cli, tmp_path, smtp.port, dovecot.port))
    plan = json.loads(ok(cli("plan", "1", "--json", now=NOW.isoformat())).out)
    actions = [a["id"] for a in plan["actions"] if a["kind"] == "thank_you"]
    assert len(actions) == 100
    _send(actions[0])  # warm up: what a send costs, and the proofreader built before forking
    rng = random.Random(20261126)
    started = time.monotonic()
    _send(actions[1])
    span = max(0.02, time.monotonic() - started)
    kills = 0
    for action in actions[2:] + actions[:2]:
        for _ in range(2):
            _killed_send(action, rng.uniform(0, span * 1.2))
            kills += 1
        _send(action)  # run again: it completes or finds the message already sent
    assert kills >= 200
    delivered = Counter(m["message_id"] for m in smtp.messages)
    entries = json.loads(ok(cli("outbox", "--json")).out)["entries"]
    assert len(entries) == 100 and {e["state"] for e in entries} == {"sent"}
    assert {e["message_id"] for e in entries} == set(delivered)
    assert max(delivered.values()) == 1, [m for m, n in delivered.items() if n > 1]
    plan = json.loads(ok(cli("plan", "1", "--json", now=NOW.isoformat())).out)
    assert [a["status"] for a in plan["actions"] if a["kind"] == "thank_you"] == ["done"] * 100
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{tmp_path / 'crash.sqlite3'}")
    with engine.connect() as conn:
        facts = conn.execute(text("SELECT COUNT(*) FROM follow_ups")).scalar()
    engine.dispose()
    assert facts == 100
