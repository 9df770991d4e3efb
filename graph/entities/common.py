"""What the entity reads share: node references, pages, the temporal filter, value conversion."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Generic, TypeVar

import neo4j.time
from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from graph.driver import Graph
from schema.model import LABELS

T = TypeVar("T")

# Labels an entity read may return (import bookkeeping and decisions are not entities).
ENTITY_LABELS: tuple[str, ...] = tuple(
    name for name in LABELS if name not in ("ImportRun", "Decision", "HandoverPlan")
)
# Properties the writer keeps for itself; never part of an entity's answer.
BOOKKEEPING = frozenset({"created_by", "ended_by", "pending", "in_kitos"})


def current(var: str) -> str:
    """Cypher: ``var`` is current at ``$as_of`` (``var`` is a variable name of this package)."""
    return (
        f"({var}.valid_from IS NULL OR {var}.valid_from <= $as_of) AND "
        f"({var}.valid_to IS NULL OR {var}.valid_to > $as_of)"
    )


def ref(var: str) -> str:
    """Cypher: a map with the label, key and display name of node ``var``."""
    return (
        f"{{label: head([l IN labels({var}) WHERE l IN $entity_labels]), key: {var}.key, "
        f"name: coalesce({var}.name, {var}.name_da, {var}.key)}}"
    )


class NodeRef(BaseModel):
    """A pointer to a node: its label, key and display name."""

    label: str
    key: str
    name: str | None = None


class Holder(BaseModel):
    """A person holding something (a role, a seat, a membership), as of a date."""

    key: str
    name: str | None = None
    email: str | None = None
    line_level: str | None = None
    position: str | None = None
    active: bool = Field(description="The person is current (has not left) at as_of.")
    valid_from: date | None = Field(default=None, description="Since when they hold it.")
    kind: str | None = None
    appointed_by: str | None = None
    role: str | None = None


class Slice(BaseModel, Generic[T]):
    """One page of a list and the size of the whole list."""

    items: list[T]
    total: int


# Cypher: a Holder map for person ``p`` holding relationship ``r``.
HOLDER = (
    "{key: p.key, name: p.name, email: p.email, line_level: p.line_level, "
    "position: p.position, active: " + current("p") + ", valid_from: r.valid_from, "
    "kind: r.kind, appointed_by: r.appointed_by, role: r.role}"
)


def native(value: Any) -> Any:
    """Neo4j's temporal values as Python's, recursively through lists and maps."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    if isinstance(value, neo4j.time.Duration):
        return str(value)
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, Mapping):
        return {k: native(v) for k, v in value.items()}
    return value


def props(node_props: Mapping[str, Any]) -> dict[str, Any]:
    """A node's or relationship's properties without the writer's bookkeeping."""
    return {k: native(v) for k, v in node_props.items() if k not in BOOKKEEPING}


def read_rows(graph: Graph, cypher: str, **params: Any) -> list[dict[str, Any]]:
    """Run one read statement; rows with Neo4j values made native."""
    params.setdefault("entity_labels", list(ENTITY_LABELS))
    return [native(row) for row in graph.query(cypher, **params)]


def read_page(
    graph: Graph,
    count_cypher: str,
    page_cypher: str,
    *,
    item: Callable[[dict[str, Any]], T],
    limit: int,
    offset: int,
    **params: Any,
) -> Slice[T]:
    """Count and fetch one page in the same read transaction, so both see the same data."""
    params.setdefault("entity_labels", list(ENTITY_LABELS))

    def work(tx: ManagedTransaction) -> Slice[T]:
        total = tx.run(count_cypher, params).single(strict=True)["total"]
        rows = tx.run(page_cypher, {**params, "limit": limit, "offset": offset})
        return Slice[T](items=[item(native(r.data())) for r in rows], total=int(total))

    return graph.read(work)


def search_text(q: str | None) -> str | None:
    """What a search box's text is compared with: single spaces, case-folded."""
    return " ".join(q.split()).casefold() if q else None
