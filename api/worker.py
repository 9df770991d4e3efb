"""The worker: scheduled jobs (APScheduler), each run only by the process holding its lease.

The outbox's sender is one job; other features add theirs (a live sync, reminders, digests)
as a ``Job`` in ``default_jobs`` or in the list they pass to ``Worker``. The worker runs inside
`govgraph serve` and alone as `govgraph worker`; with several processes, the lease in Neo4j
(``graph.leases``) lets one of them run each job at a time.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from api.delivery import Refused, TryLater, post_webhook, send_mail, smtp_connection
from api.sync_worker import TICK_SECONDS as SYNC_TICK_SECONDS
from api.sync_worker import SyncSchedule
from core.errors import GovgraphError
from core.settings import Settings
from graph import leases
from graph.campaign_reminders import queue_due_reminders
from graph.driver import Graph
from graph.finding_events import record_finding_changes
from graph.findings_digest import queue_findings_digest
from graph.notifications import (
    OutboxMessage,
    Outcomes,
    claim_due,
    record_outcomes,
    webhook_secrets,
)
from graph.role_reminders import queue_role_reminders
from schema.outbox import Channel

log = logging.getLogger("govgraph.worker")


@dataclass(frozen=True, slots=True)
class Job:
    """A job the worker runs every ``seconds``: ``run(graph, settings)``."""

    name: str
    seconds: float
    run: Callable[[Graph, Settings], object]


@dataclass(slots=True)
class SendReport:
    """One round of the outbox sender."""

    sent: int = 0
    retry: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def send_due(graph: Graph, settings: Settings, *, now: datetime | None = None) -> SendReport:
    """Send every due message once (batch by batch) and record each outcome."""
    report = SendReport()
    while True:
        one = send_batch(graph, settings, now=now)
        report.sent += one.sent
        report.retry += one.retry
        report.failed += one.failed
        report.errors += one.errors
        if one.sent + one.retry + one.failed < settings.worker.batch_size or one.retry:
            return report


def send_batch(graph: Graph, settings: Settings, *, now: datetime | None = None) -> SendReport:
    """Claim one batch of due messages, send them, record the outcomes."""
    when = now or datetime.now(UTC)
    channels = [Channel.WEBHOOK] + ([Channel.MAIL] if settings.smtp.host else [])
    claimed = claim_due(
        graph,
        now=when,
        limit=settings.worker.batch_size,
        claim_for=timedelta(seconds=settings.worker.claim_seconds),
        claimer=PROCESS_ID,
        channels=channels,
    )
    outcomes = Outcomes()
    mails = [m for m in claimed if m.channel is Channel.MAIL]
    hooks = [m for m in claimed if m.channel is Channel.WEBHOOK]
    if mails:
        _send_mails(mails, settings, outcomes, when)
    if hooks:
        secrets = webhook_secrets(graph, {m.webhook for m in hooks if m.webhook})
        for message in hooks:
            _deliver(
                message,
                lambda m: post_webhook(m, secret=secrets.get(m.webhook or "", "")),
                outcomes,
                settings,
                when,
            )
    record_outcomes(graph, outcomes, now=datetime.now(UTC))
    errors = [r["error"] for r in outcomes.retry + outcomes.failed]
    return SendReport(len(outcomes.sent), len(outcomes.retry), len(outcomes.failed), errors)


def _send_mails(
    mails: list[OutboxMessage], settings: Settings, outcomes: Outcomes, now: datetime
) -> None:
    """Send over ``[smtp] connections`` connections at once, each its share of the batch."""
    count = max(1, min(settings.smtp.connections, len(mails) // 10))
    shares = [mails[i::count] for i in range(count)]
    if count == 1:
        results = [_send_share(shares[0], settings, now)]
    else:
        with ThreadPoolExecutor(count, thread_name_prefix="smtp") as pool:
            results = list(pool.map(lambda share: _send_share(share, settings, now), shares))
    for result in results:
        outcomes.sent += result.sent
        outcomes.retry += result.retry
        outcomes.failed += result.failed


def _send_share(mails: list[OutboxMessage], settings: Settings, now: datetime) -> Outcomes:
    """Send ``mails`` over one connection; when the server goes away the rest wait."""
    outcomes = Outcomes()
    try:
        with smtp_connection(settings.smtp) as client:
            for i, message in enumerate(mails):
                ok = _deliver(
                    message,
                    lambda m: send_mail(client, m, sender=settings.smtp.sender),
                    outcomes,
                    settings,
                    now,
                )
                if not ok:
                    for rest in mails[i + 1 :]:
                        outcomes.again(
                            rest.key,
                            "not tried: the mail server failed",
                            _later(rest, settings, now),
                        )
                    break
    except TryLater as e:  # no connection: nothing of this share was tried
        for message in mails:
            outcomes.again(message.key, str(e), _later(message, settings, now))
    return outcomes


def _deliver(
    message: OutboxMessage,
    send: Callable[[OutboxMessage], None],
    outcomes: Outcomes,
    settings: Settings,
    now: datetime,
) -> bool:
    """Send one message and note the outcome; False if the receiver is down (try later)."""
    if not message.to:  # e.g. no holder and no [notifications] secretariat_email
        outcomes.refused(message.key, "no recipient address")
        return True
    try:
        send(message)
    except Refused as e:
        outcomes.refused(message.key, str(e))
        return True
    except TryLater as e:
        outcomes.again(message.key, str(e), _later(message, settings, now))
        return False
    outcomes.sent.append(message.key)
    return True


def _later(message: OutboxMessage, settings: Settings, now: datetime) -> datetime:
    """When to try again: the first wait, doubled per attempt so far, capped."""
    first = settings.worker.retry_first_seconds
    wait = min(first * 2 ** max(message.attempts - 1, 0), settings.worker.retry_max_seconds)
    return now + timedelta(seconds=wait)


# This process, as a lease holder: host, pid and a random part (a restarted pid differs).
PROCESS_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def default_jobs(settings: Settings) -> list[Job]:
    """The jobs every worker runs: the outbox sender, reminders, digests, and the live sync
    when ``[sync]`` schedules a source."""
    jobs = [
        Job("outbox", settings.worker.poll_seconds, send_due),
        Job("campaign-reminders", settings.notifications.check_minutes * 60, _campaign_reminders),
        Job("role-reminders", settings.notifications.check_minutes * 60, queue_role_reminders),
        Job("findings-digest", settings.notifications.check_minutes * 60, queue_findings_digest),
        Job("finding-events", settings.notifications.check_minutes * 60, record_finding_changes),
    ]
    if SyncSchedule.enabled(settings):
        jobs.append(Job("live-sync", SYNC_TICK_SECONDS, SyncSchedule().run_due))
    return jobs


def _campaign_reminders(graph: Graph, settings: Settings) -> object:
    return queue_due_reminders(graph, settings.notifications)


class Worker:
    """Runs jobs on a schedule; each run first takes (or renews) the job's lease in Neo4j."""

    def __init__(
        self,
        graph: Graph,
        settings: Settings,
        jobs: Sequence[Job] | None = None,
        *,
        holder: str = PROCESS_ID,
    ) -> None:
        self.graph = graph
        self.settings = settings
        self.jobs = list(jobs if jobs is not None else default_jobs(settings))
        self.holder = holder
        self._scheduler: BaseScheduler | None = None

    def run_once(self, job: Job) -> bool:
        """Run ``job`` now if this worker holds (or can take) its lease; True if it ran."""
        ttl = timedelta(seconds=self.settings.worker.lease_seconds)
        now = datetime.now(UTC)
        try:
            if not leases.acquire(
                self.graph, f"job:{job.name}", holder=self.holder, now=now, ttl=ttl
            ):
                return False
            job.run(self.graph, self.settings)
        except GovgraphError as e:  # Neo4j away, a setting missing: said, and tried next time
            log.warning("job %s: %s %s", job.name, e.message, e.hint)
        return True

    def start(self) -> None:
        """Start the jobs in a background thread (inside `govgraph serve`)."""
        self._scheduler = self._schedule(BackgroundScheduler(timezone=UTC))
        self._scheduler.start()

    def run_forever(self) -> None:
        """Run the jobs in this thread until interrupted (`govgraph worker`)."""
        self._scheduler = self._schedule(BlockingScheduler(timezone=UTC))
        try:
            self._scheduler.start()
        finally:  # Ctrl-C: let a running job finish before the driver closes
            self.stop()

    def stop(self) -> None:
        """Stop the jobs, waiting for a running one, and give the leases up."""
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=True)
        self._release()

    def _schedule(self, scheduler: BaseScheduler) -> BaseScheduler:
        for job in self.jobs:
            scheduler.add_job(
                self.run_once,
                IntervalTrigger(seconds=job.seconds, timezone=UTC),
                args=[job],
                id=job.name,
                max_instances=1,
                coalesce=True,
                next_run_time=datetime.now(UTC),
            )
        return scheduler

    def _release(self) -> None:
        now = datetime.now(UTC)
        for job in self.jobs:
            with suppress(GovgraphError):  # the lease then simply expires
                leases.release(self.graph, f"job:{job.name}", holder=self.holder, now=now)
