"""Export and import of the whole database, on both databases."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime, timedelta

import pytest

from followup.core.errors import ConflictError, InvalidInputError
from followup.inputs.models import ApplicationIn
from followup.services import Followup
from followup.services.backup import export_document, import_document
from followup.storage.store import open_store
from tests.services.test_followup import demo_service

T0 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def clock_at(moment: datetime):  # type: ignore[no-untyped-def]
    return lambda: moment


def test_export_import_export_is_the_same_document(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = demo_service(db_url)
    document = export_document(service)
    target = Followup(open_store(f"sqlite:///{tmp_path / 'copy.sqlite3'}"), clock=clock_at(T0))
    assert import_document(target, document, "backup.json") == 3
    assert export_document(target) == document
    # new rows after a restore get fresh ids, not clashing ones
    new_id = target.add_application(ApplicationIn(company="Hooli", role="PM"))
    assert new_id == 4
    # the plan is recomputed on import
    assert [i["id"] for i in target.agenda().items] == [i["id"] for i in service.agenda().items]


def test_import_into_postgres_resets_its_sequences(
    db_url: str, postgres_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    document = export_document(demo_service(f"sqlite:///{tmp_path / 'src.sqlite3'}"))
    target = Followup(open_store(db_url), clock=clock_at(T0))
    import_document(target, document, "backup.json")
    assert target.add_application(ApplicationIn(company="Hooli", role="PM")) == 4
    assert export_document(target)["tables"]["people"] == document["tables"]["people"]


def test_import_refuses_a_database_with_data_unless_merging(db_url: str) -> None:
    service = demo_service(db_url)
    document = export_document(service)
    with pytest.raises(ConflictError, match="merge this backup's applications into them"):
        import_document(service, document, "backup.json")
    assert import_document(service, document, "backup.json", merge=True) == 0  # all present
    other = Followup(open_store(db_url), clock=clock_at(T0 + timedelta(days=1)))
    other.add_application(ApplicationIn(company="Hooli", role="PM"))
    doc2 = export_document(other)
    fresh = doc2["tables"]["applications"][-1]
    fresh["created_at"] = "2026-12-01T00:00:00+00:00"
    assert import_document(service, doc2, "b2.json", merge=True) == 1
    assert len(service.applications()) == 5


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a followup export"),
        (
            lambda d: d["tables"]["people"][1].update(application_id=99),
            "tables.people[1].application_id: unknown application 99",
        ),
        (
            lambda d: d["tables"]["interviews"][0].update(end_at="2020-01-01T00:00:00+00:00"),
            "tables.interviews[0].end_at: the interview ends before it starts",
        ),
        (
            lambda d: d["tables"]["profiles"][0].update(timezone="Nowhere/Land"),
            "tables.profiles[0].timezone: unknown timezone 'Nowhere/Land'",
        ),
        (
            lambda d: d["tables"]["applications"].append(dict(d["tables"]["applications"][0])),
            "tables.applications[3].id: duplicate id 1",
        ),
        (
            lambda d: d["tables"]["follow_ups"][0].update(sent_at="soon"),
            "tables.follow_ups[0].sent_at: not an ISO 8601 time with offset",
        ),
        # ids are JSON integers: what merely looks like one is a mistake
        (
            lambda d: d["tables"]["applications"][0].update(id="1"),
            "tables.applications[0].id: Input should be a valid integer",
        ),
        (
            lambda d: d["tables"]["people"][0].update(application_id=1.0),
            "tables.people[0].application_id: Input should be a valid integer",
        ),
        (
            lambda d: d["tables"]["participants"][0].update(person_id=True),
            "tables.participants[0].person_id: Input should be a valid integer",
        ),
        (
            lambda d: d["tables"]["applications"][0].update(client_facing=0),
            "tables.applications[0].client_facing: Input should be a valid boolean",
        ),
        (
            lambda d: d["tables"]["applications"][0].update(
                status="withdrawn", closed_at="2026-11-01T00:00:00+00:00"
            ),
            "tables.applications[0].closed_at: the application closes before it was created",
        ),
        (
            lambda d: d["tables"]["kept_notes"].extend(
                [
                    {
                        "id": n,
                        "application_id": 1,
                        "action_id": "thank_you:1:1",
                        "method": "email",
                        "text": "Hi",
                        "updated_at": "2026-11-25T00:00:00+00:00",
                    }
                    for n in (1, 2)
                ]
            ),  # fmt: skip
            "tables.kept_notes[1].action_id: thank_you:1:1 is listed twice",
        ),
        (
            lambda d: d["tables"]["people"][0].update(name="Raj\r\nBcc: x@evil.example"),
            "tables.people[0].name: contains a carriage return",
        ),
        (
            lambda d: d["tables"]["people"][0].update(email="a@x.example, b@x.example"),
            "tables.people[0].email: 'a@x.example, b@x.example' is not one email address",
        ),
        (
            lambda d: d["tables"]["applications"][0].update(expected_response_by="9999-12-30"),
            "tables.applications[0].expected_response_by: must be between 1900-01-01 and 2100-12-31",
        ),
    ],
)
def test_bad_backups_are_refused_and_change_nothing(db_url: str, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    document = export_document(demo_service(f"sqlite:///{tempfile.mkdtemp()}/s.db"))
    mutate(document)
    target = Followup(open_store(db_url), clock=clock_at(T0))
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        import_document(target, document, "backup.json")
    with target.store.transaction() as repo:
        assert repo.is_empty()
