"""What the graph keeps about live syncs: the last good cursor, each source's last attempt, a lock.

The cursor of a KITOS delta is the ``sync_cursor`` of the last ImportRun of the KITOS scope,
written in the same transaction as the data: a sync that fails writes no run, so the last good
cursor stays. ``SyncState`` nodes (one per source) record attempts, failures included, and the
first failure of the current outage; a ``SyncState {key: "lock"}`` lets one sync run at a time
across every app process and the CLI. The failure that makes a source overdue queues the
secretariat's mail (``graph.sync_alert``) in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel

from core.settings import Settings
from graph.driver import WRITE, Graph
from graph.entities.common import native
from graph.notifications import queue
from graph.sync_alert import outage_mail

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
# The failure count, the last good sync and the outage's first failure, then what they became.
_RECORD = (
    "MERGE (s:SyncState {key: $source}) "
    "WITH s, CASE WHEN $ok THEN 0 ELSE coalesce(s.failures_in_row, 0) + 1 END AS failures "
    "SET s += $props, s.failures_in_row = failures, "
    "s.last_ok_at = CASE WHEN $ok THEN $props.last_attempt_at ELSE s.last_ok_at END, "
    "s.failing_since = CASE WHEN $ok THEN null "
    "ELSE coalesce(s.failing_since, $props.last_attempt_at) END "
    "RETURN failures, s.failing_since AS failing_since, s.last_ok_at AS last_ok_at"
)
_RUNS = (
    "MATCH (r:ImportRun) WHERE r.scope = $scope "
    "RETURN r.key AS key, r.started_at AS started_at, r.file_name AS file_name, "
    "r.sync_source AS sync_source, r.sync_mode AS sync_mode, "
    "r.added AS added, r.changed AS changed, r.ended AS ended "
    "ORDER BY r.started_at DESC LIMIT $limit"
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
    failing_since: datetime | None = None  # the first failure of the failures in a row


class ImportRunSummary(BaseModel):
    """One import run of a scope, by a sync or a file import, and what it changed."""

    key: str
    started_at: datetime
    file_name: str | None = None
    sync_source: str | None = None  # set when a sync made the run
    sync_mode: str | None = None  # full | delta
    added: int = 0
    changed: int = 0
    ended: int = 0


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
    settings: Settings | None = None,
) -> None:
    """Note a sync's outcome; a success sets the failure count back to nought.

    With ``settings``, the failure that makes the source overdue (``[rules] sync_failures`` in
    a row) queues the secretariat's mail in the same transaction, once per outage.
    """
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

    def work(tx: ManagedTransaction) -> None:
        row = tx.run(_RECORD, source=source, ok=ok, props=props).single()
        assert row is not None  # MERGE always gives the one state
        if settings is None or ok or row["failures"] < settings.rules.sync_failures:
            return
        mail = outage_mail(
            settings,
            source=source,
            failures=row["failures"],
            failing_since=native(row["failing_since"]),
            last_ok_at=native(row["last_ok_at"]),
            error=message,
        )
        queue(tx, [mail], now=datetime.now(UTC))

    graph.write(work)


def sync_states(graph: Graph) -> list[SyncStatus]:
    """Every source's last sync."""
    rows = graph.query(_STATES, lock=LOCK)
    states = []
    for row in rows:
        p = {k: native(v) for k, v in row["p"].items()}
        states.append(SyncStatus(source=p.pop("key"), **p))
    return states


def import_runs(graph: Graph, *, scope: str, limit: int = 10) -> list[ImportRunSummary]:
    """The scope's latest import runs, newest first: the import history a sync adds to."""
    rows = graph.query(_RUNS, scope=scope, limit=limit)
    return [ImportRunSummary.model_validate({k: native(v) for k, v in r.items()}) for r in rows]


def cursor_for(started: datetime, *, overlap: timedelta) -> str:
    """The cursor the next delta starts from: this sync's start, less the overlap."""
    return (started - overlap).astimezone(UTC).isoformat()
