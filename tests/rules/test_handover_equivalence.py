"""The handover's fast paths give what the slow, obviously right ways give.

The what-if runs only the rules that read ``$excluded``, focused on what the leaver holds; the
successors come from pooled queries that read each candidate once. Here both are compared, for
several people of the example forvaltning and of a small generated municipality, with the
whole catalogue run twice unfocused, and with the successor query as it was before it was
pooled: one row per role and candidate, each with everything the ranking needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks import importing
from benchmarks.generate import generate
from core.settings import RuleSettings
from examples.catalogue import SNAPSHOT
from graph.driver import Graph
from graph.handover import handover
from graph.rules import Entity, Finding, diff, evaluate, role_weights
from graph.successors import _HOLDER_TYPES, Succession, _pool_item, _ranked
from schema.catalogue import expand_macros
from schema.model import NOT_IN_USE_LIFECYCLES
from tests.test_documented_output import documented_sources, load

# The successor pool before it was pooled (graph/successors.py until December 2026).
_IN_SECRETARIAT = (
    "EXISTS { MATCH (c)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m) "
    "AND (coalesce(u.is_secretariat, false) "
    "OR EXISTS { MATCH (u)-[:PART_OF*1..4]->(t:OrgUnit) WHERE t.is_secretariat }) }"
)
_POOL = """
// No leaver (a role to fill where nobody left): the pool is everything but the leaver's office.
OPTIONAL MATCH (leaver:Person {key: $leaver})
WITH leaver, COLLECT {
  MATCH (leaver)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m) RETURN DISTINCT u
} AS offices
WITH leaver, offices, COLLECT {
  UNWIND offices AS o MATCH (o)-[:PART_OF*0..4]->(d:OrgUnit) WHERE d.depth = 1
  RETURN DISTINCT d
} AS depts
// One statement for all of the leaver's vacated roles on targets of this label.
UNWIND $items AS item
MATCH (x:`LABEL` {key: item.target})
// Kept small on purpose: a large system has thousands of users and super-users.
CALL (x, offices, depts, item) {
  MATCH (c:Person)-[r]->(x) WHERE type(r) IN $pool_types AND @current(r) RETURN c
  UNION
  UNWIND offices AS o MATCH (c:Person)-[m:MEMBER_OF|MANAGES]->(o) WHERE @current(m) RETURN c
  UNION
  UNWIND depts AS d
  MATCH (c:Person)-[m:MEMBER_OF|MANAGES]->(:OrgUnit)-[:PART_OF*0..3]->(d)
  WHERE @current(m)
    AND EXISTS { (c)-[:OWNS|RESPONSIBLE_FOR|ADMINISTERS|MANAGES]->() }
  RETURN c
  UNION
  MATCH (u:OrgUnit)-[y:USES]->(x) WHERE @current(y)
  MATCH (c:Person)-[m:MANAGES]->(u) WHERE @current(m) RETURN c
  UNION
  MATCH (u:OrgUnit)-[y:USES]->(x) WHERE item.owner AND @current(y)
  MATCH (u)-[:PART_OF*1..4]->(:OrgUnit)<-[m:MANAGES]-(c:Person) WHERE @current(m) RETURN c
  UNION
  MATCH (x)-[:PART_OF]->(:OrgUnit)<-[m:MANAGES]-(c:Person) WHERE @current(m) RETURN c
  UNION
  MATCH (c:Person)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit)
  WHERE item.secretariat AND u.is_secretariat AND @current(m) RETURN c
}
WITH DISTINCT leaver, x, item, offices, depts, c
WHERE (leaver IS NULL OR c <> leaver) AND @present(c)
RETURN item.index AS item, c.key AS key, c.name AS name, c.line_level AS level,
  COLLECT { MATCH (c)-[r]->(x) WHERE type(r) IN $holder_types AND @current(r)
    RETURN DISTINCT @role(r, x) } AS holds,
  [o IN offices WHERE EXISTS {
    MATCH (c)-[m:MEMBER_OF|MANAGES]->(o) WHERE @current(m) } | o.name] AS same_office,
  [d IN depts WHERE EXISTS {
    MATCH (c)-[m:MEMBER_OF|MANAGES]->(:OrgUnit)-[:PART_OF*0..3]->(d) WHERE @current(m)
  } | d.name] AS same_department,
  COLLECT { MATCH (c)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit)-[y:USES]->(x)
    WHERE @current(m) AND @current(y) RETURN DISTINCT u.name } AS using_units,
  COLLECT { MATCH (c)-[m:MANAGES]->(:OrgUnit) WHERE @current(m)
    RETURN DISTINCT coalesce(m.level, 'kontorleder') } AS leads,
  EXISTS { MATCH (c)-[m:MANAGES]->(:OrgUnit)<-[:PART_OF]-(x) WHERE @current(m) } AS leads_above,
  EXISTS { MATCH (c)-[m:MANAGES]->(l:OrgUnit)<-[:PART_OF*0..4]-(:OrgUnit)-[y:USES]->(x)
    WHERE @current(m) AND @current(y) } AS leads_user,
  EXISTS { MATCH (c)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m)
    AND (coalesce(u.is_central_it, false)
      OR EXISTS { MATCH (u)-[:PART_OF*1..6]->(t:OrgUnit) WHERE t.is_central_it }) } AS central_it,
  SECRETARIAT AS secretariat,
  COLLECT { MATCH (c)-[h:HOLDS_ROLE]->(r:Role) WHERE @current(h) RETURN DISTINCT r.key }
    AS org_roles
