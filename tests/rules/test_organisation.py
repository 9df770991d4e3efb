"""GM-10, GM-12, GM-13 and GM-14: forums, leaders and roles, leavers, overload."""

from __future__ import annotations

from datetime import date

import pytest

from graph.driver import Graph
from tests.rules.world import AS_OF, World, brief, run

LAST_MONTH = date(2026, 10, 12)


def test_forums_represented_as_the_model_asks_satisfy_gm10(
    model_graph: Graph, world: World
) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-10") == []


def test_isu_without_a_chef_from_the_secretariat_is_reported(
    model_graph: Graph, world: World
) -> None:
    world.drop("SITS_IN", "chef-sek", "isu")
    world.seat("dk", "isu")
    world.write(model_graph)
    findings = run(model_graph, "GM-10")
    assert brief(findings) == [("isu", "violated", "", ["dk"])]
    assert findings[0].message.en == (
        "No head of department from JB-sekretariatet sits in Informationssikkerhedsudvalget; "
        "its members are DK."
    )


def test_dds_with_a_chef_from_outside_the_secretariat_is_reported(
    model_graph: Graph, world: World
) -> None:
    world.drop("SITS_IN", "chef-sek", "dds")
    world.seat("chef", "dds")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-10")) == [("dds", "violated", "", ["chef"])]


def test_consultant_forum_with_a_member_from_outside_the_secretariat_is_reported(
    model_graph: Graph, world: World
) -> None:
    world.drop("SITS_IN", "dk", "webredaktoerudvalget")
    world.seat("b1", "webredaktoerudvalget")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-10")) == [("webredaktoerudvalget", "violated", "", ["b1"])]


def test_forum_without_members_is_reported_per_required_role(
    model_graph: Graph, world: World
) -> None:
    for person in ("dir", "chef-sek", "chef"):
        world.drop("SITS_IN", person, "chefgruppen")
    world.write(model_graph)
    findings = run(model_graph, "GM-10")
    assert [(f.subject.key, f.variant, f.detail) for f in findings] == [
        ("chefgruppen", "empty", "chef"),
        ("chefgruppen", "empty", "direktoer"),
    ]


def test_seat_that_ended_does_not_count(model_graph: Graph, world: World) -> None:
    world.drop("SITS_IN", "chef-sek", "dds")
    world.seat("chef-sek", "dds", valid_from=date(2024, 1, 1), valid_to=LAST_MONTH)
    world.write(model_graph)
    assert brief(run(model_graph, "GM-10")) == [("dds", "violated", "empty", [])]
    assert run(model_graph, "GM-10", as_of=date(2026, 1, 1)) == []


def test_forum_seats_are_unknown_without_a_register(model_graph: Graph, world: World) -> None:
    world.with_register = False
    world.write(model_graph)
    findings = run(model_graph, "GM-10")
    assert len(findings) == 10  # every required seat of every forum
    assert {(f.status, f.variant) for f in findings} == {("unknown", "unknown")}


