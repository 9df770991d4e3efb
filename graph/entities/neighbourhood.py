"""The graph around one node, as nodes and edges, for the role graphs."""

from __future__ import annotations

from datetime import date
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from core.errors import InvalidInput, NotFound
from graph.driver import Graph
from graph.entities.common import ENTITY_LABELS, current, native, props
from schema.model import LABELS, RELATIONSHIPS

MAX_DEPTH = 3

_NODE = (
    "{id: elementId(n), label: head([l IN labels(n) WHERE l IN $entity_labels]), key: n.key, "
    "name: coalesce(n.name, n.name_da, n.key), active: " + current("n") + "}"
)
_EXPAND = (
    "MATCH (a) WHERE elementId(a) IN $frontier "
    # Only entities: not import runs, not the decisions that wrote a relationship.
    "MATCH (a)-[r]-(n) WHERE any(l IN labels(n) WHERE l IN $entity_labels) AND "
    + current("r")
    + " "
    "RETURN elementId(r) AS id, type(r) AS type, elementId(startNode(r)) AS source, "
    "elementId(endNode(r)) AS target, properties(r) AS props, " + _NODE + " AS node "
    "ORDER BY n.name, n.key LIMIT $cap"
)


class GraphNode(BaseModel):
    """A node of a role graph."""

    id: str = Field(description="'<label>:<key>', unique in the graph.")
    label: str
    key: str
    name: str | None = None
    active: bool = Field(description="Current at as_of (a person who has left is not).")


class GraphEdge(BaseModel):
    """An edge of a role graph, labelled with its role in Danish and English."""

    source: str
    target: str
    type: str
    label_da: str
    label_en: str
    properties: dict[str, Any] = Field(default_factory=dict)


class GraphView(BaseModel):
    """Nodes and edges within ``depth`` steps of a centre node."""

    centre: str
    depth: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = Field(description="True when the node cap cut the graph short.")

    def person_keys(self) -> set[str]:
        """The keys of every person in the graph."""
        return {n.key for n in self.nodes if n.label == "Person"}


def neighbourhood(
    graph: Graph, label: str, key: str, *, depth: int, as_of: date, node_cap: int
) -> GraphView:
    """The nodes and current relationships within ``depth`` steps of (label, key)."""
    if label not in LABELS or label == "ImportRun":
        raise InvalidInput(
            f"Unknown label {label!r}.", hint=f"Use one of {', '.join(ENTITY_LABELS)}."
        )
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"depth must be between 1 and {MAX_DEPTH}.")
    start_cypher = f"MATCH (n:`{label}` {{key: $key}}) RETURN {_NODE} AS node"

    def work(tx: ManagedTransaction) -> GraphView:
        params = {"key": key, "as_of": as_of, "entity_labels": list(ENTITY_LABELS)}
        found = tx.run(start_cypher, params).single()
        if found is None:
            raise NotFound(f"No {label} has the key {key!r}.")
        centre = found["node"]
        nodes: dict[str, dict[str, Any]] = {centre["id"]: native(centre)}
        edges: dict[str, GraphEdge] = {}
        frontier, truncated = [centre["id"]], False
        for _ in range(depth):
            if not frontier:
                break
            rows = tx.run(_EXPAND, {**params, "frontier": frontier, "cap": node_cap * 4})
            fresh: list[str] = []
            for row in rows:
                node = native(row["node"])
                if node["id"] not in nodes:
                    if len(nodes) >= node_cap:
                        truncated = True
                        continue
                    nodes[node["id"]] = node
                    fresh.append(node["id"])
                if row["id"] not in edges and row["source"] in nodes and row["target"] in nodes:
                    edges[row["id"]] = _edge(row)
            frontier = fresh
        return _view(nodes, edges, centre["id"], depth, truncated)

    return graph.read(work)


def _edge(row: Any) -> GraphEdge:
    spec = RELATIONSHIPS.get(row["type"])
    return GraphEdge(
        source=row["source"],
        target=row["target"],
        type=row["type"],
        label_da=spec.label_da if spec else row["type"],
        label_en=spec.label_en if spec else row["type"],
        properties=props(row["props"]),
    )


def _view(
    nodes: dict[str, dict[str, Any]],
    edges: dict[str, GraphEdge],
    centre: str,
    depth: int,
    truncated: bool,
) -> GraphView:
    """Replace the database's element ids by stable '<label>:<key>' ids."""
    ids = {eid: f"{n['label']}:{n['key']}" for eid, n in nodes.items()}
    return GraphView(
        centre=ids[centre],
        depth=depth,
        nodes=[GraphNode.model_validate({**n, "id": ids[eid]}) for eid, n in nodes.items()],
        edges=[
            e.model_copy(update={"source": ids[e.source], "target": ids[e.target]})
            for e in edges.values()
        ],
        truncated=truncated,
    )
