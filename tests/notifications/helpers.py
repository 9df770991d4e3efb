"""Queueing test messages."""

from __future__ import annotations

from datetime import UTC, datetime

from graph.driver import Graph
from graph.notifications import OutgoingMessage, queue
from schema.outbox import Channel


def mail(n: int, **overrides: object) -> OutgoingMessage:
    """Test mail number ``n``."""
    values: dict[str, object] = {
        "key": f"test-{n:04d}",
        "channel": Channel.MAIL,
        "to": f"person{n}@kommune.dk",
        "subject": f"Opgave {n}",
        "body": f"Hej nummer {n}.",
        "reason": "Du har en rolle i kampagnen.",
    }
    values.update(overrides)
    return OutgoingMessage.model_validate(values)


def queue_mails(graph: Graph, count: int) -> list[str]:
    """Queue ``count`` mails in one transaction; their keys."""
    messages = [mail(n) for n in range(1, count + 1)]
    graph.write(lambda tx: queue(tx, messages, now=datetime.now(UTC)))
    return [m.key for m in messages]
