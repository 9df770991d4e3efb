"""The overview role graph read from a real graph: node cap, type order, edges, scope, filters."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import InvalidInput
from graph import views
from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import DAY, make_batch, make_person, make_system, make_unit, rel

AS_OF = date(2026, 11, 15)


@pytest.fixture
def org(graph: Graph) -> Graph:
    """Two offices; Anna owns and administers s1, Bo owns s2; both offices use both systems."""
    u1, u2 = make_unit("u1"), make_unit("u2")
    anna, bo = make_person("anna", name="Anna"), make_person("bo", name="Bo")
    write_batch(
        graph,
        make_batch(
            [u1, u2, anna, bo],
            [rel("MEMBER_OF", anna, u1), rel("MEMBER_OF", bo, u2), rel("MANAGES", anna, u1)],
        ),
    )
    s1, s2 = make_system("s1"), make_system("s2")
    write_batch(
        graph,
        make_batch(
            [s1, s2],
            [
                rel("OWNS", anna, s1),
                rel("OWNS", bo, s2),
                rel("ADMINISTERS", anna, s1),
                rel("ADMINISTERS", bo, s1, valid_to=DAY),  # ended before AS_OF
                *(rel("USES", unit, system) for unit in (u1, u2) for system in (s1, s2)),
            ],
            scope="kitos",
        ),
    )
    return graph


def _edges(view: views.Overview) -> set[tuple[str, str, str]]:
    return {(e.source, e.type, e.target) for e in view.edges}


def test_the_whole_graph_fits_and_draws_only_current_relationships(org: Graph) -> None:
    view = views.overview(org, as_of=AS_OF, limit=100)
    assert {n.id for n in view.nodes} == {
        "Person:anna",
        "Person:bo",
        "System:s1",
        "System:s2",
        "OrgUnit:u1",
        "OrgUnit:u2",
    }
    assert view.truncated is False
    assert ("Person:anna", "ADMINISTERS", "System:s1") in _edges(view)
    assert ("Person:bo", "ADMINISTERS", "System:s1") not in _edges(view)
    # MEMBER_OF is left out of the overview unless asked for.
    assert not any(e.type == "MEMBER_OF" for e in view.edges)


def test_the_cap_keeps_the_most_telling_relationships_and_every_edge_between_kept_nodes(
    org: Graph,
) -> None:
    view = views.overview(org, as_of=AS_OF, limit=4)
    # Ownership comes first: the owners and their systems fill the cap before the offices.
    assert {n.id for n in view.nodes} == {"Person:anna", "Person:bo", "System:s1", "System:s2"}
    assert view.truncated is True
    assert _edges(view) == {
        ("Person:anna", "OWNS", "System:s1"),
        ("Person:bo", "OWNS", "System:s2"),
        ("Person:anna", "ADMINISTERS", "System:s1"),
    }
    # Edges come in the order of the relationship types.
    assert [e.type for e in view.edges] == ["OWNS", "OWNS", "ADMINISTERS"]


def test_a_unit_scope_draws_what_touches_the_unit_its_people_and_their_systems(
    org: Graph,
) -> None:
    view = views.overview(org, as_of=AS_OF, limit=100, unit="u2")
    scope = {"OrgUnit:u2", "Person:bo", "System:s1", "System:s2"}
    assert scope <= {n.id for n in view.nodes}
    assert view.edges
    assert all(e.source in scope or e.target in scope for e in view.edges)
    # Anna owns a system u2 uses, so she is drawn; her management of u1 is not u2's business.
    assert ("Person:anna", "OWNS", "System:s1") in _edges(view)
    assert ("Person:anna", "MANAGES", "OrgUnit:u1") not in _edges(view)


def test_labels_and_types_filter_the_graph(org: Graph) -> None:
    view = views.overview(org, as_of=AS_OF, limit=100, labels=["Person", "System"], types=["OWNS"])
    assert {n.label for n in view.nodes} == {"Person", "System"}
    assert {e.type for e in view.edges} == {"OWNS"}


def test_an_unknown_relationship_type_is_refused(org: Graph) -> None:
    with pytest.raises(InvalidInput, match="Unknown relationship type"):
        views.overview(org, as_of=AS_OF, limit=100, types=["OWNS", "DELETE_ALL"])


def test_edges_are_capped_per_node_keeping_the_most_telling(graph: Graph) -> None:
    people = [make_person(f"p{i}") for i in range(5)]
    systems = [make_system(f"s{i}") for i in range(5)]
    write_batch(graph, make_batch(people))
    pairs = [(p, s) for p in people for s in systems]
    rels = [rel(t, p, s) for p, s in pairs for t in ("ADMINISTERS", "SUPERUSER_OF")]
    write_batch(graph, make_batch(systems, rels, scope="kitos"))
    view = views.overview(graph, as_of=AS_OF, limit=10)
    assert len(view.nodes) == 10
    assert len(view.edges) == 10 * views.EDGES_PER_NODE < len(rels)
    assert [e.type for e in view.edges].count("ADMINISTERS") == len(pairs)
    assert view.truncated is True
