"""Upcoming departures: people with a leave date ahead, ranked by what their leaving breaks."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, Field

from core.finding_text import native
from core.settings import RuleSettings
from graph.driver import Graph
from graph.handover import PersonInfo, held_roles
from graph.rules import Finding
from graph.whatif import what_if
from schema.catalogue import expand_macros

_LEAVING = expand_macros(
    "MATCH (p:Person) WHERE p.valid_to > $as_of AND p.valid_to <= $until "
    "AND (p.valid_from IS NULL OR p.valid_from <= $as_of) "
    "RETURN p.key AS key, p.name AS name, p.email AS email, p.line_level AS line_level, "
    "p.valid_to AS valid_to, COLLECT { MATCH (p)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) "
    "WHERE @current(m) RETURN DISTINCT {label: 'OrgUnit', key: u.key, name: u.name} } AS units, "
    "EXISTS { MATCH (p)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|HOLDS_ROLE|SITS_IN|"
    "MANAGES]->() WHERE @current(r) } AS has_roles "
    "ORDER BY p.valid_to, p.name"
)


class Departure(BaseModel):
    """A person who leaves within the window, and the summary of their handover impact."""

    person: PersonInfo
    leaves: date = Field(description="The first day the person is gone.")
    days: int = Field(description="Days from as_of to the leave date.")
    roles: int
    vacated: int = Field(description="Roles nobody else holds on the same target.")
    sole_systems: int
    new_findings: int
    new_high: int
    new_medium: int
    new_low: int
    resolved_findings: int
    rules: list[str] = Field(description="Ids of the rules that would get new findings.")


def upcoming_departures(
    graph: Graph, *, as_of: date, within: int, settings: RuleSettings | None = None
) -> list[Departure]:
    """People leaving after ``as_of`` and within ``within`` days, most critical first."""
    rules = settings or RuleSettings()
    rows = graph.query(_LEAVING, as_of=as_of, until=as_of + timedelta(days=within))
    if not rows:
        return []
    out = []
    for row in rows:
        row = native(row)
        roles = held_roles(graph, row["key"], as_of=as_of) if row["has_roles"] else []
        new: list[Finding] = []
        resolved: list[Finding] = []
        if roles:  # without roles, leaving changes no rule but the person's own DQ-03
            new, resolved = what_if(graph, as_of=as_of, leaving=[row["key"]], params=rules)
        broken = [f.severity for f in new if f.status == "violated"]
        out.append(
            Departure(
                person=PersonInfo(**{k: v for k, v in row.items() if k != "has_roles"}),
                leaves=row["valid_to"],
                days=(row["valid_to"] - as_of).days,
                roles=len(roles),
                vacated=sum(1 for r in roles if r.sole),
                sole_systems=len({r.target.key for r in roles if r.sole and r.kind == "system"}),
                new_findings=len(new),
                new_high=broken.count("high"),
                new_medium=broken.count("medium"),
                new_low=broken.count("low"),
                resolved_findings=len(resolved),
                rules=sorted({f.rule for f in new}),
            )
        )
    out.sort(key=lambda d: (-d.new_high, -d.new_findings, -d.sole_systems, -d.vacated, d.leaves))
    return out
