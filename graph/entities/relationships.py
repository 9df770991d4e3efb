"""Relationships of any type between any two nodes, as of a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from core.errors import InvalidInput
from graph.driver import Graph
from graph.entities.common import NodeRef, Slice, current, props, read_page, ref
from schema.model import LABELS, RELATIONSHIPS

# Import runs and decisions are bookkeeping, not entities: their relationships are not listed
# (a decision's own history is under /api/decisions and each entity's history).
_WHERE = (
    "WHERE " + current("r") + " AND NOT a:ImportRun AND NOT b:ImportRun "
    "AND NOT a:Decision AND NOT b:Decision "
    "AND ($from IS NULL OR a.key = $from) AND ($to IS NULL OR b.key = $to) "
)
_RETURN = (
    "RETURN type(r) AS type, " + ref("a") + " AS start, " + ref("b") + " AS end, "
    "properties(r) AS props ORDER BY type, start.name, start.key, end.name, end.key "
    "SKIP $offset LIMIT $limit"
)


class Relationship(BaseModel):
    """A relationship between two nodes, with its validity and its own properties."""

    type: str
    start: NodeRef
    end: NodeRef
    valid_from: date | None = None
    valid_to: date | None = Field(default=None, description="Exclusive end; null while open.")
    properties: dict[str, Any] = Field(
        default_factory=dict,
        description="The type's own properties: position, level, kind, appointed_by, role, source.",
    )


def to_relationship(row: dict[str, Any]) -> Relationship:
    """A relationship from a row with type, start, end and props."""
    values = props(row["props"])
    return Relationship(
        type=row["type"],
        start=NodeRef.model_validate(row["start"]),
        end=NodeRef.model_validate(row["end"]),
        valid_from=values.pop("valid_from", None),
        valid_to=values.pop("valid_to", None),
        properties=values,
    )


def list_relationships(
    graph: Graph,
    *,
    as_of: date,
    limit: int,
    offset: int,
    rel_type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    start_label: str | None = None,
    end_label: str | None = None,
) -> Slice[Relationship]:
    """Relationships current at ``as_of``, filtered by type and by the keys at either end."""
    pattern = f"MATCH ({_node('a', start_label)})-[{_rel(rel_type)}]->({_node('b', end_label)}) "
    return read_page(
        graph,
        pattern + _WHERE + "RETURN count(r) AS total",
        pattern + _WHERE + _RETURN,
        item=to_relationship,
        limit=limit,
        offset=offset,
        as_of=as_of,
        **{"from": start, "to": end},
    )


def _node(var: str, label: str | None) -> str:
    """A node pattern; the label comes only from the schema's whitelist."""
    if label is None:
        return var
    if label not in LABELS:
        raise InvalidInput(f"Unknown label {label!r}.", hint=f"Use one of {', '.join(LABELS)}.")
    return f"{var}:`{label}`"


def _rel(rel_type: str | None) -> str:
    """A relationship pattern; the type comes only from the schema's whitelist."""
    if rel_type is None:
        return "r"
    if rel_type not in RELATIONSHIPS:
        raise InvalidInput(
            f"Unknown relationship type {rel_type!r}.",
            hint=f"Use one of {', '.join(RELATIONSHIPS)}.",
        )
    return f"r:`{rel_type}`"
