"""DQ-01..DQ-03: role holders and units HR does not know, people in no unit."""

from __future__ import annotations

from datetime import date

from core.records import NodeRecord
from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import make_batch, make_system, rel
from tests.rules.world import World, brief, run


def _kitos_user(world: World, key: str, email: str) -> None:
    world.kitos[("Person", key)] = NodeRecord(
        "Person", key, {"name": "Jens Kjær", "email": email}, match=(("email", email),)
    )


def test_role_holder_matched_by_email_satisfies_dq01(model_graph: Graph, world: World) -> None:
    _kitos_user(world, "kitos:a1", "A1@Example.dk".lower())
    world.role("ADMINISTERS", "kitos:a1", "s1")
    world.write(model_graph)
    assert run(model_graph, "DQ-01") == []


def test_role_holder_unknown_to_hr_is_reported(model_graph: Graph, world: World) -> None:
    _kitos_user(world, "kitos:jk", "jens.kjaer@konsulent.dk")
    world.role("ADMINISTERS", "kitos:jk", "s1")
    world.write(model_graph)
    findings = run(model_graph, "DQ-01")
    assert brief(findings) == [("kitos:jk", "violated", "", ["s1"])]
    assert findings[0].message.en == (
        "Jens Kjær (jens.kjaer@konsulent.dk) holds roles in KITOS or the register "
        "but is not in the HR data."
    )


def test_unmatched_person_without_roles_is_not_reported(model_graph: Graph, world: World) -> None:
    _kitos_user(world, "kitos:jk", "jens.kjaer@konsulent.dk")
    world.write(model_graph)
    assert run(model_graph, "DQ-01") == []


def test_role_holders_are_unknown_before_any_hr_import(model_graph: Graph) -> None:
    person = NodeRecord("Person", "kitos:x", {"name": "X"}, match=(("email", "x@k.dk"),))
    system = make_system("s1")
    batch = make_batch([person, system], [rel("OWNS", person, system)], scope="kitos")
    write_batch(model_graph, batch)
    assert brief(run(model_graph, "DQ-01")) == [("kitos:x", "unknown", "unknown", ["s1"])]


def test_unit_matched_in_hr_satisfies_dq02(model_graph: Graph, world: World) -> None:
    world.kitos[("OrgUnit", "kitos-unit:1")] = NodeRecord(
        "OrgUnit", "kitos-unit:1", {"name": "JC-B"}, match=(("name_norm", "jc-b"),)
    )
    world.uses("kitos-unit:1", "s1")
    world.write(model_graph)
    assert run(model_graph, "DQ-02") == []


def test_unit_unknown_to_hr_is_reported(model_graph: Graph, world: World) -> None:
    world.kitos[("OrgUnit", "kitos-unit:9")] = NodeRecord(
        "OrgUnit", "kitos-unit:9", {"name": "Projektenheden"}, match=(("name_norm", "proj"),)
    )
    world.uses("kitos-unit:9", "s1")
    world.write(model_graph)
    findings = run(model_graph, "DQ-02")
    assert brief(findings) == [("kitos-unit:9", "violated", "", ["s1"])]
    assert findings[0].message.en == "The unit Projektenheden from KITOS is not in the HR data."


def test_active_people_in_units_satisfy_dq03(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "DQ-03") == []


def test_active_person_in_no_unit_is_reported(model_graph: Graph, world: World) -> None:
    world.person("vikar")
    world.write(model_graph)
    findings = run(model_graph, "DQ-03")
    assert brief(findings) == [("vikar", "violated", "", [])]
    assert findings[0].message.da == "VIKAR er aktiv i HR-data, men hører ikke til nogen enhed."


def test_person_whose_unit_closed_is_reported(model_graph: Graph, world: World) -> None:
    world.unit("OLD", parent="JC", depth=2, valid_to=date(2026, 6, 1))
    world.person("vikar", unit="OLD")
    world.manage("kl-b", "OLD", level="kontorleder", valid_to=date(2026, 6, 1))
    world.write(model_graph)
    assert brief(run(model_graph, "DQ-03")) == [("vikar", "violated", "", [])]


def test_person_who_left_is_not_reported(model_graph: Graph, world: World) -> None:
    world.person("vikar", valid_to=date(2026, 9, 1))
    world.write(model_graph)
    assert run(model_graph, "DQ-03") == []
