"""History under each entity: who held which role when, and by whose decision."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Audit, GraphDep, Reader
from api.routers.common import NOT_FOUND, Key
from graph.history import History, history

router = APIRouter(tags=["history"])


@router.get("/api/systems/{key}/history", response_model=History, responses=NOT_FOUND)
def system_history(graph: GraphDep, _principal: Reader, audit: Audit, key: Key) -> History:
    """A system's role holders over time, with the decisions that started or ended them."""
    return _read(graph, audit, "System", key)


@router.get("/api/people/{key}/history", response_model=History, responses=NOT_FOUND)
def person_history(graph: GraphDep, _principal: Reader, audit: Audit, key: Key) -> History:
    """A person's roles, posts and seats over time, and by whose decision."""
    return _read(graph, audit, "Person", key)


@router.get("/api/units/{key}/history", response_model=History, responses=NOT_FOUND)
def unit_history(graph: GraphDep, _principal: Reader, audit: Audit, key: Key) -> History:
    """A unit's leaders, members and systems over time, and by whose decision."""
    return _read(graph, audit, "OrgUnit", key)


def _read(graph: GraphDep, audit: Audit, label: str, key: str) -> History:
    found = history(graph, label, key)
    audit.record(f"{label.lower()}.history", person_keys=found.person_keys(), key=key)
    return found
