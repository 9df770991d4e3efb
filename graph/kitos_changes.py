"""The KITOS change list: per system, the role assignments to add and remove in KITOS so that
KITOS agrees with the register (the register workbook and the decisions made in govgraph).

Removed: a holder KITOS names whom a decision replaced or ended (DQ-04), also while no KITOS
import has come since the decision; and a KITOS systemejer or systemansvarlig other than the one
the register names. Added: a holder a decision appointed that the last KITOS import did not list
(the writer marks a decision's holding KITOS lists too with ``in_kitos``).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from graph.driver import Graph
from graph.entities.common import native
from graph.rules import Entity
from schema.catalogue import expand_macros
from schema.model import NOT_IN_USE_LIFECYCLES

_LAST_KITOS = "MATCH (r:ImportRun {scope: 'kitos'}) RETURN max(r.started_at) AS last"
_REMOVE = expand_macros("""
MATCH (s:System) WHERE @in_use(s)
MATCH (x:Person)-[k:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF]->(s)
WHERE k.source = 'kitos' AND (@current(k)
  OR EXISTS { MATCH (d:Decision {key: k.ended_by})
              WHERE $last_kitos IS NULL OR coalesce(d.approved_at, d.proposed_at) > $last_kitos })
WITH s, x, k, type(k) AS type, @role(k, s) AS role
WITH s, x, k, type, role, COLLECT {
  MATCH (x)-[e]->(s) WHERE type(e) = type AND e.valid_to <= $as_of
  MATCH (d:Decision {key: e.ended_by}) RETURN d ORDER BY e.valid_to DESC LIMIT 1
} AS ended, COLLECT {
  MATCH (y:Person)-[h]->(s) WHERE type(h) = type AND h.source IN ['register', 'decision']
    AND @current(h) AND y <> x RETURN y
} AS register
WHERE size(ended) > 0 OR (type IN ['OWNS', 'RESPONSIBLE_FOR'] AND size(register) > 0
  AND NOT EXISTS { MATCH (x)-[h]->(s) WHERE type(h) = type
    AND h.source IN ['register', 'decision'] AND @current(h) })
RETURN DISTINCT s.key AS system, s.name AS system_name, role, x.key AS person,
  x.name AS name, x.email AS email, head([d IN ended | d.key]) AS decision,
  head([d IN ended | d.effective_date]) AS since
""")
_ADD = expand_macros("""
MATCH (s:System) WHERE @in_use(s)
MATCH (y:Person)-[h:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF]->(s)
WHERE h.source = 'decision' AND NOT coalesce(h.in_kitos, false) AND h.ended_by IS NULL
  AND coalesce(h.valid_to, date('9999-12-31')) > $as_of
  AND NOT EXISTS { MATCH (y)-[k]->(s) WHERE type(k) = type(h) AND k.source = 'kitos'
                   AND @current(k) }
RETURN DISTINCT s.key AS system, s.name AS system_name, @role(h, s) AS role, y.key AS person,
  y.name AS name, y.email AS email, h.decided_by AS decision, h.valid_from AS since
""")


class KitosChange(BaseModel):
    """One role assignment to add or remove in KITOS, and the decision behind it."""

    system: Entity
    action: Literal["add", "remove"]
    role: str = Field(description="The model's role, e.g. systemejer or fag-superbruger.")
    person: Entity
    email: str | None = None
    since: date | None = Field(default=None, description="From when the register says so.")
    decision: str | None = None


def kitos_changes(graph: Graph, *, as_of: date) -> list[KitosChange]:
    """What to change in KITOS, per system (by name), removals first."""
    last = graph.query(_LAST_KITOS)[0]["last"]
    params = {
        "as_of": as_of,
        "excluded": [],
        "not_in_use": list(NOT_IN_USE_LIFECYCLES),
        "last_kitos": last,
    }
    found: list[KitosChange] = []
    for action, query in (("remove", _REMOVE), ("add", _ADD)):
        for row in graph.query(query, **params):
            r = native(row)
            found.append(
                KitosChange(
                    system=Entity(label="System", key=r["system"], name=r["system_name"]),
                    action=action,  # type: ignore[arg-type]
                    role=r["role"],
                    person=Entity(label="Person", key=r["person"], name=r["name"]),
                    email=r["email"],
                    since=r["since"],
                    decision=r["decision"],
                )
            )
    found.sort(key=lambda c: ((c.system.name or c.system.key).casefold(), c.action != "remove"))
    return found
