"""Private files: the data folder is 0700 and every file followup writes there (the database,
its -wal and -shm, the web secret, exports) is 0600, whatever the umask.

Modes are set explicitly rather than trusted to the umask: a umask of 000 would otherwise leave
a job search readable by every account on the machine.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from followup.core.errors import InvalidInputError

FOLDER_MODE = 0o700
FILE_MODE = 0o600
MAX_SECRET_BYTES = 16 * 1024  # a password is ~20 bytes, an OAuth refresh token ~2 KB


def private_folder(path: Path) -> Path:
    """`path` created if missing (with its parents) as 0700. A folder that exists keeps its
    mode: FOLLOWUP_HOME may be a folder of the user's own (even their home), which is theirs
    to open to others; the files followup writes in it are 0600 whatever the folder is."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        os.chmod(path, FOLDER_MODE)  # mkdir's mode passes through the umask
    return path


def private_file(path: Path) -> Path:
    """`path` created empty if missing, and made 0600: SQLite gives its -wal and -shm the mode
    of the database file, so creating the database this way makes them private too."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def write_private(path: Path, data: bytes) -> None:
    """`data` written to `path` (replacing it) as a 0600 file; it is never readable by others,
    not even for a moment."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


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
