"""Neo4j frozen (SIGSTOP): its port takes connections but nothing answers. Reads get 503 in time."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from govgraph.local_neo4j import LocalNeo4j
from tests.api.conftest import settings_for
from tests.support import token_store

pytestmark = pytest.mark.slow
DEADLINE = 2.0


@pytest.fixture
def neo4j(spare_neo4j: LocalNeo4j) -> LocalNeo4j:
    """A local Neo4j of the test's own, running."""
    spare_neo4j.start()
    return spare_neo4j


@pytest.fixture
def client(settings: Settings, tmp_path: Path, neo4j: LocalNeo4j) -> Iterator[TestClient]:
    """The app on that Neo4j, with a short read deadline."""
    app_settings = settings_for(settings, tmp_path / "home", neo4j=neo4j, database_timeout=DEADLINE)
    secret = token_store(app_settings).create("reader", "reader")
    with TestClient(create_app(app_settings)) as c:
        c.headers["Authorization"] = f"Bearer {secret}"
        yield c


def wait_until_answering(client: TestClient, why: str) -> None:
    """Wait until a read answers (a Neo4j just started or thawed may miss the short deadline)."""
    deadline = time.monotonic() + 30
    while client.get("/api/people").status_code != 200:
        assert time.monotonic() < deadline, why
        time.sleep(0.5)


def test_reads_on_a_frozen_neo4j_are_503_at_the_deadline_and_answer_again_after(
    client: TestClient, neo4j: LocalNeo4j
) -> None:
    wait_until_answering(client, "the app did not answer on a running Neo4j")
    pid = neo4j.status().pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        answers = []
        for path in ("/api/people", "/api/systems", "/api/gaps?rule=GM-12", "/health"):
            began = time.monotonic()
            answers.append((client.get(path), time.monotonic() - began))
    finally:
        os.kill(pid, signal.SIGCONT)
    assert [r.status_code for r, _ in answers] == [503] * 4
    assert max(seconds for _, seconds in answers) < DEADLINE + 1.5
    assert all(r.headers["Retry-After"] == "5" for r, _ in answers)
    assert {r.json()["error"]["code"] for r, _ in answers[:3]} == {"database-unavailable"}
    assert answers[3][0].json() == {"neo4j": "down"}
    wait_until_answering(client, "the app did not answer again after Neo4j thawed")
    assert client.get("/health").json() == {"neo4j": "up"}
