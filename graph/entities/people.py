"""People: the list, one person, and their relationships — each as of a date."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from core.errors import NotFound
from graph.driver import Graph
from graph.entities.common import NodeRef, Slice, current, read_page, read_rows, ref, search_text
from graph.entities.relationships import Relationship, to_relationship

_FILTER = (
    "MATCH (p:Person) WHERE ($all OR " + current("p") + ") "
    "AND ($q IS NULL OR toLower(p.name) CONTAINS $q OR p.email CONTAINS $q OR p.key = $q) "
    "AND ($line_level IS NULL OR p.line_level = $line_level) "
    "AND ($unit IS NULL OR EXISTS { MATCH (p)-[m:MEMBER_OF|MANAGES]->(:OrgUnit {key: $unit}) "
    "WHERE " + current("m") + " }) "
)
_COUNT = _FILTER + "RETURN count(p) AS total"
_PAGE = (
    _FILTER + "RETURN p {.*, active: " + current("p") + "} AS person "
    "ORDER BY p.name, p.key SKIP $offset LIMIT $limit"
)
_ONE = (
    "MATCH (p:Person {key: $key}) "
    "CALL (p) { OPTIONAL MATCH (p)-[m:MEMBER_OF]->(u:OrgUnit) WHERE " + current("m") + " "
    "RETURN collect({unit: " + ref("u") + ", position: m.position, valid_from: m.valid_from, "
    "valid_to: m.valid_to}) AS units } "
    "CALL (p) { OPTIONAL MATCH (p)-[m:MANAGES]->(u:OrgUnit) WHERE " + current("m") + " "
    "RETURN collect({unit: " + ref("u") + ", level: m.level, valid_from: m.valid_from, "
    "valid_to: m.valid_to}) AS manages } "
    "RETURN p {.*, active: " + current("p") + "} AS person, units, manages"
)
_RELATIONSHIPS = (
    "MATCH (p:Person {key: $key}) "
    "OPTIONAL MATCH (p)-[r]-(o) WHERE NOT o:ImportRun AND " + current("r") + " "
    "WITH p, r, o ORDER BY type(r), o.name, o.key "
    "RETURN p.key AS key, [x IN collect(CASE WHEN r IS NULL THEN NULL ELSE {type: type(r), "
    "start: CASE WHEN startNode(r) = p THEN " + ref("p") + " ELSE " + ref("o") + " END, "
    "end: CASE WHEN startNode(r) = p THEN " + ref("o") + " ELSE " + ref("p") + " END, "
    "props: properties(r)} END) WHERE x IS NOT NULL] AS rels"
)


class PersonSummary(BaseModel):
    """A person as a list shows them."""

    key: str
    name: str | None = None
    email: str | None = None
    user_id: str | None = None
    position: str | None = None
    line_level: str | None = None
    is_manager: bool | None = None
    valid_from: date | None = Field(default=None, description="Entry date.")
    valid_to: date | None = Field(default=None, description="Leave date (exclusive).")
    active: bool = Field(description="Current (employed) at as_of.")


class Membership(BaseModel):
    """A person's place in a unit: an engagement (position) or its leadership (level)."""

    unit: NodeRef
    position: str | None = None
    level: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None


class PersonDetail(PersonSummary):
    """One person with their current engagements and the units they lead."""

    first_name: str | None = None
    last_name: str | None = None
    kitos_uuid: str | None = None
    source: str | None = None
    matched: bool | None = Field(
        default=None, description="False when only the IT inventory knows them (DQ-01)."
    )
    units: list[Membership] = Field(default_factory=list)
    manages: list[Membership] = Field(default_factory=list)


def list_people(
    graph: Graph,
    *,
    as_of: date,
    limit: int,
    offset: int,
    q: str | None = None,
    line_level: str | None = None,
    unit: str | None = None,
    include_departed: bool = False,
) -> Slice[PersonSummary]:
    """People current at ``as_of`` (or all), by name, filtered by text, line level and unit."""
    return read_page(
        graph,
        _COUNT,
        _PAGE,
        item=lambda row: PersonSummary.model_validate(row["person"]),
        limit=limit,
        offset=offset,
        as_of=as_of,
        all=include_departed,
        q=search_text(q),
        line_level=line_level,
        unit=unit,
    )


def get_person(graph: Graph, key: str, *, as_of: date) -> PersonDetail:
    """One person and their engagements at ``as_of``; NotFound for an unknown key."""
    rows = read_rows(graph, _ONE, key=key, as_of=as_of)
    if not rows:
        raise NotFound(f"No person has the key {key!r}.", hint="Search with GET /api/people?q=.")
    row = rows[0]
    return PersonDetail.model_validate(
        {**row["person"], "units": _present(row["units"]), "manages": _present(row["manages"])}
    )


def person_relationships(graph: Graph, key: str, *, as_of: date) -> list[Relationship]:
    """Every relationship of a person that is current at ``as_of``."""
    rows = read_rows(graph, _RELATIONSHIPS, key=key, as_of=as_of)
    if not rows:
        raise NotFound(f"No person has the key {key!r}.", hint="Search with GET /api/people?q=.")
    return [to_relationship(r) for r in rows[0]["rels"]]


def _present(items: list[dict]) -> list[dict]:
    """Drop the empty row an OPTIONAL MATCH leaves when nothing matched."""
    return [i for i in items if i["unit"]["key"] is not None]
