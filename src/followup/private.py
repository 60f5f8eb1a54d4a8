"""Private files: the data folder is 0700 and every file followup writes there (the database,
its -wal and -shm, the web secret, exports) is 0600, whatever the umask.

Modes are set explicitly rather than trusted to the umask: a umask of 000 would otherwise leave
a job search readable by every account on the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


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
