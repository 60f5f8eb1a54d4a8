"""What can go wrong talking to a mail server, one class per cause, each saying what to do."""

from __future__ import annotations

from followup.core.errors import FollowupError


class MailError(FollowupError):
    """A mail server could not be used; the message names the server and what to do.

    `temporary` says whether trying again later may work (a 4xx reply, a dropped connection),
    which the outbox's retries go by; `maybe_delivered` that the server may have accepted the
    message before the failure (the connection dropped, or went silent, after the data was
    sent), so the outbox looks for it in Sent before sending it again.
    """

    http_status = 502
    temporary = False
    maybe_delivered = False


class MailSetupError(MailError):
    """The account settings or the secret cannot be used as given."""

    http_status = 400


class NoAccountError(MailError):
    http_status = 409

    def __init__(self) -> None:
        super().__init__(
            "no mail account yet; set one up with `followup mail setup --address ADDR "
            "--smtp HOST --imap HOST --password-file FILE` (or --preset gmail, …)"
        )


class KeyringUnavailableError(MailSetupError):
    def __init__(self, detail: str) -> None:
        self.detail = detail  # why, for a face that words the way out its own way
        super().__init__(
            f"no usable keyring to keep the mail secret in ({detail}); on a headless machine "
            "keep the password in a file only you can read and use --password-file FILE"
        )


class AuthFailedError(MailError):
    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            f"{server}: the server refused the user name or password ({detail}); check them, "
            "or create a new app password"
        )


class NoSignInOfferedError(MailError):
    def __init__(self, server: str) -> None:
        super().__init__(
            f"the server at {server} offers no sign-in (AUTH); check the port and security "
            "(many servers offer it only over TLS or STARTTLS, on ports 465 or 587)"
        )


class AppPasswordNeededError(MailError):
    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            f"{server}: this account needs an app password (or OAuth), not your normal "
            f"password ({detail}); create one in your account's security settings and set "
            "the account up again"
        )


class TlsMismatchError(MailError):
    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            f"{server}: the secure connection failed ({detail}); check --security: tls "
            "(usually ports 465 and 993) or starttls (usually 587 and 143)"
        )


class HostUnreachableError(MailError):
    temporary = True

    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            f"{server}: cannot connect ({detail}); check the host name and port, and your "
            "network connection"
        )


class MailTimeoutError(MailError):
    temporary = True

    def __init__(self, server: str) -> None:
        super().__init__(f"{server}: the server did not answer in time; try again later")


class ConnectionDroppedError(MailError):
    temporary = True

    def __init__(self, server: str, during: str) -> None:
        super().__init__(f"{server}: the connection dropped {during}; try again later")


class ServerRefusedError(MailError):
    """An SMTP or IMAP command refused; 4xx replies are temporary, 5xx permanent."""

    def __init__(self, server: str, detail: str, *, temporary: bool) -> None:
        self.temporary = temporary
        super().__init__(f"{server}: {detail}")


class NoSpecialUseError(MailError):
    def __init__(self, server: str, role: str) -> None:
        super().__init__(
            f"{server}: the mailbox marks no {role} folder (IMAP SPECIAL-USE, RFC 6154); "
            f"create a {role.strip(chr(92))} folder in your mail program or ask your provider"
        )
