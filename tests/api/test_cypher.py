"""POST /api/cypher: read-only ad-hoc queries with parameters, a timeout and caps on rows and bytes.

The refusals that must be proved not to have run are in test_cypher_escapes.py; the limits on
concurrency and retries in test_cypher_limits.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.audit import AuditEntry
from core.errors import QueryFailed, QueryRefused
from core.settings import Settings
from graph import cypher_guard, cypher_run
from graph.driver import Graph
from tests.api.conftest import settings_for
from tests.api.cypher_corpus import ALLOWED, READS, REFUSED
from tests.support import token_store

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


def test_a_backslash_u_is_refused_wherever_it_stands() -> None:
    for where in ("'a\\u0041'", "`a\\U0041`", "/* \\u0041 */ 1", "1 // \\u0041"):
        with pytest.raises(QueryRefused, match="escape is not allowed"):
            cypher_guard.check_read_only(f"RETURN {where}")


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


@pytest.mark.parametrize("query", READS)
def test_reads_of_many_shapes_pass_the_plan_check(
    client: TestClient, analyst: dict, query: str
) -> None:
    response = client.post(
        "/api/cypher", json={"query": query, "parameters": {"x": "b"}}, headers=analyst
    )
    assert response.status_code == 200, response.text


def test_a_syntax_error_is_422_with_what_neo4j_said_about_the_query_as_sent(
    client: TestClient, analyst: dict
) -> None:
    response = client.post("/api/cypher", json={"query": "MATCH (n RETURN n"}, headers=analyst)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "query-failed"
    assert "Invalid input 'RETURN'" in error["message"]
    assert "(line 1, column 10 (offset: 9))" in error["message"]
    assert "EXPLAIN" not in error["message"]


def test_an_unknown_body_field_is_422(client: TestClient, analyst: dict) -> None:
    response = client.post("/api/cypher", json={"query": "RETURN 1", "x": 1}, headers=analyst)
    assert response.status_code == 422


def test_a_read_transaction_refuses_a_write_both_checks_missed(
    seeded: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cypher_run, "check_read_only", lambda query: query)
    monkeypatch.setattr(cypher_run, "check_plan", lambda tx, text, parameters: None)
    with pytest.raises(QueryFailed):
        cypher_run.run_read_only(
            seeded, "CREATE (n:Intruder)", {}, timeout=5, row_cap=10, byte_cap=10_000
        )
    assert seeded.query("MATCH (n:Intruder) RETURN count(n) AS n")[0]["n"] == 0


def _client(settings: Settings, home: Path, **api: object) -> tuple[TestClient, dict]:
    limited = settings_for(settings, home, **api)
    secret = token_store(limited).create("limited", "analyst")
    return TestClient(create_app(limited)), {"Authorization": f"Bearer {secret}"}


def test_rows_beyond_the_cap_are_cut_and_flagged(settings: Settings, tmp_path: Path) -> None:
    client, headers = _client(settings, tmp_path / "home", cypher_row_cap=3)
    with client:
        body = client.post(
            "/api/cypher", json={"query": "UNWIND range(1, 10) AS x RETURN x"}, headers=headers
        ).json()
    assert body["rows"] == [{"x": 1}, {"x": 2}, {"x": 3}]
    assert body["truncated"] is True and body["truncated_by"] == "rows" and body["row_cap"] == 3


def test_a_result_past_the_byte_cap_is_cut_at_the_last_whole_row(
    client: TestClient, analyst: dict, api_settings: Settings
) -> None:
    """Each row is about 1.3 MB of JSON: three fit under the default 4 MiB, the fourth does not."""
    query = "UNWIND range(1, 5000) AS i RETURN [x IN range(1, 100000) | 'aaaaaaaaaa'] AS l"
    response = client.post("/api/cypher", json={"query": query}, headers=analyst)
    body = response.json()
    cap = api_settings.api.cypher_max_bytes
    assert response.status_code == 200
    assert body["truncated"] is True and body["truncated_by"] == "bytes"
    assert body["byte_cap"] == cap == 4 * 1024 * 1024
    assert len(body["rows"]) == 3 and len(body["rows"][0]["l"]) == 100_000
    assert len(response.content) <= cap + 1024


def test_a_complete_result_is_not_flagged(client: TestClient, analyst: dict) -> None:
    body = client.post("/api/cypher", json={"query": "RETURN 1 AS x"}, headers=analyst).json()
    assert (body["truncated"], body["truncated_by"]) == (False, None)


def test_the_schema_states_the_longest_query(client: TestClient, analyst: dict) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["CypherRequest"]
    assert schema["properties"]["query"]["maxLength"] == cypher_guard.MAX_QUERY_LENGTH
    too_long = "RETURN 1" + " " * cypher_guard.MAX_QUERY_LENGTH
    response = client.post("/api/cypher", json={"query": too_long}, headers=analyst)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid-input"


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


def test_a_refused_query_is_on_the_record_too(
    client: TestClient, analyst: dict, audit_entries: Callable[[], list[AuditEntry]]
) -> None:
    query = "/* \\u002a/ SHOW SETTINGS YIELD name, value // */ RETURN 1"
    response = client.post("/api/cypher", json={"query": query}, headers=analyst)
    assert response.status_code == 400
    assert [e.query for e in audit_entries() if e.action == "cypher"][-1] == query
