"""Who a campaign asks: the role holders of a scope and every role they hold there, as of a day."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from graph.campaign_model import HeldRole, NewCampaign
from schema.campaigns import ASKED_ORGANISATION_ROLES, ASKED_RELATIONSHIPS, ScopeKind
from schema.catalogue import expand_macros

_ROLE_TYPES = "OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|SITS_IN|HOLDS_ROLE"
_HOLDING = (
    "{rel: type(r), target_label: head(labels(x)), target_key: x.key, "
    "target_name: coalesce(x.name, x.name_da, x.key), kind: r.kind, forum_role: r.role}"
)
_UNIT_OF = (
    "CALL (p) { OPTIONAL MATCH (p)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) "
    "WHERE @current(m, $today) RETURN u ORDER BY type(m) DESC, u.key LIMIT 1 } "
)
_RETURN = (
    "RETURN p.key AS person, p.name AS name, p.email AS email, p.lang AS lang, "
    "u.key AS unit_key, u.name AS unit_name, roles ORDER BY p.key"
)
# The people working in the unit or a unit under it, with every role they hold.
_IN_UNIT = expand_macros(
    "MATCH path = (u:OrgUnit)-[:PART_OF*0..12]->(:OrgUnit {key: $unit}) "
    "WHERE all(n IN nodes(path) WHERE @current(n, $today)) "
    "AND all(r IN relationships(path) WHERE @current(r, $today)) "
    "MATCH (p:Person)-[m:MEMBER_OF|MANAGES]->(u) WHERE @current(m, $today) "
    "AND @current(p, $today) WITH DISTINCT p "
    f"MATCH (p)-[r:{_ROLE_TYPES}]->(x) WHERE @current(r, $today) AND @current(x, $today) "
    "AND (type(r) <> 'HOLDS_ROLE' OR x.key IN $org_roles) "
    f"WITH p, collect({_HOLDING}) AS roles {_UNIT_OF}{_RETURN}"
)
# The holders of roles on the given systems, with those roles only.
_ON_SYSTEMS = expand_macros(
    "MATCH (p:Person)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF]->(x:System) "
    "WHERE x.key IN $systems AND @current(r, $today) AND @current(p, $today) "
    f"WITH p, collect({_HOLDING}) AS roles {_UNIT_OF}{_RETURN}"
)


def holders_in_scope(
    tx: ManagedTransaction, campaign: NewCampaign, *, today: Any
) -> list[dict[str, Any]]:
    """One row per holder: person, name, email, lang, unit, and the roles asked about."""
    if campaign.scope is ScopeKind.UNIT:
        result = tx.run(
            _IN_UNIT, unit=campaign.unit, today=today, org_roles=list(ASKED_ORGANISATION_ROLES)
        )
    else:
        result = tx.run(_ON_SYSTEMS, systems=campaign.systems, today=today)
    rows = []
    for record in result:
        row = record.data()
        row["roles"] = held_roles(row["roles"])
        rows.append(row)
    return rows


def held_roles(holdings: list[dict[str, Any]]) -> list[HeldRole]:
    """The roles of one holder, in a stable order, numbered r1, r2, ..."""
    roles = sorted(
        holdings, key=lambda h: (h["rel"], h["target_name"] or "", h["target_key"], h["kind"] or "")
    )
    return [
        HeldRole(
            id=f"r{i}",
            role=ASKED_RELATIONSHIPS.get(h["rel"], h["target_key"]),
            relationship=h["rel"],
            target_label=h["target_label"],
            target_key=h["target_key"],
            target_name=h["target_name"],
            kind=h["kind"],
            forum_role=h["forum_role"],
        )
        for i, h in enumerate(roles, start=1)
    ]
