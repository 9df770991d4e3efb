"""Reads for the pages that the entity reads do not cover: role graphs, unit scopes, contacts.

A role graph is a set of nodes (id ``"<label>:<key>"``) and the current relationships between
them, capped at a number of nodes. Labels and relationship types come only from ``schema``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from core.errors import InvalidInput, NotFound
from graph.driver import Graph
from graph.entities.common import ENTITY_LABELS, current, native, read_rows
from graph.entities.neighbourhood import GraphEdge, GraphNode
from schema.model import NOT_IN_USE_LIFECYCLES, RELATIONSHIPS

# The relationships a role graph draws, most telling first: a capped graph keeps these.
ROLE_GRAPH_TYPES: tuple[str, ...] = (
    "OWNS",
    "RESPONSIBLE_FOR",
    "ADMINISTERS",
    "SUPERUSER_OF",
    "MANAGES",
    "HOLDS_ROLE",
    "SITS_IN",
    "USES",
    "RESPONSIBLE_UNIT_FOR",
    "SUPPLIED_BY",
    "HAS_SYSTEM_ROLE",
    "PART_OF",
    "MEMBER_OF",
)
# What the overview draws unless asked otherwise: everything but the many engagements.
OVERVIEW_TYPES: tuple[str, ...] = tuple(t for t in ROLE_GRAPH_TYPES if t != "MEMBER_OF")

_NODE = (
    "{{id: head([l IN labels({v}) WHERE l IN $labels]) + ':' + {v}.key, "
    "label: head([l IN labels({v}) WHERE l IN $labels]), key: {v}.key, "
    "name: coalesce({v}.name, {v}.name_da, {v}.key), active: " + current("{v}") + "}}"
)
# The overview in two steps. First, per relationship type in order, the pairs it would draw
# (element ids only: cheap to send), read until the node cap is reached; then the chosen nodes
# and every current relationship of the chosen types between them.
# A unit-scoped graph draws what touches the scope.
_IN_SCOPE = "($scope IS NULL OR elementId(a) IN $scope OR elementId(b) IN $scope)"
_OVERVIEW_PAIRS = (
    "WHERE " + current("r") + " "
    "AND any(l IN labels(a) WHERE l IN $shown) AND any(l IN labels(b) WHERE l IN $shown) "
    "AND " + _IN_SCOPE + " "
    "WITH a, b ORDER BY a.name, b.name "
    "RETURN elementId(a) AS a, elementId(b) AS b"
)
_OVERVIEW_NODES = (
    "MATCH (v) WHERE elementId(v) IN $chosen RETURN elementId(v) AS eid, "
    + _NODE.format(v="v")
    + " AS node"
)
_OVERVIEW_EDGES = (
    "MATCH (a)-[r]->(b) WHERE elementId(a) IN $chosen AND elementId(b) IN $chosen "
    "AND type(r) IN $types AND " + current("r") + " "
    "AND " + _IN_SCOPE + " "
    "WITH a, r, b ORDER BY [i IN range(0, size($types) - 1) WHERE $types[i] = type(r)][0], "
    "a.name, b.name LIMIT $edge_cap "
    "RETURN elementId(a) AS source, elementId(b) AS target, type(r) AS type, "
    "properties(r) AS props"
)
# A drawing stays readable and quick to lay out with at most this many edges per node: the most
# telling are kept (a department's super-user appointments alone can run to 14,000).
EDGES_PER_NODE = 4
_UNIT_SCOPE = (
    "MATCH (root:OrgUnit {key: $unit}) "
    "MATCH (u:OrgUnit)-[parts:PART_OF*0..8]->(root) "
    "WHERE all(r IN parts WHERE " + current("r") + ") "
    "WITH collect(DISTINCT u) AS units "
    "CALL (units) { UNWIND units AS u OPTIONAL MATCH (p:Person)-[r:MEMBER_OF|MANAGES]->(u) "
    "WHERE " + current("r") + " RETURN collect(DISTINCT p) AS people } "
    "CALL (units) { UNWIND units AS u OPTIONAL MATCH (u)-[r:USES]->(s:System) "
    "WHERE " + current("r") + " RETURN collect(DISTINCT s) AS systems } "
    "UNWIND units + people + systems AS x "
    "RETURN elementId(x) AS eid, head([l IN labels(x) WHERE l IN $labels]) AS label, x.key AS key"
)
_CONTACTS = (
    "MATCH (u:OrgUnit)-[us:USES]->(s:System) WHERE u.key IN $units AND " + current("us") + " "
    "AND " + current("s") + " AND coalesce(s.kitos_valid, true) "
    "AND NOT coalesce(s.lifecycle, '') IN $not_in_use "
    "WITH DISTINCT s ORDER BY s.name, s.key "
    "CALL (s) { OPTIONAL MATCH (p:Person)-[r:RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF]->(s) "
    "WHERE " + current("r") + " AND " + current("p") + " "
    "OPTIONAL MATCH (p)-[m:MEMBER_OF]->(home:OrgUnit) WHERE " + current("m") + " "
    "WITH p, r, collect(DISTINCT home.key) AS homes, collect(DISTINCT home.name) AS home_names "
    "ORDER BY p.name, p.key "
    "RETURN [x IN collect(CASE WHEN p IS NULL THEN NULL ELSE {key: p.key, name: p.name, "
    "email: p.email, type: type(r), kind: r.kind, units: homes, unit_names: home_names} END) "
    "WHERE x IS NOT NULL] AS holders } "
    "RETURN s.key AS key, s.name AS name, holders"
)
_DATA_VERSION = (
    "OPTIONAL MATCH (r:ImportRun) WITH count(r) AS runs, max(toString(r.started_at)) AS last "
    "OPTIONAL MATCH (ro:Role) WITH runs, last, count(ro) AS roles "
    # A decision proposed, approved or rejected changes what the rules find.
    "OPTIONAL MATCH (d:Decision) WITH runs, last, roles, count(d) AS decisions, "
    "max(toString(coalesce(d.approved_at, d.rejected_at, d.proposed_at))) AS decided "
    # A failed sync writes no run, but its failures in a row make or change DQ-05.
    "OPTIONAL MATCH (ss:SyncState) RETURN runs, last, roles, decisions, decided, "
    "sum(coalesce(ss.failures_in_row, 0)) AS failing"
)


class Overview(BaseModel):
    """The role graph to draw, and whether the node cap cut it short."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False


