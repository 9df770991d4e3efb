"""What a KITOS delta needs besides its usages: the users, units and contracts they name.

Pure functions over KITOS's response shapes (no HTTP, no database): which uuids the changed
usages refer to, how contracts read usage by usage join into one list in KITOS's order, and the
unit records a delta adds for the units KITOS says changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from graphlib import CycleError, TopologicalSorter
from typing import Any

from core.records import ImportBatch
from importers.common import text
from importers.kitos_records import unit_record


def uuid_of(item: Any, key: str = "uuid") -> str:
    """An item's uuid, lower-case ("" when it has none)."""
    value = item.get(key) if isinstance(item, dict) else None
    return (text(value) or "").lower()


def users_named(usages: Iterable[dict[str, Any]]) -> list[str]:
    """The users holding a role in ``usages``, each once, in the order they are first named."""
    found: dict[str, None] = {}
    for usage in usages:
        roles = usage.get("roles")
        for assignment in roles if isinstance(roles, list) else []:
            user = assignment.get("user") if isinstance(assignment, dict) else None
            if uuid := uuid_of(user):
                found.setdefault(uuid)
    return list(found)


def units_named(usages: Iterable[dict[str, Any]]) -> list[str]:
    """The units that use, or are responsible for, one of ``usages``, each once."""
    found: dict[str, None] = {}
    for usage in usages:
        org_usage = usage.get("organizationUsage")
        if not isinstance(org_usage, dict):
            continue
        using = org_usage.get("usingOrganizationUnits")
        refs = [*(using if isinstance(using, list) else [])]
        refs.append(org_usage.get("responsibleOrganizationUnit"))
        for ref in refs:
            if uuid := uuid_of(ref):
                found.setdefault(uuid)
    return list(found)


def in_one_order(lists: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Lists that are each in KITOS's order, joined into one list in that order, each item once.

    A usage's vendor is the supplier of the first contract naming it, in KITOS's order (creation
    order); contracts read usage by usage keep that order only within each answer, and a merge
    that respects every answer keeps it for each usage. Should KITOS contradict itself between
    two answers (a contract changed in between), the first-seen order is used.
    """
    items: dict[str, dict[str, Any]] = {}
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for answer in lists:
        previous: str | None = None
        for item in answer:
            uuid = uuid_of(item)
            if not uuid:
                continue
            items.setdefault(uuid, item)
            sorter.add(uuid, *([previous] if previous else []))
            previous = uuid
    try:
        order = list(sorter.static_order())
    except CycleError:
        order = list(items)
    return [items[uuid] for uuid in order]


def add_units(batch: ImportBatch, units: Iterable[dict[str, Any]]) -> None:
    """Give a delta's batch the units it read that no usage of it names (new or renamed ones).

    A full sync holds every unit of the organisation; a delta holds those its usages name and
    those KITOS says changed since the last sync, so a new unit arrives with the next delta.
    """
    if batch.errors:
        return
    present = {node.key for node in batch.nodes if node.label == "OrgUnit"}
    for unit in units:
        uuid = uuid_of(unit)
        key = f"kitos-unit:{uuid}"
        if not uuid or key in present:
            continue
        present.add(key)
        name = text(unit.get("name")) or uuid
        batch.nodes.append(unit_record(key, name=name, uuid=uuid, unit_id=text(unit.get("unitId"))))
