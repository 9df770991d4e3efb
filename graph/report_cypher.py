"""The Cypher of the quarterly overview and the review calendar, and how it is run."""

from __future__ import annotations

from typing import Any

import neo4j.time
from neo4j import ManagedTransaction

from graph.driver import Graph


def _current(x: str, day: str = "$as_of") -> str:
    return (
        f"(({x}.valid_from IS NULL OR {x}.valid_from <= {day}) "
        f"AND ({x}.valid_to IS NULL OR {x}.valid_to > {day}))"
    )


def _in_use(s: str) -> str:
    return (
        f"({_current(s)} AND coalesce({s}.kitos_valid, true) "
        f"AND NOT coalesce({s}.lifecycle, '') IN $not_in_use)"
    )


# Every unit current at $as_of with its department: the nearest afdeling (depth 1) or central
# IT unit above it; the forvaltning itself is its own department.
UNIT_DEPARTMENTS = f"""
MATCH (u:OrgUnit) WHERE {_current("u")}
OPTIONAL MATCH path = (u)-[:PART_OF*0..10]->(d:OrgUnit)
WHERE (d.depth = 1 OR d.is_central_it = true)
  AND all(r IN relationships(path) WHERE {_current("r")})
WITH u, d, length(path) AS hops ORDER BY hops
WITH u, collect(d)[0] AS d
RETURN u.key AS key, u.name AS name,
       coalesce(d.name, CASE WHEN u.depth = 0 THEN u.name END) AS department
"""

# Every system current at $as_of, its current owners (each with the unit they lead, else the
# unit they work in), vendors and KITOS's responsible units.
SYSTEMS = f"""
MATCH (s:System) WHERE {_current("s")}
RETURN s.key AS key, s.name AS name, s.lifecycle AS lifecycle, {_in_use("s")} AS in_use,
       s.financing_source AS financing_source,
       s.expected_users_lower AS users_lower, s.expected_users_upper AS users_upper,
       COLLECT {{
         MATCH (s)-[r:SUPPLIED_BY]->(v:Vendor) WHERE {_current("r")}
         RETURN DISTINCT v.name AS vendor ORDER BY vendor
       }} AS vendors,
       COLLECT {{
         MATCH (p:Person)-[r:OWNS]->(s) WHERE {_current("r")}
         WITH DISTINCT p
         RETURN {{key: p.key, name: p.name,
                 gone: p.valid_to IS NOT NULL AND p.valid_to <= $as_of,
                 unit: head(COLLECT {{
                   MATCH (p)-[m:MANAGES]->(u:OrgUnit) WHERE {_current("m")}
                   RETURN u.key ORDER BY coalesce(u.depth, -1) DESC, u.key
                 }} + COLLECT {{
                   MATCH (p)-[m:MEMBER_OF]->(u:OrgUnit) WHERE {_current("m")}
                   RETURN u.key ORDER BY u.key
                 }})}} AS owner ORDER BY toLower(coalesce(p.name, '')), p.key
       }} AS owners,
       COLLECT {{
         MATCH (u:OrgUnit)-[r:RESPONSIBLE_UNIT_FOR]->(s) WHERE {_current("r")}
         RETURN u.key ORDER BY u.key
       }} AS responsible_units
ORDER BY toLower(coalesce(s.name, '')), s.key
"""

IMPORT_RUNS = """
MATCH (r:ImportRun)
RETURN r.key AS key, r.scope AS scope, r.snapshot_date AS snapshot, r.started_at AS started
"""

# A thing was added in the period when its valid_from falls in it, or when an import other
# than its scope's first created it in the period; it ended when its valid_to falls in it.
_ADDED = """CASE
  WHEN {x}.valid_from >= $start AND {x}.valid_from <= $as_of THEN {x}.valid_from
  WHEN run.snapshot_date >= $start AND run.snapshot_date <= $as_of
       AND NOT run.key IN $baselines AND coalesce({x}.valid_from < $start, true)
    THEN run.snapshot_date
END"""
_ENDED = "CASE WHEN {x}.valid_to >= $start AND {x}.valid_to <= $as_of THEN {x}.valid_to END"

