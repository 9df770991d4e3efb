"""Concentration of risk: the bus factor of each system, and the people whose leaving hurts most.

Neo4j stays the one source of truth: one read projects the current role holdings into a networkx
bipartite graph (people on one side; systems, units, forums and roles on the other) and the
measures are taken there. The people the projection ranks highest are then checked exactly, by
running the gap rules with each of them excluded.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from core.settings import RuleSettings
from graph.driver import Graph
from graph.rules import Entity
from graph.whatif import what_if
from schema.catalogue import expand_macros
from schema.model import NOT_IN_USE_LIFECYCLES

if TYPE_CHECKING:
    import networkx as nx

CRITICAL = ("systemejer", "systemansvarlig", "systemadministrator")
_PROJECTION = expand_macros(
    "MATCH (p:Person)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|HOLDS_ROLE|SITS_IN|"
    "MANAGES]->(x) WHERE @current(r) AND @present(p) AND @current(x) "
    "AND (NOT x:System OR @in_use(x)) "
    "RETURN DISTINCT p.key AS person, p.name AS person_name, head(labels(x)) AS label, "
    "x.key AS key, x.name AS name, @role(r, x) AS role"
)
_SYSTEMS = expand_macros(
    "MATCH (s:System) WHERE @in_use(s) RETURN s.key AS key, s.name AS name ORDER BY s.name"
)


class SystemRisk(BaseModel):
    """How many people a system's critical roles rest on."""

    system: Entity
    bus_factor: int = Field(
        description="Fewest holders of any critical role: that many leavers leave it vacant."
    )
    holders: int = Field(description="Active people holding any of its critical roles.")
    vacant: list[str] = Field(description="Critical roles nobody holds.")
    single: list[str] = Field(description="Critical roles exactly one person holds.")


class PersonRisk(BaseModel):
    """What one person's leaving would do."""

    person: Entity
    systems: int = Field(description="Systems where the person holds a critical role.")
    sole: int = Field(description="Roles (any kind) the person alone holds on their target.")
    new_findings: int
    new_high: int
    rules: list[str]


class RiskReport(BaseModel):
    """Bus factor per system, weakest first, and the people whose leaving breaks most."""

    as_of: date
    systems: list[SystemRisk]
    people: list[PersonRisk]


def project(graph: Graph, *, as_of: date) -> nx.Graph:
    """People and what they hold, as a bipartite graph; edges carry the set of roles."""
    import networkx as nx  # here, not at the top: it costs every CLI start 0.3 s

    params: dict[str, Any] = {
        "as_of": as_of,
        "excluded": [],
        "not_in_use": list(NOT_IN_USE_LIFECYCLES),
    }
    g = nx.Graph()
    for row in graph.query(_SYSTEMS, **params):
        g.add_node(("System", row["key"]), name=row["name"], side="target")
    for row in graph.query(_PROJECTION, **params):
        person, target = ("Person", row["person"]), (row["label"], row["key"])
        g.add_node(person, name=row["person_name"], side="person")
        g.add_node(target, name=row["name"], side="target")
        if g.has_edge(person, target):
            g.edges[person, target]["roles"].add(row["role"])
        else:
            g.add_edge(person, target, roles={row["role"]})
    return g


def system_risks(g: nx.Graph) -> list[SystemRisk]:
    """The bus factor of every system in use, weakest first."""
    out = []
    for node, data in g.nodes(data=True):
        if node[0] != "System":
            continue
        holders: Counter[str] = Counter()
        people = set()
        for person in g.neighbors(node):
            for role in g.edges[person, node]["roles"] & set(CRITICAL):
                holders[role] += 1
                people.add(person)
        out.append(
            SystemRisk(
                system=Entity(label="System", key=node[1], name=data.get("name")),
                bus_factor=min(holders[r] for r in CRITICAL),
                holders=len(people),
                vacant=[r for r in CRITICAL if holders[r] == 0],
                single=[r for r in CRITICAL if holders[r] == 1],
            )
        )
    out.sort(key=lambda s: (s.bus_factor, s.holders, (s.system.name or "").casefold()))
    return out


def sole_holdings(g: nx.Graph, person: tuple[str, str]) -> tuple[int, int]:
    """(systems with a critical role, roles nobody else holds on their target) of a person."""
    systems, sole = 0, 0
    for target in g.neighbors(person):
        roles = g.edges[person, target]["roles"]
        if target[0] == "System" and roles & set(CRITICAL):
            systems += 1
        for role in roles:
            others = [
                p
                for p in g.neighbors(target)
                if p != person and role in g.edges[p, target]["roles"]
            ]
            sole += not others
    return systems, sole


def concentration(
    graph: Graph, *, as_of: date, settings: RuleSettings | None = None, top: int = 10
) -> RiskReport:
    """Bus factors, and the ``top`` people whose leaving breaks most rules (checked exactly)."""
    rules = settings or RuleSettings()
    g = project(graph, as_of=as_of)
    ranked = sorted(
        (
            (*sole_holdings(g, node), node, data.get("name"))
            for node, data in g.nodes(data=True)
            if data.get("side") == "person"
        ),
        key=lambda t: (-t[1], -t[0], str(t[3]).casefold()),
    )[:top]
    people = []
    for systems, sole, node, name in ranked:
        new, _ = what_if(graph, as_of=as_of, leaving=[node[1]], params=rules)
        violated = [f for f in new if f.status == "violated"]
        people.append(
            PersonRisk(
                person=Entity(label="Person", key=node[1], name=name),
                systems=systems,
                sole=sole,
                new_findings=len(violated),
                new_high=sum(1 for f in violated if f.severity == "high"),
                rules=sorted({f.rule for f in violated}),
            )
        )
    people.sort(key=lambda p: (-p.new_high, -p.new_findings, -p.sole, p.person.key))
    return RiskReport(as_of=as_of, systems=system_risks(g), people=people)
