"""A bounced email is not a follow-up made: when sync reads the delivery failure of a sent
thank-you, its sent fact is withdrawn, so the agenda lists it again and Today says it bounced;
the note stays kept to send again, and `followup undo` puts the fact back. SQLite and
PostgreSQL, real Dovecot and SMTP servers."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from tests.mail import samples
from tests.mail.conftest import deliver
from tests.mail.test_incoming import mailbox, sync  # noqa: F401  (the fixture)
from tests.mail.test_mail_flow import LATER, NOW, ok


def agenda(cli) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        a["id"]: a["status"]
        for a in json.loads(ok(cli("agenda", "--json", now=LATER)).out)["actions"]
    }


@pytest.mark.usefixtures("mailbox")
def test_a_bounced_thank_you_is_open_again_with_its_note(cli, dovecot) -> None:  # type: ignore[no-untyped-def]
    sent = json.loads(ok(cli("send", "thank_you:1:2", "--yes", "--json", now=NOW)).out)
    assert "thank_you:1:2" not in agenda(cli)
    deliver(dovecot, samples.bounce(sent["message_id"]))
    found = sync(cli)
    assert len(found["bounces"]) == 1
    assert agenda(cli)["thank_you:1:2"] in ("due", "overdue")
    tables = json.loads(ok(cli("export")).out)["tables"]
    assert [f for f in tables["follow_ups"] if f["person_id"] == 2] == []
    [kept] = [k for k in tables["kept_notes"] if k["action_id"] == "thank_you:1:2"]
    assert kept["text"].startswith(f"Subject: {sent['subject']}")

    from followup.services import open_service
    from followup.settings import Settings

    service = open_service(Settings.from_env())
    service.clock = lambda: datetime.fromisoformat(LATER)
    assert service.bounces() == {
        "thank_you:1:2": {
            "to_address": "raj.patel@globex.example",
            "why": "smtp; 550 5.1.1 <raj.patel@globex.example>: Recipient address rejected: "
            "User unknown",
        }
    }
    undone = ok(cli("undo", now=LATER))
    assert "Withdrew the thank-you to Raj Patel: the email bounced" in undone.out
    assert "thank_you:1:2" not in agenda(cli)
