"""People: who works here, what they hold. Every read is audited with the keys it returned."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import AsOf, Audit, GraphDep, Paging, Reader
from api.models import Page
from api.routers.common import NOT_FOUND, Key, KeyFilter, Text, json_of, page_of
from graph import entities
from graph.entities import PersonDetail, PersonSummary, Relationship
from schema.model import LineLevel

router = APIRouter(prefix="/api/people", tags=["people"])


@router.get("", response_model=Page[PersonSummary])
def list_people(
    graph: GraphDep,
    _principal: Reader,
    audit: Audit,
    page: Paging,
    as_of: AsOf,
    q: Text = None,
    line_level: LineLevel | None = None,
    unit: Annotated[KeyFilter, Query(description="Only people in or leading this unit.")] = None,
    include_departed: bool = False,
) -> Page[PersonSummary]:
    """List people current at as_of, by name; filter by name or e-mail, line level and unit."""
    found = entities.list_people(
        graph,
        as_of=as_of,
        limit=page.limit,
        offset=page.offset,
        q=q,
        line_level=line_level.value if line_level else None,
        unit=unit,
        include_departed=include_departed,
    )
    audit.record(
        "people.search" if q else "people.list",
        person_keys=[p.key for p in found.items],
        search=q,
        line_level=line_level,
        unit=unit,
        as_of=as_of.isoformat(),
    )
    return page_of(found, page)


@router.get("/{key}", response_model=PersonDetail, responses=NOT_FOUND)
def get_person(
    graph: GraphDep, _principal: Reader, audit: Audit, key: Key, as_of: AsOf
) -> Response:
    """One person: their properties, engagements and the units they lead at as_of."""
    person = entities.get_person(graph, key, as_of=as_of)
    audit.record("person.read", person_keys=[person.key], as_of=as_of.isoformat())
    return json_of(person)


@router.get("/{key}/relationships", response_model=list[Relationship], responses=NOT_FOUND)
def get_person_relationships(
    graph: GraphDep, _principal: Reader, audit: Audit, key: Key, as_of: AsOf
) -> list[Relationship]:
    """Every relationship of one person current at as_of: units, systems, roles, forums."""
    found = entities.person_relationships(graph, key, as_of=as_of)
    keys = {key} | {r.start.key for r in found if r.start.label == "Person"}
    keys |= {r.end.key for r in found if r.end.label == "Person"}
    audit.record("person.relationships", person_keys=keys, as_of=as_of.isoformat())
    return found
