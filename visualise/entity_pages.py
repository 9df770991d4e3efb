"""What the person, system, unit and forum pages show, gathered from ``graph`` and ``schema``.

Each function returns the template's data and the person keys it reveals, for the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from core.settings import RuleSettings
from graph import entities, views
from graph.calendar import due_items
from graph.driver import Graph
from graph.entities import NodeRef, Relationship
from schema import governance
from schema.governance import Responsibility, Role
from visualise.findings import FindingIndex, person_keys
from visualise.network import Figure, build_network, render_figure
from visualise.render import PageContext

# The relationship types a person holds a track 2 role through, in the model's order.
# How far ahead the person pages list reviews and assessments that fall due.
DUE_HORIZON_DAYS = 120
SYSTEM_ROLE_TYPES: tuple[str, ...] = ("OWNS", "RESPONSIBLE_FOR", "ADMINISTERS", "SUPERUSER_OF")


@dataclass(slots=True)
class HeldRole:
    """A role of the model a person holds, where they hold it, and what the model asks."""

    role: Role
    on: list[NodeRef] = field(default_factory=list)

    @property
    def duties(self) -> tuple[Responsibility, ...]:
        """What the model asks of the role, its own duties first."""
        return governance.responsibilities_of(self.role.key)


@dataclass(slots=True)
class PageData:
    """A page's template data and the people it shows."""

    data: dict[str, Any]
    people: set[str]


class PageBuilder(Protocol):
    """What the page of one node is built by."""

    def __call__(
        self,
        graph: Graph,
        page: PageContext,
        key: str,
        *,
        index: FindingIndex,
        depth: int,
        node_cap: int,
        rules: RuleSettings,
    ) -> PageData: ...


def role_graph(
    graph: Graph,
    page: PageContext,
    *,
    label: str,
    key: str,
    depth: int,
    node_cap: int,
    index: FindingIndex,
) -> Figure:
    """The role graph around one node, with its findings marked."""
    view = entities.neighbourhood(
        graph, label, key, depth=depth, as_of=page.as_of, node_cap=node_cap
    )
    net = build_network(
        view.nodes,
        view.edges,
        lang=page.lang,
        url_of=page.node_url,
        findings=index.messages(page.lang),
        centre=view.centre,
    )
    return render_figure(
        net, element_id="role-graph", lang=page.lang, truncated=view.truncated, depth=depth
    )


def held_roles(
    line_level: str | None, relationships: list[Relationship], *, person: str
) -> list[HeldRole]:
    """The model's roles a person holds: their line role, system roles and organisational roles."""
    held: dict[str, HeldRole] = {}
    for line_role in governance.roles():
        if line_level and line_role.line_level == line_level:
            held[line_role.key] = HeldRole(line_role)
    for rel in relationships:
        if rel.start.key != person or rel.start.label != "Person":
            continue
        role = _role_of(rel)
        if role is not None:
            held.setdefault(role.key, HeldRole(role))
            if rel.type != "HOLDS_ROLE" and rel.end not in held[role.key].on:
                held[role.key].on.append(rel.end)
    order = {r.key: i for i, r in enumerate(governance.roles())}
    return sorted(held.values(), key=lambda h: order[h.role.key])


def person_details(
    graph: Graph, page: PageContext, key: str, *, index: FindingIndex, rules: RuleSettings
) -> PageData:
    """A person: line position, roles with the model's duties, forums, contacts, findings."""
    person = entities.get_person(graph, key, as_of=page.as_of)
    rels = entities.person_relationships(graph, key, as_of=page.as_of)
    outgoing = [r for r in rels if r.start.label == "Person" and r.start.key == key]
    units = [m.unit.key for m in person.units] or [m.unit.key for m in person.manages]
    contacts = views.unit_contacts(graph, units=units, as_of=page.as_of) if units else []
    leaders = [
        leader
        for unit in units
        for leader in entities.get_unit(graph, unit, as_of=page.as_of).leaders
        if leader.key != key
    ]
    found = index.about("Person", key)
    people = {key, *(h.key for c in contacts for h in c.holders), *(x.key for x in leaders)}
    return PageData(
        data={
            "person": person,
            "roles": held_roles(person.line_level, outgoing, person=key),
            "forums": [r.end for r in outgoing if r.type == "SITS_IN"],
            "other_roles": [r for r in outgoing if r.type == "HAS_SYSTEM_ROLE"],
            "contacts": contacts,
            "leaders": leaders,
            "home_units": set(units),
            "findings": found,
            "due": due_items(
                graph, key, as_of=page.as_of, horizon_days=DUE_HORIZON_DAYS, cadence=rules
            ),
        },
        people=people | person_keys(found),
    )


