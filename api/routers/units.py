"""Organisation units: the forvaltning, its departments, JB-sekretariatet and the offices."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import AsOf, Audit, GraphDep, Paging, Reader
from api.models import Page
from api.routers.common import NOT_FOUND, Key, KeyFilter, Text, json_of, page_of
from graph import entities
from graph.entities import UnitDetail, UnitSummary

router = APIRouter(prefix="/api/units", tags=["units"])


@router.get("", response_model=Page[UnitSummary])
def list_units(
    graph: GraphDep,
    _principal: Reader,
    audit: Audit,
    page: Paging,
    as_of: AsOf,
    q: Text = None,
    depth: Annotated[int | None, Query(ge=0, le=50)] = None,
    in_forvaltning: bool | None = None,
    parent: Annotated[
        KeyFilter, Query(description="Only the units directly under this one.")
    ] = None,
    include_ended: bool = False,
) -> Page[UnitSummary]:
    """List units current at as_of, top-down; filter by name, depth, forvaltning and parent."""
    found = entities.list_units(
        graph,
        as_of=as_of,
        limit=page.limit,
        offset=page.offset,
        q=q,
        depth=depth,
        in_forvaltning=in_forvaltning,
        parent=parent,
        include_ended=include_ended,
    )
    if q:
        audit.record("units.search", search=q, as_of=as_of.isoformat())
    return page_of(found, page)


@router.get("/{key}", response_model=UnitDetail, responses=NOT_FOUND)
def get_unit(graph: GraphDep, _principal: Reader, audit: Audit, key: Key, as_of: AsOf) -> Response:
    """One unit: its parent and sub-units, leaders, members and the systems it uses."""
    unit = entities.get_unit(graph, key, as_of=as_of)
    audit.record("unit.read", person_keys=unit.person_keys(), unit=key, as_of=as_of.isoformat())
    return json_of(unit)