SYSTEM_CHANGES = f"""
MATCH (s:System)
OPTIONAL MATCH (run:ImportRun {{key: s.created_by}})
WITH s, {_ADDED.format(x="s")} AS added, {_ENDED.format(x="s")} AS ended
WHERE added IS NOT NULL OR ended IS NOT NULL
RETURN s.key AS system_key, s.name AS system_name, added, ended
"""

OWNER_CHANGES = f"""
MATCH (p:Person)-[o:OWNS]->(s:System)
OPTIONAL MATCH (run:ImportRun {{key: o.created_by}})
WITH p, s, {_ADDED.format(x="o")} AS added, {_ENDED.format(x="o")} AS ended
WHERE added IS NOT NULL OR ended IS NOT NULL
RETURN s.key AS system_key, s.name AS system_name, p.key AS person_key, p.name AS person_name,
       added, ended
"""

# Owners still registered on a system who left during the quarter or leave before the end of
# the next one.
OWNER_DEPARTURES = f"""
MATCH (p:Person)-[o:OWNS]->(s:System)
WHERE {_current("o")} AND {_current("s")} AND p.valid_to >= $start AND p.valid_to <= $until
RETURN DISTINCT s.key AS system_key, s.name AS system_name, p.key AS person_key,
       p.name AS person_name, p.valid_to AS leaves
"""

PERSON = """
MATCH (p:Person) WHERE p.key = $ref OR p.email = toLower($ref)
RETURN p.key AS key, p.name AS name, p.email AS email
ORDER BY p.key = $ref DESC, p.ended_by IS NULL DESC, p.key LIMIT 1
"""

# What a person holds on systems in use, with each system's dates and its held reviews.
PERSON_SYSTEMS = f"""
MATCH (p:Person {{key: $person}})-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF]->(s:System)
WHERE {_current("r")} AND {_in_use("s")}
RETURN type(r) AS rel, s.key AS key, s.name AS name,
       s.risk_assessment_date AS risk_done, s.planned_risk_assessment_date AS risk_planned,
       s.dpa_oversight_date AS dpa_oversight,
       COLLECT {{
         MATCH (rv:Review)-[:REVIEWS]->(s)
         WHERE rv.ended_by IS NULL AND rv.date <= $as_of
         RETURN {{kind: rv.kind, date: rv.date}} AS review
       }} AS reviews
"""

# The systems a digitaliseringskonsulent holds the owners' half-yearly reviews of: every owned
# system in use, when the person currently holds the role.
CONSULTANT_SYSTEMS = f"""
MATCH (p:Person {{key: $person}})-[h:HOLDS_ROLE]->(:Role {{key: 'digitaliseringskonsulent'}})
WHERE {_current("h")}
MATCH (s:System) WHERE {_in_use("s")}
  AND EXISTS {{ MATCH (:Person)-[o:OWNS]->(s) WHERE {_current("o")} }}
RETURN DISTINCT 'CONSULTS' AS rel, s.key AS key, s.name AS name,
       null AS risk_done, null AS risk_planned, null AS dpa_oversight,
       COLLECT {{
         MATCH (rv:Review)-[:REVIEWS]->(s)
         WHERE rv.ended_by IS NULL AND rv.date <= $as_of
         RETURN {{kind: rv.kind, date: rv.date}} AS review
       }} AS reviews
"""


def read(graph: Graph, cypher: str, **params: Any) -> list[dict[str, Any]]:
    """Run one read statement; Neo4j's dates as Python's; no warnings about absent properties."""

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        return [_native(record.data()) for record in tx.run(cypher, params)]

    return graph.read(work)


def _native(value: Any) -> Any:
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime):
        return value.to_native()
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_native(v) for v in value]
    return value
