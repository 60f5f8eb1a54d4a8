"""The mail secret (a password, or an OAuth refresh token): in the OS keyring, or in a file
only the user can read, read each time it is needed (followup.private.read_secret_file). Never
in the database, an export or a log.
"""

from __future__ import annotations

from followup.mail.errors import KeyringUnavailableError, MailSetupError

KEYRING_SERVICE = "followup-mail"


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module with a usable backend, or KeyringUnavailableError saying why."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as exc:  # pragma: no cover - a dependency
        raise KeyringUnavailableError(f"keyring is not installed: {exc}") from None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise KeyringUnavailableError(f"the backend is {type(backend).__name__}")
    return keyring


def keyring_check() -> str:
    """The name of the keyring backend that will hold the secret (or the error saying why none)."""
    return type(_keyring().get_keyring()).__name__


def store_secret(key: str, secret: str) -> None:
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, key, secret)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(str(exc) or type(exc).__name__) from None


def load_secret(key: str) -> str:
    keyring = _keyring()
    try:
        secret = keyring.get_password(KEYRING_SERVICE, key)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(str(exc) or type(exc).__name__) from None
    if not secret:
        raise MailSetupError(
            f"the keyring has no secret for {key.rpartition(':')[0]}; run `followup mail setup` "
            "again"
        )
    return str(secret)


def forget_secret(key: str) -> bool:
    """Remove a secret from the keyring; False when the keyring refused (locked, say), so the
    secret may still be there. Nothing to remove, or no keyring at all, is done."""
    try:
        keyring = _keyring()
    except KeyringUnavailableError:
        return True
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, key)
    except PasswordDeleteError:
        return True  # none kept under this key
    except Exception:  # noqa: BLE001 - a backend's own refusal: the caller says so
        return False
    return True
