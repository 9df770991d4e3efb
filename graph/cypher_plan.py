"""Neo4j's own word on an ad-hoc query: plan it with EXPLAIN and refuse unless it only reads.

EXPLAIN plans a query and runs none of it. The query may run only when Neo4j calls it read-only
(query type ``r``) and every operator of the plan is one of the read operators below, which come
from the operator reference of the Cypher manual and from what Neo4j 5.26 plans for reads.
Anything else — ``LoadCSV``, a ``ProcedureCall`` outside the allow-list, ``Show*``,
``TerminateTransactions``, administration commands, updating operators, an operator this list
does not know yet — is refused. A READ transaction alone would let several of those run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, Neo4jError

from core.errors import QueryFailed, QueryRefused
from graph.cypher_guard import ALLOWED_PROCEDURES
from schema.bookkeeping import AUTH_KEYS, AUTH_LABEL

EXPLAIN = "EXPLAIN "
READ_QUERY_TYPE = "r"
READ_OPERATORS = frozenset(
    {
        # results, projections and row plumbing
        "ProduceResults", "Projection", "Filter", "Argument", "ArgumentTracker", "EmptyRow",
        "Optional", "Unwind", "Limit", "Skip", "Sort", "PartialSort", "Top", "PartialTop",
        "Distinct", "OrderedDistinct", "EagerAggregation", "OrderedAggregation", "Eager",
        "CacheProperties", "Union", "ProjectEndpoints", "NullifyMetadata",
        # nested loops and joins
        "Apply", "SemiApply", "AntiSemiApply", "LetSemiApply", "LetAntiSemiApply",
        "SelectOrSemiApply", "SelectOrAntiSemiApply", "LetSelectOrSemiApply",
        "LetSelectOrAntiSemiApply", "RollUpApply", "Anti", "CartesianProduct", "NodeHashJoin",
        "ValueHashJoin", "NodeLeftOuterHashJoin", "NodeRightOuterHashJoin", "TriadicSelection",
        "TriadicBuild", "TriadicFilter",
        # node scans and seeks
        "AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan",
        "IntersectionNodeByLabelsScan", "SubtractionNodeByLabelsScan", "NodeByIdSeek",
        "NodeByElementIdSeek", "NodeIndexSeek", "NodeUniqueIndexSeek", "NodeIndexSeekByRange",
        "NodeUniqueIndexSeekByRange", "NodeIndexScan", "NodeIndexContainsScan",
        "NodeIndexEndsWithScan", "MultiNodeIndexSeek", "NodeCountFromCountStore",
        # relationship scans and seeks
        "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
        "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan", "UndirectedUnionRelationshipTypesScan",
        "DirectedRelationshipByIdSeek", "UndirectedRelationshipByIdSeek",
        "DirectedRelationshipByElementIdSeek", "UndirectedRelationshipByElementIdSeek",
        "DirectedRelationshipIndexSeek", "UndirectedRelationshipIndexSeek",
        "DirectedRelationshipIndexSeekByRange", "UndirectedRelationshipIndexSeekByRange",
        "DirectedRelationshipIndexScan", "UndirectedRelationshipIndexScan",
        "DirectedRelationshipIndexContainsScan", "UndirectedRelationshipIndexContainsScan",
        "DirectedRelationshipIndexEndsWithScan", "UndirectedRelationshipIndexEndsWithScan",
        "RelationshipCountFromCountStore",
        # traversals
        "Expand(All)", "Expand(Into)", "OptionalExpand(All)", "OptionalExpand(Into)",
        "VarLengthExpand(All)", "VarLengthExpand(Into)", "VarLengthExpand(Pruning)",
        "VarLengthExpand(Pruning,BFS)", "VarLengthExpand(Pruning,BFS,All)",
        "VarLengthExpand(Pruning,BFS,Into)", "ShortestPath", "StatefulShortestPath(All)",
        "StatefulShortestPath(Into)", "Repeat(Trail)",
    }
)  # fmt: skip
PROCEDURE_CALL = "ProcedureCall"
# Tokens, sessions and the audit log live in the same database (label Auth): an ad-hoc query may
# not read them. A plan names every label it scans by; what reaches nodes without naming a label
# (all nodes, by id, dynamic labels, which Neo4j plans as a scan of all nodes) is refused too.
# Auth nodes have no relationships, so no traversal reaches them.
_ACCESS_RECORDS = re.compile(r"\b(" + "|".join(sorted({AUTH_LABEL, *AUTH_KEYS})) + r")\b")
_UNLABELLED = frozenset({"AllNodesScan", "NodeByIdSeek", "NodeByElementIdSeek"})
# What a mistaken query gets from Neo4j, as opposed to one it would not plan here at all.
_INVALID_QUERY = re.compile(
    r"^Neo\.ClientError\.(Statement\.(SyntaxError|SemanticError|TypeError|ParameterMissing)"
    r"|Procedure\.ProcedureNotFound)$"
)
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def check_plan(tx: neo4j.Transaction, text: str, parameters: dict[str, Any]) -> None:
    """Plan ``text`` in ``tx`` without running it; raise QueryRefused unless it only reads."""
    try:
        summary = tx.run(EXPLAIN + text, parameters).consume()
    except Neo4jError as e:
        raise _explain_error(e) from e
    for operator, details in operators(summary.plan or {}):
        _check_operator(operator, details)
    if summary.query_type != READ_QUERY_TYPE or not summary.plan:
        raise QueryRefused(
            "Neo4j does not plan this as a read-only query.",
            hint="Only queries that read the graph run here.",
        )


def operators(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every operator of a plan with its details, without the ``@db``; children first."""
    for child in plan.get("children", []):
        yield from operators(child)
    details = plan.get("args", {}).get("Details", "")
    yield plan.get("operatorType", "").partition("@")[0], str(details)


