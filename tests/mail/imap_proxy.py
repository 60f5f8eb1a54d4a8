"""A recording IMAP proxy: forwards loopback connections to Dovecot and notes the name of every
command a client sends (literals skipped), so a test can prove what followup ever wrote."""

from __future__ import annotations

import re
import select
import socket
import threading

_LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n$")
# commands that change a mailbox; EXAMINE, FETCH BODY.PEEK, SEARCH, LIST, STATUS do not
WRITES = {"APPEND", "STORE", "EXPUNGE", "COPY", "MOVE", "DELETE", "CREATE", "RENAME", "SELECT"}


class RecordingProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.commands: list[str] = []  # e.g. "UID FETCH", "APPEND Drafts"
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        self.listener.close()

    def writes(self) -> list[str]:
        """The commands that could change the mailbox (SELECT counts: it may clear \\Recent)."""
        return [c for c in self.commands if c.split()[0] in WRITES]

    def _serve(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _note(self, line: bytes) -> None:
        parts = line.split(None, 3)
        if len(parts) < 2:
            return
        command = parts[1].decode("ascii", "replace").upper()
        if command == "UID" and len(parts) > 2:
            command = "UID " + parts[2].decode("ascii", "replace").upper()
            if command.split()[1] in WRITES:
                command = command.split()[1]
        elif command == "APPEND" and len(parts) > 2:
            command = "APPEND " + parts[2].decode("utf-8", "replace").strip('"')
        with self._lock:
            self.commands.append(command)

    def _pump(self, client: socket.socket, server: socket.socket) -> None:
        pending = b""
        literal = 0
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
                            self._note(line)
                        found = _LITERAL.search(line)
                        if found:
                            literal = int(found.group(1))
        except OSError:
            return
        finally:
            client.close()
            server.close()
