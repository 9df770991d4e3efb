"""A local Neo4j of its own, in its own home and port, to kill and start again on purpose."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from pathlib import Path

from govgraph.local_neo4j import LocalNeo4j, LocalStatus
from graph.driver import Connection, Graph, open_driver

# Variables that would point a govgraph process at another database.
_OTHER_DATABASE = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "GOVGRAPH_CONFIG")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


class KillableNeo4j:
    """A LocalNeo4j in ``home`` (Maven's classpath copied from ``cache_from`` when it has one)."""

    def __init__(self, home: Path, *, cache_from: Path | None = None) -> None:
        home.mkdir(parents=True, exist_ok=True)
        if cache_from is not None and cache_from.resolve() != home.resolve():
            for cached in cache_from.glob("classpath-*.txt"):
                shutil.copy(cached, home / cached.name)
        self.local = LocalNeo4j(home=home, port=free_port(), heap="512m", pagecache="64m")

    @property
    def env(self) -> dict[str, str]:
        """The environment of a govgraph process that uses this Neo4j."""
        env = {k: v for k, v in os.environ.items() if k not in _OTHER_DATABASE}
        env.update(GOVGRAPH_HOME=str(self.local.home), GOVGRAPH_LOCAL__PORT=str(self.local.port))
        return env

    def start(self) -> LocalStatus:
        """Start it (again) and wait until Bolt answers."""
        status, _ = self.local.start()
        if status.port is not None:  # one left running by an earlier run keeps its port
            self.local.port = status.port
        return status

    @property
    def connection(self) -> Connection:
        """How to reach it (while it runs)."""
        uri = f"bolt://127.0.0.1:{self.local.port}"
        return Connection(uri, "neo4j", self.local.password(), "neo4j")

    def graph(self) -> Graph:
        """A new connection to it."""
        return Graph(open_driver(self.connection))

    def crash(self) -> None:
        """SIGKILL the JVM, as a power cut or the OOM killer would, and wait until it is gone."""
        pid = self.local.status().pid
        if pid is None:
            raise RuntimeError(f"the Neo4j of {self.local.home} does not run")
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        # The kernel closes a dead JVM's listening socket a moment after its pid is gone.
        while self.local.status().running or _listening(self.local.port):
            if time.monotonic() > deadline:
                raise RuntimeError(f"Neo4j (pid {pid}) outlived SIGKILL for 30 s")
            time.sleep(0.05)

    def stop(self) -> None:
        """Shut it down cleanly."""
        self.local.stop()
