"""Fixtures: one real Neo4j for the session, an empty graph for each test that asks for one.

With NEO4J_URI set the tests use that server; otherwise the local Neo4j of GOVGRAPH_HOME (which
`make test` points at a test home of its own) is started if it does not run yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import Settings, load_settings
from govgraph.local_neo4j import LocalNeo4j, local_database
from graph import admin
from graph.driver import Graph
from soak.neo4j import KillableNeo4j
from tests.notifications.smtp import SmtpServer, free_port
from tests.support import generate_examples, require_java


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The settings the suite runs with."""
    return load_settings()


@pytest.fixture(scope="session")
def session_graph(settings: Settings) -> Iterator[Graph]:
    """One driver for the whole session, with the schema applied."""
    if settings.uses_local_database:
        local_database(settings).start()
    graph = Graph.from_settings(settings)
    admin.reset_database(graph)
    admin.apply_schema(graph)
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """An empty graph (constraints kept)."""
    admin.reset_database(session_graph)
    return session_graph


@pytest.fixture
def model_graph(graph: Graph) -> Graph:
    """An empty graph holding only the governance model's reference data."""
    admin.init_database(graph)
    return graph


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example forvaltning's sources from examples/generate.py, written once; read only."""
    return generate_examples(tmp_path_factory.mktemp("examples"))


@pytest.fixture
def spare_neo4j(settings: Settings, tmp_path: Path) -> Iterator[LocalNeo4j]:
    """A local Neo4j of the test's own (home and port), not started; stopped at the end."""
    require_java()
    neo4j = KillableNeo4j(tmp_path / "spare-neo4j", cache_from=settings.home).local
    yield neo4j
    neo4j.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on a free loopback port; stopped at the end."""
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()
