"""The governance model itself as a source: Role, Responsibility and Forum records from ``schema``.

``govgraph db init`` writes them like any import, so the rules and the pages can join people's
roles to what each role must do and how often.
"""

from __future__ import annotations

from core.records import NodeRecord, PropValue, RelRecord
from schema.governance import (
    Forum,
    Responsibility,
    Role,
    forums,
    responsibilities,
    responsibilities_of,
    roles,
)


def reference_records() -> tuple[list[NodeRecord], list[RelRecord]]:
    """Role, Responsibility and Forum nodes and the HAS_RESPONSIBILITY relationships."""
    nodes = [NodeRecord("Role", r.key, _role_props(r)) for r in roles()]
    nodes += [
        NodeRecord("Responsibility", r.key, _responsibility_props(r)) for r in responsibilities()
    ]
    nodes += [NodeRecord("Forum", f.key, _forum_props(f)) for f in forums()]
    rels = [
        RelRecord("HAS_RESPONSIBILITY", "Role", r.key, "Responsibility", resp.key)
        for r in roles()
        for resp in responsibilities_of(r.key)
    ]
    return nodes, rels


def _role_props(r: Role) -> dict[str, PropValue]:
    return {
        "name": r.name_da,
        "name_da": r.name_da,
        "name_en": r.name_en,
        "track": r.track.value,
        "description_da": r.description_da,
        "description_en": r.description_en,
        "who_may_hold_da": r.who_may_hold_da,
        "who_may_hold_en": r.who_may_hold_en,
        "relationship": r.relationship,
        "kind": r.kind.value if r.kind else None,
        "line_level": r.line_level.value if r.line_level else None,
        "critical": r.critical,
        "weight": r.weight,
        "aliases": list(r.aliases),
        "section": r.section,
    }


def _responsibility_props(r: Responsibility) -> dict[str, PropValue]:
    return {
        "name": r.title_da,
        "role": r.role_key,
        "title_da": r.title_da,
        "title_en": r.title_en,
        "text_da": r.text_da,
        "text_en": r.text_en,
        "cadence": r.cadence.value,
        "section": r.section,
    }


def _forum_props(f: Forum) -> dict[str, PropValue]:
    return {
        "name": f.name,
        "short_name": f.short_name,
        "name_en": f.name_en,
        "description_da": f.description_da,
        "description_en": f.description_en,
        "required_representation": list(f.required_representation),
        "from_secretariat": f.from_secretariat,
        "central": f.central,
        "cadence": f.cadence.value if f.cadence else None,
        "section": f.section,
    }
