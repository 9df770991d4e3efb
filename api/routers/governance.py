"""The governance model: its forums (with members) and its roles (with responsibilities)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AsOf, Audit, GraphDep, Paging, Reader
from api.models import Page
from api.routers.common import NOT_FOUND, Key, Text, page_of
from graph import entities
from graph.entities import ForumDetail, ForumSummary, Role
from schema.governance.types import Track

router = APIRouter(tags=["governance model"])


@router.get("/api/forums", response_model=Page[ForumSummary])
def list_forums(
    graph: GraphDep, _principal: Reader, audit: Audit, page: Paging, q: Text = None
) -> Page[ForumSummary]:
    """List the forums of the governance model (DDS, ISU, Systemkoordinatorforum, ...)."""
    if q:
        audit.record("forums.search", search=q)
    return page_of(entities.list_forums(graph, limit=page.limit, offset=page.offset, q=q), page)


@router.get("/api/forums/{key}", response_model=ForumDetail, responses=NOT_FOUND)
def get_forum(
    graph: GraphDep, _principal: Reader, audit: Audit, key: Key, as_of: AsOf
) -> ForumDetail:
    """One forum: who must represent the forvaltning, and who sits in it at as_of."""
    forum = entities.get_forum(graph, key, as_of=as_of)
    audit.record(
        "forum.read", person_keys=[m.key for m in forum.members], forum=key, as_of=as_of.isoformat()
    )
    return forum


@router.get("/api/roles", response_model=Page[Role])
def list_roles(
    graph: GraphDep, _principal: Reader, page: Paging, track: Track | None = None
) -> Page[Role]:
    """List the roles of the model — both tracks — with their responsibilities and cadences."""
    found = entities.list_roles(
        graph, limit=page.limit, offset=page.offset, track=track.value if track else None
    )
    return page_of(found, page)


@router.get("/api/roles/{key}", response_model=Role, responses=NOT_FOUND)
def get_role(graph: GraphDep, _principal: Reader, key: Key) -> Role:
    """One role: who may hold it and what the model asks of it."""
    return entities.get_role(graph, key)
