"""Webhooks and the change feed: events recorded with the change, delivered signed, retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from api.worker import send_due
from core.settings import Settings, WorkerSettings
from graph.changes import changes_since, register_webhook
from graph.decision_model import Proposal
from graph.decisions import propose
from graph.driver import Graph
from graph.notifications import status_counts
from schema.decisions import DecisionType
from schema.outbox import EventKind
from tests.api.seed import reseed


class Receiver:
    """An HTTP receiver on the loopback that answers 500 the first ``failures`` times."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.requests: list[tuple[int, dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = 500 if len(outer.requests) < outer.failures else 200
                outer.requests.append((status, dict(self.headers), body))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver that fails twice, then accepts."""
    r = Receiver(failures=2)
    yield r
    r.server.shutdown()


@pytest.fixture
def world(session_graph: Graph) -> Graph:
    """The API tests' seed organisation."""
    return reseed(session_graph)


def _end_superuser(graph: Graph, settings: Settings) -> None:
    proposal = Proposal(type=DecisionType.END, role="superbruger", subject="s1", person="bo",
                        effective_date=date.today(), reason="Skifter kontor")  # fmt: skip
    propose(graph, proposal, who="sekretariat", settings=settings)


def test_a_delivery_refused_twice_arrives_once_signed_with_the_shared_secret(
    world: Graph, settings: Settings, receiver: Receiver
) -> None:
    hook = register_webhook(world, url=receiver.url, events=[EventKind.ROLE_ENDED], who="admin")
    _end_superuser(world, settings)
    fast = settings.model_copy(update={"worker": WorkerSettings(retry_first_seconds=1)})
    now = datetime.now(UTC)
    for attempt in range(3):
        send_due(world, fast, now=now + timedelta(minutes=attempt))
    assert [status for status, _, _ in receiver.requests] == [500, 500, 200]
    assert status_counts(world) == {"sent": 1}
    _, headers, body = receiver.requests[-1]
    timestamp = headers["X-Govgraph-Timestamp"]
    expected = hmac.new(hook.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    assert headers["X-Govgraph-Signature"] == "sha256=" + expected.hexdigest()
    assert len({h["Idempotency-Key"] for _, h, _ in receiver.requests}) == 1
    event = json.loads(body)
    assert event["kind"] == "role.ended"
    assert event["data"]["person"] == "bo" and event["data"]["subject"] == "s1"


def test_a_webhook_gets_only_the_kinds_it_asked_for(
    world: Graph, settings: Settings, receiver: Receiver
) -> None:
    register_webhook(world, url=receiver.url, events=[EventKind.FINDING_OPENED], who="admin")
    _end_superuser(world, settings)
    assert status_counts(world) == {}


def test_the_change_feed_pages_from_a_cursor(world: Graph, settings: Settings) -> None:
    _end_superuser(world, settings)
    first = changes_since(world, 0, limit=1)
    assert [e.kind for e in first] == [EventKind.DECISION_PROPOSED]
    rest = changes_since(world, first[-1].cursor, limit=10)
    assert [e.kind for e in rest] == [EventKind.ROLE_ENDED]
    assert changes_since(world, rest[-1].cursor, limit=10) == []
