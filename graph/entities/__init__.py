"""Reads of the graph's entities — people, systems, units, forums, roles, relationships and
neighbourhoods — as typed results. Every read takes ``as_of``: what was current on that date."""

from graph.entities.common import ENTITY_LABELS, Holder, NodeRef, Slice
from graph.entities.governance import (
    ForumDetail,
    ForumSummary,
    Responsibility,
    Role,
    get_forum,
    get_role,
    list_forums,
    list_roles,
)
from graph.entities.neighbourhood import MAX_DEPTH, GraphEdge, GraphNode, GraphView, neighbourhood
from graph.entities.people import (
    Membership,
    PersonDetail,
    PersonSummary,
    get_person,
    list_people,
    person_relationships,
)
from graph.entities.relationships import Relationship, list_relationships
from graph.entities.systems import (
    Superusers,
    SystemDetail,
    SystemOrganisation,
    SystemSummary,
    get_system,
    list_systems,
    system_organisation,
)
from graph.entities.units import UnitDetail, UnitSummary, get_unit, list_units

__all__ = [
    "ENTITY_LABELS",
    "MAX_DEPTH",
    "ForumDetail",
    "ForumSummary",
    "GraphEdge",
    "GraphNode",
    "GraphView",
    "Holder",
    "Membership",
    "NodeRef",
    "PersonDetail",
    "PersonSummary",
    "Relationship",
    "Responsibility",
    "Role",
    "Slice",
    "Superusers",
    "SystemDetail",
    "SystemOrganisation",
    "SystemSummary",
    "UnitDetail",
    "UnitSummary",
    "get_forum",
    "get_person",
    "get_role",
    "get_system",
    "get_unit",
    "list_forums",
    "list_people",
    "list_relationships",
    "list_roles",
    "list_systems",
    "list_units",
    "neighbourhood",
    "person_relationships",
    "system_organisation",
]
