"""Run an analyst's ad-hoc query once: text filter, Neo4j's plan, then a capped READ transaction.

The text filter (``graph.cypher_guard``) and the plan check (``graph.cypher_plan``) decide
whether the query may run; it then runs in the same explicit READ transaction as its EXPLAIN,
which the driver never retries and which is rolled back at the end. The answer is capped by a
server-side timeout, a number of rows and a number of bytes of JSON rows, measured row by row
as records arrive, a few at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import neo4j
import neo4j.graph
import neo4j.spatial
from neo4j.exceptions import ClientError, Neo4jError, TransientError

from core.errors import QueryFailed, QueryTimeout
from graph.cypher_guard import check_read_only
from graph.cypher_plan import check_plan
from graph.driver import Graph
from graph.entities.common import native

# Records fetched per round trip: however large rows are, at most this many arrive past the cap.
FETCH_SIZE = 10
Cut = Literal["rows", "bytes"]


@dataclass(frozen=True, slots=True)
class CypherResult:
    """The rows of an ad-hoc query, up to the row and byte caps, and which cap cut it."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated_by: Cut | None = None

    @property
    def truncated(self) -> bool:
        """True when a cap cut rows off."""
        return self.truncated_by is not None


def run_read_only(
    graph: Graph,
    query: str,
    parameters: dict[str, Any],
    *,
    timeout: float,
    row_cap: int,
    byte_cap: int,
) -> CypherResult:
    """Check ``query`` by its text and by Neo4j's plan, then run it once, capped."""
    text = check_read_only(query)
    try:
        with graph.read_once(timeout=timeout, fetch_size=FETCH_SIZE) as tx:
            check_plan(tx, text, parameters)
            return _collect(tx.run(text, parameters), row_cap=row_cap, byte_cap=byte_cap)
    except ClientError as e:
        raise _client_error(e, timeout) from e
    except TransientError as e:
        raise QueryFailed(
            f"Neo4j could not finish the query: {e.message or e.code}",
            hint="Ad-hoc queries are not retried: send it again, or narrow it down.",
        ) from e
    except Neo4jError as e:
        if "Timeout" in (e.code or "") or "Terminated" in (e.code or ""):
            raise _timeout(timeout) from e
        raise


def _collect(result: neo4j.Result, *, row_cap: int, byte_cap: int) -> CypherResult:
    """Read rows until the result ends or a cap is reached; the row over a cap is not kept."""
    columns = list(result.keys())
    rows: list[dict[str, Any]] = []
    size = len("[]")
    for record in result:
        if len(rows) == row_cap:
            return CypherResult(columns, rows, truncated_by="rows")
        row = {k: to_json(v) for k, v in record.items()}
        size += json_size(row) + (1 if rows else 0)  # and a comma between rows
        if size > byte_cap:
            return CypherResult(columns, rows, truncated_by="bytes")
        rows.append(row)
    return CypherResult(columns, rows)


def json_size(value: Any) -> int:
    """The bytes of ``value`` as compact UTF-8 JSON, as the response writes it."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode())


def _client_error(e: ClientError, timeout: float) -> QueryFailed:
    code = e.code or ""
    if "TransactionTimedOut" in code or "Terminated" in code:
        return _timeout(timeout)
    if "AccessMode" in code or "Forbidden" in code:
        return QueryFailed(
            "Neo4j refused the query: it would write or needs more rights.",
            hint="Only read-only queries run here.",
        )
    return QueryFailed(
        f"Neo4j could not run the query: {e.message or code}",
        hint="Fix the query; parameters go in 'parameters' and are used as $name.",
    )


def _timeout(timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"The query ran longer than {timeout:g} s and was stopped.",
        hint="Narrow it down with a more selective MATCH or a LIMIT.",
    )


def to_json(value: Any) -> Any:
    """A query result value as JSON: nodes, relationships and paths as maps, dates as text."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": to_json(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "type": value.type,
            "start": value.start_node.get("key") if value.start_node else None,
            "end": value.end_node.get("key") if value.end_node else None,
            "properties": to_json(dict(value)),
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    value = native(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
