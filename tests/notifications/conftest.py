"""The outbox's tests: the suite's Neo4j, and a real SMTP server on a free loopback port."""

from __future__ import annotations

import pytest

from core.settings import Settings, SmtpSettings, WorkerSettings
from graph.driver import Graph
from tests.notifications.smtp import SmtpServer


@pytest.fixture
def mail_settings(settings: Settings, smtp: SmtpServer) -> Settings:
    """The suite's settings, sending to the test's SMTP server (plain, no login)."""
    return settings.model_copy(
        update={
            "smtp": SmtpSettings(
                host="127.0.0.1", port=smtp.port, security="none", sender="govgraph@kommune.dk"
            ),
            "worker": WorkerSettings(batch_size=10, retry_first_seconds=60, claim_seconds=300),
        }
    )


@pytest.fixture
def outbox_graph(graph: Graph) -> Graph:
    """An empty graph for the outbox."""
    return graph
