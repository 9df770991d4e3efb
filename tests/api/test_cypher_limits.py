"""What one ad-hoc query may cost: places per token at once, and one attempt only."""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.errors import DatabaseUnavailable
from core.settings import Settings
from graph.driver import Connection, Graph, open_driver
from tests.api.conftest import settings_for
from tests.api.netprobes import CuttingProxy, running
from tests.support import token_store

pytestmark = pytest.mark.usefixtures("seeded")


def _analyst(app_settings: Settings, name: str) -> dict[str, str]:
    secret = token_store(app_settings).create(name, "analyst")
    return {"Authorization": f"Bearer {secret}"}


def _neo4j_address(app_settings: Settings) -> tuple[str, int]:
    where = urlsplit(app_settings.neo4j_uri or "")
    return where.hostname or "", where.port or 0


def _wait_until_running(graph: Graph, marker: str) -> None:
    """Until Neo4j shows a query carrying ``marker`` as running (the real one, not its EXPLAIN)."""
    deadline = time.monotonic() + 30
    show = (
        "SHOW TRANSACTIONS YIELD currentQuery "
        "WHERE currentQuery CONTAINS $m AND NOT currentQuery STARTS WITH 'EXPLAIN' "
        "RETURN count(*) AS n"
    )
    while graph.query(show, m=marker)[0]["n"] == 0:
        assert time.monotonic() < deadline, "the slow query never showed up in Neo4j"
        time.sleep(0.05)


def test_a_token_past_its_concurrent_queries_gets_429_with_retry_after(
    settings: Settings, tmp_path: Path, seeded: Graph
) -> None:
    app_settings = settings_for(
        settings, tmp_path / "home", cypher_concurrency_per_token=1, cypher_timeout=3
    )
    busy, other = _analyst(app_settings, "busy"), _analyst(app_settings, "other")
    marker = f"slow-{secrets.token_hex(4)}"
    slow = f"WITH '{marker}' AS m UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 "
    slow += "RETURN count(*) AS n"
    quick = {"query": "RETURN 1 AS x"}
    answers: list[httpx.Response] = []
    with TestClient(create_app(app_settings)) as client:
        running = threading.Thread(
            target=lambda: answers.append(
                client.post("/api/cypher", json={"query": slow}, headers=busy)
            )
        )
        running.start()
        _wait_until_running(seeded, marker)
        refused = client.post("/api/cypher", json=quick, headers=busy)
        others = client.post("/api/cypher", json=quick, headers=other)
        running.join(timeout=60)
        after = client.post("/api/cypher", json=quick, headers=busy)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "3"
    assert refused.json()["error"]["code"] == "too-many-requests"
    assert others.status_code == 200  # the limit is per token
    assert [a.json()["error"]["code"] for a in answers] == ["query-timeout"]
    assert after.status_code == 200  # the place is free again once the slow query ended


def test_an_ad_hoc_query_is_sent_once_even_when_its_connection_dies(
    settings: Settings, tmp_path: Path
) -> None:
    """A proxy cuts the connection that carries the query: the app answers 503, never resends.

    No transient error can be made to order on a real Neo4j Community, but the driver retries
    a managed transaction on a lost connection just as on a transient error; see the control.
    """
    app_settings = settings_for(settings, tmp_path / "home")
    marker = f"retry-probe-{secrets.token_hex(4)}"
    with running(CuttingProxy(_neo4j_address(app_settings), marker)) as proxy:
        via_proxy = app_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{proxy.port}"})
        headers = _analyst(via_proxy, "probe")
        with TestClient(create_app(via_proxy)) as client:
            # The marker as a parameter: the audit entry written first holds the query's text
            # and the parameters' names only, so the proxy cuts the query and nothing else.
            response = client.post(
                "/api/cypher",
                json={"query": "RETURN $m AS m", "parameters": {"m": marker}},
                headers=headers,
            )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database-unavailable"
    assert proxy.cuts == 1


def test_a_managed_read_through_the_same_proxy_is_resent(
    settings: Settings, tmp_path: Path
) -> None:
    """The control of the test above: the cut is one the driver retries when it may."""
    app_settings = settings_for(settings, tmp_path / "home")
    marker = f"retry-probe-{secrets.token_hex(4)}"
    with running(CuttingProxy(_neo4j_address(app_settings), marker)) as proxy:
        conn = Connection(
            f"bolt://127.0.0.1:{proxy.port}", "neo4j", app_settings.neo4j_password, "neo4j"
        )
        graph = Graph(open_driver(conn, retry_seconds=2.0))
        try:
            with pytest.raises(DatabaseUnavailable):
                graph.read(lambda tx: tx.run(f"RETURN '{marker}' AS m").consume())
        finally:
            graph.close()
    assert proxy.cuts >= 2
