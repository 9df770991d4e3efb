"""Neo4j stops while the app runs: 503 with Retry-After; it starts again: the app recovers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from govgraph.local_neo4j import LocalNeo4j
from soak.neo4j import free_port
from tests.api.conftest import settings_for
from tests.support import token_store


def test_an_unreachable_neo4j_is_503_with_retry_after(settings: Settings, tmp_path: Path) -> None:
    nowhere = settings_for(settings, tmp_path / "home").model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"}
    )
    # Tokens live in Neo4j too: a well-formed one cannot be checked, so it is 503, never 200.
    secret = f"ggt_{'0' * 12}_{'x' * 43}"
    with TestClient(create_app(nowhere)) as client:
        response = client.get("/api/people", headers={"Authorization": f"Bearer {secret}"})
        health = client.get("/health")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.json()["error"]["code"] == "database-unavailable"
    assert response.json()["error"]["details"] is None
    assert (health.status_code, health.json()) == (503, {"neo4j": "down"})


@pytest.mark.slow
def test_the_app_recovers_when_neo4j_comes_back(
    settings: Settings, tmp_path: Path, spare_neo4j: LocalNeo4j
) -> None:
    spare_neo4j.start()
    app_settings = settings_for(settings, tmp_path / "home", neo4j=spare_neo4j)
    headers = {"Authorization": f"Bearer {token_store(app_settings).create('x', 'reader')}"}
    with TestClient(create_app(app_settings)) as client:
        assert client.get("/api/people", headers=headers).status_code == 200
        spare_neo4j.stop()
        down = client.get("/api/people", headers=headers)
        assert down.status_code == 503
        assert down.headers["Retry-After"] == "5"
        assert down.json()["error"]["code"] == "database-unavailable"
        assert "Traceback" not in down.text
        assert client.get("/health").status_code == 503
        spare_neo4j.start()
        assert client.get("/api/people", headers=headers).status_code == 200
        assert client.get("/health").json() == {"neo4j": "up"}
