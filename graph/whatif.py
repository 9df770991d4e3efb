"""What-if: the findings that appear and disappear if some people left, at a fraction of the cost.

Only findings about the leavers, what they hold, and the people who share a critical role with
them can change when they leave. Each rule marks the variable that carries those findings with
``@focus``, so both runs of a what-if seek just those keys instead of reading the whole graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from neo4j import ManagedTransaction

from core.settings import RuleSettings
from graph.driver import Graph
from graph.rules import Finding, diff, evaluate
from schema.catalogue import expand_macros

# What a what-if must look at: the leavers' current holdings (and any systems named), and who
# shares a critical role on them.
_FOCUS = expand_macros(
    "CALL { UNWIND $keys AS key MATCH (p:Person {key: key}) "
    "MATCH (p)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|HAS_SYSTEM_ROLE|"
    "HOLDS_ROLE|SITS_IN|MANAGES]->(x) WHERE @current(r) RETURN x "
    "UNION UNWIND $systems AS key MATCH (x:System {key: key}) RETURN x } "
    "WITH collect(DISTINCT x) AS targets "
    "RETURN [x IN targets | x.key] + COLLECT { UNWIND targets AS x "
    "MATCH (x:System)<-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS]-(o:Person) WHERE @current(r) "
    "RETURN DISTINCT o.key } AS keys"
)


def focus_keys(
    tx: ManagedTransaction, people: Sequence[str], *, systems: Sequence[str] = (), as_of: date
) -> list[str]:
    """The subjects whose findings can change when these people (or these systems) change:
    the people, what they hold, the systems, and who shares a critical role on them."""
    row = tx.run(_FOCUS, keys=list(people), systems=list(systems), as_of=as_of).single()
    return sorted({*people, *systems, *(row["keys"] if row else [])})


def what_if(
    graph: Graph,
    *,
    as_of: date,
    leaving: Sequence[str],
    params: RuleSettings | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """The findings that appear (new) and disappear (resolved) if ``leaving`` left."""
    focus = graph.read(lambda tx: focus_keys(tx, leaving, as_of=as_of))
    before = evaluate(graph, as_of=as_of, params=params, focus=focus)
    after = evaluate(graph, as_of=as_of, excluded=leaving, params=params, focus=focus)
    return diff(before, after)
