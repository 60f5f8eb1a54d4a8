"""A backup keeps text exactly: a kept note or a sent body that ends in a newline, a reply note
with spaces around it, a name stored with a trailing space before names were trimmed, come back
as they were (export -> import -> export is the same document), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from followup.services import Followup
from followup.services.backup import export_document, import_document
from followup.storage.store import open_store
from tests.services.test_followup import demo_service

T0 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
ENDINGS = {
    "kept_notes": ("text", "Dear Raj,\n\nThank you for your time.\n\nJordan\n"),
    "follow_ups": ("body", "Subject: Thanks\n\nDear Katherine,\n\n  Thank you.  \n\n"),
    "replies": ("note", "  We'll call you on Monday.\n"),
    "people": ("name", "Raj Patel "),
    "applications": ("role", " Senior Data Analyst"),
}


def test_text_comes_back_exactly_as_exported(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = demo_service(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    service.mark_sent("thank_you:1:2", text="Hi Raj,\n\nThanks.\n", confirmed=True)
    document = export_document(service)
    tables = document["tables"]
    for table, (column, text) in ENDINGS.items():
        assert tables[table], table
        tables[table][0][column] = text
    target = Followup(open_store(db_url), clock=lambda: T0)
    assert import_document(target, document, "backup.json") == 3
    again = export_document(target)
    assert again == document
    for table, (column, text) in ENDINGS.items():
        assert again["tables"][table][0][column] == text
