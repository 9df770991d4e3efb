"""Factories for neutral records and batches, so tests build exactly the graph they need."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.records import ImportBatch, NodeRecord, PropValue, RelRecord

DAY = date(2026, 11, 1)


def make_person(key: str = "p1", **overrides: PropValue) -> NodeRecord:
    """A Person record with sensible defaults."""
    props: dict[str, PropValue] = {
        "name": f"Person {key}",
        "email": f"{key}@example.dk",
        "line_level": "medarbejder",
        "valid_from": date(2020, 1, 1),
    }
    props.update(overrides)
    return NodeRecord("Person", key, props)


def make_unit(key: str = "u1", **overrides: PropValue) -> NodeRecord:
    """An OrgUnit record."""
    props: dict[str, PropValue] = {
        "name": f"Kontor {key}",
        "name_norm": f"kontor {key}",
        "depth": 2,
        "in_forvaltning": True,
    }
    props.update(overrides)
    return NodeRecord("OrgUnit", key, props)


def make_system(key: str = "s1", **overrides: PropValue) -> NodeRecord:
    """A System record, in operation by default."""
    props: dict[str, PropValue] = {
        "name": f"System {key}",
        "lifecycle": "Operational",
        "kitos_valid": True,
    }
    props.update(overrides)
    return NodeRecord("System", key, props)


def rel(
    rtype: str,
    start: NodeRecord | tuple[str, str],
    end: NodeRecord | tuple[str, str],
    **props: PropValue,
) -> RelRecord:
    """A relationship between two records (or (label, key) pairs)."""
    a = (start.label, start.key) if isinstance(start, NodeRecord) else start
    b = (end.label, end.key) if isinstance(end, NodeRecord) else end
    return RelRecord(rtype, a[0], a[1], b[0], b[1], props)


def make_batch(
    nodes: list[NodeRecord],
    rels: list[RelRecord] | None = None,
    *,
    scope: str = "hr",
    snapshot_date: date = DAY,
    **kwargs: Any,
) -> ImportBatch:
    """A batch of the given records, replacing its scope's people, units and line relations."""
    defaults: dict[str, Any] = {
        "replaces_labels": ("Person", "OrgUnit") if scope == "hr" else ("System",),
        "replaces_types": ("MEMBER_OF", "MANAGES", "PART_OF")
        if scope == "hr"
        else ("OWNS", "RESPONSIBLE_FOR", "ADMINISTERS", "SUPERUSER_OF", "USES"),
    }
    defaults.update(kwargs)
    return ImportBatch(
        source="test",
        scope=scope,
        file_name="test.xml",
        sha256="0" * 64,
        snapshot_date=snapshot_date,
        nodes=nodes,
        rels=rels or [],
        **defaults,
    )
