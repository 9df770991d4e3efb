"""Refused ad-hoc queries never reach execution: proved by canaries outside the guard's word.

A refusal alone proves nothing about what ran first. Each attempt carries canaries whose
effect a second connection would see had any part of it run in Neo4j:

- ``{canary}``: a loopback HTTP server of the test's; a ``LOAD CSV`` that ran has called it;
- ``{victim}``: the id of a live transaction of the test's; a ``TERMINATE`` that ran ends it;
- ``{marker}``: a property key, index, label or user name unique to the run, which a write
  procedure or command that ran would have made (Neo4j keeps property keys forever).

Positive controls run the same attempts directly against Neo4j and see each canary react, so
the canaries are live and each escape attempt works on this Neo4j when nothing stops it.
(Neo4j Community has no query log to read instead: ``db.logs.query`` is Enterprise-only.)
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import neo4j
import pytest
from fastapi.testclient import TestClient
from neo4j.exceptions import Neo4jError

from core.errors import QueryRefused
from graph import cypher_guard
from graph.cypher_plan import check_plan
from graph.driver import WRITE, Graph
from tests.api.cypher_corpus import ESCAPES_PLANNED, PLAN_REFUSED, REFUSED, arm
from tests.api.netprobes import CanaryServer, running

pytestmark = pytest.mark.usefixtures("seeded")
LOAD_CSV_ESCAPES = [q for q in ESCAPES_PLANNED if "{canary}" in q]


@dataclass
class Victim:
    """A READ transaction of the test's that stays open; a TERMINATE that ran would end it."""

    tx: neo4j.Transaction
    id: str

    def alive(self) -> bool:
        """True while the transaction still answers."""
        try:
            return bool(self.tx.run("RETURN 1 AS ok").single(strict=True)["ok"] == 1)
        except Neo4jError:
            return False


@dataclass
class Canaries:
    """The canaries of one test and what arms a query with them."""

    server: CanaryServer
    victim: Victim
    marker: str

    def arm(self, query: str) -> str:
        """The query with the canaries in its placeholders."""
        return arm(query, canary=self.server.base_url, victim=self.victim.id, marker=self.marker)


@pytest.fixture
def canaries(seeded: Graph) -> Iterator[Canaries]:
    """A canary server, a victim transaction and a fresh marker."""
    with running(CanaryServer()) as server, seeded.read_once(timeout=300, fetch_size=10) as tx:
        # The victim's own query is its current one: that finds its id.
        victim_id = tx.run(
            "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
            "WHERE currentQuery CONTAINS 'govgraph-victim' RETURN transactionId"
        ).single(strict=True)["transactionId"]
        yield Canaries(server, Victim(tx, victim_id), f"canary_{secrets.token_hex(6)}")


def assert_nothing_ran(graph: Graph, canaries: Canaries) -> None:
    """No canary reacted: no HTTP request, the victim alive, no trace of the marker."""
    marker = canaries.marker
    assert canaries.server.paths == []
    assert canaries.victim.alive()
    keys = [r["propertyKey"] for r in graph.query("CALL db.propertyKeys() YIELD propertyKey")]
    assert marker not in keys
    indexes = graph.query("SHOW INDEXES YIELD name WHERE name = $m RETURN name", m=marker)
    assert indexes == []
    assert graph.query("MATCH (n:Canary) RETURN count(n) AS n")[0]["n"] == 0


@pytest.mark.parametrize("query", LOAD_CSV_ESCAPES)
def test_each_load_csv_escape_calls_the_canary_when_nothing_stops_it(
    seeded: Graph, canaries: Canaries, query: str
) -> None:
    seeded.query(canaries.arm(query))
    assert canaries.server.paths  # the canary heard it (once per row that loaded)


def test_a_terminate_escape_ends_the_victim_when_nothing_stops_it(
    seeded: Graph, canaries: Canaries
) -> None:
    terminate = next(q for q in ESCAPES_PLANNED if "TERMINATE" in q)
    assert canaries.victim.alive()
    seeded.query(canaries.arm(terminate))
    assert not canaries.victim.alive()


def test_a_procedure_escape_leaves_its_marker_when_nothing_stops_it(
    seeded: Graph, canaries: Canaries
) -> None:
    create = next(q for q in ESCAPES_PLANNED if "createProperty" in q)
    seeded.query(canaries.arm(create), routing=WRITE)
    keys = [r["propertyKey"] for r in seeded.query("CALL db.propertyKeys() YIELD propertyKey")]
    assert canaries.marker in keys


@pytest.mark.parametrize("query", PLAN_REFUSED)
def test_the_plan_check_alone_refuses_and_runs_nothing(
    seeded: Graph, canaries: Canaries, query: str
) -> None:
    with seeded.read_once(timeout=10, fetch_size=10) as tx, pytest.raises(QueryRefused):
        check_plan(tx, canaries.arm(query), {})
    assert_nothing_ran(seeded, canaries)


def test_the_api_refuses_every_attempt_and_runs_none(
    client: TestClient, analyst: dict, seeded: Graph, canaries: Canaries
) -> None:
    # The governance data; the audit log (label Auth) grows by the attempts, as it must.
    count = "MATCH (n) WHERE NOT n:Auth RETURN count(n) AS n, sum(size(keys(n))) AS p"
    before = seeded.query(count)[0]
    for query in REFUSED + PLAN_REFUSED:
        response = client.post("/api/cypher", json={"query": canaries.arm(query)}, headers=analyst)
        assert response.status_code == 400, query
        assert response.json()["error"]["code"] == "query-refused", query
    assert_nothing_ran(seeded, canaries)
    assert seeded.query(count)[0] == before


def test_an_operator_outside_the_allow_list_is_refused_though_the_text_passes(
    client: TestClient, analyst: dict
) -> None:
    """FINISH reads and returns nothing; its plan ends in EmptyResult, which no read needs."""
    query = "MATCH (n:Person) FINISH"
    assert cypher_guard.check_read_only(query) == query
    response = client.post("/api/cypher", json={"query": query}, headers=analyst)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "query-refused"
    assert "EmptyResult" in error["message"]
