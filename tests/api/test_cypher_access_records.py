"""Ad-hoc Cypher cannot read tokens, sessions or the audit log, which share the database."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.usefixtures("seeded")

# Each would return a token's hash, a session, the session secret or audit entries.
READS_ACCESS_RECORDS: list[tuple[str, dict]] = [
    ("MATCH (t:AuthToken) RETURN t.hash", {}),
    ("MATCH (t:Auth) RETURN t", {}),
    ("MATCH (s:AuthSecret) RETURN s.value", {}),
    ("MATCH (s:AuthSession) RETURN s", {}),
    ("MATCH (e:AuditEntry) RETURN e.person_keys", {}),
    ("MATCH (n:Person|AuthToken) RETURN n", {}),
    ("MATCH (n) WHERE n:AuthToken RETURN n.hash", {}),
    ("MATCH (n) RETURN n.hash", {}),
    ("MATCH (n:$($label)) RETURN n", {"label": "AuthToken"}),
    ("MATCH (n) WHERE any(l IN labels(n) WHERE l STARTS WITH 'Au') RETURN n", {}),
    ("MATCH (n:!Person) RETURN n", {}),
    ("MATCH (n) WHERE id(n) = $id RETURN n", {"id": 0}),
    ("MATCH (n) WHERE elementId(n) = $id RETURN n", {"id": "4:x:0"}),
]


@pytest.mark.parametrize(("query", "parameters"), READS_ACCESS_RECORDS)
def test_a_query_that_could_read_access_records_is_refused(
    client: TestClient, analyst: dict, query: str, parameters: dict
) -> None:
    response = client.post(
        "/api/cypher", json={"query": query, "parameters": parameters}, headers=analyst
    )
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "query-refused"
    assert "argon2" not in response.text


def test_a_query_naming_governance_labels_still_runs(client: TestClient, analyst: dict) -> None:
    response = client.post(
        "/api/cypher",
        json={"query": "MATCH (p:Person) RETURN count(p) AS people"},
        headers=analyst,
    )
    assert response.status_code == 200, response.text
