"""Where a home's local Neo4j is: its state file, generated password and Bolt address.

The driver reads this to connect; starting and stopping the JVM is the command line's
(``govgraph.local_neo4j``).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class LocalStatus:
    """Where the local Neo4j runs, and since when."""

    running: bool
    pid: int | None = None
    port: int | None = None
    started_at: str | None = None
    home: Path | None = None

    @property
    def uri(self) -> str | None:
        """The Bolt URI when running."""
        return f"bolt://127.0.0.1:{self.port}" if self.port else None


class LocalHome:
    """The files of one ``$GOVGRAPH_HOME``'s local Neo4j, and whether it runs."""

    def __init__(self, home: Path) -> None:
        self.home = home

    # -- paths ---------------------------------------------------------------------------
    @property
    def state_file(self) -> Path:
        return self.home / "neo4j.json"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "launcher.log"

    @property
    def password_file(self) -> Path:
        return self.home / "neo4j-password"

    @property
    def dbms_home(self) -> Path:
        return self.home / "neo4j"

    def password(self) -> str:
        """The generated password of this home's Neo4j, created on first use."""
        if not self.password_file.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(24))
        return self.password_file.read_text().strip()

    # -- status --------------------------------------------------------------------------
    def status(self) -> LocalStatus:
        """Report whether this home's Neo4j runs, cleaning up a stale pid file."""
        state = self._read_state()
        if state is None:
            return LocalStatus(running=False, home=self.home)
        pid = int(state["pid"])
        if not _is_our_jvm(pid):
            self.state_file.unlink(missing_ok=True)
            return LocalStatus(running=False, home=self.home)
        return LocalStatus(
            running=True,
            pid=pid,
            port=int(state["port"]),
            started_at=state["started_at"],
            home=self.home,
        )

    def _read_state(self) -> dict[str, Any] | None:
        try:
            return dict(json.loads(self.state_file.read_text()))
        except (FileNotFoundError, ValueError):
            return None


def process_alive(pid: int) -> bool:
    """True while process ``pid`` runs; a zombie child counts as gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child counts as gone.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def _is_our_jvm(pid: int) -> bool:
    if not process_alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the pid file
    return b"Launcher.java" in cmdline
