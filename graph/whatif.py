"""What-if: the findings that appear and disappear if some people left, at a fraction of the cost.

Only findings about the leavers, what they hold, and the people who share a critical role with
them can change when they leave. Each rule marks the variable that carries those findings with
``@focus``, so both runs of a what-if seek just those keys instead of reading the whole graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from core.settings import RuleSettings
from graph.driver import Graph
from graph.rules import Finding, diff, evaluate
from schema.catalogue import expand_macros

# What a what-if must look at: the leavers' current holdings, and who shares a critical one.
_FOCUS = expand_macros(
    "UNWIND $keys AS key MATCH (p:Person {key: key}) "
    "OPTIONAL MATCH (p)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|HAS_SYSTEM_ROLE|"
    "HOLDS_ROLE|SITS_IN|MANAGES]->(x) WHERE @current(r) "
    "WITH collect(DISTINCT x) AS targets "
    "RETURN [x IN targets | x.key] + COLLECT { UNWIND targets AS x "
    "MATCH (x:System)<-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS]-(o:Person) WHERE @current(r) "
    "RETURN DISTINCT o.key } AS keys"
)


def what_if(
    graph: Graph,
    *,
    as_of: date,
    leaving: Sequence[str],
    params: RuleSettings | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """The findings that appear (new) and disappear (resolved) if ``leaving`` left."""
    rows = graph.query(_FOCUS, keys=list(leaving), as_of=as_of)
    focus = sorted({*leaving, *(rows[0]["keys"] if rows else [])})
    before = evaluate(graph, as_of=as_of, params=params, focus=focus)
    after = evaluate(graph, as_of=as_of, excluded=leaving, params=params, focus=focus)
    return diff(before, after)
