"""The audit log in Neo4j: append-only, hash-chained, with retention.

Each entry holds a sequence number, the hash of the entry before it (``prev``) and its own hash
over ``prev`` and its content. The chain's head (``AuditChain``) holds the last sequence number
and hash; appending locks the head, so entries from any number of processes form one chain.
``append_many`` writes several entries, chained in order, in one transaction (the app's group
commit, see api.audit).
Retention deletes the oldest entries and moves the head's ``first_seq``/``first_prev`` past them,
so `verify` still knows where the chain must start.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph

CHAIN = "audit"
_HEAD = (
    "MERGE (c:AuditChain:Auth {name: $chain}) "
    "ON CREATE SET c.seq = 0, c.hash = '', c.first_seq = 1, c.first_prev = '' "
    "SET c.touched = timestamp()"  # the write lock that puts appenders in one line
)
# The head, locked and read in one round trip.
_LOCK_HEAD = _HEAD + " RETURN c.seq AS seq, c.hash AS hash"
_READ_HEAD = (
    "MATCH (c:AuditChain {name: $chain}) "
    "RETURN c.seq AS seq, c.hash AS hash, c.first_seq AS first_seq, c.first_prev AS first_prev"
)
_APPEND = (
    "UNWIND $entries AS props CREATE (e:AuditEntry:Auth) SET e = props "
    "WITH count(e) AS added MATCH (c:AuditChain {name: $chain}) SET c.seq = $seq, c.hash = $hash"
)
_ENTRIES = (
    "MATCH (e:AuditEntry) WHERE ($since IS NULL OR e.at >= $since) "
    "AND ($who IS NULL OR e.who = $who) AND ($person IS NULL OR $person IN e.person_keys) "
    "RETURN e {.*} AS e ORDER BY e.seq"
)
_CHAIN_PAGE = (
    "MATCH (e:AuditEntry) WHERE e.seq > $after RETURN e {.*} AS e ORDER BY e.seq LIMIT $limit"
)
_LAST_EXPIRED = (
    "MATCH (e:AuditEntry) WHERE e.at < $before WITH max(e.seq) AS last "
    "MATCH (e:AuditEntry {seq: last}) RETURN e.seq AS seq, e.hash AS hash"
)
_DELETE_UP_TO = (
    "MATCH (e:AuditEntry) WHERE e.seq <= $last WITH e LIMIT 10000 DELETE e RETURN count(*) AS n"
)
_MOVE_START = (
    "MATCH (c:AuditChain {name: $chain}) SET c.first_seq = $last + 1, c.first_prev = $hash"
)


def entry_hash(prev: str, content: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's content as canonical JSON."""
    body = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()


def append(graph: Graph, content: dict[str, Any], *, at: datetime) -> int:
    """Append one entry (content: JSON-ready values) to the chain; its sequence number."""
    return append_many(graph, [(content, at)])[0]


def append_many(graph: Graph, items: list[tuple[dict[str, Any], datetime]]) -> list[int]:
    """Append entries in this order, in one transaction; their sequence numbers."""

    def work(tx: ManagedTransaction) -> list[int]:
        head = tx.run(_LOCK_HEAD, chain=CHAIN).single(strict=True)
        seq, prev = int(head["seq"]), str(head["hash"])
        rows, numbers = [], []
        for content, at in items:
            seq += 1
            # Neo4j keeps no null properties: what is hashed is what can be read back.
            body = {k: v for k, v in content.items() if v is not None}
            body |= {"seq": seq, "at": at.isoformat()}
            digest = entry_hash(prev, body)
            rows.append({**_stored(body), "at": at, "prev": prev, "hash": digest})
            numbers.append(seq)
            prev = digest
        tx.run(_APPEND, entries=rows, chain=CHAIN, seq=seq, hash=prev).consume()
        return numbers

    return graph.write(work)


def _stored(body: dict[str, Any]) -> dict[str, Any]:
    """Neo4j holds no maps in properties: nested values are stored as JSON text."""
    return {k: json.dumps(v, sort_keys=True) if isinstance(v, dict) else v for k, v in body.items()}


def _content(props: dict[str, Any]) -> dict[str, Any]:
    """An entry's hashed content back from its stored properties."""
    body = {k: v for k, v in props.items() if k not in ("prev", "hash")}
    if hasattr(body.get("at"), "to_native"):
        body["at"] = body["at"].to_native().isoformat()
    if isinstance(body.get("details"), str):
        body["details"] = json.loads(body["details"])
    return body


def entries(
    graph: Graph, *, who: str | None, person: str | None, since: datetime | None
) -> list[dict[str, Any]]:
    """The entries, oldest first, with their content (``details`` as a dict) and ``at``."""
    rows = graph.query(_ENTRIES, who=who, person=person, since=since)
    return [{**_content(row["e"]), "at": row["e"]["at"].to_native()} for row in rows]


def purge(graph: Graph, *, before: datetime) -> int:
    """Delete the entries older than ``before`` (the oldest first); how many went."""

    def work(tx: ManagedTransaction) -> int:
        tx.run(_HEAD, chain=CHAIN).consume()  # no appender or other purger meanwhile
        last = tx.run(_LAST_EXPIRED, before=before).single()
        if last is None:
            return 0
        deleted = 0
        while n := tx.run(_DELETE_UP_TO, last=last["seq"]).single(strict=True)["n"]:
            deleted += n
        tx.run(_MOVE_START, chain=CHAIN, last=last["seq"], hash=last["hash"]).consume()
        return deleted

    return graph.write(work)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """What `audit verify` found: entries checked, and the first break (None when whole)."""

    checked: int
    problem: str | None


def verify(graph: Graph, *, page: int = 5000) -> ChainCheck:
    """Recompute the chain from its first kept entry to its head."""
    heads = graph.query(_READ_HEAD, chain=CHAIN)
    if not heads:
        return ChainCheck(0, None)
    head = heads[0]
    expected_seq, prev, checked = int(head["first_seq"]), str(head["first_prev"]), 0
    for props in _pages(graph, after=expected_seq - 1, size=page):
        seq = int(props["seq"])
        if seq != expected_seq:
            return ChainCheck(checked, f"entry {expected_seq} is missing (next is {seq})")
        if props.get("prev") != prev:
            return ChainCheck(checked, f"entry {seq} does not follow entry {seq - 1}")
        if entry_hash(prev, _content(props)) != props.get("hash"):
            return ChainCheck(checked, f"entry {seq} was changed after it was written")
        prev, expected_seq, checked = str(props["hash"]), seq + 1, checked + 1
    if expected_seq - 1 != int(head["seq"]) or prev != head["hash"]:
        return ChainCheck(
            checked, f"entries {expected_seq} to {head['seq']} are missing from the end"
        )
    return ChainCheck(checked, None)


def _pages(graph: Graph, *, after: int, size: int) -> Iterator[dict[str, Any]]:
    """The entries after sequence number ``after``, a page at a time."""
    while True:
        rows = graph.query(_CHAIN_PAGE, after=after, limit=size)
        for row in rows:
            yield row["e"]
        if len(rows) < size:
            return
        after = int(rows[-1]["e"]["seq"])
