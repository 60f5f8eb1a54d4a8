"""A throwaway Dovecot IMAP server for the tests, from Debian's `dovecot-imapd`.

Runs unprivileged (as the `dovecot` account when the tests run as root, else as the caller),
listens on free loopback ports only (plain IMAP, and implicit TLS with a throwaway self-signed
certificate), keeps everything in a temporary folder, and is stopped when the session ends.
Users: `jordan` (SPECIAL-USE Drafts, Sent, Archive, All Mail) and `nospecial` (plain folders
called Drafts and Sent, none flagged). XOAUTH2 tokens are checked by Dovecot against the fake
OAuth server's token-info URL, when one is given.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
USERS = {"jordan": "app-password-1234", "nospecial": "plain-pass-5678"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing_reason() -> str | None:
    if not os.path.exists(DOVECOT):
        return (
            "Dovecot is not installed: run `make test` (scripts/ensure-dovecot installs Debian's "
            "dovecot-imapd) or `apt-get install dovecot-imapd`"
        )
    return None


class DovecotServer:
    def __init__(
        self,
        cert: Path,
        key: Path,
        tokeninfo_url: str | None = None,
        *,
        mail_format: str = "maildir",
        fsync: bool = True,
    ) -> None:
        """`mail_format`: Dovecot's mailbox format (maildir, or sdbox as the benchmark's large
        mailbox uses); `fsync` False trades durability for speed (a benchmark's filling)."""
        self.mail_format = mail_format
        self.fsync = fsync
        self.root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
        self.cert, self.key = cert, key
        self.tokeninfo_url = tokeninfo_url
        self.port = free_port()
        self.tls_port = free_port()
        self.user = "dovecot" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self.uid = pwd.getpwnam(self.user).pw_uid
        self.gid = pwd.getpwnam(self.user).pw_gid
        self.group = grp.getgrgid(self.gid).gr_name

    def _config(self) -> str:
        root = self.root
        oauth = ""
        mechanisms = "plain login"
        if self.tokeninfo_url:
            mechanisms += " xoauth2 oauthbearer"
            (root / "oauth2.conf").write_text(
                f"tokeninfo_url = {self.tokeninfo_url}?access_token=\n"
                f"tls_ca_cert_file = {self.cert}\nusername_attribute = email\n"
            )
            oauth = f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {root}/oauth2.conf\n}}\n"
        return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = {self.user}
default_internal_group = {self.group}
default_login_user = {self.user}
mail_uid = {self.user}
mail_gid = {self.group}
first_valid_uid = 0
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
ssl_min_protocol = TLSv1.2
mail_location = {self.mail_format}:{root}/mail/%u
mail_fsync = {"optimized" if self.fsync else "never"}
{oauth}passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%n {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {root}/passwd
  default_fields = uid={self.user} gid={self.group} home={root}/home/%n
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    auto = subscribe
    special_use = \\Drafts
  }}
  mailbox Sent {{
    auto = subscribe
    special_use = \\Sent
  }}
  mailbox Archive {{
    auto = subscribe
    special_use = \\Archive
  }}
  mailbox "All Mail" {{
    auto = no
    special_use = \\All
  }}
  mailbox Trash {{
    auto = subscribe
    special_use = \\Trash
  }}
}}
namespace plainbox {{
  inbox = yes
  separator = /
  disabled = yes
  mailbox Drafts {{
    auto = subscribe
  }}
  mailbox Sent {{
    auto = subscribe
  }}
}}
protocol imap {{
  mail_max_userip_connections = 200
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
  process_min_avail = 1
}}
service anvil {{
  chroot =
}}
service auth {{
  user = {self.user}
}}
service auth-worker {{
  user = {self.user}
}}
service stats {{
  chroot =
}}
"""

    def start(self) -> None:
        root = self.root
        for sub in ("run", "state", "mail", "home"):
            (root / sub).mkdir()
        # the unprivileged server reads its own copies (pytest's folders are private)
        self.cert = Path(shutil.copy(self.cert, root / "cert.pem"))
        self.key = Path(shutil.copy(self.key, root / "key.pem"))
        # the second user sees a namespace whose folders carry no SPECIAL-USE flags
        extra = {
            "nospecial": "userdb_namespace/inbox/disabled=yes userdb_namespace/plainbox/disabled=no"
        }
        lines = [f"{u}:{{PLAIN}}{p}::::::{extra.get(u, '')}" for u, p in USERS.items()]
        (root / "passwd").write_text("\n".join(lines) + "\n")
        (root / "dovecot.conf").write_text(self._config())
        for path in [root, *root.rglob("*")]:
            os.chown(path, self.uid, self.gid)
        os.chmod(root, 0o750)
        self._run(DOVECOT, "-c", str(root / "dovecot.conf"))
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"Dovecot did not start: {self.log()}")

    def _run(self, *cmd: str) -> None:
        if os.geteuid() == 0:
            cmd = ("runuser", "-u", self.user, "--", *cmd)
        # the daemon keeps inherited pipes open: its start-up errors go to a file instead
        errors = self.root / "start.err"
        with errors.open("w") as err:
            done = subprocess.run(
                cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL
            )
        if done.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed: {errors.read_text()} {self.log()}")

    def log(self) -> str:
        try:
            return (self.root / "dovecot.log").read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        try:
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.02)
        except (OSError, ValueError):
            pass
        shutil.rmtree(self.root, ignore_errors=True)
