"""Handover impact: what falls vacant, which rules break, and who could take over, if one leaves.

The findings come from the gap rules themselves, run twice: as things are, and with the person
excluded (``graph.rules.what_if``). So the handover says what ``govgraph gaps`` would say the
day after.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from core.errors import NotFound
from core.finding_text import native, role_name
from core.settings import RuleSettings
from graph.driver import Graph
from graph.rules import Entity, Finding
from graph.successors import Succession, find_successors
from graph.whatif import what_if
from schema import governance
from schema.catalogue import Text, expand_macros

RoleKind = Literal["line", "system", "forum", "organisation"]
_KINDS: dict[str, RoleKind] = {
    "MANAGES": "line",
    "OWNS": "system",
    "RESPONSIBLE_FOR": "system",
    "ADMINISTERS": "system",
    "SUPERUSER_OF": "system",
    "SITS_IN": "forum",
    "HOLDS_ROLE": "organisation",
}

_PERSON = expand_macros(
    "MATCH (p:Person {key: $key}) "
    "RETURN p.key AS key, p.name AS name, p.email AS email, p.line_level AS line_level, "
    "p.valid_to AS valid_to, COLLECT { MATCH (p)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) "
    "WHERE @current(m) RETURN DISTINCT {label: 'OrgUnit', key: u.key, name: u.name} AS unit "
    "ORDER BY unit.name } AS units"
)
_ROLES = expand_macros(
    "MATCH (p:Person {key: $key})"
    "-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|HOLDS_ROLE|SITS_IN|MANAGES]->(x) "
    "WHERE @current(r) AND @current(x) "
    "WITH DISTINCT p, x, type(r) AS type, @role(r, x) AS role "
    "RETURN type, role, {label: head(labels(x)), key: x.key, name: x.name} AS target, "
    # Typed expansions: a system has thousands of super-users, read only for a super-user.
    "COUNT { MATCH (o:Person)-[r2:SUPERUSER_OF]->(x) WHERE type = 'SUPERUSER_OF' AND o <> p "
    "AND @current(r2) AND @present(o) } "
    "+ COUNT { MATCH (o:Person)-[r2:OWNS|RESPONSIBLE_FOR|ADMINISTERS|HOLDS_ROLE|SITS_IN|MANAGES]"
    "->(x) WHERE type(r2) = type AND o <> p AND @current(r2) AND @present(o) } AS others "
    "ORDER BY type, target.name, target.key"
)


class Asks(BaseModel):
    """Something the governance model asks of a role, and how often."""

    key: str
    title: Text
    text: Text
    cadence: str


class HeldRole(BaseModel):
    """One role a person holds, and what the model asks of it."""

    kind: RoleKind
    role: str
    role_name: Text
    target: Entity
    sole: bool = Field(description="Nobody else holds this role on this target.")
    asks: list[Asks]


class SoleHolding(BaseModel):
    """A system where the person is the only holder of a role."""

    system: Entity
    role: str


class PersonInfo(BaseModel):
    """The person a handover is about."""

    key: str
    name: str | None = None
    email: str | None = None
    line_level: str | None = None
    valid_to: date | None = Field(default=None, description="Leave date (exclusive), if known.")
    units: list[Entity] = Field(default_factory=list)


class HandoverImpact(BaseModel):
    """What the governance model loses when a person leaves, and who could take over."""

    person: PersonInfo
    roles: list[HeldRole]
    new_findings: list[Finding]
    resolved_findings: list[Finding]
    sole_holder_of: list[SoleHolding]
    successors: list[Succession]
    as_of: date = Field(exclude=True)


def handover(
    graph: Graph,
    person_key: str,
    *,
    as_of: date,
    settings: RuleSettings | None = None,
    with_successors: bool = True,
) -> HandoverImpact:
    """The handover impact of ``person_key`` leaving on ``as_of``."""
    rules = settings or RuleSettings()
    # Independent reads: on two cores the what-if runs beside the person's roles and the
    # successor ranking (both about as long for the busiest holder), from the start.
    with ThreadPoolExecutor(max_workers=1) as pool:
        changes = pool.submit(what_if, graph, as_of=as_of, leaving=[person_key], params=rules)
        person = person_info(graph, person_key, as_of=as_of)
        roles = held_roles(graph, person_key, as_of=as_of)
        vacated = [r for r in roles if r.sole]
        pairs = [(r.role, r.target) for r in vacated] if with_successors else []
        successors = find_successors(graph, person_key, pairs, as_of=as_of, settings=rules)
        new, resolved = changes.result()
    return HandoverImpact(
        person=person,
        roles=roles,
        new_findings=new,
        resolved_findings=resolved,
        sole_holder_of=[
            SoleHolding(system=r.target, role=r.role) for r in vacated if r.kind == "system"
        ],
        successors=successors,
        as_of=as_of,
    )


def person_info(graph: Graph, key: str, *, as_of: date) -> PersonInfo:
    """The person's name, e-mail, level, leave date and current units."""
    rows = graph.query(_PERSON, key=key, as_of=as_of)
    if not rows:
        raise NotFound(f"No person has the key '{key}'.", hint="Check the HR id or e-mail.")
    return PersonInfo(**native(rows[0]))


def held_roles(graph: Graph, key: str, *, as_of: date) -> list[HeldRole]:
    """The person's current line, system, forum and organisational roles."""
    rows = graph.read_values(_ROLES, key=key, as_of=as_of, excluded=[])
    held = []
    for row in rows:
        target = Entity(**row["target"])
        held.append(
            HeldRole(
                kind=_KINDS[row["type"]],
                role=row["role"],
                role_name=role_name(row["role"]),
                target=target,
                sole=row["others"] == 0,
                asks=_asks(row["type"], row["role"], target),
            )
        )
    order = list(_KINDS.values())
    held.sort(key=lambda r: (order.index(r.kind), (r.target.name or "").casefold(), r.role))
    return held


def _asks(rtype: str, role: str, target: Entity) -> list[Asks]:
    if rtype == "SITS_IN":
        try:
            forum = governance.forum(target.key)
        except KeyError:
            return []
        return [
            Asks(
                key=forum.key,
                title=Text(da=forum.name, en=forum.name_en),
                text=Text(da=forum.description_da, en=forum.description_en),
                cadence=forum.cadence.value if forum.cadence else "ongoing",
            )
        ]
    return list(_role_asks(role))


@lru_cache(maxsize=128)
def _role_asks(role: str) -> tuple[Asks, ...]:
    """What the model asks of a role (fixed): the same for each of a busy holder's systems."""
    try:
        found = governance.responsibilities_of(role)
    except KeyError:
        return ()
    return tuple(
        Asks(
            key=r.key,
            title=Text(da=r.title_da, en=r.title_en),
            text=Text(da=r.text_da, en=r.text_en),
            cadence=r.cadence.value,
        )
        for r in found
    )
