"""The secretariat hears when a source stops syncing: one mail per outage, through the outbox."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from api.worker import Worker, default_jobs
from core.i18n import format_date
from core.settings import NotificationSettings, Settings, SmtpSettings
from graph.driver import Graph
from graph.notifications import due_messages
from graph.sync_state import record_attempt
from graph.syncing import run_sync
from tests.live.kitos_server import KitosServer
from tests.notifications.smtp import SmtpServer

USAGES = "/api/v2/it-system-usages"
SECRETARIAT = "it-governance@kommune.example"
GOVGRAPH = str(Path(__file__).resolve().parents[2] / ".venv" / "bin" / "govgraph")


@pytest.fixture
def alert_settings(sync_settings: Settings, smtp: SmtpServer) -> Settings:
    """Settings that sync the local KITOS and mail the secretariat through ``smtp``."""
    return sync_settings.model_copy(
        update={
            "smtp": SmtpSettings(
                host="127.0.0.1", port=smtp.port, security="none", sender="govgraph@kommune.dk"
            ),
            "notifications": NotificationSettings(
                base_url="https://govgraph.kommune.example", secretariat_email=SECRETARIAT
            ),
        }
    )


def _fail(graph: Graph, settings: Settings, times: int) -> None:
    for attempt in range(times):
        assert run_sync(graph, settings, "kitos").failed, attempt


def _deliver(graph: Graph, settings: Settings) -> None:
    """Let the worker's outbox job send what is due."""
    (outbox,) = [job for job in default_jobs(settings) if job.name == "outbox"]
    assert Worker(graph, settings, [outbox]).run_once(outbox)


def test_the_third_failure_in_a_row_mails_the_secretariat_once(
    hr_graph: Graph, kitos: KitosServer, alert_settings: Settings, smtp: SmtpServer
) -> None:
    assert run_sync(hr_graph, alert_settings, "kitos").error is None
    kitos.fail(USAGES, status=503)
    _fail(hr_graph, alert_settings, 2)
    _deliver(hr_graph, alert_settings)
    assert smtp.inbox.mails == []  # two failures are not an outage yet
    _fail(hr_graph, alert_settings, 1)
    _deliver(hr_graph, alert_settings)
    (mail,) = smtp.inbox.mails
    today = datetime.now(UTC).date()
    assert mail["To"] == SECRETARIAT
    assert mail["Subject"] == f"KITOS er ikke synkroniseret siden {format_date(today, 'da')}"
    assert "fejlet 3 gange i træk" in mail["X-Govgraph-Reason"]
    body = mail.get_content()
    assert "503" in body and "[kitos] password_file" in body and "govgraph sync kitos" in body
    assert "https://govgraph.kommune.example/sync" in body
    assert kitos.password not in body
    _fail(hr_graph, alert_settings, 1)  # a fourth failure of the same outage
    _deliver(hr_graph, alert_settings)
    assert len(smtp.inbox.mails) == 1


def test_a_new_outage_after_a_good_sync_mails_again(
    hr_graph: Graph, kitos: KitosServer, alert_settings: Settings, smtp: SmtpServer
) -> None:
    kitos.fail(USAGES, status=503)
    _fail(hr_graph, alert_settings, 3)
    _deliver(hr_graph, alert_settings)
    assert "er ikke synkroniseret endnu" in smtp.inbox.mails[0]["Subject"]
    kitos.faults.clear()
    assert run_sync(hr_graph, alert_settings, "kitos").error is None
    kitos.fail(USAGES, status=503)
    _fail(hr_graph, alert_settings, 3)
    _deliver(hr_graph, alert_settings)
    first, second = smtp.inbox.mails
    assert first["X-Govgraph-Key"] != second["X-Govgraph-Key"]
    assert "siden" in second["Subject"]


def test_notify_dry_run_lists_the_outage_mail(graph: Graph, settings: Settings) -> None:
    told = settings.model_copy(
        update={"notifications": NotificationSettings(secretariat_email=SECRETARIAT)}
    )
    for _ in range(3):
        record_attempt(
            graph, source="os2mo", ok=False, mode="full", message="OS2mo answered 503",
            settings=told,
        )  # fmt: skip
    (due,) = due_messages(graph, now=datetime.now(UTC))
    assert (due.to, due.subject) == (SECRETARIAT, "OS2mo er ikke synkroniseret endnu")
    env = {**os.environ, "COLUMNS": "250"}
    result = subprocess.run(
        [GOVGRAPH, "notify", "--dry-run"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "OS2mo er ikke synkroniseret endnu" in result.stdout
    assert "1 message(s) would be sent." in result.stdout
