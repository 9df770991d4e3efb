"""The outbox in Neo4j: queue a message in the caller's transaction, claim what is due, record
how sending went.

Queueing is ``MERGE`` on the message's idempotency key, inside the transaction of the change
that causes it: the change and its message commit together or not at all, and the same cause
queued twice is one message. A worker claims due messages by moving their ``next_attempt_at``
past the claim period, so a process that stops mid-send leaves them due again later, never lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from graph.driver import Graph
from graph.entities.common import native
from schema.outbox import Channel, OutboxStatus

_QUEUE = (
    "UNWIND $rows AS row MERGE (m:OutboxMessage {key: row.key}) "
    "ON CREATE SET m += row.props, m.status = $pending, m.attempts = 0, "
    "m.created_at = $now, m.next_attempt_at = coalesce(row.not_before, $now) "
    "RETURN count(*) AS n"
)
_CLAIM = (
    "MATCH (m:OutboxMessage) WHERE m.status = $pending AND m.next_attempt_at <= $now "
    "AND m.channel IN $channels "
    "WITH m ORDER BY m.next_attempt_at, m.key LIMIT $limit "
    "SET m.next_attempt_at = $claim_until, m.claimed_by = $claimer, "
    "m.attempts = m.attempts + 1, m.last_attempt_at = $now "
    "RETURN properties(m) AS props"
)
_SENT = (
    "UNWIND $keys AS key MATCH (m:OutboxMessage {key: key}) WHERE m.status = $pending "
    "SET m.status = $sent, m.sent_at = $now, m.last_error = null"
)
_RETRY = (
    "UNWIND $rows AS row MATCH (m:OutboxMessage {key: row.key}) WHERE m.status = $pending "
    "SET m.next_attempt_at = row.next_attempt_at, m.last_error = row.error"
)
_FAILED = (
    "UNWIND $rows AS row MATCH (m:OutboxMessage {key: row.key}) WHERE m.status = $pending "
    "SET m.status = $failed, m.failed_at = $now, m.last_error = row.error"
)
_DUE = (
    "MATCH (m:OutboxMessage) WHERE m.status = $pending AND m.next_attempt_at <= $now "
    "RETURN properties(m) AS props ORDER BY m.next_attempt_at, m.key LIMIT $limit"
)
_GET = "MATCH (m:OutboxMessage {key: $key}) RETURN properties(m) AS props"
_COUNT = "MATCH (m:OutboxMessage) RETURN m.status AS status, count(*) AS n"


class OutgoingMessage(BaseModel):
    """A message to queue: to whom, what, and why it is sent."""

    key: str = Field(description="Idempotency key: the same cause gives the same key.")
    channel: Channel
    to: str = Field(description="An e-mail address, or a webhook's URL.")
    subject: str = ""
    body: str
    reason: str = Field(description="Why it is sent, in the recipient's language.")
    lang: str = "da"
    webhook: str | None = Field(default=None, description="The webhook's key (its secret).")
    event: str | None = None
    recipient: str | None = Field(default=None, description="The person's key, when known.")
    not_before: datetime | None = None


class OutboxMessage(OutgoingMessage):
    """A queued message and where it stands."""

    status: OutboxStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None = None
    failed_at: datetime | None = None
    last_error: str | None = None

    @classmethod
    def from_node(cls, props: dict[str, Any]) -> OutboxMessage:
        """A message from its node's properties."""
        return cls.model_validate({k: native(v) for k, v in props.items()})


@dataclass(slots=True)
class Outcomes:
    """How one round of sending went: sent, to try again (with when), refused for good."""

    sent: list[str] = field(default_factory=list)
    retry: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)

    def again(self, key: str, error: str, at: datetime) -> None:
        """Try ``key`` again at ``at``."""
        self.retry.append({"key": key, "error": error[:500], "next_attempt_at": at})

    def refused(self, key: str, error: str) -> None:
        """``key`` was refused for good."""
        self.failed.append({"key": key, "error": error[:500]})


def queue(tx: ManagedTransaction, messages: Iterable[OutgoingMessage], *, now: datetime) -> int:
    """Queue ``messages`` in the caller's transaction; a key already queued is left as it is."""
    rows = [
        {
            "key": m.key,
            "not_before": m.not_before,
            "props": m.model_dump(mode="json", exclude={"key", "not_before"}, exclude_none=True),
        }
        for m in messages
    ]
    if not rows:
        return 0
    record = tx.run(_QUEUE, rows=rows, now=now, pending=OutboxStatus.PENDING.value).single()
    return int(record["n"]) if record else 0


def claim_due(
    graph: Graph,
    *,
    now: datetime,
    limit: int,
    claim_for: timedelta,
    claimer: str,
    channels: Sequence[Channel],
) -> list[OutboxMessage]:
    """Claim up to ``limit`` due messages: they are not due again until ``now + claim_for``."""

    def work(tx: ManagedTransaction) -> list[OutboxMessage]:
        result = tx.run(
            _CLAIM,
            now=now,
            limit=limit,
            claim_until=now + claim_for,
            claimer=claimer,
            channels=[c.value for c in channels],
            pending=OutboxStatus.PENDING.value,
        )
        return [OutboxMessage.from_node(r["props"]) for r in result]

    return graph.write(work)


def record_outcomes(graph: Graph, outcomes: Outcomes, *, now: datetime) -> None:
    """Record one round's outcomes in one transaction."""

    def work(tx: ManagedTransaction) -> None:
        statuses: dict[str, Any] = {
            "pending": OutboxStatus.PENDING.value,
            "sent": OutboxStatus.SENT.value,
            "failed": OutboxStatus.FAILED.value,
        }
        if outcomes.sent:
            tx.run(_SENT, keys=outcomes.sent, now=now, **statuses)
        if outcomes.retry:
            tx.run(_RETRY, rows=outcomes.retry, **statuses)
        if outcomes.failed:
            tx.run(_FAILED, rows=outcomes.failed, now=now, **statuses)

    graph.write(work)


def due_messages(graph: Graph, *, now: datetime, limit: int = 1000) -> list[OutboxMessage]:
    """The messages that are due to be sent (nothing is claimed): a dry run's list."""
    rows = graph.query(_DUE, now=now, limit=limit, pending=OutboxStatus.PENDING.value)
    return [OutboxMessage.from_node(r["props"]) for r in rows]


def get_message(graph: Graph, key: str) -> OutboxMessage | None:
    """One queued message by key, or None."""
    rows = graph.query(_GET, key=key)
    return OutboxMessage.from_node(rows[0]["props"]) if rows else None


def status_counts(graph: Graph) -> dict[str, int]:
    """How many messages stand in each status."""
    return {r["status"]: r["n"] for r in graph.query(_COUNT)}


def webhook_body(event: str, data: dict[str, Any]) -> str:
    """A webhook delivery's JSON body."""
    return json.dumps({"event": event, "data": data}, sort_keys=True, default=str)


_SECRETS = "MATCH (w:Webhook) WHERE w.key IN $keys RETURN w.key AS key, w.secret AS secret"


def webhook_secrets(graph: Graph, keys: Iterable[str]) -> dict[str, str]:
    """The shared secrets of the named webhooks."""
    return {r["key"]: r["secret"] for r in graph.query(_SECRETS, keys=sorted(keys))}
