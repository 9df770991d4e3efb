"""What-if: the findings that appear and disappear if some people left, at a fraction of the cost.

Only findings about the leavers, what they hold, and the people who share a critical role with
them can change when they leave. Each rule marks the variable that carries those findings with
``@focus``, so both runs of a what-if seek just those keys instead of reading the whole graph.
And only a rule that asks who is gone (``$excluded``, in ``@present`` and ``@gone``) can find
anything else with people excluded: the others are not run at all. A rule that asks it only of
the people holding a role on its subject (``(p:Person)-[:OWNS]->(s)`` with ``@present(p)`` and
``@focus(s)``) is focused on the subjects the leavers hold that role on. Both runs read the
same transaction, so nothing written between them shows up as a change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from neo4j import ManagedTransaction

from core.settings import RuleSettings
from graph.driver import Graph, translate_errors
from graph.rules import Finding, report_order, run_rules, select_rules
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


# The leavers' current holdings by relationship type.
_HOLDINGS = expand_macros(
    "UNWIND $keys AS key MATCH (p:Person {key: key})-[r]->(x) WHERE @current(r) "
    "RETURN type(r) AS type, collect(DISTINCT x.key) AS targets"
)
_EXCLUDED = re.compile(r"\b(\w+)\.key IN \$excluded")
_FOCUSED = re.compile(r"\b(\w+)\.key IN \$focus")
_HOLDING = re.compile(r"\((\w+):Person\)-\[\w*:([A-Z_|]+)\]->\((\w+)\)")


@lru_cache(maxsize=1)
def departure_rules() -> tuple[Rule, ...]:
    """The rules whose findings can depend on who is excluded: those that read ``$excluded``."""
    return tuple(r for r in select_rules() if "$excluded" in r.focused_query)


@lru_cache(maxsize=64)
def departure_types(query: str) -> frozenset[str] | None:
    """The relationship types by which a leaver can change the findings of this focused query:
    it asks whether a person is present only of people it binds as holders of those types on a
    focused subject. None when it asks otherwise (of the subject itself, or of someone else)."""
    focused = set(_FOCUSED.findall(query))
    types: set[str] = set()
    for person in set(_EXCLUDED.findall(query)):
        bound = re.findall(rf"\({person}:Person[\s)]", query)
        held = [m for m in _HOLDING.finditer(query) if m.group(1) == person]
        if not held or len(held) != len(bound) or any(m.group(3) not in focused for m in held):
            return None
        types.update(t for m in held for t in m.group(2).split("|"))
    return frozenset(types)


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
        held: dict[str, list[str]] = {
            row["type"]: row["targets"]
            for row in tx.run(_HOLDINGS, keys=list(leaving), as_of=as_of)
        }
        before: list[Finding] = []
        after: list[Finding] = []
        read: dict[str, Any] = {}  # the import state and accepted risks, read by the first run
        for keys, group in _by_focus(rules, focus, held).items():
            if not keys:  # the leavers hold nothing these rules ask about
                continue
            found, _ = run_rules(
                tx, graph.database, group, as_of=as_of, params=params, focus=keys, read=read
            )
            before += found
            found, _ = run_rules(
                tx,
                graph.database,
                group,
                as_of=as_of,
                excluded=leaving,
                params=params,
                focus=keys,
                read=read,
            )
            after += found
        return _in_report_order(before), _in_report_order(after)

    # Rules name relationship types and properties a young graph may not have yet: no warnings.
    with (
        translate_errors(),
        graph.driver.session(database=graph.database, notifications_min_severity="OFF") as session,
    ):
        before, after = session.execute_read(work)
    old = {f.identity for f in before}
    new = {f.identity for f in after}
    return [f for f in after if f.identity not in old], [f for f in before if f.identity not in new]


def _by_focus(
    rules: Sequence[Rule], focus: list[str], held: dict[str, list[str]]
) -> dict[tuple[str, ...], list[Rule]]:
    """The rules grouped by the subjects each must look at."""
    groups: dict[tuple[str, ...], list[Rule]] = {}
    for rule in rules:
        types = departure_types(rule.focused_query)
        keys = (
            tuple(focus)
            if types is None
            else tuple(sorted({k for t in types for k in held.get(t, [])}))
        )
        groups.setdefault(keys, []).append(rule)
    return groups


def _in_report_order(findings: list[Finding]) -> list[Finding]:
    """The findings of several runs in the order one run of all the rules gives them."""
    return sorted(findings, key=report_order(select_rules()))
