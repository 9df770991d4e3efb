"""Organisation units: the list and one unit with its leaders, people and systems."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from core.errors import NotFound
from graph.driver import Graph
from graph.entities.common import (
    HOLDER,
    Holder,
    NodeRef,
    Slice,
    current,
    read_page,
    read_rows,
    ref,
    search_text,
)

_PARENT = (
    "CALL (u) { OPTIONAL MATCH (u)-[r:PART_OF]->(parent:OrgUnit) WHERE " + current("r") + " "
    "RETURN head(collect(" + ref("parent") + ")) AS parent } "
)
_FILTER = (
    "MATCH (u:OrgUnit) WHERE ($all OR " + current("u") + ") "
    "AND ($q IS NULL OR u.name_norm CONTAINS $q OR toLower(u.short_name) = $q OR u.key = $q "
    "OR u.unit_id = $q) "
    "AND ($depth IS NULL OR u.depth = $depth) "
    "AND ($in_forvaltning IS NULL OR coalesce(u.in_forvaltning, false) = $in_forvaltning) "
    "AND ($parent IS NULL OR EXISTS { MATCH (u)-[r:PART_OF]->(:OrgUnit {key: $parent}) "
    "WHERE " + current("r") + " }) "
)
_COUNT = _FILTER + "RETURN count(u) AS total"
_PAGE = (
    _FILTER
    + "WITH u ORDER BY coalesce(u.depth, 99), u.name, u.key SKIP $offset LIMIT $limit "
    + _PARENT
    + "RETURN u {.*, parent: parent} AS unit"
)


def _people(rel: str, name: str) -> str:
    """Cypher subquery: people with relationship ``rel`` (a constant) to unit u."""
    return (
        "CALL (u) { OPTIONAL MATCH (p:Person)-[r:" + rel + "]->(u) WHERE " + current("r") + " "
        "AND " + current("p") + " WITH p, r ORDER BY p.name, p.key "
        "RETURN [x IN collect(CASE WHEN p IS NULL THEN NULL ELSE " + HOLDER + " END) "
        "WHERE x IS NOT NULL] AS " + name + " } "
    )


def _refs(pattern: str, var: str, name: str) -> str:
    """Cypher subquery: the ``var`` nodes of ``pattern`` (constants) current at as_of."""
    return (
        "CALL (u) { OPTIONAL MATCH "
        + pattern
        + " WHERE "
        + current("r")
        + " AND "
        + current(var)
        + " WITH "
        + var
        + " ORDER BY "
        + var
        + ".name, "
        + var
        + ".key RETURN [x IN collect("
        + ref(var)
        + ") WHERE x.key IS NOT NULL] AS "
        + name
        + " } "
    )


_ONE = (
    "MATCH (u:OrgUnit {key: $key}) "
    + _PARENT
    + _refs("(c:OrgUnit)-[r:PART_OF]->(u)", "c", "children")
    + _people("MANAGES", "leaders")
    + _people("MEMBER_OF", "members")
    + _refs("(u)-[r:USES]->(s:System)", "s", "systems")
    + "RETURN u {.*, parent: parent} AS unit, children, leaders, members, systems"
)


class UnitSummary(BaseModel):
    """A unit as a list shows it."""

    key: str
    name: str | None = None
    short_name: str | None = None
    unit_id: str | None = None
    unit_type: str | None = None
    cost_center: str | None = None
    depth: int | None = Field(default=None, description="0 forvaltning, 1 afdeling, 2 kontor.")
    in_forvaltning: bool | None = None
    is_secretariat: bool | None = None
    is_central_it: bool | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    parent: NodeRef | None = None


class UnitDetail(UnitSummary):
    """One unit with its sub-units, leaders, members and the systems it uses."""

    children: list[NodeRef] = Field(default_factory=list)
    leaders: list[Holder] = Field(default_factory=list)
    members: list[Holder] = Field(default_factory=list)
    systems: list[NodeRef] = Field(default_factory=list)

    def person_keys(self) -> set[str]:
        """The keys of every person this answer names."""
        return {h.key for h in self.leaders + self.members}


def list_units(
    graph: Graph,
    *,
    as_of: date,
    limit: int,
    offset: int,
    q: str | None = None,
    depth: int | None = None,
    in_forvaltning: bool | None = None,
    parent: str | None = None,
    include_ended: bool = False,
) -> Slice[UnitSummary]:
    """Units current at ``as_of`` (or all), top-down, filtered by text, depth and parent."""
    return read_page(
        graph,
        _COUNT,
        _PAGE,
        item=lambda row: _unit(row["unit"]),
        limit=limit,
        offset=offset,
        as_of=as_of,
        all=include_ended,
        q=search_text(q),
        depth=depth,
        in_forvaltning=in_forvaltning,
        parent=parent,
    )


def get_unit(graph: Graph, key: str, *, as_of: date) -> UnitDetail:
    """One unit with its people and systems at ``as_of``; NotFound for an unknown key."""
    rows = read_rows(graph, _ONE, key=key, as_of=as_of)
    if not rows:
        raise NotFound(f"No unit has the key {key!r}.", hint="Search with GET /api/units?q=.")
    row = rows[0]
    return UnitDetail.model_validate(
        {
            **_unit(row["unit"]).model_dump(),
            "children": row["children"],
            "leaders": row["leaders"],
            "members": row["members"],
            "systems": row["systems"],
        }
    )


def _unit(values: dict) -> UnitSummary:
    if values.get("parent") is not None and values["parent"].get("key") is None:
        values = {**values, "parent": None}
    return UnitSummary.model_validate(values)
