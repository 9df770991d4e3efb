"""DQ-04: a later KITOS import that still names the holder a decision replaced is reported."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from core.records import NodeRecord
from graph.driver import Graph
from graph.writer import write_batch
from tests.decisions.helpers import findings, propose
from tests.factories import make_batch, rel

ON = date(2026, 11, 15)


def import_kitos_naming_bo(graph: Graph) -> None:
    """A KITOS import that names Bo Berg Jobnet's systemansvarlig."""
    bo, jobnet = NodeRecord("Person", "bo", {}), NodeRecord("System", "s3", {})
    batch = make_batch([], [rel("RESPONSIBLE_FOR", bo, jobnet)], scope="kitos", replaces_types=())
    write_batch(graph, batch)


def test_kitos_naming_the_replaced_holder_is_reported_with_the_register_holder(
    open_client: TestClient, secretariat: dict, world: Graph
) -> None:
    import_kitos_naming_bo(world)
    propose(
        open_client,
        secretariat,
        {
            "type": "appoint",
            "role": "systemansvarlig",
            "subject": "s3",
            "person": "anna",
            "replaces": "bo",
            "effective_date": "2026-11-01",
            "reason": "Anna overtager.",
        },
    )
    assert findings(open_client, secretariat, "DQ-04", "s3", as_of=ON) == []
    import_kitos_naming_bo(world)  # KITOS has not been corrected
    found = findings(open_client, secretariat, "DQ-04", "s3", as_of=ON)
    assert len(found) == 1
    assert [r["key"] for r in found[0]["related"]] == ["bo", "anna"]
    assert found[0]["message"]["en"].startswith(
        "KITOS says Bo Berg is system responsible of Jobnet; the register says Anna Andersen "
        "since 2026-11-01"
    )


def test_a_decision_kitos_lists_too_is_not_on_the_change_list_until_kitos_drops_it(
    open_client: TestClient, secretariat: dict, world: Graph
) -> None:
    propose(
        open_client,
        secretariat,
        {
            "type": "appoint",
            "role": "systemansvarlig",
            "subject": "s3",
            "person": "bo",
            "effective_date": "2026-11-01",
            "reason": "Bo overtager.",
        },
    )

    def to_add() -> list[str]:
        changes = open_client.get(
            "/api/kitos/changes", params={"as_of": ON.isoformat()}, headers=secretariat
        ).json()
        return [c["person"]["key"] for c in changes if c["action"] == "add"]

    assert to_add() == ["bo"]
    import_kitos_naming_bo(world)  # KITOS now lists the decision's holder
    assert to_add() == []
    empty = make_batch([], [], scope="kitos", replaces_types=("RESPONSIBLE_FOR",))
    write_batch(world, empty)  # and then no longer does
    assert to_add() == ["bo"]


def test_kitos_naming_a_holder_a_decision_ended_is_reported_as_ended(
    open_client: TestClient, secretariat: dict, world: Graph
) -> None:
    bo, s1 = NodeRecord("Person", "bo", {}), NodeRecord("System", "s1", {})
    kitos = make_batch([], [rel("SUPERUSER_OF", bo, s1)], scope="kitos", replaces_types=())
    ending = {
        "type": "end",
        "role": "superbruger",
        "subject": "s1",
        "person": "bo",
        "effective_date": "2026-11-01",
        "reason": "Skifter kontor.",
    }
    assert propose(open_client, secretariat, ending)["status"] == "applied"
    assert findings(open_client, secretariat, "DQ-04", "s1", as_of=ON) == []
    write_batch(world, kitos)  # KITOS still lists Bo, and the register names nobody else
    found = findings(open_client, secretariat, "DQ-04", "s1", as_of=ON)
    assert [[r["key"] for r in f["related"]] for f in found] == [["bo"]]
    assert found[0]["message"]["en"] == (
        "KITOS says Bo Berg is super-user of Acadre; the register ended the role on 2026-11-01."
    )
