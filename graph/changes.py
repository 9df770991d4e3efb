"""Change events: recorded in the transaction of the change, numbered in commit order, listed
by ``GET /api/changes?since=CURSOR`` and delivered to the webhooks that subscribe to their kind.

The sequence number comes from one counter node that each event increments, so two
transactions that both record events are ordered (the second waits for the first's lock) and a
client that polls from its last cursor misses none.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel

from core.errors import InvalidInput, NotFound
from graph.driver import Graph
from graph.entities.common import native
from graph.notifications import OutgoingMessage, queue
from schema.outbox import Channel, EventKind

_NEXT = (
    "MERGE (c:ChangeCounter {key: 'changes'}) ON CREATE SET c.seq = 0 "
    "SET c.seq = c.seq + $count RETURN c.seq AS last"
)
_CREATE = "UNWIND $rows AS row CREATE (e:ChangeEvent) SET e = row"
_HOOKS = (
    "MATCH (w:Webhook) WHERE w.active AND any(k IN w.events WHERE k IN $kinds) "
    "RETURN w.key AS key, w.url AS url, w.events AS events"
)
_SINCE = (
    "MATCH (e:ChangeEvent) WHERE e.seq > $since RETURN properties(e) AS props "
    "ORDER BY e.seq LIMIT $limit"
)
_REGISTER = "CREATE (w:Webhook) SET w = $props"
_LIST_HOOKS = (
    "MATCH (w:Webhook) RETURN w.key AS key, w.url AS url, w.events AS events, "
    "w.active AS active, w.created_by AS created_by, w.created_at AS created_at "
    "ORDER BY w.created_at"
)
_REMOVE = "MATCH (w:Webhook {key: $key}) SET w.active = false RETURN w.key AS key"


class ChangeEventOut(BaseModel):
    """One change: its cursor, kind, when, and what it is about."""

    cursor: int
    kind: EventKind
    at: datetime
    data: dict[str, Any]


class WebhookOut(BaseModel):
    """A registered webhook (its secret is shown only when it is registered)."""

    key: str
    url: str
    events: list[EventKind]
    active: bool
    created_by: str
    created_at: datetime
    secret: str | None = None


def record_events(tx: ManagedTransaction, events: list[tuple[EventKind, dict[str, Any]]]) -> None:
    """Record ``events`` (kind, data) in the caller's transaction and queue their webhooks."""
    if not events:
        return
    last = tx.run(_NEXT, count=len(events)).single(strict=True)["last"]
    now = datetime.now(UTC)
    rows = [
        {
            "key": f"change-{last - len(events) + i + 1}",
            "seq": last - len(events) + i + 1,
            "kind": kind.value,
            "at": now,
            "data": json.dumps(data, sort_keys=True, default=str),
        }
        for i, (kind, data) in enumerate(events)
    ]
    tx.run(_CREATE, rows=rows)
    hooks = tx.run(_HOOKS, kinds=sorted({r["kind"] for r in rows})).data()
    deliveries = [
        OutgoingMessage(
            key=f"webhook:{hook['key']}:{row['seq']}",
            channel=Channel.WEBHOOK,
            to=hook["url"],
            body=json.dumps(
                {"cursor": row["seq"], "kind": row["kind"], "at": now.isoformat(),
                 "data": json.loads(row["data"])},
                sort_keys=True,
            ),
            reason=f"subscribed to {row['kind']}",
            webhook=hook["key"],
            event=row["kind"],
        )
        for row in rows
        for hook in hooks
        if row["kind"] in hook["events"]
    ]  # fmt: skip
    queue(tx, deliveries, now=now)


def changes_since(graph: Graph, since: int, *, limit: int) -> list[ChangeEventOut]:
    """The events after cursor ``since``, oldest first."""
    rows = graph.query(_SINCE, since=since, limit=limit)
    out = []
    for row in rows:
        props = {k: native(v) for k, v in row["props"].items()}
        out.append(
            ChangeEventOut(
                cursor=props["seq"], kind=props["kind"], at=props["at"],
                data=json.loads(props["data"]),
            )
        )  # fmt: skip
    return out


def register_webhook(graph: Graph, *, url: str, events: list[EventKind], who: str) -> WebhookOut:
    """Register a webhook; the answer holds its shared secret, shown this once."""
    if not url.startswith(("https://", "http://")):
        raise InvalidInput(f"{url!r} is not an http(s) URL.", hint="Give the receiver's URL.")
    if not events:
        raise InvalidInput("No event kinds given.", hint=f"Choose from {', '.join(EventKind)}.")
    hook = WebhookOut(
        key="webhook-" + secrets.token_hex(6),
        url=url,
        events=sorted(set(events)),
        active=True,
        created_by=who,
        created_at=datetime.now(UTC),
        secret=secrets.token_urlsafe(32),
    )
    props = hook.model_dump(mode="json")
    props["created_at"] = hook.created_at
    graph.write(lambda tx: tx.run(_REGISTER, props=props).consume())
    return hook


def list_webhooks(graph: Graph) -> list[WebhookOut]:
    """The registered webhooks, without their secrets."""
    return [WebhookOut(**native(r)) for r in graph.query(_LIST_HOOKS)]


def deactivate_webhook(graph: Graph, key: str) -> None:
    """Stop delivering to a webhook (queued deliveries still go out)."""
    rows = graph.write(lambda tx: tx.run(_REMOVE, key=key).data())
    if not rows:
        raise NotFound(f"There is no webhook {key!r}.", hint="List them: GET /api/webhooks.")
