"""IT systems and their system organisation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import AsOf, Audit, GraphDep, Paging, Reader
from api.models import Page
from api.routers.common import NOT_FOUND, Key, KeyFilter, Text, json_of, page_of
from graph import entities
from graph.entities import SystemDetail, SystemOrganisation, SystemSummary
from schema.model import Lifecycle

router = APIRouter(prefix="/api/systems", tags=["systems"])


@router.get("", response_model=Page[SystemSummary])
def list_systems(
    graph: GraphDep,
    _principal: Reader,
    audit: Audit,
    page: Paging,
    as_of: AsOf,
    q: Text = None,
    lifecycle: Lifecycle | None = None,
    in_use: bool | None = None,
    unit: Annotated[KeyFilter, Query(description="Only systems this unit uses.")] = None,
    include_ended: bool = False,
) -> Page[SystemSummary]:
    """List systems current at as_of, by name; filter by name, life cycle, use and unit."""
    found = entities.list_systems(
        graph,
        as_of=as_of,
        limit=page.limit,
        offset=page.offset,
        q=q,
        lifecycle=lifecycle.value if lifecycle else None,
        in_use=in_use,
        unit=unit,
        include_ended=include_ended,
    )
    if q:
        audit.record("systems.search", search=q, as_of=as_of.isoformat())
    return page_of(found, page)


@router.get("/{key}", response_model=SystemDetail, responses=NOT_FOUND)
def get_system(graph: GraphDep, _principal: Reader, key: Key, as_of: AsOf) -> Response:
    """One system: life cycle, risk assessment, data processing agreement, vendor."""
    return json_of(entities.get_system(graph, key, as_of=as_of))


@router.get("/{key}/organisation", response_model=SystemOrganisation, responses=NOT_FOUND)
def get_system_organisation(
    graph: GraphDep, _principal: Reader, audit: Audit, key: Key, as_of: AsOf
) -> SystemOrganisation:
    """Who owns, answers for, administers and super-uses one system; its units and status."""
    organisation = entities.system_organisation(graph, key, as_of=as_of)
    audit.record(
        "system.organisation",
        person_keys=organisation.person_keys(),
        system=key,
        as_of=as_of.isoformat(),
    )
    return organisation
