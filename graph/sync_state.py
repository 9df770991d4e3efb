"""What the graph keeps about live syncs: the last good cursor, each source's last attempt, a lock.

The cursor of a KITOS delta is the ``sync_cursor`` of the last ImportRun of the KITOS scope,
written in the same transaction as the data: a sync that fails writes no run, so the last good
cursor stays. ``SyncState`` nodes (one per source) record attempts, failures included; a
``SyncState {key: "lock"}`` lets one sync run at a time across every app process and the CLI.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from graph.driver import WRITE, Graph
from graph.entities.common import native

LOCK = "lock"
_CONSTRAINT = (
    "CREATE CONSTRAINT sync_state_key IF NOT EXISTS FOR (s:SyncState) REQUIRE s.key IS UNIQUE"
)
_LAST_RUN = (
    "MATCH (r:ImportRun) WHERE r.scope = $scope "
    "RETURN r.sync_source AS source, r.sync_cursor AS cursor ORDER BY r.started_at DESC LIMIT 1"
)
_TAKE = (
    "MERGE (s:SyncState {key: $lock}) "
    "WITH s, s.holder IS NULL OR s.expires < datetime() AS free "
    "SET s.holder = CASE WHEN free THEN $holder ELSE s.holder END, "
    "s.expires = CASE WHEN free THEN datetime() + duration({seconds: $seconds}) "
    "ELSE s.expires END "
    "RETURN free"
)
_RELEASE = "MATCH (s:SyncState {key: $lock}) WHERE s.holder = $holder SET s.holder = null"
_RECORD = (
    "MERGE (s:SyncState {key: $source}) "
    "SET s += $props, s.failures_in_row = CASE WHEN $ok THEN 0 "
    "ELSE coalesce(s.failures_in_row, 0) + 1 END, "
    "s.last_ok_at = CASE WHEN $ok THEN $props.last_attempt_at ELSE s.last_ok_at END"
)
_STATES = "MATCH (s:SyncState) WHERE s.key <> $lock RETURN properties(s) AS p ORDER BY s.key"


class SyncStatus(BaseModel):
    """A source's last sync: when, how it went, and what it changed."""

    source: str
    last_attempt_at: datetime | None = None
    last_ok_at: datetime | None = None
    outcome: str | None = None  # ok | failed
    mode: str | None = None  # full | delta
    message: str | None = None  # the error a failed sync gave
    added: int = 0
    changed: int = 0
    ended: int = 0
    failures_in_row: int = 0


def ensure_sync_schema(graph: Graph) -> None:
    """The uniqueness constraint the lock and the states MERGE on."""
    graph.query(_CONSTRAINT, routing=WRITE)


def last_cursor(graph: Graph, *, scope: str, source: str) -> datetime | None:
    """The cursor a delta may start from: only when the scope's last run was this sync's."""
    rows = graph.query(_LAST_RUN, scope=scope)
    if not rows or rows[0]["source"] != source or not rows[0]["cursor"]:
        return None
    return datetime.fromisoformat(rows[0]["cursor"])


def take_lock(graph: Graph, holder: str, *, seconds: int = 3600) -> bool:
    """True when this holder may sync now; the lock lapses after ``seconds`` (a killed sync)."""
    ensure_sync_schema(graph)
    rows = graph.query(_TAKE, routing=WRITE, lock=LOCK, holder=holder, seconds=seconds)
    return bool(rows and rows[0]["free"])


def release_lock(graph: Graph, holder: str) -> None:
    """Let the next sync run."""
    graph.query(_RELEASE, routing=WRITE, lock=LOCK, holder=holder)


def record_attempt(
    graph: Graph,
    *,
    source: str,
    ok: bool,
    mode: str,
    message: str | None = None,
    counts: dict[str, int] | None = None,
    at: datetime | None = None,
) -> None:
    """Note a sync's outcome; a success sets the failure count back to nought."""
    props: dict[str, Any] = {
        "last_attempt_at": at or datetime.now(UTC),
        "outcome": "ok" if ok else "failed",
        "mode": mode,
        "message": message,
        "added": 0,
        "changed": 0,
        "ended": 0,
        **(counts or {}),
    }
    ensure_sync_schema(graph)
    graph.query(_RECORD, routing=WRITE, source=source, ok=ok, props=props)


def sync_states(graph: Graph) -> list[SyncStatus]:
    """Every source's last sync."""
    rows = graph.query(_STATES, lock=LOCK)
    states = []
    for row in rows:
        p = {k: native(v) for k, v in row["p"].items()}
        states.append(SyncStatus(source=p.pop("key"), **p))
    return states


def cursor_for(started: datetime, *, overlap: timedelta) -> str:
    """The cursor the next delta starts from: this sync's start, less the overlap."""
    return (started - overlap).astimezone(UTC).isoformat()
