"""Neo4j killed (SIGKILL of its JVM) while an import writes: a clean failure, no partial data.

The import runs as its own process against a throwaway local Neo4j; once its write transaction
holds thousands of locks the JVM is killed. The import must end with govgraph's own message and
a non-zero exit, and once Neo4j is started again the graph must be as it was before the import.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph import admin
from soak.neo4j import KillableNeo4j
from soak.transactions import govgraph, wait_for_write
from tests.faults.sources import write_large_opus

pytestmark = pytest.mark.slow


@dataclass(frozen=True, slots=True)
class CrashedImport:
    """What an import said when Neo4j died under it, and the graph before and after."""

    source: Path
    exit_code: int
    stdout: str
    stderr: str
    before: tuple[dict[str, int], str]
    after: tuple[dict[str, int], str]


@pytest.fixture(scope="module")
def crashed_import(
    throwaway_neo4j: KillableNeo4j, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CrashedImport]:
    """Import a large dump, kill Neo4j mid-write, start it again."""
    source = write_large_opus(tmp_path_factory.mktemp("db-fault"), employees=2500)
    graph = throwaway_neo4j.graph()
    try:
        admin.reset_database(graph)
        admin.init_database(graph)
        before = (admin.counts(graph), admin.content_checksum(graph))
        process = govgraph("import", str(source), env=throwaway_neo4j.env)
        wait_for_write(graph, process, min_locks=3000)
        throwaway_neo4j.crash()
        stdout, stderr = process.communicate(timeout=120)
    finally:
        graph.close()
    throwaway_neo4j.start()
    graph = throwaway_neo4j.graph()
    try:
        after = (admin.counts(graph), admin.content_checksum(graph))
    finally:
        graph.close()
    yield CrashedImport(source, process.returncode, stdout, stderr, before, after)


def test_import_fails_with_a_clear_message_and_no_traceback(crashed_import: CrashedImport) -> None:
    assert crashed_import.exit_code == 1
    output = crashed_import.stdout + crashed_import.stderr
    assert "Traceback" not in output
    last = [line for line in crashed_import.stderr.splitlines() if line.strip()][-2:]
    assert last[0] == "Error: Neo4j does not answer.", crashed_import.stderr
    assert last[1].startswith("What to do: Check that the database runs")


def test_no_partial_data_after_neo4j_is_started_again(crashed_import: CrashedImport) -> None:
    assert crashed_import.after == crashed_import.before


def test_the_same_import_succeeds_once_neo4j_is_back(
    crashed_import: CrashedImport, throwaway_neo4j: KillableNeo4j
) -> None:
    process = govgraph("import", str(crashed_import.source), env=throwaway_neo4j.env)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stdout + stderr
    graph = throwaway_neo4j.graph()
    try:
        assert admin.counts(graph)["ImportRun"] == 1
    finally:
        graph.close()
