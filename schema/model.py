"""The graph model as data: node labels, relationship types, keys and required properties.

Everything that needs to know the shape of the graph — constraints, the writer's whitelist,
import validation, the API's enums and the legend of the role graphs — reads it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class NodeLabel:
    """A node label, its key property and how it is drawn."""

    name: str
    description: str
    required: tuple[str, ...] = ("key",)
    indexed: tuple[str, ...] = ()
    colour: str = "#888888"
    shape: str = "dot"
    legend_da: str = ""
    legend_en: str = ""
    key: str = "key"


@dataclass(frozen=True, slots=True)
class RelType:
    """A relationship type with the labels it may join."""

    name: str
    start: str
    end: str
    description: str
    label_da: str
    label_en: str
    temporal: bool = True  # carries valid_from / valid_to
    props: tuple[str, ...] = field(default_factory=tuple)


LABELS: dict[str, NodeLabel] = {
    n.name: n
    for n in (
        NodeLabel(
            "Person",
            "An employee (from HR) or a role holder found only in the IT inventory.",
            required=("key", "name"),
            indexed=("email", "name"),
            colour="#2b6cb0",
            shape="dot",
            legend_da="Person",
            legend_en="Person",
        ),
        NodeLabel(
            "OrgUnit",
            "An organisation unit: forvaltning, afdeling, kontor or sekretariat.",
            required=("key", "name"),
            indexed=("name_norm", "unit_id"),
            colour="#2f855a",
            shape="box",
            legend_da="Enhed",
            legend_en="Unit",
        ),
        NodeLabel(
            "System",
            "An IT system in use (a KITOS system usage).",
            required=("key", "name"),
            indexed=("name", "kitos_uuid"),
            colour="#c05621",
            shape="diamond",
            legend_da="IT-system",
            legend_en="IT system",
        ),
        NodeLabel(
            "Vendor",
            "A system's vendor (KITOS rightsHolder).",
            required=("key", "name"),
            colour="#718096",
            shape="triangle",
            legend_da="Leverandør",
            legend_en="Vendor",
        ),
        NodeLabel(
            "Forum",
            "A forum of the governance model (DDS, ISU, Systemkoordinatorforum, ...).",
            required=("key", "name"),
            colour="#6b46c1",
            shape="hexagon",
            legend_da="Forum",
            legend_en="Forum",
        ),
        NodeLabel(
            "Role",
            "A role of the governance model, in track 1 or track 2.",
            required=("key", "name_da", "name_en", "track"),
            colour="#b7791f",
            shape="star",
            legend_da="Rolle",
            legend_en="Role",
        ),
        NodeLabel(
            "Responsibility",
            "What the model asks of a role, with its cadence.",
            required=("key", "text_da", "text_en"),
            colour="#975a16",
            shape="square",
            legend_da="Ansvar",
            legend_en="Responsibility",
        ),
        NodeLabel(
            "Review",
            "A held review or dialog (half-yearly owner review, annual vendor dialog).",
            required=("key", "kind", "date"),
            colour="#4a5568",
            shape="dot",
            legend_da="Gennemgang",
            legend_en="Review",
        ),
        NodeLabel(
            "Decision",
            "A decision of the secretariat or a chef: proposed, approved (applied) or rejected.",
            required=("key", "type", "status", "effective_date", "proposed_by"),
            indexed=("status", "subject_key"),
            colour="#2c7a7b",
            shape="square",
            legend_da="Beslutning",
            legend_en="Decision",
        ),
        NodeLabel(
            "HandoverPlan",
            "A leaver's handover plan: a successor (or an ending) for each role, from one date.",
            required=("key", "person_key", "status", "effective_date", "created_by"),
            indexed=("person_key",),
            colour="#2c7a7b",
            shape="square",
            legend_da="Overdragelsesplan",
            legend_en="Handover plan",
        ),
        NodeLabel(
            "ImportRun",
            "One import of one source file: what it added, changed and ended.",
            required=("key", "source", "file_name", "sha256", "started_at"),
            indexed=("started_at",),
            colour="#a0aec0",
            shape="dot",
            legend_da="Import",
            legend_en="Import",
        ),
    )
}


class SystemRole(StrEnum):
    """The system organisation's roles (track 2) that are relationships to a System."""

    SYSTEMEJER = "systemejer"
    SYSTEMANSVARLIG = "systemansvarlig"
    SYSTEMADMINISTRATOR = "systemadministrator"
    SUPERBRUGER = "superbruger"
    OTHER = "anden"


class SuperuserKind(StrEnum):
    """The three kinds of super-user the model names."""

    IT = "it"
    FAG = "fag"
    TEKNISK = "teknisk"


class LineLevel(StrEnum):
    """A person's level in the line organisation (track 1)."""

    DIREKTOER = "direktoer"
    CHEF = "chef"
    KONTORLEDER = "kontorleder"
    MEDARBEJDER = "medarbejder"


class Lifecycle(StrEnum):
    """KITOS life-cycle values."""

    UNDECIDED = "Undecided"
    PILOT = "Pilot"
    PHASING_IN = "PhasingIn"
    OPERATIONAL = "Operational"
    PHASING_OUT = "PhasingOut"
    NOT_IN_USE = "NotInUse"


