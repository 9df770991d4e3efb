"""Two people appoint different systemejere for the same system at once: the second gets 409."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from tests.decisions.helpers import appoint_owner

ROUNDS = 4


def _race(client: TestClient, headers: list[dict], bodies: list[dict]) -> list[Any]:
    """Send the bodies from one thread each, released together; the responses in order."""
    start = threading.Barrier(len(bodies))
    answers: list[Any] = [None] * len(bodies)

    def send(i: int) -> None:
        start.wait()
        answers[i] = client.post("/api/decisions", json=bodies[i], headers=headers[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return answers


@pytest.mark.parametrize("which", ["pending", "applied"])
def test_the_second_of_two_concurrent_appointments_gets_409_with_the_state(
    client: TestClient,
    open_client: TestClient,
    secretariat: dict,
    approver: dict,
    world: Graph,
    which: str,
) -> None:
    app_client = client if which == "pending" else open_client
    for round_ in range(ROUNDS):
        world.query("MATCH (d:Decision) DETACH DELETE d", routing="w")  # type: ignore[arg-type]
        world.query(
            "MATCH ()-[r:OWNS {source: 'decision'}]->() DELETE r",
            routing="w",  # type: ignore[arg-type]
        )
        bodies = [appoint_owner("s3", "chef"), appoint_owner("s3", "leder-a")]
        answers = _race(app_client, [secretariat, approver], bodies)
        codes = sorted(a.status_code for a in answers)
        assert codes == [201, 409], (round_, [a.text for a in answers])
        lost = next(a for a in answers if a.status_code == 409).json()["error"]
        won = next(a for a in answers if a.status_code == 201).json()
        assert lost["code"] == "conflict"
        if which == "pending":
            assert [d["decision"] for d in lost["details"]["pending"]] == [won["key"]]
        else:
            assert [h["person"] for h in lost["details"]["holders"]] == [won["payload"]["person"]]
        owners = world.query(
            "MATCH (p)-[r:OWNS {source: 'decision'}]->(:System {key: 's3'}) RETURN p.key AS k"
        )
        assert len(owners) == (0 if which == "pending" else 1)
