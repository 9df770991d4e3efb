"""Watch the transactions Neo4j has open, to kill an import (or Neo4j) at a known point."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.driver import Graph

POLL = 0.02
_OPEN = (
    "SHOW TRANSACTIONS YIELD transactionId, currentQuery, activeLockCount, elapsedTime "
    "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' "
    "RETURN transactionId AS id, currentQuery AS query, activeLockCount AS locks, "
    "elapsedTime.milliseconds AS ms"
)


@dataclass(frozen=True, slots=True)
class Observed:
    """One open transaction as the server showed it."""

    id: str
    query: str
    locks: int
    ms: int

    @property
    def stage(self) -> str:
        """The start of the statement running, or 'between statements'."""
        return " ".join(self.query.split())[:60] or "between statements"


def open_transactions(graph: Graph) -> list[Observed]:
    """The transactions open on the server, except the one asking."""
    return [Observed(r["id"], r["query"] or "", r["locks"], r["ms"]) for r in graph.query(_OPEN)]


def wait_until_idle(graph: Graph, *, timeout: float = 60.0) -> None:
    """Wait until the server has no transaction open (a killed client's is rolled back)."""
    deadline = time.monotonic() + timeout
    while open_transactions(graph):
        if time.monotonic() > deadline:
            raise AssertionError(f"transactions still open after {timeout:.0f} s")
        time.sleep(0.1)


def govgraph(
    *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.Popen[str]:
    """Start ``python -m govgraph ARGS`` in its own process (in ``env``, else this one's)."""
    return subprocess.Popen(
        [sys.executable, "-m", "govgraph", *args],
        env=dict(os.environ if env is None else env),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def watch_write(
    graph: Graph, process: subprocess.Popen[Any], *, timeout: float = 120.0
) -> list[Observed]:
    """Everything the server showed of the process's write, until the process ends."""
    seen: list[Observed] = []
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        seen.extend(open_transactions(graph))
        time.sleep(POLL)
    return seen


def wait_for_write(
    graph: Graph, process: subprocess.Popen[Any], *, min_locks: int, timeout: float = 120.0
) -> Observed:
    """Wait until the process's write transaction holds at least ``min_locks`` locks."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(
                f"the import ended (exit {process.returncode}) before holding {min_locks} "
                f"locks:\n{out}\n{err}"
            )
        for tx in open_transactions(graph):
            if tx.locks >= min_locks:
                return tx
        time.sleep(POLL)
    raise AssertionError(f"no write transaction with {min_locks} locks within {timeout:.0f} s")
