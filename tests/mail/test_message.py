"""The message builder: headers a mail program expects, threading, and no header injection."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from followup.core.errors import InvalidInputError
from followup.mail.message import Outgoing, build_message, message_bytes, reply_subject, split_note


def out(**changes: object) -> Outgoing:
    base = {
        "from_address": "jordan@example.org",
        "from_name": "Jordan A. Rivera",
        "to_address": "kchen@globex.example",
        "to_name": "Katherine Chen",
        "subject": "Thank you",
        "body": "Dear Ms. Chen,\nThank you — ça va.\n",
        "message_id": "<m1@example.org>",
        "date": datetime(2026, 11, 25, 14, 0, tzinfo=UTC),
    }
    return Outgoing(**(base | changes))  # type: ignore[arg-type]


def test_headers_body_and_crlf() -> None:
    data = message_bytes(build_message(out(), unsent=True))
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    parsed = message_from_bytes(data, policy=policy.default)
    assert parsed["From"] == '"Jordan A. Rivera" <jordan@example.org>'
    assert parsed["To"] == "Katherine Chen <kchen@globex.example>"
    assert parsed["Date"] == "Wed, 25 Nov 2026 14:00:00 +0000"
    assert (parsed["Message-ID"], parsed["X-Unsent"]) == ("<m1@example.org>", "1")
    assert parsed.get_content().replace("\r\n", "\n") == "Dear Ms. Chen,\nThank you — ça va.\n"


def test_a_check_in_threads_under_the_thank_you() -> None:
    parsed = message_from_bytes(
        message_bytes(
            build_message(out(subject=reply_subject("Thank you"), in_reply_to="<t@example.org>"))
        )
    )
    assert (parsed["In-Reply-To"], parsed["References"]) == ("<t@example.org>", "<t@example.org>")
    assert parsed["Subject"] == "Re: Thank you"
    assert reply_subject("RE: Thank you") == "RE: Thank you"


@pytest.mark.parametrize("field", ["from_name", "to_name", "subject"])
def test_a_line_break_in_a_name_never_adds_a_header(field: str) -> None:
    evil = "Katherine\r\nBcc: victim@evil.example\nX-Injected: 1"
    data = message_bytes(build_message(out(**{field: evil})))
    parsed = message_from_bytes(data)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert b"\r\nBcc:" not in data


def test_an_address_with_a_line_break_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="not an email address"):
        build_message(out(to_address="kchen@globex.example\r\nBcc: x@evil.example"))


def test_the_subject_line_of_a_note() -> None:
    assert split_note("Subject: Thank you\n\nDear Ms. Chen") == ("Thank you", "Dear Ms. Chen")
    assert split_note("Dear Ms. Chen") == (None, "Dear Ms. Chen")
