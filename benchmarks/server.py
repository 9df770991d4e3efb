"""The API under test: `govgraph serve` in a subprocess on loopback, with a token of its own.

Its home is a fresh folder under ``benchmarks/data/``; it talks to the measured Neo4j through
NEO4J_URI, which also keeps its token, sessions and audit log. The process is ended at the end,
by its own pid.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from api.token_store import TokenStore
from core.errors import NotFound
from graph.driver import Connection, Graph, open_driver

READY_TIMEOUT = 600.0  # the app warms the gap rules up before it answers


@dataclass(frozen=True, slots=True)
class ApiServer:
    """A running API: where, with which token, and its process id."""

    base: str
    token: str
    pid: int
    log: Path


class ServerFailed(RuntimeError):
    """The API did not start; the message holds the end of its log."""


def api_unavailable() -> str | None:
    """Why the API cannot be started yet, or None when it can."""
    try:
        from api.app import create_app  # noqa: F401
        from govgraph.commands.serve import serve  # noqa: F401
    except ImportError as e:
        return f"the API cannot be imported yet ({e})"
    return None


@contextmanager
def api_server(
    conn: Connection,
    *,
    home: Path,
    port: int,
    token_scope: str | None = "analyst",
    environment: Mapping[str, str | None] | None = None,
    workers: int = 1,
    wait_idle: bool = True,
) -> Iterator[ApiServer]:
    """Start the API against ``conn``, wait until /health answers, and stop it afterwards.

    ``token_scope`` None creates no token; ``environment`` adds variables (None removes one);
    ``workers`` is `govgraph serve --workers`; ``wait_idle`` False yields as soon as /health
    answers, while the app still warms up.
    """
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    token = _fresh_token(conn, token_scope) if token_scope else ""
    env: dict[str, str | None] = {
        **os.environ,
        "GOVGRAPH_HOME": str(home),
        "GOVGRAPH_ENV": "production",
        "NEO4J_URI": conn.uri,
        "NEO4J_USER": conn.user,
        "NEO4J_PASSWORD": conn.password or "",
        "NEO4J_DATABASE": conn.database,
        **(environment or {}),
    }
    log = home / "server.log"
    command = [
        sys.executable,
        "-m",
        "govgraph",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    if workers != 1:
        command += ["--workers", str(workers)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            env={k: v for k, v in env.items() if v is not None},
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_ready(process, base, log)
        if wait_idle:
            _wait_until_idle(process.pid)
        yield ApiServer(base, token, process.pid, log)
    finally:
        _stop(process)


def _fresh_token(conn: Connection, scope: str) -> str:
    """A new token named 'benchmark' in the Neo4j the app uses (tokens live there)."""
    graph = Graph(open_driver(conn), conn.database)
    try:
        store = TokenStore(graph)
        with contextlib.suppress(NotFound):
            store.revoke("benchmark")
        return store.create("benchmark", scope)
    finally:
        graph.close()


def _wait_until_ready(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(_tail(log))
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/health", timeout=2.0).status_code == 200:
                return
        time.sleep(0.25)
    raise ServerFailed(f"no answer from {base}/health within {READY_TIMEOUT:.0f} s; {_tail(log)}")


def _wait_until_idle(pid: int, *, window: float = 2.0, limit: float = READY_TIMEOUT) -> None:
    """Wait until the app's start-up work (it runs the gap rules once) is done: no CPU use."""
    deadline = time.monotonic() + limit
    ticks = os.sysconf("SC_CLK_TCK")
    before = _cpu_seconds(pid, ticks)
    while time.monotonic() < deadline and before is not None:
        time.sleep(window)
        now = _cpu_seconds(pid, ticks)
        if now is None or now - before < 0.05 * window:
            return
        before = now


def _cpu_seconds(pid: int, ticks: int) -> float | None:
    """CPU time of the process and its children (uvicorn's workers warm up on their own)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    own = (int(fields[11]) + int(fields[12])) / ticks  # utime and stime
    return own + sum(_cpu_seconds(int(child), ticks) or 0.0 for child in children)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return " | ".join(lines[-5:]) or "(no output)"