def test_units_with_leaders_and_filled_roles_satisfy_gm12(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-12") == []


def test_office_without_a_leader_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("MANAGES", "kl-b", "JC-B")
    world.write(model_graph)
    findings = run(model_graph, "GM-12")
    assert brief(findings) == [("JC-B", "violated", "", [])]
    assert findings[0].message.en == "The office JC-B has no leader."


def test_office_whose_leader_left_is_reported(model_graph: Graph, world: World) -> None:
    world.person("kl-b", unit="JC-B", level="kontorleder", valid_to=LAST_MONTH)
    world.write(model_graph)
    assert brief(run(model_graph, "GM-12")) == [("JC-B", "violated", "", ["kl-b"])]


def test_department_without_a_chef_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("MANAGES", "chef", "JC")
    world.write(model_graph)
    findings = run(model_graph, "GM-12")
    assert brief(findings) == [("JC", "violated", "department", [])]
    assert findings[0].message.da == "JC har ingen chef."


def test_required_role_nobody_holds_is_reported(model_graph: Graph, world: World) -> None:
    world.drop("HOLDS_ROLE", "dk", "systemkoordinator")
    world.holds("dk", "systemkoordinator", valid_from=date(2024, 1, 1), valid_to=LAST_MONTH)
    world.write(model_graph)
    findings = run(model_graph, "GM-12")
    assert brief(findings) == [("systemkoordinator", "violated", "role", [])]
    assert findings[0].message.en == "Nobody holds the role system coordinator in the forvaltning."


def test_required_roles_are_unknown_without_a_register(model_graph: Graph, world: World) -> None:
    world.with_register = False
    world.write(model_graph)
    assert brief(run(model_graph, "GM-12")) == [
        ("digitaliseringskonsulent", "unknown", "role_unknown", []),
        ("systemkoordinator", "unknown", "role_unknown", []),
    ]


def test_nobody_gone_satisfies_gm13(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-13") == []


def test_role_of_a_person_who_left_last_month_is_reported(model_graph: Graph, world: World) -> None:
    world.person("a1", unit="JC-A", valid_to=LAST_MONTH)
    world.write(model_graph)
    findings = run(model_graph, "GM-13")
    assert brief(findings) == [("s1", "violated", "", ["a1"])]
    assert findings[0].message.en == (
        "A1 left on 2026-10-12 but is still recorded as system responsible of S1."
    )


def test_role_that_ended_before_the_person_left_is_not_reported(
    model_graph: Graph, world: World
) -> None:
    world.person("a1", unit="JC-A", valid_to=LAST_MONTH)
    world.drop("RESPONSIBLE_FOR", "a1", "s1")
    world.role("RESPONSIBLE_FOR", "a1", "s1", valid_to=date(2026, 9, 1))
    world.write(model_graph)
    assert run(model_graph, "GM-13") == []


def test_excluded_person_leaves_every_role_vacant(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    findings = run(model_graph, "GM-13", excluded=("dk",))
    assert [(f.subject.key, f.variant, f.related[0].relation) for f in findings] == [
        ("acadreforum", "excluded", "medlem"),
        ("digitaliseringskonsulent", "excluded", "digitaliseringskonsulent"),
        ("superbrugerorganisation", "excluded", "medlem"),
        ("systemkoordinator", "excluded", "systemkoordinator"),
        ("systemkoordinatorforum", "excluded", "medlem"),
        ("webredaktoerudvalget", "excluded", "medlem"),
    ]
    assert findings[1].message.en == (
        "DK is digitalisation consultant and is treated as gone; the role must be handed over."
    )


def test_leaver_of_a_system_not_in_use_is_not_reported(model_graph: Graph, world: World) -> None:
    world.person("a1", unit="JC-A", valid_to=LAST_MONTH)
    world.system("s1", lifecycle="NotInUse")
    world.write(model_graph)
    assert run(model_graph, "GM-13") == []


def _administer(world: World, person: str, count: int, rtype: str = "ADMINISTERS") -> None:
    for i in range(count):
        world.system(f"x{i}")
        world.role(rtype, person, f"x{i}")


def test_person_with_eight_roles_satisfies_gm14(model_graph: Graph, world: World) -> None:
    _administer(world, "it1", 7)  # and s1: eight
    world.write(model_graph)
    assert run(model_graph, "GM-14", sole_holder_threshold=20) == []


def test_person_with_more_than_eight_system_roles_is_overloaded(
    model_graph: Graph, world: World
) -> None:
    _administer(world, "it1", 8)  # and s1: nine
    world.write(model_graph)
    findings = run(model_graph, "GM-14", sole_holder_threshold=20)
    assert [(f.subject.key, f.variant, len(f.related)) for f in findings] == [("it1", "", 9)]
    assert findings[0].message.en == "IT1 holds 9 roles with a total weight of 9 (threshold 8)."


def test_an_overloaded_persons_heaviest_roles_are_listed_first_by_name(
    model_graph: Graph, world: World
) -> None:
    for i in range(4):
        world.system(f"y{i}")
        world.role("SUPERUSER_OF", "it1", f"y{i}")
    _administer(world, "it1", 8)  # and s1
    world.write(model_graph)
    [finding] = run(model_graph, "GM-14", sole_holder_threshold=20)
    relations = [r.relation for r in finding.related]
    assert relations == ["systemadministrator"] * 9 + ["superbruger"] * 4
    administered = [r.name for r in finding.related[:9]]
    assert administered == sorted(administered)


@pytest.mark.parametrize(("count", "flagged"), [(16, False), (17, True)])
def test_superuser_roles_weigh_half(
    model_graph: Graph, world: World, count: int, flagged: bool
) -> None:
    _administer(world, "b1", count, "SUPERUSER_OF")
    world.write(model_graph)
    assert bool(run(model_graph, "GM-14")) is flagged


def test_role_weights_are_configurable(model_graph: Graph, world: World) -> None:
    _administer(world, "b1", 9, "SUPERUSER_OF")
    world.write(model_graph)
    weights = {"superbruger": 1.0}
    assert [f.subject.key for f in run(model_graph, "GM-14", role_weights=weights)] == ["b1"]


def test_sole_holder_of_critical_roles_on_many_systems_is_reported(
    model_graph: Graph, world: World
) -> None:
    _administer(world, "it1", 5)  # and s1: sole administrator of six systems
    world.write(model_graph)
    findings = run(model_graph, "GM-14")
    assert [(f.subject.key, f.variant, len(f.related)) for f in findings] == [
        ("it1", "sole_holder", 6)
    ]
    assert findings[0].message.en == ("IT1 alone holds a critical role on 6 systems (threshold 5).")


def test_shared_critical_roles_do_not_count_as_sole(model_graph: Graph, world: World) -> None:
    _administer(world, "it1", 5)
    for i in range(5):
        world.role("ADMINISTERS", "a1", f"x{i}")
    world.write(model_graph)
    assert run(model_graph, "GM-14", as_of=AS_OF) == []