class Contact(BaseModel):
    """Someone to ask about a system: its systemansvarlig, an administrator or a super-user."""

    key: str
    name: str | None = None
    email: str | None = None
    type: str
    kind: str | None = None
    units: list[str] = Field(default_factory=list)
    unit_names: list[str] = Field(default_factory=list)


class SystemContacts(BaseModel):
    """A system some units use, and who to ask about it."""

    key: str
    name: str | None = None
    holders: list[Contact]


def overview(
    graph: Graph,
    *,
    as_of: date,
    limit: int,
    labels: Iterable[str] = ENTITY_LABELS,
    types: Sequence[str] = OVERVIEW_TYPES,
    unit: str | None = None,
) -> Overview:
    """The whole role graph (or one unit's part of it), most telling relationships first.

    Nodes are taken in the order of ``types`` (then by name) until ``limit`` nodes are chosen;
    the graph then draws the current relationships of ``types`` between the chosen nodes, in
    the same order, at most ``EDGES_PER_NODE`` per node.
    """
    shown = [label for label in labels if label in ENTITY_LABELS]
    chosen_types = _whitelisted(types)
    scope = [s["eid"] for s in unit_scope(graph, unit=unit, as_of=as_of)] if unit else None

    def work(tx: ManagedTransaction) -> Overview:
        chosen, truncated = _choose_nodes(tx, chosen_types, limit, as_of, shown, scope)
        params = {"chosen": list(chosen), "as_of": as_of, "labels": _LABELS, "scope": scope}
        nodes = {
            row["eid"]: GraphNode.model_validate(native(row["node"]))
            for row in tx.run(_OVERVIEW_NODES, params)
        }
        cap = limit * EDGES_PER_NODE
        rows = [
            row.data()
            for row in tx.run(_OVERVIEW_EDGES, params, types=chosen_types, edge_cap=cap + 1)
            if row["source"] in nodes and row["target"] in nodes
        ]
        edges = [_edge(row, nodes[row["source"]].id, nodes[row["target"]].id) for row in rows]
        ordered = [nodes[eid] for eid in chosen if eid in nodes]
        return Overview(nodes=ordered, edges=edges[:cap], truncated=truncated or len(edges) > cap)

    return graph.read(work)


