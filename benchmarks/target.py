"""The Neo4j a run measures: its own local one under ``benchmarks/data/``, or NEO4J_URI's.

The own one has its own home, port and LOAD CSV import directory, serves Neo4j's HTTP Query API
when given an HTTP port (the API figures compare with it), starts from an empty store and is
stopped at the end.
A server given by NEO4J_URI is used as it is; LOAD CSV then needs ``--import-dir`` (the folder
that server reads ``file:///`` from), else the baseline falls back to UNWIND batches.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.settings import load_settings
from govgraph.local_neo4j import LocalNeo4j
from graph.driver import Connection

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Target:
    """A Neo4j to measure: how to connect, its JVM (when ours) and its import directory."""

    conn: Connection
    pid: int | None = None
    import_dir: Path | None = None
    description: str = ""
    query_api: str | None = None  # Neo4j's HTTP base (http://127.0.0.1:7474), when it serves it


@contextmanager
def open_target(
    *,
    data: Path = DATA,
    port: int = 7720,
    heap: str = "2g",
    pagecache: str = "1g",
    import_dir: Path | None = None,
    http_port: int | None = None,
) -> Iterator[Target]:
    """Yield the Neo4j to measure; start (and finally stop) the own one unless NEO4J_URI is set."""
    settings = load_settings()
    if settings.neo4j_uri:
        conn = Connection(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
            settings.neo4j_database,
        )
        yield Target(conn, None, import_dir, f"NEO4J_URI {settings.neo4j_uri}")
        return
    csv_root = import_dir or data / "import"
    csv_root.mkdir(parents=True, exist_ok=True)
    local = LocalNeo4j(
        home=data / "home",
        port=port,
        heap=heap,
        pagecache=pagecache,
        start_timeout=300.0,
        import_dir=csv_root,
        http_port=http_port,
    )
    local.stop()  # one left by an interrupted run may have other settings
    # A fresh store each run: comparable runs, and no transaction logs piling up.
    shutil.rmtree(local.dbms_home, ignore_errors=True)
    status, _ = local.start()
    try:
        conn = Connection(status.uri or "", "neo4j", local.password(), "neo4j")
        description = f"own local Neo4j (heap {heap}, page cache {pagecache}, port {port})"
        http = None if http_port is None else f"http://127.0.0.1:{http_port}"
        yield Target(conn, status.pid, csv_root, description, http)
    finally:
        local.stop()
