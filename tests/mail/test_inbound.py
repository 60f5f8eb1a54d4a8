"""mail/inbound.py: what one incoming message is, read from its bytes. One row per case."""

from __future__ import annotations

from datetime import date

import pytest

from followup.mail.inbound import parse_inbound
from tests.mail import samples

OURS = "<179567534078.1.2@example.org>"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            samples.bounce(OURS),
            {
                "report": "delivery-status",
                "bounce": True,
                "bounced_ids": (OURS,),
                "auto_reply": False,
            },
        ),
        (
            samples.bounce(OURS, action="delayed", status="4.4.1"),
            {"report": "delivery-status", "bounce": False, "bounced_ids": (), "auto_reply": False},
        ),
        (
            samples.read_receipt(OURS),
            {"report": "disposition-notification", "bounce": False, "auto_reply": False},
        ),
        (
            samples.windows_1252_auto_reply(),
            {
                "report": None,
                "auto_reply": True,
                "until": date(2026, 12, 7),
                "sender": "kchen@globex.example",
                "sender_name": "Ren\u00e9e Lef\u00e8vre",
                "subject": "R\u00e9ponse automatique \u2013 absente",
            },
        ),
        (
            samples.iso_2022_jp_reply(OURS),
            {
                "thread_ids": (OURS,),
                "subject": "Re: \u9762\u63a5\u306e\u5fa1\u793c",
                "sender_name": "\u5c71\u7530 \u82b1\u5b50",
                "text": "\u3054\u9023\u7d61\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\u3002\r\n",
            },
        ),
        (
            b"From: =?iso-8859-1?Q?Gonzalez=2C_Mar=EDa?= <maria.gonzalez@globex.example>\r\n\r\n",
            {"sender": "maria.gonzalez@globex.example", "sender_name": "Gonzalez, Mar\u00eda"},
        ),
        (
            b"From: K <kchen@globex.example>\r\nSubject: a\x00b\r\nDate: 45 Smarch\r\n\r\n",
            {"subject": "a b", "date": None},
        ),
        (samples.MALFORMED["no_from"], {"sender": None, "problems": ("no usable From address",)}),
        (
            samples.MALFORMED["garbage_headers"],
            {"sender": "kchen@globex.example", "message_id": None},
        ),
    ],
)
def test_parse_inbound(raw: bytes, expected: dict) -> None:  # type: ignore[type-arg]
    found = parse_inbound(raw)
    assert {k: getattr(found, k) for k in expected} == expected


def test_an_encoded_word_that_cannot_be_decoded_is_kept_as_written() -> None:
    found = parse_inbound(
        b"From: =?utf-8?B?!!!?= <a@b.example>\r\nSubject: =?utf-8?B?!!!not-base64?=\r\n\r\n"
    )
    assert (found.sender, found.subject) == ("a@b.example", "=?utf-8?B?!!!not-base64?=")


@pytest.mark.parametrize(
    ("header", "auto"),
    [
        ("Auto-Submitted: auto-replied", True),
        ("Auto-Submitted: auto-generated", True),
        ("Auto-Submitted: no", False),
        ("X-Autoreply: yes", True),
        ("X-Autorespond: vacation", True),
        ("Precedence: auto_reply", True),
        ("Precedence: bulk", True),
        ("Precedence: list", True),
        ("Precedence: junk", True),
        ("Precedence: first-class", False),
        ("X-MS-Exchange-Inbox-Rules-Loop: kchen@globex.example", True),
        ("X-Mailer: Outlook", False),
    ],
)
def test_out_of_office_headers(header: str, auto: bool) -> None:
    raw = f"From: K <kchen@globex.example>\r\n{header}\r\n\r\nBack on 7 December.\r\n"
    assert parse_inbound(raw.encode()).auto_reply is auto


@pytest.mark.parametrize(("stamps", "doubted"), [
    ("", None),  # no provider stamp (a local server): taken as it says
    ("Authentication-Results: mx.example; dmarc=pass; spf=pass\r\n", None),
    ("Authentication-Results: mx.example; dmarc=fail header.from=globex.example\r\n",
     "its sender failed DMARC at your provider"),
    ("Authentication-Results: mx.example; spf=softfail; dkim=none\r\n",
     "its sender failed SPF at your provider (spf=softfail), with no DKIM pass"),
    ("Authentication-Results: mx.example; spf=fail; dkim=pass\r\n", None),  # signed: it is theirs
    ("Authentication-Results: mx.example; dmarc=fail\r\nAuthentication-Results: x; dmarc=pass\r\n",
     "its sender failed DMARC at your provider"),  # only the topmost counts
])  # fmt: skip
def test_what_the_receiving_provider_says_of_the_sender(stamps: str, doubted: str | None) -> None:
    raw = (
        stamps + "From: Katherine Chen <kchen@globex.example>\r\nSubject: Re\r\n\r\nHi\r\n"
    ).encode()
    assert parse_inbound(raw).doubted == doubted
