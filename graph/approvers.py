"""Who must approve a decision about a system: the afdelingschef of its owning department.

The system's owning unit is its responsible unit in KITOS, else the unit its systemejer leads or
works in; the department is the department-level unit (depth 1) at or above it, and its current
manager is the one who approves (the model gives decision power on IT to the afdelingschefer).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from neo4j import ManagedTransaction
from pydantic import BaseModel

from schema.catalogue import expand_macros

_APPROVERS = expand_macros(
    "UNWIND $systems AS key MATCH (s:System {key: key}) "
    "WITH s, COLLECT { MATCH (u:OrgUnit)-[r:RESPONSIBLE_UNIT_FOR]->(s) WHERE @current(r) "
    "RETURN u } AS responsible, "
    "COLLECT { MATCH (o:Person)-[w:OWNS]->(s) WHERE @current(w) "
    "MATCH (o)-[m:MANAGES|MEMBER_OF]->(u:OrgUnit) WHERE @current(m) RETURN u } AS owners "
    "UNWIND CASE WHEN size(responsible) > 0 THEN responsible ELSE owners END AS u "
    "MATCH (u)-[:PART_OF*0..6]->(d:OrgUnit) WHERE d.depth = 1 "
    "MATCH (c:Person)-[m:MANAGES]->(d) WHERE @current(m) AND @current(c) "
    "WITH s, d, c ORDER BY d.key, c.key "
    "RETURN s.key AS system, head(collect({key: c.key, name: c.name, unit_key: d.key, "
    "unit_name: d.name})) AS approver"
)


class Approver(BaseModel):
    """The person who must approve, and the department they lead."""

    key: str
    name: str | None = None
    unit_key: str
    unit_name: str | None = None


def approvers(
    tx: ManagedTransaction, systems: Sequence[str], *, as_of: date
) -> dict[str, Approver]:
    """System key -> the afdelingschef of its owning department, where there is one."""
    if not systems:
        return {}
    rows = tx.run(_APPROVERS, systems=sorted(set(systems)), as_of=as_of)
    return {r["system"]: Approver(**r["approver"]) for r in rows if r["approver"]}
