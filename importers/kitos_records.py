"""What both KITOS readers (API folder and Excel/CSV export) share: scope, labels, records."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.records import NodeRecord, PropValue, RelRecord
from importers.base import ImportOptions
from importers.common import Problems, norm_name
from importers.roles import invalid_role_map_targets

YES_NO = ("Yes", "No", "DontKnow", "Undecided")

# Danish labels of KITOS's UI and Excel exports (folded) -> KITOS values.
LIFECYCLE_LABELS: dict[str, str] = {
    "ikke besluttet": "Undecided",
    "undecided": "Undecided",
    "pilot": "Pilot",
    "under indfasning": "PhasingIn",
    "phasingin": "PhasingIn",
    "i drift": "Operational",
    "operational": "Operational",
    "under udfasning": "PhasingOut",
    "phasingout": "PhasingOut",
    "ikke i drift": "NotInUse",
    "notinuse": "NotInUse",
}
YES_NO_LABELS: dict[str, str] = {
    "ja": "Yes",
    "yes": "Yes",
    "nej": "No",
    "no": "No",
    "ved ikke": "DontKnow",
    "dontknow": "DontKnow",
    "ikke besluttet": "Undecided",
    "undecided": "Undecided",
}


@dataclass(slots=True)
class RecordSet:
    """Nodes and relationships, each emitted once however often the source names it."""

    nodes: dict[tuple[str, str], NodeRecord] = field(default_factory=dict)
    rels: dict[tuple[str, ...], RelRecord] = field(default_factory=dict)

    def node(self, record: NodeRecord) -> None:
        """Add a node unless one with the same label and key is already there."""
        self.nodes.setdefault((record.label, record.key), record)

    def rel(self, record: RelRecord) -> None:
        """Add a relationship unless the same one (and other-role name) is already there."""
        role = str(record.props.get("role") or "")
        self.rels.setdefault((record.type, record.from_key, record.to_key, role), record)


def person_record(
    key: str, *, name: str, email: str | None, extra: dict[str, PropValue] | None = None
) -> NodeRecord:
    """A KITOS role holder, to be matched to an HR person by e-mail."""
    props: dict[str, PropValue] = {"name": name, "email": email, **(extra or {})}
    match = (("email", email),) if email else ()
    return NodeRecord("Person", key, _filled(props), match=match)


def unit_record(
    key: str, *, name: str, uuid: str | None = None, unit_id: str | None = None
) -> NodeRecord:
    """A KITOS unit, to be matched to an HR unit by uuid, then unit id, then name."""
    match = [("key", uuid)] if uuid else []
    match += [("unit_id", unit_id)] if unit_id else []
    match.append(("name_norm", norm_name(name)))
    # Not unit_id or name_norm: a matched HR unit keeps its own (the writer guards only names).
    props: dict[str, PropValue] = {"name": name, "kitos_uuid": uuid, "kitos_unit_id": unit_id}
    return NodeRecord("OrgUnit", key, _filled(props), match=tuple(match))


def vendor_record(
    key: str, *, name: str, cvr: str | None = None, by_name: bool = False
) -> NodeRecord:
    """A system's vendor (KITOS rightsHolder); ``by_name`` joins one known by name already."""
    match = (("name", name),) if by_name else ()
    return NodeRecord("Vendor", key, _filled({"name": name, "cvr": cvr}), match=match)


def warn_invalid_role_map(options: ImportOptions, problems: Problems) -> None:
    """Warn once about each configured role-map entry whose target is not a model role."""
    for key in invalid_role_map_targets(options.role_map):
        problems.warning(
            "invalid-role-map",
            "configuration (role_map)",
            f"The role map sends '{key}' to '{options.role_map[key]}', which is no model role.",
            "Map it to systemejer, systemansvarlig, systemadministrator, superbruger, "
            "it-superbruger, fag-superbruger, teknisk-superbruger or anden.",
        )


def _filled(props: dict[str, PropValue]) -> dict[str, PropValue]:
    return {k: v for k, v in props.items() if v is not None and v != ""}