def _choose_nodes(
    tx: ManagedTransaction,
    types: Sequence[str],
    limit: int,
    as_of: date,
    shown: list[str],
    scope: list[str] | None,
) -> tuple[dict[str, None], bool]:
    """Element ids of at most ``limit`` nodes, by relationship type in order; and whether more
    would have been drawn without the cap."""
    chosen: dict[str, None] = {}
    for rel_type in types:
        result = tx.run(
            f"MATCH (a)-[r:`{rel_type}`]->(b) " + _OVERVIEW_PAIRS,
            as_of=as_of,
            shown=shown,
            scope=scope,
        )
        for a, b in result:
            missing = [eid for eid in dict.fromkeys((a, b)) if eid not in chosen]
            if len(chosen) + len(missing) > limit:
                # Full: the rest of this type and the types after it would add nodes. The pairs
                # are streamed; consume() has the server discard the rest instead of sending it.
                result.consume()
                return chosen, True
            chosen.update(dict.fromkeys(missing))
    return chosen, False


def unit_scope(graph: Graph, *, unit: str, as_of: date) -> list[dict[str, Any]]:
    """A unit, its sub-units, their people and the systems they use: eid, label and key each."""
    rows = read_rows(graph, _UNIT_SCOPE, unit=unit, as_of=as_of, labels=_LABELS)
    if not rows:
        raise NotFound(f"No unit has the key {unit!r}.", hint="Choose a unit from the list.")
    return rows


def unit_contacts(graph: Graph, *, units: Sequence[str], as_of: date) -> list[SystemContacts]:
    """Systems in use by these units, with their systemansvarlig, administrators, super-users."""
    rows = read_rows(
        graph, _CONTACTS, units=list(units), as_of=as_of, not_in_use=list(NOT_IN_USE_LIFECYCLES)
    )
    return [SystemContacts.model_validate(r) for r in rows]


def data_version(graph: Graph) -> tuple[Any, ...]:
    """Changes whenever an import, a decision or the reference data changes the graph (for
    caches)."""
    row = graph.query(_DATA_VERSION)[0]
    return tuple(row[k] for k in ("runs", "last", "roles", "decisions", "decided", "failing"))


_LABELS = list(ENTITY_LABELS)


def _whitelisted(types: Sequence[str]) -> list[str]:
    unknown = [t for t in types if t not in RELATIONSHIPS]
    if unknown:
        raise InvalidInput(
            f"Unknown relationship type(s): {', '.join(unknown)}.",
            hint=f"Use some of {', '.join(ROLE_GRAPH_TYPES)}.",
        )
    return [t for t in ROLE_GRAPH_TYPES if t in types] + [
        t for t in types if t not in ROLE_GRAPH_TYPES
    ]


def _edge(row: dict[str, Any], source: str, target: str) -> GraphEdge:
    spec = RELATIONSHIPS[row["type"]]
    return GraphEdge(
        source=source,
        target=target,
        type=row["type"],
        label_da=spec.label_da,
        label_en=spec.label_en,
        properties={k: native(v) for k, v in row["props"].items() if k in spec.props},
    )
