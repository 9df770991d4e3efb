"""Bad input is refused in the error shape with a clear message, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from tests.decisions.helpers import appoint_owner, approve, findings, propose

END_OWNER_BEFORE_START = {
    "type": "end",
    "role": "systemejer",
    "subject": "s1",
    "person": "leder-a",  # owns Acadre since 2024-01-01
    "effective_date": "2023-06-01",
    "reason": "Fejlregistrering.",
}
GONE_UNIT = {
    "type": "accept-risk",
    "rule": "GM-12",
    "subject": "gammel",  # ended 2025-01-01
    "subject_label": "OrgUnit",
    "owner": "chef",
    "effective_date": "2026-11-01",
    "expires": "2027-01-01",
    "reason": "Kontoret er nedlagt.",
}


def _decisions_and_owners(graph: Graph) -> tuple[int, int]:
    decisions = graph.query("MATCH (d:Decision) RETURN count(d) AS n")[0]["n"]
    owns = graph.query("MATCH ()-[r:OWNS]->() RETURN count(r) AS n")[0]["n"]
    return decisions, owns


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (appoint_owner("s3", "nobody-here"), 422, "no person with key 'nobody-here'"),
        (appoint_owner("s3", "gone"), 422, "left on 2026-06-01"),
        (appoint_owner("s3", "leaving", effective_date="2027-02-01"), 422, "2027-01-31, before"),
        (appoint_owner("s3", "chef", until="2026-10-01"), 422, "before the start date"),
        (END_OWNER_BEFORE_START, 422, "before the start date 2024-01-01"),
        (appoint_owner("s2", "chef"), 422, "not in use"),
        (appoint_owner("no-such-system", "chef"), 422, "no System with key"),
        (GONE_UNIT, 422, "OrgUnit gammel does not exist on 2026-11-01"),
        (appoint_owner("s1", "chef"), 409, "already has system owner Lise Leder"),
        (
            {**appoint_owner("s1", "anna"), "role": "superbruger", "kind": "it"},
            409,
            "already has super-user Anna Andersen",
        ),
    ],
    ids=[
        "unknown-person",
        "person-has-left",
        "leaves-before-effective-date",
        "until-before-start",
        "end-before-start",
        "system-not-in-use",
        "unknown-system",
        "unit-no-longer-exists",
        "owner-already-there",
        "already-a-superuser",
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    client: TestClient,
    secretariat: dict,
    world: Graph,
    body: dict[str, Any],
    status: int,
    says: str,
) -> None:
    before = _decisions_and_owners(world)
    response = client.post("/api/decisions", json=body, headers=secretariat)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    # A body that cannot be valid at all is refused by its model, with the reason in details.
    details = error["details"] if isinstance(error["details"], list) else []
    assert says in " ".join([error["message"], *(d["message"] for d in details)])
    assert _decisions_and_owners(world) == before


def test_a_medarbejder_as_systemejer_needs_an_acknowledgement(
    client: TestClient, secretariat: dict, approver: dict, world: Graph
) -> None:
    refused = client.post("/api/decisions", json=appoint_owner("s3", "bo"), headers=secretariat)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "acknowledgement-needed"
    assert refused.json()["error"]["details"]["rule"] == "GM-02"
    assert _decisions_and_owners(world)[0] == 0
    body = appoint_owner("s3", "bo", acknowledge_findings=True)
    decided = approve(client, approver, propose(client, secretariat, body)["key"])
    assert decided["acknowledged_findings"] is True
    assert [f["related"][0]["key"] for f in findings(client, secretariat, "GM-02", "s3")] == ["bo"]
