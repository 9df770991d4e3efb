"""Relationships of any type, and the graph around one node for the role graphs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import AsOf, Audit, GraphDep, Paging, Reader
from api.models import EntityLabel, Page, RelationshipType
from api.routers.common import NOT_FOUND, Key, KeyFilter, page_of
from graph import entities
from graph.entities import MAX_DEPTH, GraphView, Relationship

router = APIRouter(tags=["relationships"])


@router.get("/api/relationships", response_model=Page[Relationship])
def list_relationships(
    graph: GraphDep,
    _principal: Reader,
    audit: Audit,
    page: Paging,
    as_of: AsOf,
    start: Annotated[KeyFilter, Query(alias="from", description="Key of the start node.")] = None,
    rel_type: Annotated[RelationshipType | None, Query(alias="type")] = None,
    end: Annotated[KeyFilter, Query(alias="to", description="Key of the end node.")] = None,
    from_label: EntityLabel | None = None,
    to_label: EntityLabel | None = None,
) -> Page[Relationship]:
    """List relationships current at as_of; filter by type and by the keys at either end."""
    found = entities.list_relationships(
        graph,
        as_of=as_of,
        limit=page.limit,
        offset=page.offset,
        rel_type=rel_type.value if rel_type else None,
        start=start,
        end=end,
        start_label=from_label.value if from_label else None,
        end_label=to_label.value if to_label else None,
    )
    people = {n.key for r in found.items for n in (r.start, r.end) if n.label == "Person"}
    if people:
        audit.record("relationships.list", person_keys=people, as_of=as_of.isoformat())
    return page_of(found, page)


@router.get("/api/graph/{label}/{key}", response_model=GraphView, responses=NOT_FOUND)
def get_graph(
    request: Request,
    graph: GraphDep,
    _principal: Reader,
    audit: Audit,
    label: EntityLabel,
    key: Key,
    as_of: AsOf,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
) -> GraphView:
    """The nodes and edges within depth steps of one node, as JSON for the role graphs."""
    view = entities.neighbourhood(
        graph,
        label.value,
        key,
        depth=depth,
        as_of=as_of,
        node_cap=request.app.state.settings.api.graph_node_cap,
    )
    if view.person_keys():
        audit.record("graph.read", person_keys=view.person_keys(), centre=view.centre, depth=depth)
    return view