def _check_operator(operator: str, details: str) -> None:
    if operator in _UNLABELLED:
        raise QueryRefused(
            f"Neo4j plans this query with {operator}: it would read nodes of every label.",
            hint="Name the labels the query reads, e.g. MATCH (p:Person) instead of MATCH (p).",
        )
    if _ACCESS_RECORDS.search(details):
        raise QueryRefused(
            "Tokens, sessions and the audit log cannot be read with ad-hoc queries.",
            hint="`govgraph audit` shows the audit log to those allowed to see it.",
        )
    if operator == PROCEDURE_CALL:
        name = details.partition("(")[0].strip()
        if name not in ALLOWED_PROCEDURES:
            raise QueryRefused(
                f"The procedure {name or '(unnamed)'} is not allowed.",
                hint=f"Allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}.",
            )
    elif operator not in READ_OPERATORS:
        raise QueryRefused(
            f"Neo4j plans this query with {operator}, which is not a read-only operation here.",
            hint="Only queries that read the graph run here: MATCH, WITH, UNWIND, WHERE, "
            "RETURN, CALL { subquery } and the allowed db.* procedures.",
        )


def _explain_error(e: Neo4jError) -> QueryFailed | QueryRefused:
    """A query Neo4j cannot plan: mistaken (what Neo4j said), or refused (not plannable here)."""
    message = _without_explain(e.message or "")
    if isinstance(e, ClientError) and _INVALID_QUERY.match(e.code or ""):
        return QueryFailed(
            f"Neo4j could not run the query: {message}",
            hint="Fix the query; parameters go in 'parameters' and are used as $name.",
        )
    return QueryRefused(
        f"Neo4j would not plan the query here: {message or e.code}",
        hint="Only queries that read the graph run here.",
    )


def _without_explain(message: str) -> str:
    """Neo4j's message about ``EXPLAIN query`` as if about the query: positions shifted back.

    The lines after the first quote the planned text with a caret under the error; they are
    dropped rather than shifted.
    """
    first = message.strip().split("\n", 1)[0]

    def shift(m: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in m.groups())
        if line == 1:
            column -= len(EXPLAIN)
        return f"(line {line}, column {column} (offset: {offset - len(EXPLAIN)}))"

    return _POSITION.sub(shift, first)
