"""What-if: the findings that appear and disappear if some people left, at a fraction of the cost.

Only findings about the leavers, what they hold, and the people who share a critical role with
them can change when they leave. Each rule marks the variable that carries those findings with
``@focus``, so both runs of a what-if seek just those keys instead of reading the whole graph.
And only a rule that asks who is gone (``$excluded``, in ``@present`` and ``@gone``) can find
anything else with people excluded: the others are not run at all. Both runs read the same
transaction, so nothing written between them shows up as a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from neo4j import ManagedTransaction

from core.settings import RuleSettings
from graph.driver import Graph, translate_errors
from graph.rules import Finding, run_rules, select_rules
from schema.catalogue import Rule, expand_macros

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


@lru_cache(maxsize=1)
def departure_rules() -> tuple[Rule, ...]:
    """The rules whose findings can depend on who is excluded: those that read ``$excluded``."""
    return tuple(r for r in select_rules() if "$excluded" in r.focused_query)


def what_if(
    graph: Graph,
    *,
    as_of: date,
    leaving: Sequence[str],
    params: RuleSettings | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """The findings that appear (new) and disappear (resolved) if ``leaving`` left."""
    rules = departure_rules()

    def work(tx: ManagedTransaction) -> tuple[list[Finding], list[Finding]]:
        focus = focus_keys(tx, leaving, as_of=as_of)
        before, _ = run_rules(tx, graph.database, rules, as_of=as_of, params=params, focus=focus)
        after, _ = run_rules(
            tx, graph.database, rules, as_of=as_of, excluded=leaving, params=params, focus=focus
        )
        return before, after

    # Rules name relationship types and properties a young graph may not have yet: no warnings.
    with (
        translate_errors(),
        graph.driver.session(database=graph.database, notifications_min_severity="OFF") as session,
    ):
        before, after = session.execute_read(work)
    old = {f.identity for f in before}
    new = {f.identity for f in after}
    return [f for f in after if f.identity not in old], [f for f in before if f.identity not in new]