def person_page(
    graph: Graph,
    page: PageContext,
    key: str,
    *,
    index: FindingIndex,
    depth: int,
    node_cap: int,
    rules: RuleSettings,
) -> PageData:
    """The person's details and their role graph."""
    found = person_details(graph, page, key, index=index, rules=rules)
    figure = role_graph(
        graph, page, label="Person", key=key, depth=depth, node_cap=node_cap, index=index
    )
    found.data["figure"] = figure
    found.people |= figure.people
    return found


def system_page(
    graph: Graph,
    page: PageContext,
    key: str,
    *,
    index: FindingIndex,
    depth: int,
    node_cap: int,
    rules: RuleSettings,
) -> PageData:
    """A system: its system organisation, units, vendor, risk and DPA status, findings."""
    organisation = entities.system_organisation(graph, key, as_of=page.as_of)
    found = index.about("System", key)
    figure = role_graph(
        graph, page, label="System", key=key, depth=depth, node_cap=node_cap, index=index
    )
    return PageData(
        data={
            "org": organisation,
            "system": organisation.system,
            "findings": found,
            "figure": figure,
        },
        people=organisation.person_keys() | person_keys(found) | figure.people,
    )


def unit_page(
    graph: Graph,
    page: PageContext,
    key: str,
    *,
    index: FindingIndex,
    depth: int,
    node_cap: int,
    rules: RuleSettings,
) -> PageData:
    """A unit: leaders, people, the systems it uses and their super-users, findings."""
    unit = entities.get_unit(graph, key, as_of=page.as_of)
    contacts = views.unit_contacts(graph, units=[key], as_of=page.as_of)
    scope = views.unit_scope(graph, unit=key, as_of=page.as_of)
    found = index.about_any(f"{s['label']}:{s['key']}" for s in scope)
    figure = role_graph(
        graph, page, label="OrgUnit", key=key, depth=depth, node_cap=node_cap, index=index
    )
    people = unit.person_keys() | {h.key for c in contacts for h in c.holders}
    return PageData(
        data={
            "unit": unit,
            "contacts": contacts,
            "covered": {
                c.key
                for c in contacts
                if any(h.type == "SUPERUSER_OF" and key in h.units for h in c.holders)
            },
            "findings": found,
            "figure": figure,
        },
        people=people | person_keys(found) | figure.people,
    )


def forum_page(
    graph: Graph,
    page: PageContext,
    key: str,
    *,
    index: FindingIndex,
    depth: int,
    node_cap: int,
    rules: RuleSettings,
) -> PageData:
    """A forum: members, the representation the model requires, and whether it holds."""
    forum = entities.get_forum(graph, key, as_of=page.as_of)
    required = [_role_or_none(k) for k in forum.required_representation]
    found = index.about("Forum", key)
    figure = role_graph(
        graph, page, label="Forum", key=key, depth=depth, node_cap=node_cap, index=index
    )
    return PageData(
        data={
            "forum": forum,
            "required": [r for r in required if r is not None],
            "findings": found,
            "figure": figure,
        },
        people={m.key for m in forum.members} | person_keys(found) | figure.people,
    )


def _role_of(rel: Relationship) -> Role | None:
    """The model's role a relationship from a person stands for, if any."""
    if rel.type == "HOLDS_ROLE":
        return _role_or_none(rel.end.key)
    if rel.type not in SYSTEM_ROLE_TYPES:
        return None
    kind = rel.properties.get("kind") if rel.type == "SUPERUSER_OF" else None
    for role in governance.roles():
        if role.relationship == rel.type and (role.kind or None) == (kind or None):
            return role
    return None


def _role_or_none(key: str) -> Role | None:
    try:
        return governance.role(key)
    except KeyError:
        return None
