"""Neo4j stops while the app runs: 503 with Retry-After; it starts again: the app recovers."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from govgraph.security import TokenStore
from govgraph.settings import Settings
from graph.local import LocalNeo4j
from tests.api.conftest import settings_for


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def throwaway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    """A second local Neo4j of its own, stopped at the end whatever happens."""
    neo4j = LocalNeo4j(home=tmp_path_factory.mktemp("outage-neo4j"), port=_free_port(), heap="512m")
    neo4j.start()
    yield neo4j
    neo4j.stop()


def _settings(settings: Settings, home: Path, neo4j: LocalNeo4j) -> Settings:
    base = settings_for(settings, home)
    return base.model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{neo4j.port}", "neo4j_password": neo4j.password()}
    )


def test_an_unreachable_neo4j_is_503_with_retry_after(settings: Settings, tmp_path: Path) -> None:
    nowhere = settings_for(settings, tmp_path / "home").model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{_free_port()}"}
    )
    secret = TokenStore(nowhere.home).create("nowhere", "reader")
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
    settings: Settings, tmp_path: Path, throwaway: LocalNeo4j
) -> None:
    app_settings = _settings(settings, tmp_path / "home", throwaway)
    headers = {"Authorization": f"Bearer {TokenStore(app_settings.home).create('x', 'reader')}"}
    with TestClient(create_app(app_settings)) as client:
        assert client.get("/api/people", headers=headers).status_code == 200
        throwaway.stop()
        down = client.get("/api/people", headers=headers)
        assert down.status_code == 503
        assert down.headers["Retry-After"] == "5"
        assert down.json()["error"]["code"] == "database-unavailable"
        assert "Traceback" not in down.text
        assert client.get("/health").status_code == 503
        throwaway.start()
        assert client.get("/api/people", headers=headers).status_code == 200
        assert client.get("/health").json() == {"neo4j": "up"}
