"""A role graph's relationships as a table: its text alternative for readers who cannot see it.

The rows are made from the node and edge lists that pyvis writes into the page for the drawing,
so that the table and the drawing cannot differ.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.i18n import label_name
from schema.model import RELATIONSHIPS

# Rows are grouped by relationship type, in the schema's order.
_TYPE_ORDER = {rel_type: i for i, rel_type in enumerate(RELATIONSHIPS)}


@dataclass(frozen=True, slots=True)
class TableNode:
    """A node as the table names it: as the graph labels it, its label and kind, its page."""

    name: str
    label: str
    kind: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """One edge of a role graph as a row of its table: from, relationship (named), to."""

    source: TableNode
    type: str
    name: str
    target: TableNode


def relations_table(
    nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]], *, lang: str
) -> tuple[list[Relation], list[TableNode]]:
    """The drawn edges as rows, by relationship type and names; and the nodes without edges."""
    named = {
        n["id"]: TableNode(
            str(n["label"]), n["nodeLabel"], label_name(n["nodeLabel"], lang), n.get("url")
        )
        for n in nodes
    }
    rows = [
        Relation(named[e["from"]], e["relType"], str(e["label"]), named[e["to"]]) for e in edges
    ]
    rows.sort(
        key=lambda r: (
            _TYPE_ORDER.get(r.type, len(_TYPE_ORDER)),
            r.source.name.casefold(),
            r.target.name.casefold(),
        )
    )
    connected = {e["from"] for e in edges} | {e["to"] for e in edges}
    return rows, [node for node_id, node in named.items() if node_id not in connected]
