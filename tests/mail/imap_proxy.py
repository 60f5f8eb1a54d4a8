"""A recording IMAP proxy: forwards loopback connections to Dovecot and notes every command a
client sends (its name, the folder selected at that moment, and its arguments without
literals or passwords) and how many bytes the server sent back, so a test can prove what
followup ever wrote to a mailbox and how much it read."""

from __future__ import annotations

import re
import select
import socket
import threading
from dataclasses import dataclass

_LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n$")
_QUOTED = re.compile(r'^"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Command:
    name: str  # "UID FETCH", "APPEND", "SELECT" ...
    folder: str | None  # the folder selected when it was sent (for APPEND: its target)
    args: str  # the rest of the line, literals left out

    def __str__(self) -> str:
        return f"{self.name} {self.folder or '-'}: {self.args}"


def _folder(args: str) -> str:
    found = _QUOTED.match(args)
    if found:
        return found.group(1).replace('\\"', '"').replace("\\\\", "\\")
    return args.split(" ", 1)[0]


class RecordingProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.commands: list[Command] = []
        self.server_bytes = 0  # everything the server sent to followup
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        self.listener.close()

    def take(self) -> tuple[list[Command], int]:
        """The commands and server bytes since the last call."""
        with self._lock:
            taken, self.commands = self.commands, []
            count, self.server_bytes = self.server_bytes, 0
        return taken, count

    def _serve(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _note(self, line: bytes, selected: list[str | None]) -> None:
        text = _LITERAL.sub(b"", line).decode("utf-8", "replace").rstrip("\r\n")
        parts = text.split(" ", 2)
        if len(parts) < 2:
            return
        name, args = parts[1].upper(), parts[2] if len(parts) > 2 else ""
        if name == "UID" and args:
            sub, _, args = args.partition(" ")
            name = f"UID {sub.upper()}"
        folder = selected[0]
        if name in ("SELECT", "EXAMINE"):
            folder = selected[0] = _folder(args)
        elif name in ("CLOSE", "UNSELECT", "LOGOUT"):
            selected[0] = None
        elif name in ("APPEND", "STATUS", "LIST", "LSUB"):
            folder = _folder(args)
        if name in ("LOGIN", "AUTHENTICATE"):
            args = "(credentials not recorded)"
        with self._lock:
            self.commands.append(Command(name, folder, args.strip()))

    def _pump(self, client: socket.socket, server: socket.socket) -> None:
        pending = b""
        literal = 0
        selected: list[str | None] = [None]
        try:
            while True:
                ready, _, _ = select.select([client, server], [], [], 30)
                if not ready:
                    return
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (server if sock is client else client).sendall(data)
                    if sock is not client:
                        with self._lock:
                            self.server_bytes += len(data)
                        continue
                    pending += data
                    while pending:
                        if literal:
                            take = min(literal, len(pending))
                            pending, literal = pending[take:], literal - take
                            continue
                        end = pending.find(b"\r\n")
                        if end < 0:
                            break
                        line, pending = pending[: end + 2], pending[end + 2 :]
                        if not line[:1].isspace() and line.strip():
                            self._note(line, selected)
                        found = _LITERAL.search(line)
                        if found:
                            literal = int(found.group(1))
        except OSError:
            return
        finally:
            client.close()
            server.close()
