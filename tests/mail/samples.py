"""Incoming mail as the tests deliver it into the Dovecot INBOX: replies, bounces, and the
malformed, huge and foreign-charset messages a real mailbox holds."""

from __future__ import annotations


def reply(
    message_id: str,
    *,
    sender: str = "Katherine Chen <kchen@globex.example>",
    in_reply_to: str | None = None,
    subject: str = "Re: Thank you",
    body: str = "We would like to offer you the role.",
    date: str = "Wed, 25 Nov 2026 08:00:00 -0500",
    extra: str = "",
) -> bytes:
    thread = f"In-Reply-To: {in_reply_to}\r\nReferences: {in_reply_to}\r\n" if in_reply_to else ""
    return (
        f"From: {sender}\r\nTo: jordan@example.org\r\nSubject: {subject}\r\nDate: {date}\r\n"
        f"Message-ID: {message_id}\r\n{thread}{extra}"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def bounce(
    original_id: str,
    *,
    to: str = "raj.patel@globex.example",
    action: str = "failed",
    status: str = "5.1.1",
    message_id: str = "<dsn-1@mx.example.org>",
) -> bytes:
    """A delivery status notification (RFC 3464) as a mail server sends it back."""
    diagnostic = (
        "smtp; 550 5.1.1 <raj.patel@globex.example>: Recipient address rejected: User unknown"
        if action == "failed"
        else "smtp; 451 4.4.1 connection timed out, will retry"
    )
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        "To: jordan@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        f"Date: Wed, 25 Nov 2026 07:00:00 -0500\r\nMessage-ID: {message_id}\r\n"
        "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n\r\n'
        "--B1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        "I'm sorry to have to inform you that your message could not be delivered.\r\n\r\n"
        "--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {to}\r\nOriginal-Recipient: rfc822; {to}\r\n"
        f"Action: {action}\r\nStatus: {status}\r\nDiagnostic-Code: {diagnostic}\r\n\r\n"
        "--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"From: Jordan A. Rivera <jordan@example.org>\r\nTo: {to}\r\n"
        f"Subject: Thank you\r\nMessage-ID: {original_id}\r\n\r\n"
        "--B1--\r\n"
    ).encode()


def read_receipt(original_id: str) -> bytes:
    """A read receipt (RFC 8098): a multipart/report too, but no delivery failure."""
    return (
        "From: Katherine Chen <kchen@globex.example>\r\nTo: jordan@example.org\r\n"
        "Subject: Read: Thank you\r\nDate: Wed, 25 Nov 2026 07:30:00 -0500\r\n"
        "Message-ID: <mdn-1@globex.example>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=disposition-notification; boundary="R"\r\n'
        "\r\n--R\r\nContent-Type: text/plain\r\n\r\nYour message was read.\r\n"
        "--R\r\nContent-Type: message/disposition-notification\r\n\r\n"
        f"Original-Message-ID: {original_id}\r\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\r\n--R--\r\n"
    ).encode()


MALFORMED = {
    # a multipart whose boundary never comes, and a part header that is not one
    "broken_mime": (
        b"From: Katherine Chen <kchen@globex.example>\r\nSubject: Re: Thank you\r\n"
        b"Message-ID: <broken-mime@globex.example>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="never-seen"\r\n\r\n'
        b"--wrong\r\nContent-Type text/plain\r\n\r\nWe will decide by Friday.\r\n"
    ),
    "no_from": (
        b"To: jordan@example.org\r\nSubject: Re: Thank you\r\n"
        b"Message-ID: <no-from@globex.example>\r\n\r\nwho am I\r\n"
    ),
    "garbage_headers": (
        b"From: =?utf-8?B?!!!not-base64?= <kchen@globex.example\r\n"
        b"Subject: =?x-unknown-charset?Q?=FF=FE?=\r\n\xff\xfe: \x00\x01\x02\r\n"
        b"Message-ID: <<garbage@@globex.example>\r\nIn-Reply-To: <\r\n"
        b'Content-Type: text/plain; charset="no-such-charset"\r\n\r\n\xff\xfe\xfd\r\n'
    ),
    "bad_date": (
        b"From: Raj Patel <raj.patel@globex.example>\r\nSubject: Re: our talk\r\n"
        b"Date: Thu, 45 Smarch 99999 25:61:00 +9999\r\n"
        b"Message-ID: <bad-date@globex.example>\r\n\r\nThanks, we will be in touch.\r\n"
    ),
}


def huge(message_id: str, megabytes: int = 25) -> bytes:
    """A reply from a known person carrying a large attachment."""
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n"
    attachment = line * (megabytes * 1024 * 1024 // len(line))
    return (
        b"From: Raj Patel <raj.patel@globex.example>\r\nTo: jordan@example.org\r\n"
        b"Subject: Re: the slides\r\nDate: Wed, 25 Nov 2026 09:00:00 -0500\r\n"
        + f"Message-ID: {message_id}\r\n".encode()
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="H"\r\n\r\n'
        b"--H\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Here are the slides from our talk.\r\n--H\r\n"
        b"Content-Type: application/octet-stream; name=slides.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="slides.pdf"\r\n\r\n'
        + attachment
        + b"--H--\r\n"
    )


def windows_1252_auto_reply() -> bytes:
    """An out-of-office in Windows-1252 (curly quotes, dashes, an accented name)."""
    body = (
        "Thank you for your message. I\u2019m out of the office \u2013 back on 7 December 2026. "
        "\u201cUrgent\u201d matters: Ren\u00e9e at the caf\u00e9\u2026"
    )
    return (
        b"From: =?windows-1252?Q?Ren=E9e_Lef=E8vre?= <kchen@globex.example>\r\n"
        b"To: jordan@example.org\r\n"
        b"Subject: =?windows-1252?Q?R=E9ponse_automatique_=96_absente?=\r\n"
        b"Date: Wed, 25 Nov 2026 08:00:00 -0500\r\nMessage-ID: <ooo-1252@globex.example>\r\n"
        b"Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=windows-1252\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body.encode("cp1252") + b"\r\n"
    )


def iso_2022_jp_reply(in_reply_to: str) -> bytes:
    """A Japanese answer: ISO-2022-JP body, B-encoded subject and name (as Japanese mailers
    still send)."""
    import base64

    subject = "Re: \u9762\u63a5\u306e\u5fa1\u793c"  # "Re: thanks for the interview"
    name = "\u5c71\u7530 \u82b1\u5b50"
    body = "\u3054\u9023\u7d61\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\u3002"

    def word(text: str) -> str:
        return f"=?ISO-2022-JP?B?{base64.b64encode(text.encode('iso-2022-jp')).decode()}?="

    return (
        (
            f"From: {word(name)} <kchen@globex.example>\r\nTo: jordan@example.org\r\n"
            f"Subject: {word(subject)}\r\nDate: Wed, 25 Nov 2026 22:00:00 +0900\r\n"
            f"Message-ID: <jp-1@globex.example>\r\nIn-Reply-To: {in_reply_to}\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n"
            "Content-Transfer-Encoding: 7bit\r\n\r\n"
        ).encode()
        + body.encode("iso-2022-jp")
        + b"\r\n"
    )
