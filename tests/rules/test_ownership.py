"""GM-01..GM-05 and GM-16: owner, systemansvarlig, administrators and use of each system."""

from __future__ import annotations

from datetime import date

import pytest

from core.records import NodeRecord, PropValue
from graph.driver import Graph
from tests.rules.world import AS_OF, World, brief, run


def test_healthy_world_has_no_findings(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph) == []


def test_system_without_owner_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("OWNS", "chef", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-01")
    assert brief(findings) == [("s1", "violated", "none", [])]
    assert findings[0].message.en == "S1 has no system owner."
    assert findings[0].message.da == "S1 har ingen systemejer."


def test_system_with_two_owners_is_reported(model_graph: Graph, world: World) -> None:
    world.role("OWNS", "kl-a", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-01")
    assert brief(findings) == [("s1", "violated", "several", ["chef", "kl-a"])]
    assert findings[0].message.en == (
        "S1 has 2 system owners (CHEF, KL-A); it must have exactly one."
    )


@pytest.mark.parametrize(
    "props",
    [
        {"lifecycle": "NotInUse"},
        {"lifecycle": "PhasingOut"},
        {"kitos_valid": False},
        {"valid_to": date(2026, 6, 1)},
        {"valid_from": date(2027, 1, 1)},
    ],
    ids=["not-in-use", "phasing-out", "invalid", "ended", "not-started"],
)
def test_system_not_in_use_is_held_to_no_rule(
    model_graph: Graph, world: World, props: dict[str, PropValue]
) -> None:
    world.system("old", **props)  # no roles, no users, no reviews
    world.write(model_graph)
    assert run(model_graph) == []


def test_owner_who_is_a_leader_satisfies_gm02(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-02") == []


def test_owner_in_central_it_satisfies_gm02(model_graph: Graph, world: World) -> None:
    world.drop("OWNS", "chef", "s1")
    world.role("OWNS", "it1", "s1")
    world.write(model_graph)
    assert run(model_graph, "GM-02") == []


def test_employee_owner_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("OWNS", "chef", "s1")
    world.role("OWNS", "a1", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-02")
    assert brief(findings) == [("s1", "violated", "", ["a1"])]
    assert findings[0].message.en == (
        "The owner of S1, A1, is at level medarbejder: neither a leader nor in central IT."
    )


def test_owner_unknown_to_hr_makes_gm02_unknown(model_graph: Graph, world: World) -> None:
    world.drop("OWNS", "chef", "s1")
    world.kitos[("Person", "kitos:x")] = NodeRecord(
        "Person", "kitos:x", {"name": "Ekstern"}, match=(("email", "x@vendor.dk"),)
    )
    world.role("OWNS", "kitos:x", "s1")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-02")) == [("s1", "unknown", "unknown", ["kitos:x"])]


def test_kontorleder_owning_a_system_only_their_office_uses_satisfies_gm03(
    model_graph: Graph, world: World
) -> None:
    world.drop("OWNS", "chef", "s1")
    world.role("OWNS", "kl-a", "s1")
    world.write(model_graph)
    assert run(model_graph, "GM-03") == []


def test_kontorleder_owning_a_system_another_office_uses_is_reported(
    model_graph: Graph, world: World
) -> None:
    world.drop("OWNS", "chef", "s1")
    world.role("OWNS", "kl-a", "s1")
    world.uses("JC-B", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-03")
    assert brief(findings) == [("s1", "violated", "", ["kl-a", "JC-B"])]
    assert findings[0].message.en == (
        "S1 is owned by kontorleder KL-A but also used by JC-B; the chef should own it."
    )


def test_chef_owning_a_system_several_offices_use_satisfies_gm03(
    model_graph: Graph, world: World
) -> None:
    world.uses("JC-B", "s1")
    world.write(model_graph)
    assert run(model_graph, "GM-03") == []


def test_system_without_systemansvarlig_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("RESPONSIBLE_FOR", "a1", "s1")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-04")) == [("s1", "violated", "none", [])]


def test_system_with_two_systemansvarlige_is_reported(model_graph: Graph, world: World) -> None:
    world.role("RESPONSIBLE_FOR", "a2", "s1")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-04")) == [("s1", "violated", "several", ["a1", "a2"])]


def test_system_with_one_systemansvarlig_satisfies_gm04(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-04") == []


def test_system_without_administrator_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("ADMINISTERS", "it1", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-05")
    assert brief(findings) == [("s1", "violated", "", [])]
    assert findings[0].message.da == "S1 har ingen systemadministrator."


def test_system_with_two_administrators_satisfies_gm05(model_graph: Graph, world: World) -> None:
    world.role("ADMINISTERS", "a1", "s1")
    world.write(model_graph)
    assert run(model_graph, "GM-05") == []


def test_system_in_use_that_no_unit_uses_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("USES", "JC-A", "s1")
    world.write(model_graph)
    findings = run(model_graph, "GM-16")
    assert brief(findings) == [("s1", "violated", "", ["chef"])]
    assert findings[0].message.en == "S1 is in use but no unit uses it. Is it still relevant?"


def test_system_whose_only_use_ended_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("USES", "JC-A", "s1")
    world.uses("JC-A", "s1", valid_to=date(2026, 10, 1))
    world.write(model_graph)
    assert brief(run(model_graph, "GM-16")) == [("s1", "violated", "", ["chef"])]
    assert run(model_graph, "GM-16", as_of=date(2026, 9, 1)) == []


def test_system_used_by_a_unit_satisfies_gm16(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-16", as_of=AS_OF) == []
