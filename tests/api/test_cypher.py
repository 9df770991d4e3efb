"""POST /api/cypher: read-only ad-hoc queries with parameters, a timeout and a row cap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from govgraph.audit import AuditEntry
from govgraph.errors import QueryFailed, QueryRefused
from govgraph.security import TokenStore
from govgraph.settings import Settings
from graph import cypher_guard
from graph.driver import Graph
from tests.api.conftest import settings_for
from tests.api.cypher_corpus import ALLOWED, REFUSED

pytestmark = pytest.mark.usefixtures("seeded")


def test_the_corpus_is_large_enough() -> None:
    assert len(REFUSED) >= 30


@pytest.mark.parametrize("query", REFUSED)
def test_the_guard_refuses(query: str) -> None:
    with pytest.raises(QueryRefused):
        cypher_guard.check_read_only(query)


@pytest.mark.parametrize(("query", "params", "rows"), ALLOWED)
def test_the_guard_lets_reads_through(query: str, params: dict, rows: list) -> None:
    assert cypher_guard.check_read_only(query)


def test_refused_queries_answer_400_and_change_nothing(
    client: TestClient, analyst: dict, seeded: Graph
) -> None:
    before = seeded.query("MATCH (n) RETURN count(n) AS n, sum(size(keys(n))) AS p")[0]
    for query in REFUSED:
        response = client.post("/api/cypher", json={"query": query}, headers=analyst)
        assert response.status_code == 400, query
        assert response.json()["error"]["code"] == "query-refused"
    after = seeded.query("MATCH (n) RETURN count(n) AS n, sum(size(keys(n))) AS p")[0]
    assert after == before


@pytest.mark.parametrize(("query", "params", "rows"), ALLOWED)
def test_reads_with_parameters_are_answered(
    client: TestClient, analyst: dict, query: str, params: dict, rows: list
) -> None:
    response = client.post(
        "/api/cypher", json={"query": query, "parameters": params}, headers=analyst
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == rows


def test_nodes_and_paths_come_back_as_maps(client: TestClient, analyst: dict) -> None:
    body = client.post(
        "/api/cypher",
        json={"query": "MATCH p = (:Person {key: 'bo'})-[:MEMBER_OF]->(u:OrgUnit) RETURN p, u"},
        headers=analyst,
    ).json()
    path, unit = body["rows"][0]["p"], body["rows"][0]["u"]
    assert unit["labels"] == ["OrgUnit"] and unit["properties"]["key"] == "kontor-b"
    assert path["relationships"][0]["type"] == "MEMBER_OF"
    assert body["columns"] == ["p", "u"]


def test_the_allowed_procedures_run(client: TestClient, analyst: dict) -> None:
    body = client.post(
        "/api/cypher",
        json={"query": "CALL db.labels() YIELD label RETURN label ORDER BY label"},
        headers=analyst,
    ).json()
    assert {"label": "Person"} in body["rows"]


def test_a_syntax_error_is_422_query_failed(client: TestClient, analyst: dict) -> None:
    response = client.post("/api/cypher", json={"query": "MATCH (n RETURN n"}, headers=analyst)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "query-failed"


def test_an_unknown_body_field_is_422(client: TestClient, analyst: dict) -> None:
    response = client.post("/api/cypher", json={"query": "RETURN 1", "x": 1}, headers=analyst)
    assert response.status_code == 422


def test_a_read_transaction_refuses_a_write_the_guard_missed(
    seeded: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cypher_guard, "check_read_only", lambda query: query)
    with pytest.raises(QueryFailed):
        cypher_guard.run_read_only(seeded, "CREATE (n:Intruder)", {}, timeout=5, row_cap=10)
    assert seeded.query("MATCH (n:Intruder) RETURN count(n) AS n")[0]["n"] == 0


def _client(settings: Settings, home: Path, **api: object) -> tuple[TestClient, dict]:
    limited = settings_for(settings, home, **api)
    secret = TokenStore(limited.home).create("limited", "analyst")
    return TestClient(create_app(limited)), {"Authorization": f"Bearer {secret}"}


def test_rows_beyond_the_cap_are_cut_and_flagged(settings: Settings, tmp_path: Path) -> None:
    client, headers = _client(settings, tmp_path / "home", cypher_row_cap=3)
    with client:
        body = client.post(
            "/api/cypher", json={"query": "UNWIND range(1, 10) AS x RETURN x"}, headers=headers
        ).json()
    assert body["rows"] == [{"x": 1}, {"x": 2}, {"x": 3}]
    assert body["truncated"] is True and body["row_cap"] == 3


def test_a_query_running_past_the_timeout_is_stopped(settings: Settings, tmp_path: Path) -> None:
    client, headers = _client(settings, tmp_path / "home", cypher_timeout=0.5)
    slow = "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n"
    with client:
        response = client.post("/api/cypher", json={"query": slow}, headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "query-timeout"


def test_queries_are_audited_with_their_text_but_not_parameter_values(
    client: TestClient,
    analyst: dict,
    audit_entries: Callable[[], list[AuditEntry]],
) -> None:
    client.post(
        "/api/cypher",
        json={"query": "MATCH (p:Person {key: $k}) RETURN p.name", "parameters": {"k": "anna"}},
        headers=analyst,
    )
    entry = [e for e in audit_entries() if e.action == "cypher"][-1]
    assert entry.query == "MATCH (p:Person {key: $k}) RETURN p.name"
    assert entry.details == {"parameters": ["k"]}
    assert "anna" not in entry.model_dump_json()
