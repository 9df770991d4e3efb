"""The worker: its jobs run on a schedule, one process at a time by a lease in Neo4j."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from api.worker import Job, Worker, send_due
from core.settings import Settings
from graph import leases
from graph.driver import Graph
from graph.notifications import status_counts
from tests.notifications.helpers import queue_mails
from tests.notifications.smtp import SmtpServer


def test_a_lease_held_by_one_process_is_refused_to_another_until_it_expires(
    outbox_graph: Graph,
) -> None:
    now = datetime.now(UTC)
    ttl = timedelta(seconds=30)
    assert leases.acquire(outbox_graph, "job:x", holder="a", now=now, ttl=ttl)
    assert not leases.acquire(outbox_graph, "job:x", holder="b", now=now, ttl=ttl)
    assert leases.acquire(outbox_graph, "job:x", holder="a", now=now + ttl / 2, ttl=ttl)
    assert not leases.acquire(outbox_graph, "job:x", holder="b", now=now + ttl, ttl=ttl)
    assert leases.acquire(outbox_graph, "job:x", holder="b", now=now + ttl * 2, ttl=ttl)
    assert leases.holder_of(outbox_graph, "job:x", now=now + ttl * 2) == "b"


def test_a_released_lease_is_taken_over_at_once(outbox_graph: Graph) -> None:
    now = datetime.now(UTC)
    ttl = timedelta(seconds=30)
    assert leases.acquire(outbox_graph, "job:x", holder="a", now=now, ttl=ttl)
    leases.release(outbox_graph, "job:x", holder="a", now=now)
    assert leases.acquire(outbox_graph, "job:x", holder="b", now=now, ttl=ttl)


def test_two_workers_asking_at_once_run_a_job_once(outbox_graph: Graph, settings: Settings) -> None:
    runs: list[str] = []
    job = Job("count", 60, lambda _g, _s: runs.append("ran"))
    workers = [Worker(outbox_graph, settings, [job], holder=f"w{i}") for i in range(4)]
    start = threading.Barrier(len(workers))

    def ask(worker: Worker) -> None:
        start.wait()
        worker.run_once(job)

    threads = [threading.Thread(target=ask, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert runs == ["ran"]


def test_two_running_workers_send_each_mail_once(
    outbox_graph: Graph, mail_settings: Settings, smtp: SmtpServer
) -> None:
    keys = queue_mails(outbox_graph, 40)
    fast = mail_settings.model_copy(
        update={"worker": mail_settings.worker.model_copy(update={"poll_seconds": 0.2})}
    )
    workers = [Worker(outbox_graph, fast, holder=f"process-{i}") for i in (1, 2)]
    for worker in workers:
        worker.start()
    try:
        deadline = time.monotonic() + 30
        while status_counts(outbox_graph).get("sent", 0) < 40 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        for worker in workers:
            worker.stop()
    assert sorted(smtp.inbox.ids()) == sorted(f"<{k}@govgraph>" for k in keys)


def test_without_a_mail_server_mails_wait_in_the_outbox(
    outbox_graph: Graph, settings: Settings
) -> None:
    queue_mails(outbox_graph, 2)
    assert settings.smtp.host is None
    report = send_due(outbox_graph, settings)
    assert report.sent == report.retry == 0
    assert status_counts(outbox_graph) == {"pending": 2}
