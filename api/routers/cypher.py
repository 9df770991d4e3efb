"""Analysts' read-only ad-hoc Cypher."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Analyst, Audit, GraphDep, SettingsDep
from api.models import CypherRequest, CypherResponse
from graph.cypher_guard import run_read_only

router = APIRouter(tags=["cypher"])


@router.post(
    "/api/cypher",
    response_model=CypherResponse,
    responses={400: {"description": "Refused by the read-only guard."}},
)
def run_cypher(
    body: CypherRequest, graph: GraphDep, settings: SettingsDep, _principal: Analyst, audit: Audit
) -> CypherResponse:
    """Run a read-only query in a READ transaction, with a timeout and a row cap."""
    # Logged before it runs: a refused or failing attempt is on the record too.
    audit.record("cypher", query=body.query, parameters=sorted(body.parameters))
    result = run_read_only(
        graph,
        body.query,
        body.parameters,
        timeout=settings.api.cypher_timeout,
        row_cap=settings.api.cypher_row_cap,
    )
    return CypherResponse(
        columns=result.columns,
        rows=result.rows,
        truncated=result.truncated,
        row_cap=settings.api.cypher_row_cap,
    )
