"""The API under test: an app on the suite's Neo4j, with its own home for tokens and the log."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on its httpx client
    from fastapi.testclient import TestClient

from fastapi import FastAPI

from api.app import create_app
from api.audit import AuditEntry
from core.settings import Settings
from govgraph.local_neo4j import LocalNeo4j, local_database
from graph.driver import Graph
from tests.api.seed import reseed
from tests.support import audit_log, clear_access_records, token_store

MAX_PAGE = 20
# A cold Neo4j plans the handover's queries for over 10 s on a busy machine: the suite's apps
# wait longer than the default read deadline, which tests/api/test_deadline*.py tests as such.
DATABASE_TIMEOUT = 120.0


def settings_for(
    settings: Settings, home: Path, *, neo4j: LocalNeo4j | None = None, **api: object
) -> Settings:
    """The suite's settings with another home, reaching the suite's Neo4j (or ``neo4j``) by URI."""
    update: dict[str, object] = {"env": "test", "home": home}
    if neo4j is None and settings.uses_local_database:
        neo4j = local_database(settings)
    if neo4j is not None:
        update |= {"neo4j_uri": neo4j.status().uri, "neo4j_password": neo4j.password()}
    api = {"max_page_size": MAX_PAGE, "database_timeout": DATABASE_TIMEOUT, **api}
    update["api"] = settings.api.model_copy(update=api)
    return settings.model_copy(update=update)


@pytest.fixture(scope="module")
def seeded(session_graph: Graph) -> Graph:
    """The seed organisation, written once per test module."""
    return reseed(session_graph)


@pytest.fixture
def api_settings(settings: Settings, session_graph: Graph, tmp_path: Path) -> Settings:
    """Settings for one app: a fresh home, the suite's database with no tokens, sessions or
    audit entries."""
    clear_access_records(session_graph)
    return settings_for(settings, tmp_path / "home")


@pytest.fixture
def cli_env(api_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The environment of a `govgraph` command that reaches the app's database and home."""
    monkeypatch.setenv("GOVGRAPH_HOME", str(api_settings.home))
    monkeypatch.setenv("NEO4J_URI", api_settings.neo4j_uri or "")
    monkeypatch.setenv("NEO4J_PASSWORD", api_settings.neo4j_password or "")
    return api_settings


@pytest.fixture
def app(api_settings: Settings) -> FastAPI:
    """An app for these settings."""
    return create_app(api_settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client of the running app (its lifespan opened the graph)."""
    with TestClient(app) as c:
        yield c


@pytest.fixture
def token(api_settings: Settings) -> Callable[[str], dict[str, str]]:
    """Create a real token of a scope; returns the Authorization header for it."""
    store = token_store(api_settings)
    count = iter(range(1000))

    def make(scope: str) -> dict[str, str]:
        secret = store.create(f"{scope}-{next(count)}", scope)
        return {"Authorization": f"Bearer {secret}"}

    return make


@pytest.fixture
def reader(token: Callable[[str], dict[str, str]]) -> dict[str, str]:
    """Headers of a reader token."""
    return token("reader")


@pytest.fixture
def analyst(token: Callable[[str], dict[str, str]]) -> dict[str, str]:
    """Headers of an analyst token."""
    return token("analyst")


@pytest.fixture
def admin_headers(token: Callable[[str], dict[str, str]]) -> dict[str, str]:
    """Headers of an admin token."""
    return token("admin")


@pytest.fixture
def audit_entries(api_settings: Settings) -> Callable[[], list[AuditEntry]]:
    """Read back the app's audit log."""
    log = audit_log(api_settings)
    return lambda: list(log.entries())