# Systems in these states are not held to the GM rules ("phased out, not in use").
NOT_IN_USE_LIFECYCLES: tuple[str, ...] = (Lifecycle.NOT_IN_USE.value, Lifecycle.PHASING_OUT.value)


RELATIONSHIPS: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType(
            "MEMBER_OF",
            "Person",
            "OrgUnit",
            "An engagement in a unit.",
            "ansat i",
            "works in",
            props=("position", "engagement_key"),
        ),
        RelType(
            "MANAGES",
            "Person",
            "OrgUnit",
            "The leader of a unit.",
            "leder af",
            "leads",
            props=("level",),
        ),
        RelType("PART_OF", "OrgUnit", "OrgUnit", "A unit under its parent.", "del af", "part of"),
        RelType("OWNS", "Person", "System", "Systemejer.", "systemejer", "system owner"),
        RelType(
            "RESPONSIBLE_FOR",
            "Person",
            "System",
            "Systemansvarlig.",
            "systemansvarlig",
            "system responsible",
        ),
        RelType(
            "ADMINISTERS",
            "Person",
            "System",
            "Systemadministrator.",
            "systemadministrator",
            "system administrator",
        ),
        RelType(
            "SUPERUSER_OF",
            "Person",
            "System",
            "Superbruger of a kind, appointed by a leader.",
            "superbruger",
            "super-user",
            props=("kind", "appointed_by"),
        ),
        RelType(
            "HAS_SYSTEM_ROLE",
            "Person",
            "System",
            "A KITOS role outside the model.",
            "anden rolle",
            "other role",
            props=("role",),
        ),
        RelType("USES", "OrgUnit", "System", "A unit that uses the system.", "bruger", "uses"),
        RelType(
            "RESPONSIBLE_UNIT_FOR",
            "OrgUnit",
            "System",
            "KITOS's responsible unit.",
            "ansvarlig enhed",
            "responsible unit",
        ),
        RelType("SUPPLIED_BY", "System", "Vendor", "The system's vendor.", "leverandør", "vendor"),
        RelType(
            "HOLDS_ROLE",
            "Person",
            "Role",
            "An organisational role (digitaliseringskonsulent, systemkoordinator).",
            "har rollen",
            "holds role",
        ),
        RelType("SITS_IN", "Person", "Forum", "A seat in a forum.", "medlem af", "member of"),
        RelType(
            "HAS_RESPONSIBILITY",
            "Role",
            "Responsibility",
            "What the model asks of a role.",
            "ansvar",
            "responsibility",
            temporal=False,
        ),
        RelType(
            "REVIEWS",
            "Review",
            "System",
            "A review or dialog about a system.",
            "gennemgang af",
            "review of",
            temporal=False,
        ),
        RelType(
            "ATTENDED",
            "Person",
            "Review",
            "A person who took part in a review.",
            "deltog i",
            "attended",
            temporal=False,
        ),
        RelType(
            "DECIDES_ON",
            "Decision",
            "System",
            "The system a decision is about (people, units and forums by subject_key).",
            "beslutning om",
            "decision on",
            temporal=False,
        ),
    )
}

# Relationship type of each system role, for the importers and the rules.
SYSTEM_ROLE_RELATIONSHIP: dict[SystemRole, str] = {
    SystemRole.SYSTEMEJER: "OWNS",
    SystemRole.SYSTEMANSVARLIG: "RESPONSIBLE_FOR",
    SystemRole.SYSTEMADMINISTRATOR: "ADMINISTERS",
    SystemRole.SUPERBRUGER: "SUPERUSER_OF",
    SystemRole.OTHER: "HAS_SYSTEM_ROLE",
}


@dataclass(frozen=True, slots=True)
class ImportScope:
    """What one kind of source owns: re-importing it ends what it no longer lists."""

    name: str
    replaces_labels: tuple[str, ...]
    replaces_types: tuple[str, ...]


HR_SCOPE = ImportScope("hr", ("Person", "OrgUnit"), ("MEMBER_OF", "MANAGES", "PART_OF"))
KITOS_SCOPE = ImportScope(
    "kitos",
    ("System", "Vendor"),
    (
        "OWNS",
        "RESPONSIBLE_FOR",
        "ADMINISTERS",
        "SUPERUSER_OF",
        "HAS_SYSTEM_ROLE",
        "USES",
        "RESPONSIBLE_UNIT_FOR",
        "SUPPLIED_BY",
    ),
)
# Only relationships the register created are ended: on KITOS's SUPERUSER_OF it adds kind and
# appointed_by, and the writer never ends another scope's relationship.
REGISTER_SCOPE = ImportScope(
    "register", ("Review",), ("SUPERUSER_OF", "SITS_IN", "HOLDS_ROLE", "REVIEWS", "ATTENDED")
)
# In import order: HR first, so that the inventory's people and units find their match.
IMPORT_SCOPES: tuple[ImportScope, ...] = (HR_SCOPE, KITOS_SCOPE, REGISTER_SCOPE)
# The source (and scope) of what a decision writes: no import replaces it, so a later register
# or KITOS import never ends a decided relationship (see schema/decisions.py).
DECISION_SOURCE = "decision"


def label(name: str) -> NodeLabel:
    """Return the declared label, or raise KeyError for one the schema does not know."""
    return LABELS[name]


def relationship(name: str) -> RelType:
    """Return the declared relationship type, or raise KeyError."""
    return RELATIONSHIPS[name]
