"""Analysts' read-only ad-hoc Cypher."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Analyst, Audit, CypherSlots, GraphDep, SettingsDep
from api.models import CypherRequest, CypherResponse, ErrorResponse
from graph.cypher_run import run_read_only

router = APIRouter(tags=["cypher"])


@router.post(
    "/api/cypher",
    response_model=CypherResponse,
    responses={
        400: {"model": ErrorResponse, "description": "Refused: the query does not only read."},
        429: {
            "model": ErrorResponse,
            "description": "The token has its most queries running; try after Retry-After.",
        },
    },
)
def run_cypher(
    body: CypherRequest,
    graph: GraphDep,
    settings: SettingsDep,
    principal: Analyst,
    audit: Audit,
    slots: CypherSlots,
) -> CypherResponse:
    """Run a read-only query once, with a timeout and caps on rows and bytes."""
    # Logged before it runs: a refused or failing attempt is on the record too.
    audit.record("cypher", query=body.query, parameters=sorted(body.parameters))
    api = settings.api
    with slots.slot(principal.key):
        result = run_read_only(
            graph,
            body.query,
            body.parameters,
            timeout=api.cypher_timeout,
            row_cap=api.cypher_row_cap,
            byte_cap=api.cypher_max_bytes,
        )
    return CypherResponse(
        columns=result.columns,
        rows=result.rows,
        truncated=result.truncated,
        truncated_by=result.truncated_by,
        row_cap=api.cypher_row_cap,
        byte_cap=api.cypher_max_bytes,
    )
