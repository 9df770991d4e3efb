"""``as_of`` and ``excluded``: one mechanism for "now", "on date D" and "if these people left"."""

from __future__ import annotations

from datetime import date

from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import make_batch
from tests.rules.world import World, brief, run

LAST_MONTH = date(2026, 10, 12)
BEFORE = date(2026, 9, 1)


def test_owner_who_left_last_month_leaves_the_system_without_owner(
    model_graph: Graph, world: World
) -> None:
    world.person("chef", unit="JC", manages="JC", level="chef", valid_to=LAST_MONTH)
    world.write(model_graph)
    assert brief(run(model_graph, "GM-01")) == [("s1", "violated", "none", [])]


def test_owner_who_left_last_month_still_owned_the_system_before(
    model_graph: Graph, world: World
) -> None:
    world.person("chef", unit="JC", manages="JC", level="chef", valid_to=LAST_MONTH)
    world.write(model_graph)
    assert run(model_graph, "GM-01", "GM-12", "GM-13", as_of=BEFORE) == []


def test_ownership_that_ended_counts_only_before_its_end(model_graph: Graph, world: World) -> None:
    world.drop("OWNS", "chef", "s1")
    world.role("OWNS", "chef", "s1", valid_from=date(2022, 1, 1), valid_to=LAST_MONTH)
    world.write(model_graph)
    assert brief(run(model_graph, "GM-01")) == [("s1", "violated", "none", [])]
    assert run(model_graph, "GM-01", as_of=BEFORE) == []
    assert brief(run(model_graph, "GM-01", as_of=date(2021, 6, 1))) == [
        ("s1", "violated", "none", [])
    ]


def test_excluded_owner_counts_as_gone(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert brief(run(model_graph, "GM-01", excluded=("chef",))) == [("s1", "violated", "none", [])]
    assert run(model_graph, "GM-01") == []


def test_excluding_someone_without_roles_changes_nothing(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, excluded=("b1", "nobody")) == []


def test_person_missing_from_a_later_hr_import_is_gone_from_its_date(
    model_graph: Graph, world: World
) -> None:
    world.write(model_graph)
    rest = [n for (label, key), n in world.hr.items() if key != "a1"]
    rels = [r for r in world.rels["hr"] if r.from_key != "a1"]
    later = make_batch(rest, rels, snapshot_date=LAST_MONTH)  # replaces HR people and units
    write_batch(model_graph, later)
    assert brief(run(model_graph, "GM-04")) == [("s1", "violated", "none", [])]
    assert run(model_graph, "GM-04", as_of=BEFORE) == []


def test_risk_assessment_becomes_overdue_on_a_later_date(model_graph: Graph, world: World) -> None:
    world.system("s1", planned_risk_assessment_date=date(2027, 2, 1))
    world.write(model_graph)
    assert run(model_graph, "GM-11") == []
    assert [f.variant for f in run(model_graph, "GM-11", as_of=date(2027, 3, 1))] == [
        "risk_overdue"
    ]


def test_system_phased_in_later_is_not_checked_before(model_graph: Graph, world: World) -> None:
    world.system("new", valid_from=date(2027, 1, 1))
    world.write(model_graph)
    assert run(model_graph, "GM-01", "GM-16") == []
    assert {f.rule for f in run(model_graph, "GM-01", "GM-16", as_of=date(2027, 1, 2))} == {
        "GM-01",
        "GM-16",
    }
