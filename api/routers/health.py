"""Whether Neo4j answers — the one endpoint without a token."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import GraphDep
from api.errors import RETRY_AFTER_SECONDS
from api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(graph: GraphDep) -> JSONResponse:
    """Say whether Neo4j answers, and nothing more."""
    if graph.ping():
        return JSONResponse({"neo4j": "up"})
    return JSONResponse(
        {"neo4j": "down"}, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )
