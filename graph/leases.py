"""Leases in Neo4j: which process runs a scheduled job, so two app processes never both do.

A lease is held until ``expires_at``; its holder renews it each time it runs the job, and any
other process takes it over once it has expired. Taking it locks the lease node first and
then reads it, so two processes that ask at the same moment cannot both get it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from neo4j import ManagedTransaction

from graph.driver import Graph

_LOCK = (
    "MERGE (l:WorkerLease {key: $name}) "
    "ON CREATE SET l.holder = $holder, l.expires_at = $now "
    "SET l.lease_lock = true REMOVE l.lease_lock "
    "RETURN l.holder AS holder, l.expires_at AS expires_at"
)
_TAKE = (
    "MATCH (l:WorkerLease {key: $name}) SET l.holder = $holder, l.expires_at = $until, "
    "l.renewed_at = $now"
)
_RELEASE = "MATCH (l:WorkerLease {key: $name}) WHERE l.holder = $holder SET l.expires_at = $now"
_HOLDER = "MATCH (l:WorkerLease {key: $name}) WHERE l.expires_at > $now RETURN l.holder AS holder"


def acquire(graph: Graph, name: str, *, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Take or renew lease ``name`` for ``holder`` until ``now + ttl``; False if another has it."""

    def work(tx: ManagedTransaction) -> bool:
        current = tx.run(_LOCK, name=name, holder=holder, now=now).single(strict=True)
        free = current["holder"] == holder or current["expires_at"].to_native() <= now
        if free:
            tx.run(_TAKE, name=name, holder=holder, until=now + ttl, now=now)
        return bool(free)

    return graph.write(work)


def release(graph: Graph, name: str, *, holder: str, now: datetime) -> None:
    """Give lease ``name`` up (if ``holder`` has it), so another process may take it at once."""
    graph.write(lambda tx: tx.run(_RELEASE, name=name, holder=holder, now=now).consume())


def holder_of(graph: Graph, name: str, *, now: datetime) -> str | None:
    """Who holds lease ``name`` now, or None."""
    rows = graph.query(_HOLDER, name=name, now=now)
    return rows[0]["holder"] if rows else None


def released_since(graph: Graph, name: str, *, since: datetime, now: datetime) -> bool:
    """True when lease ``name`` was taken at ``since`` or later and is free again by ``now``."""
    rows = graph.query(_TAKEN_AND_FREE, name=name, since=since, now=now)
    return bool(rows)


_TAKEN_AND_FREE = (
    "MATCH (l:WorkerLease {key: $name}) WHERE l.renewed_at >= $since AND l.expires_at <= $now "
    "RETURN l.key AS key"
)
