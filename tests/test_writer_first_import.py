"""A label or type without nodes or relationships is written by statements that only create.

They must write what the full statements write, and fall back to them when another
transaction creates a node meanwhile.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import ImportFailed
from core.records import NodeRecord, RelRecord
from graph.admin import counts, reset_database
from graph.driver import WRITE, Graph
from graph.writer import WriteSummary, write_batch
from tests.factories import make_batch, make_person, make_unit, rel


def _hr_records() -> tuple[list[NodeRecord], list[RelRecord]]:
    anna, bo = make_person("p1"), make_person("p2", valid_to=None)
    kontor, afdeling = make_unit("u1"), make_unit("u2")
    return [anna, bo, kontor, afdeling], [
        rel("MEMBER_OF", anna, kontor),
        rel("MEMBER_OF", bo, kontor, fte=0.5),
        rel("MANAGES", anna, kontor, level="kontorleder"),
        rel("PART_OF", kontor, afdeling),
    ]


def _written_by(graph: Graph, scope: str) -> list[Any]:
    """What ``scope`` wrote, without its run keys: the same whichever run wrote it."""
    nodes = graph.query(
        "MATCH (n {source: $scope}) RETURN labels(n) AS l, properties(n) AS p", scope=scope
    )
    rels = graph.query(
        "MATCH (a)-[r {source: $scope}]->(b) "
        "RETURN type(r) AS l, [a.key, b.key] AS ends, properties(r) AS p",
        scope=scope,
    )
    rows = [
        {**row, "p": {k: v for k, v in row["p"].items() if k != "created_by"}}
        for row in (*nodes, *rels)
    ]
    return sorted(rows, key=repr)


def _counted(summary: WriteSummary) -> tuple[int, int, int, int]:
    return summary.added, summary.changed, summary.ended, summary.unchanged


def test_first_import_writes_what_an_import_into_a_filled_graph_writes(graph: Graph) -> None:
    nodes, rels = _hr_records()
    first = write_batch(graph, make_batch(nodes, rels))
    into_empty = _written_by(graph, "hr")
    reset_database(graph)
    # Another source's people, units and line relations: no label or type is empty any more.
    other, other_unit = make_person("z1"), make_unit("z2")
    write_batch(
        graph,
        make_batch(
            [other, other_unit],
            [
                rel("MEMBER_OF", other, other_unit),
                rel("MANAGES", other, other_unit),
                rel("PART_OF", other_unit, other_unit),
            ],
            scope="other",
            replaces_labels=(),
            replaces_types=(),
        ),
    )
    into_filled = write_batch(graph, make_batch(nodes, rels))
    assert _counted(first) == _counted(into_filled) == (8, 0, 0, 0)
    assert _written_by(graph, "hr") == into_empty


def test_relationship_to_a_missing_node_fails_a_first_import(graph: Graph) -> None:
    anna = make_person("p1")
    batch = make_batch([anna], [rel("MEMBER_OF", anna, ("OrgUnit", "nowhere"))])
    with pytest.raises(ImportFailed, match="OrgUnit nowhere"):
        write_batch(graph, batch)
    assert counts(graph) == {}


def test_node_another_transaction_creates_meanwhile_is_updated_not_added(graph: Graph) -> None:
    created_elsewhere: list[object] = []

    def create_anna_elsewhere(done: int) -> None:
        # Called after the unit's chunk: Person had no node when the import began.
        if not created_elsewhere:
            created_elsewhere.append(
                graph.query(
                    "CREATE (:Person {key: 'p1', name: 'Old name', source: 'other', "
                    "created_by: 'another-run'})",
                    routing=WRITE,
                )
            )

    summary = write_batch(
        graph, make_batch([make_unit("u1"), make_person("p1")]), progress=create_anna_elsewhere
    )
    assert _counted(summary) == (1, 1, 0, 0)
    assert graph.query("MATCH (p:Person) RETURN p.key AS key, p.name AS name") == [
        {"key": "p1", "name": "Person p1"}
    ]
