"""The mail secret (a password, or an OAuth refresh token): in the OS keyring, or in a file
only the user can read, read each time it is needed. Never in the database, an export or a log.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from followup.core.errors import InvalidInputError
from followup.mail.errors import KeyringUnavailableError, MailSetupError

KEYRING_SERVICE = "followup-mail"
MAX_SECRET_BYTES = 16 * 1024  # an app password is ~20 bytes, a refresh token ~2 KB


def read_secret_file(path: str, where: str = "--password-file") -> str:
    """The secret in `path`; refused when group or others may read or write it."""
    file = Path(path).expanduser()
    try:
        info = file.stat()
    except FileNotFoundError:
        raise InvalidInputError(where, f"{path}: no such file") from None
    except OSError as exc:
        raise InvalidInputError(where, f"{path}: cannot read it ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInputError(where, f"{path}: not a regular file")
    if os.name == "posix" and info.st_mode & 0o077:
        raise InvalidInputError(
            where,
            f"{path}: other users can read it (mode {stat.S_IMODE(info.st_mode):04o}); "
            f"run `chmod 600 {path}`",
        )
    if info.st_size > MAX_SECRET_BYTES:
        raise InvalidInputError(where, f"{path}: too large for a password")
    try:
        text = file.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InvalidInputError(where, f"{path}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidInputError(where, f"{path}: not UTF-8 text") from None
    secret = text.strip("\r\n")
    if not secret.strip():
        raise InvalidInputError(where, f"{path}: the file is empty")
    if any(c in secret for c in "\r\n\x00"):
        raise InvalidInputError(where, f"{path}: the password must be one line")
    return secret


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


def forget_secret(key: str) -> None:
    """Remove a secret from the keyring; nothing to remove is fine."""
    try:
        keyring = _keyring()
        keyring.delete_password(KEYRING_SERVICE, key)
    except (KeyringUnavailableError, Exception):  # noqa: BLE001 - absent or no backend: done
        return
