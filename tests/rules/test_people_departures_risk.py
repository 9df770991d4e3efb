"""resolve_person, upcoming departures and the concentration of risk."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import InvalidInput, NotFound
from graph.departures import upcoming_departures
from graph.driver import Graph
from graph.person_lookup import resolve_person
from graph.risk import concentration
from tests.rules.world import AS_OF, World


@pytest.mark.parametrize("text", ["kl-a", "kl-a@example.dk", "KL-A@Example.DK", "kl-a", " KL-A "])
def test_person_is_found_by_key_email_or_name(model_graph: Graph, world: World, text: str) -> None:
    world.write(model_graph)
    assert resolve_person(model_graph, text) == "kl-a"


def test_person_is_found_by_the_words_of_their_name(model_graph: Graph, world: World) -> None:
    world.person("anna", unit="JC-A", name="Anna Marie Hansen")
    world.write(model_graph)
    assert resolve_person(model_graph, "anna hansen") == "anna"


def test_ambiguous_name_lists_the_candidates(model_graph: Graph, world: World) -> None:
    world.person("h1", unit="JC-A", name="Hanne Holm")
    world.person("h2", unit="JC-B", name="Hanne Holm")
    world.write(model_graph)
    with pytest.raises(InvalidInput) as caught:
        resolve_person(model_graph, "hanne holm")
    assert caught.value.message == "'hanne holm' matches 2 people."
    assert [(d["key"], d["units"]) for d in caught.value.details] == [
        ("h1", ["JC-A"]),
        ("h2", ["JC-B"]),
    ]


def test_name_shared_with_someone_who_left_finds_the_active_person(
    model_graph: Graph, world: World
) -> None:
    world.person("h1", unit="JC-A", name="Hanne Holm", valid_to=date(2020, 1, 1))
    world.person("h2", unit="JC-B", name="Hanne Holm")
    world.write(model_graph)
    assert resolve_person(model_graph, "Hanne Holm") == "h2"


def test_unknown_person_is_not_found(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    with pytest.raises(NotFound):
        resolve_person(model_graph, "Nobody Here")


def test_upcoming_departures_are_ranked_by_what_they_break(
    model_graph: Graph, world: World
) -> None:
    world.person("a1", unit="JC-A", valid_to=date(2026, 12, 1))  # sole systemansvarlig
    world.person("b1", unit="JC-B", valid_to=date(2026, 11, 20))  # holds nothing
    world.person("a2", unit="JC-A", valid_to=date(2027, 6, 1))  # beyond the window
    world.write(model_graph)
    found = upcoming_departures(model_graph, as_of=AS_OF, within=90)
    assert [(d.person.key, d.days, d.vacated, d.new_high, d.rules) for d in found] == [
        ("a1", 30, 1, 2, ["GM-04", "GM-13"]),
        ("b1", 19, 0, 0, []),
    ]


def test_bus_factor_counts_the_holders_of_each_critical_role(
    model_graph: Graph, world: World
) -> None:
    world.healthy_system("s2")
    world.role("OWNS", "kl-a", "s2")
    world.role("RESPONSIBLE_FOR", "a2", "s2")
    world.role("ADMINISTERS", "a1", "s2")
    world.drop("ADMINISTERS", "it1", "s1")
    world.write(model_graph)
    report = concentration(model_graph, as_of=AS_OF, top=3)
    assert [(s.system.key, s.bus_factor, s.holders, s.vacant) for s in report.systems] == [
        ("s1", 0, 2, ["systemadministrator"]),
        ("s2", 2, 5, []),
    ]


def test_people_whose_leaving_breaks_most_come_first(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    report = concentration(model_graph, as_of=AS_OF, top=3)
    assert [(p.person.key, p.sole, p.new_findings, p.new_high, p.rules) for p in report.people] == [
        ("dk", 6, 12, 8, ["GM-10", "GM-12", "GM-13"]),
        ("chef-sek", 3, 8, 6, ["GM-10", "GM-12", "GM-13"]),
        ("chef", 2, 6, 6, ["GM-01", "GM-12", "GM-13"]),
    ]
