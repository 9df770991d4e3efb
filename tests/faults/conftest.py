"""Fixtures of the fault tests: a Neo4j of their own that they may kill."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.settings import Settings
from soak.neo4j import KillableNeo4j
from tests.support import require_java


@pytest.fixture(scope="session")
def throwaway_neo4j(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KillableNeo4j]:
    """A running Neo4j apart from the suite's; a test that kills it starts it again."""
    require_java()
    neo4j = KillableNeo4j(tmp_path_factory.mktemp("throwaway-neo4j"), cache_from=settings.home)
    neo4j.start()
    yield neo4j
    neo4j.stop()
