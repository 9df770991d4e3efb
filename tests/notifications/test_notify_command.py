"""`govgraph notify`: --dry-run lists what would be sent and sends nothing; without it, sends."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from core.settings import Settings
from graph.driver import Graph
from graph.notifications import status_counts
from tests.notifications.helpers import queue_mails
from tests.notifications.smtp import SmtpServer

GOVGRAPH = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "govgraph")


def _run(*args: str, smtp: SmtpServer) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GOVGRAPH_SMTP__HOST": "127.0.0.1",
        "GOVGRAPH_SMTP__PORT": str(smtp.port),
        "GOVGRAPH_SMTP__SECURITY": "none",
        "COLUMNS": "200",
    }
    return subprocess.run(
        [GOVGRAPH, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_dry_run_lists_the_due_mails_and_sends_none(
    outbox_graph: Graph, settings: Settings, smtp: SmtpServer
) -> None:
    queue_mails(outbox_graph, 2)
    result = _run("notify", "--dry-run", smtp=smtp)
    assert result.returncode == 0, result.stderr
    assert "person1@kommune.dk" in result.stdout and "person2@kommune.dk" in result.stdout
    assert "2 message(s) would be sent." in result.stdout
    assert smtp.inbox.mails == []
    assert status_counts(outbox_graph) == {"pending": 2}


def test_notify_sends_the_due_mails_once(
    outbox_graph: Graph, settings: Settings, smtp: SmtpServer
) -> None:
    queue_mails(outbox_graph, 2)
    result = _run("notify", smtp=smtp)
    assert result.returncode == 0, result.stderr
    assert "Sent 2" in result.stdout
    assert len(smtp.inbox.mails) == 2
