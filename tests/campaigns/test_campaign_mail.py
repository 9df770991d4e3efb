"""A campaign's first send through a real SMTP server that stops midway: every task mail arrives
exactly once, with the link that opens that person's task; and `govgraph worker` sends them."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from api.worker import send_due
from core.settings import Settings, SmtpSettings, WorkerSettings
from graph.campaign_tasks import open_task
from graph.campaigns import campaign_tasks
from graph.driver import Graph
from graph.notifications import status_counts
from tests.campaigns.conftest import DEADLINE
from tests.campaigns.helpers import LINK, start_on_forvaltning
from tests.notifications.smtp import SmtpServer

GOVGRAPH = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "govgraph")


def test_smtp_stopping_in_the_first_send_delivers_every_task_mail_once(
    world: Graph, campaign_settings: Settings, smtp: SmtpServer
) -> None:
    campaign = start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    settings = campaign_settings.model_copy(
        update={
            "smtp": SmtpSettings(host="127.0.0.1", port=smtp.port, security="none"),
            "worker": WorkerSettings(retry_first_seconds=60),
        }
    )
    stopping = threading.Event()

    def stop_at_the_third(n: int) -> str | None:
        if n == 3:
            stopping.set()
            return "421 4.3.2 Service shutting down"
        return None

    smtp.inbox.on_message = stop_at_the_third
    stopper = threading.Thread(target=lambda: (stopping.wait(10), smtp.stop()))
    stopper.start()
    now = datetime.now(UTC)
    assert send_due(world, settings, now=now).sent == 2
    stopper.join()
    smtp.inbox.on_message = lambda _n: None
    smtp.start()
    send_due(world, settings, now=now + timedelta(hours=1))
    tasks = {t.email: t for t in campaign_tasks(world, campaign.key)}
    assert sorted(str(m["To"]) for m in smtp.inbox.mails) == sorted(tasks)
    for mail in smtp.inbox.mails:  # each mail's link opens its recipient's own task
        link = LINK.search(mail.get_content())
        assert link is not None
        assert open_task(world, link.group(1)).task.key == tasks[str(mail["To"])].key
    assert status_counts(world) == {"sent": 5}


@pytest.mark.parametrize(
    ("command", "stopped"),
    [(["worker"], "Worker stopped."), (["serve", "--port", "0"], "govgraph serves")],
)
def test_govgraph_worker_and_serve_send_the_campaign_and_stop_on_ctrl_c(
    world: Graph,
    campaign_settings: Settings,
    smtp: SmtpServer,
    command: list[str],
    stopped: str,
) -> None:
    start_on_forvaltning(world, campaign_settings.notifications, deadline=DEADLINE)
    env = {
        **os.environ,
        "GOVGRAPH_SMTP__HOST": "127.0.0.1",
        "GOVGRAPH_SMTP__PORT": str(smtp.port),
        "GOVGRAPH_SMTP__SECURITY": "none",
        "GOVGRAPH_WORKER__POLL_SECONDS": "0.5",
    }
    worker = subprocess.Popen(
        [GOVGRAPH, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    def tasks() -> list[str]:  # the other jobs (digest, reviews) may send mails of their own
        return [m["To"] for m in smtp.inbox.mails if m["Subject"].startswith("Bekræft")]

    try:
        deadline = time.monotonic() + 60
        while len(tasks()) < 5 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGINT)
        out, errors = worker.communicate(timeout=30)
    assert len(tasks()) == 5
    # No job failed, not even while stopping. (A run skipped because the one before it was
    # still running is APScheduler's max_instances=1 at work on a busy machine, not a failure.)
    assert "raised an exception" not in errors, errors
    assert "Traceback" not in errors, errors
    assert worker.returncode == 0, out
    assert stopped in out
