"""Reads go through read transactions and writes through write transactions, on every route.

In a cluster (``neo4j+s://``) the driver sends a READ transaction to a secondary and a WRITE
transaction to the primary. Neo4j itself refuses a write in a READ transaction, so the app's
real driver against the real database already fails any misplaced write; this test also
catches the opposite, a WRITE transaction that only reads (it would load the primary with
reads): every transaction is checked against the query types Neo4j reports for its statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient
from neo4j import ManagedTransaction, RoutingControl
from neo4j.exceptions import ClientError
from typer.testing import CliRunner

from api.app import create_app
from core.settings import Settings
from govgraph.cli import app as cli
from graph import driver as graph_driver
from graph.driver import READ, WRITE, Graph
from tests.api.conftest import settings_for
from tests.api.test_api_scopes import SCOPES
from tests.importers.hr_factories import opus_employee, opus_standard_units, write_opus
from tests.support import clear_access_records, token_store

T = TypeVar("T")
WRITES = frozenset({"w", "rw", "s"})  # query types that change data or the schema


@dataclass
class Transactions:
    """What the checked graphs saw: every transaction, and those in the wrong access mode."""

    seen: list[str] = field(default_factory=list)
    misrouted: list[str] = field(default_factory=list)


class CheckedGraph(Graph):
    """The real driver; every transaction's statements are compared with its access mode."""

    log: Transactions

    def query(
        self, cypher: str, /, routing: RoutingControl = READ, **params: Any
    ) -> list[dict[str, Any]]:
        with graph_driver.translate_errors():
            records, summary, _ = self.driver.execute_query(
                cypher, params, database_=self.database, routing_=routing
            )
        self._check(routing, [summary.query_type], cypher)
        return [r.data() for r in records]

    def write(self, work: Callable[[ManagedTransaction], T]) -> T:
        return self._run(WRITE, work)

    def read(self, work: Callable[[ManagedTransaction], T]) -> T:
        return self._run(READ, work)

    def _run(self, routing: RoutingControl, work: Callable[[ManagedTransaction], T]) -> T:
        def recorded(tx: ManagedTransaction) -> T:
            results: list[Any] = []
            original = tx.run

            def run(*args: Any, **kwargs: Any) -> Any:
                result = original(*args, **kwargs)
                results.append((args[0] if args else "", result))
                return result

            tx.run = run  # type: ignore[method-assign]
            value = work(tx)
            types = [result.consume().query_type for _, result in results]
            self._check(routing, types, " / ".join(str(c)[:80] for c, _ in results))
            return value

        with graph_driver.translate_errors(), self.driver.session(database=self.database) as s:
            return s.execute_write(recorded) if routing == WRITE else s.execute_read(recorded)

    def _check(self, routing: RoutingControl, types: list[str | None], what: str) -> None:
        writes = any(t in WRITES for t in types)
        self.log.seen.append(what[:200])
        if routing == WRITE and not writes:
            self.log.misrouted.append(f"a read in a WRITE transaction: {what[:200]}")
        if routing == READ and writes:
            self.log.misrouted.append(f"a write in a READ transaction: {what[:200]}")


@pytest.fixture
def checked(
    settings: Settings, seeded: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Transactions]:
    """Every Graph the app or the CLI opens checks its transactions, into one log."""
    log = Transactions()

    def from_settings(cls: type[Graph], s: Settings, *, retry_seconds: float = 5.0) -> Graph:
        conn = graph_driver.connection(s)
        graph = CheckedGraph(graph_driver.open_driver(conn, retry_seconds=retry_seconds))
        graph.log = log
        return graph

    clear_access_records(seeded)
    monkeypatch.setattr(Graph, "from_settings", classmethod(from_settings))
    yield log


def test_neo4j_refuses_a_write_in_a_read_transaction(session_graph: Graph) -> None:
    with pytest.raises(ClientError, match="read access mode"):
        session_graph.driver.execute_query(
            "CREATE (:RoutingProbe)", database_=session_graph.database, routing_=READ
        )


def test_every_route_reads_in_read_and_writes_in_write_transactions(
    settings: Settings, checked: Transactions, tmp_path: Path
) -> None:
    app_settings = settings_for(settings, tmp_path / "home")
    store = token_store(app_settings)
    admin = {"Authorization": f"Bearer {store.create('routing-admin', 'admin')}"}
    opus = write_opus(tmp_path, *opus_standard_units(), opus_employee("101", "30"))
    with TestClient(create_app(app_settings)) as client:
        for (method, _route), (_scope, example) in sorted(SCOPES.items()):
            if method == "GET":
                assert client.get(example, headers=admin).status_code < 500, example
        created = client.post(
            "/api/tokens", json={"name": "routing-x", "scope": "reader"}, headers=admin
        )
        assert created.status_code == 201
        assert client.delete("/api/tokens/routing-x", headers=admin).status_code == 200
        with opus.open("rb") as f:
            imported = client.post("/api/imports", files={"file": (opus.name, f)}, headers=admin)
        assert imported.status_code == 200, imported.text
        login = client.post(
            "/login", data={"token": admin["Authorization"].split()[1]}, follow_redirects=False
        )
        assert login.status_code == 303
        for page in ("/", "/gaps", "/overview", "/handover", "/min-rolle", "/person/anna"):
            assert client.get(page).status_code < 500, page
        assert client.post("/logout", follow_redirects=False).status_code == 303
    assert len(checked.seen) > 100
    assert checked.misrouted == []


def test_the_cli_reads_in_read_and_writes_in_write_transactions(
    checked: Transactions, cli_env: Settings, tmp_path: Path
) -> None:
    opus = write_opus(tmp_path, *opus_standard_units(), opus_employee("101", "30"))
    runner = CliRunner()
    for command in (
        ["db", "init"],
        ["import", str(opus)],
        ["import", "--dry-run", str(opus)],
        ["gaps", "--format", "json"],
        ["token", "create", "routing-cli", "--scope", "reader"],
        ["token", "list"],
        ["token", "revoke", "routing-cli"],
        ["audit"],
        ["audit", "verify"],
    ):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, (command, result.output)
    # `db init` waits for its new indexes where it made them: on the primary (WRITE), though
    # the wait itself only reads.
    assert len(checked.seen) > 20
    assert [m for m in checked.misrouted if "db.awaitIndexes" not in m] == []
