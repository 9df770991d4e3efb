"""Handover impact: vacated roles, new and resolved findings, successors and their reasons."""

from __future__ import annotations

import pytest

from graph.driver import Graph
from graph.handover import handover
from graph.rules import Finding, diff, evaluate
from graph.whatif import what_if
from tests.rules.world import AS_OF, World


def _ids(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.rule, f.subject.key, f.variant) for f in findings]


@pytest.fixture
def two_owners(model_graph: Graph, world: World) -> Graph:
    """The healthy world, but s1 has two owners: the chef and the kontorleder of JC-A."""
    world.role("OWNS", "kl-a", "s1")
    world.write(model_graph)
    return model_graph


def test_handover_lists_the_roles_with_what_the_model_asks(two_owners: Graph) -> None:
    impact = handover(two_owners, "chef", as_of=AS_OF)
    assert [(r.kind, r.role, r.target.key, r.sole) for r in impact.roles] == [
        ("line", "chef", "JC", True),
        ("system", "systemejer", "s1", False),
        ("forum", "medlem", "chefgruppen", False),
        ("forum", "medlem", "ledermoeder", False),
    ]
    owner = impact.roles[1]
    assert owner.role_name.da == "Systemejer"
    assert "systemejer.finansiering" in [a.key for a in owner.asks]


def test_handover_shows_the_findings_that_would_appear(two_owners: Graph) -> None:
    impact = handover(two_owners, "chef", as_of=AS_OF)
    assert _ids(impact.new_findings) == [
        ("GM-12", "JC", "department"),
        ("GM-13", "chefgruppen", "excluded"),
        ("GM-13", "JC", "excluded"),
        ("GM-13", "ledermoeder", "excluded"),
        ("GM-13", "s1", "excluded"),
    ]


def test_system_with_two_owners_that_drops_to_one_is_a_resolved_finding(
    two_owners: Graph,
) -> None:
    impact = handover(two_owners, "chef", as_of=AS_OF)
    assert _ids(impact.resolved_findings) == [("GM-01", "s1", "several")]


def test_sole_holder_systems_are_listed(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    impact = handover(model_graph, "a1", as_of=AS_OF)
    assert [(s.system.key, s.role) for s in impact.sole_holder_of] == [("s1", "systemansvarlig")]
    assert ("GM-04", "s1", "none") in _ids(impact.new_findings)


def test_successors_are_ranked_with_their_reasons(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    (succession,) = handover(model_graph, "a1", as_of=AS_OF).successors
    assert (succession.role, succession.target.key) == ("systemansvarlig", "s1")
    assert [(c.person.key, c.score) for c in succession.candidates] == [
        ("a2", 9),
        ("kl-a", 6),
        ("chef", 5),
        ("it1", 4),
        ("kl-b", 2),
    ]
    assert [r.en for r in succession.candidates[0].reasons] == [
        "Already line-of-business super-user of S1",
        "Same office: JC-A",
        "Works in JC-A, which uses it",
        "Load 0.5 of 8: room for the role",
    ]


def test_successors_of_a_systemejer_must_be_eligible(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    impact = handover(model_graph, "chef", as_of=AS_OF)
    owner = next(s for s in impact.successors if s.role == "systemejer")
    assert [(c.person.key, c.score) for c in owner.candidates] == [
        ("kl-a", 9),
        ("dir", 6),
        ("it1", 6),
        ("kl-b", 4),
    ]
    assert [r.en for r in owner.candidates[1].reasons] == [
        "Leads a unit that uses the system",
        "Eligible as systemejer (director)",
        "Load 0 of 8: room for the role",
    ]
    assert "Eligible as systemejer (central IT)" in [r.en for r in owner.candidates[2].reasons]


def test_overloaded_candidate_loses_points(model_graph: Graph, world: World) -> None:
    for i in range(8):
        world.system(f"x{i}")
        world.role("ADMINISTERS", "a2", f"x{i}")
    world.write(model_graph)
    (succession,) = handover(model_graph, "a1", as_of=AS_OF).successors
    a2 = next(c for c in succession.candidates if c.person.key == "a2")
    assert a2.load == 8.5
    assert a2.reasons[-1].en == "Would exceed the load threshold (8.5 + 1 > 8)"
    assert succession.candidates[0].person.key == "kl-a"


def test_handover_of_someone_without_roles_is_empty(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    impact = handover(model_graph, "b1", as_of=AS_OF)
    assert (impact.roles, impact.new_findings, impact.successors) == ([], [], [])


def test_handover_json_has_the_agreed_shape(two_owners: Graph) -> None:
    data = handover(two_owners, "chef", as_of=AS_OF).model_dump(mode="json")
    assert list(data) == [
        "person",
        "roles",
        "new_findings",
        "resolved_findings",
        "sole_holder_of",
        "successors",
    ]
    assert set(data["new_findings"][0]) == {
        "rule",
        "severity",
        "status",
        "subject",
        "related",
        "message",
        "accepted_until",
        "accepted_by",
    }


def _shared_admins(world: World) -> None:
    """it1 and a2 administer six more systems together: one leaving leaves the other alone."""
    for i in range(6):
        world.system(f"x{i}")
        world.uses("JC-A", f"x{i}")
        world.role("ADMINISTERS", "it1", f"x{i}")
        world.role("ADMINISTERS", "a2", f"x{i}")


def test_colleague_left_alone_with_many_systems_is_a_new_finding(
    model_graph: Graph, world: World
) -> None:
    _shared_admins(world)
    world.write(model_graph)
    new, _ = what_if(model_graph, as_of=AS_OF, leaving=["it1"])
    assert ("GM-14", "a2", "sole_holder") in _ids(new)


@pytest.mark.parametrize("leaver", ["chef", "a1", "a2", "dk", "it1", "kl-a", "chef-sek", "b1"])
def test_focused_what_if_finds_what_the_whole_catalogue_finds(
    model_graph: Graph, world: World, leaver: str
) -> None:
    world.role("OWNS", "kl-a", "s1")
    _shared_admins(world)
    world.write(model_graph)
    full = diff(
        evaluate(model_graph, as_of=AS_OF),
        evaluate(model_graph, as_of=AS_OF, excluded=[leaver]),
    )
    focused = what_if(model_graph, as_of=AS_OF, leaving=[leaver])
    assert [_ids(f) for f in focused] == [_ids(f) for f in full]
