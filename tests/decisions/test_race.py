"""Two people appoint different systemejere for the same system at once: the second gets 409."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.driver import WRITE, Graph
from tests.decisions.helpers import appoint_owner, propose

ROUNDS = 4


def _race(requests: list[Callable[[], Any]]) -> list[Any]:
    """Send the requests from one thread each, released together; the responses in order."""
    start = threading.Barrier(len(requests))
    answers: list[Any] = [None] * len(requests)

    def send(i: int) -> None:
        start.wait()
        answers[i] = requests[i]()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
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
        world.query("MATCH (d:Decision) DETACH DELETE d", WRITE)
        world.query("MATCH ()-[r:OWNS {source: 'decision'}]->() DELETE r", WRITE)
        answers = _race(
            [
                partial(_post, app_client, secretariat, appoint_owner("s3", "chef")),
                partial(_post, app_client, approver, appoint_owner("s3", "leder-a")),
            ]
        )
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


def test_two_concurrent_approvals_apply_a_decision_once(
    client: TestClient, secretariat: dict, approver: dict, world: Graph, token: Callable
) -> None:
    key = propose(client, secretariat, appoint_owner("s3", "chef"))["key"]
    third = token("secretariat")
    url = f"/api/decisions/{key}/approve"
    answers = _race([partial(client.post, url, headers=h) for h in (approver, third)])
    assert sorted(a.status_code for a in answers) == [200, 409]
    owners = world.query(
        "MATCH (p)-[r:OWNS {source: 'decision'}]->(:System {key: 's3'}) RETURN p.key AS k"
    )
    assert owners == [{"k": "chef"}]


def _post(client: TestClient, headers: dict, body: dict) -> Any:
    return client.post("/api/decisions", json=body, headers=headers)