"""
_REFERENCE_POOLS = {
    label: expand_macros(_POOL.replace("LABEL", label).replace("SECRETARIAT", _IN_SECRETARIAT))
    for label in _HOLDER_TYPES
}
_REFERENCE_LOAD = expand_macros(
    "UNWIND $keys AS key MATCH (p:Person {key: key}) RETURN key, "
    "COLLECT { MATCH (p)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF]->(s:System) "
    "WHERE @current(r) AND @in_use(s) RETURN DISTINCT @role(r, s) + '|' + s.key } "
    "+ COLLECT { MATCH (p)-[r:HOLDS_ROLE]->(x:Role) WHERE @current(r) "
    "RETURN DISTINCT x.key + '|' + x.key } AS held"
)


def _reference_successors(
    graph: Graph, leaver: str, vacated: Sequence[tuple[str, Entity]], *, as_of: date
) -> list[Succession]:
    settings = RuleSettings()
    weights = role_weights(settings)
    items = [(i, r, t) for i, (r, t) in enumerate(vacated) if t.label in _HOLDER_TYPES]
    pools: dict[int, list[dict[str, Any]]] = {i: [] for i, _, _ in items}
    for i, role, target in items:
        item = _pool_item(i, role, target, {})
        item["owner"] = role == "systemejer"
        rows = graph.query(
            _REFERENCE_POOLS[target.label],
            leaver=leaver,
            items=[item],
            as_of=as_of,
            excluded=[leaver],
            not_in_use=list(NOT_IN_USE_LIFECYCLES),
            holder_types=_HOLDER_TYPES[target.label],
            pool_types=[t for t in _HOLDER_TYPES[target.label] if t != "SUPERUSER_OF"],
        )
        pools[i] = rows
    keys = sorted({row["key"] for rows in pools.values() for row in rows})
    loaded = graph.query(
        _REFERENCE_LOAD, keys=keys, as_of=as_of, not_in_use=list(NOT_IN_USE_LIFECYCLES)
    )
    loads = {r["key"]: sum(weights.get(h.split("|", 1)[0], 0.0) for h in r["held"]) for r in loaded}
    return [
        Succession(
            role=role,
            target=target,
            candidates=_ranked(role, target, pools[i], loads, weights, settings),
        )
        for i, role, target in items
    ]


def _ids(findings: list[Finding]) -> list[tuple[str, ...]]:
    return [f.identity for f in findings]


def _candidates(successions: list[Succession]) -> list[Any]:
    """Each role's candidates, with their score, load and reasons (reasons in any order: a
    candidate holding two roles on one target may name them in either order)."""
    return [
        (
            s.role,
            s.target.key,
            [
                (c.person.key, c.score, c.load, sorted(r.en for r in c.reasons))
                for c in s.candidates
            ],
        )
        for s in successions
    ]


def _people(graph: Graph, as_of: date) -> list[str]:
    """The busiest role holders, a typical one, and one without roles."""
    rows = graph.query(
        "MATCH (p:Person) WHERE coalesce(p.valid_to, date('9999-12-31')) > $as_of "
        "RETURN p.key AS key, COUNT { (p)-[:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|"
        "HOLDS_ROLE|SITS_IN|MANAGES]->() } AS roles ORDER BY roles DESC, key",
        as_of=as_of,
    )
    holders = [r["key"] for r in rows if r["roles"] > 0]
    idle = [r["key"] for r in rows if r["roles"] == 0]
    return [*holders[:4], holders[len(holders) // 2], *idle[:1]]


def _assert_same(graph: Graph, as_of: date) -> None:
    people = _people(graph, as_of)
    assert len(people) >= 5
    everything = evaluate(graph, as_of=as_of)
    changes = ranked = 0
    for person in people:
        impact = handover(graph, person, as_of=as_of)
        new, resolved = diff(everything, evaluate(graph, as_of=as_of, excluded=[person]))
        assert _ids(impact.new_findings) == _ids(new), person
        assert _ids(impact.resolved_findings) == _ids(resolved), person
        vacated = [(r.role, r.target) for r in impact.roles if r.sole]
        expected = _reference_successors(graph, person, vacated, as_of=as_of)
        assert _candidates(impact.successors) == _candidates(expected), person
        changes += len(new) + len(resolved)
        ranked += sum(len(s.candidates) for s in expected)
    # Not vacuous: the departures change findings, and the roles they vacate have candidates.
    assert changes > 0 and ranked > 0


def test_handover_matches_the_slow_way_on_the_example_forvaltning(
    graph: Graph, examples: Path
) -> None:
    load(graph, examples, documented_sources())
    _assert_same(graph, SNAPSHOT)


def test_handover_matches_the_slow_way_on_a_generated_municipality(
    model_graph: Graph, tmp_path: Path
) -> None:
    manifest = generate(tmp_path, scale=0.01, seed=5)
    importing.import_sources(model_graph, importing.read_sources(tmp_path, manifest))
    _assert_same(model_graph, date.fromisoformat(manifest.snapshot))
