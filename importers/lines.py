"""The line organisation: check the unit tree and place units and managers in it.

The forvaltning (``options.forvaltning``) is depth 0; its afdelinger and the secretariat are
depth 1; offices below are depth 2 and deeper. The manager of a unit at depth 0 is the
direktør, at depth 1 a chef, deeper a kontorleder — unless ``options.unit_type_levels`` maps
the unit's type to a level. Units outside the forvaltning have no depth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from importers.base import ImportOptions
from importers.common import Problems, norm_name
from importers.hr_records import HrUnit
from schema.model import LineLevel

_RANK = {
    LineLevel.DIREKTOER.value: 3,
    LineLevel.CHEF.value: 2,
    LineLevel.KONTORLEDER.value: 1,
    LineLevel.MEDARBEJDER.value: 0,
}
_DEPTH_LEVEL = (LineLevel.DIREKTOER.value, LineLevel.CHEF.value)


@dataclass(frozen=True, slots=True)
class UnitPlace:
    """Where a unit sits in the line organisation, and the level of its manager."""

    depth: int | None
    in_forvaltning: bool
    is_secretariat: bool
    is_central_it: bool
    manager_level: str | None


def check_tree(units: Mapping[str, HrUnit], problems: Problems) -> None:
    """Report units whose parent is missing and cycles in the unit tree, as errors."""
    for unit in units.values():
        if unit.parent is not None and unit.parent not in units:
            problems.error(
                "unknown-parent",
                unit.location,
                f"Unit '{unit.name}' ({unit.key}) has parent '{unit.parent}', "
                "which is not in the file.",
                f"Add unit '{unit.parent}' to the file, or correct the parent of '{unit.key}'.",
            )
    reported: set[str] = set()
    for start in units:
        path: list[str] = []
        key: str | None = start
        while key is not None and key in units and key not in path and key not in reported:
            path.append(key)
            key = units[key].parent
        if key is not None and key in path:
            cycle = path[path.index(key) :]
            reported.update(cycle)
            first = units[min(cycle)]
            problems.error(
                "unit-cycle",
                first.location,
                f"The units form a cycle: {' -> '.join([*cycle, key])}.",
                "Correct the parent of one of these units so that the tree has a top.",
            )
        reported.update(path)


def place_units(
    units: Mapping[str, HrUnit], options: ImportOptions, problems: Problems
) -> dict[str, UnitPlace]:
    """Return each unit's depth, flags and manager level under the configured forvaltning."""
    depths = _depths(units, _forvaltning(units, options, problems))
    secretariat = set(_configured(units, options.secretariat, "secretariat", problems))
    central_it: set[str] = set()
    for wanted in options.central_it:
        central_it.update(_configured(units, wanted, "central_it", problems))
    type_levels = _type_levels(options, problems)
    places = {}
    for key, unit in units.items():
        depth = depths.get(key)
        level = type_levels.get(norm_name(unit.unit_type)) if unit.unit_type else None
        if level is None and depth is not None:
            level = _DEPTH_LEVEL[depth] if depth < 2 else LineLevel.KONTORLEDER.value
        places[key] = UnitPlace(
            depth, depth is not None, key in secretariat, key in central_it, level
        )
    return places


def highest_level(levels: Iterable[str | None]) -> str:
    """Return the highest line level among those given, or medarbejder."""
    known = [level for level in levels if level in _RANK]
    return max(known, key=_RANK.__getitem__, default=LineLevel.MEDARBEJDER.value)


def _forvaltning(
    units: Mapping[str, HrUnit], options: ImportOptions, problems: Problems
) -> str | None:
    if options.forvaltning:
        found = _find(units, options.forvaltning)
        if not found:
            tops = ", ".join(f"'{u.name}'" for u in units.values() if u.parent is None)
            problems.error(
                "unknown-forvaltning",
                "configuration 'forvaltning'",
                f"No unit in the file has the id or name '{options.forvaltning}'.",
                f"Set 'forvaltning' to the id or name of a unit here (top units: {tops}).",
            )
            return None
        return found[0]
    roots = [key for key, unit in units.items() if unit.parent is None]
    if len(roots) == 1:
        problems.warning(
            "forvaltning-assumed",
            "configuration 'forvaltning'",
            f"No forvaltning is configured; the top unit '{units[roots[0]].name}' is used.",
            "Set 'forvaltning' to the id or name of the forvaltning the model governs.",
        )
        return roots[0]
    if units:
        problems.warning(
            "forvaltning-not-configured",
            "configuration 'forvaltning'",
            "No forvaltning is configured and the file has several top units: "
            "no unit gets a depth and managers get no line level from it.",
            "Set 'forvaltning' to the id or name of the forvaltning the model governs.",
        )
    return None


def _depths(units: Mapping[str, HrUnit], top: str | None) -> dict[str, int]:
    if top is None:
        return {}
    children: dict[str, list[str]] = {}
    for key, unit in units.items():
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(key)
    depths = {top: 0}
    queue = [top]
    while queue:
        key = queue.pop(0)
        for child in children.get(key, []):
            if child not in depths:  # a cycle is reported by check_tree; never loop on it
                depths[child] = depths[key] + 1
                queue.append(child)
    return depths


def _find(units: Mapping[str, HrUnit], wanted: str) -> list[str]:
    """Units whose key or unit id is ``wanted``, else whose name or short name is."""
    folded = norm_name(wanted)
    by_id = [
        k for k, u in units.items() if norm_name(k) == folded or norm_name(u.unit_id) == folded
    ]
    if by_id:
        return by_id
    return [
        k
        for k, u in units.items()
        if norm_name(u.name) == folded or (u.short_name and norm_name(u.short_name) == folded)
    ]


def _configured(
    units: Mapping[str, HrUnit], wanted: str | None, setting: str, problems: Problems
) -> list[str]:
    if not wanted:
        return []
    found = _find(units, wanted)
    if not found:
        problems.warning(
            "unknown-configured-unit",
            f"configuration '{setting}'",
            f"No unit in the file has the id or name '{wanted}'.",
            f"Correct '{setting}' in the configuration to the id or name of a unit in this file.",
        )
    return found


def _type_levels(options: ImportOptions, problems: Problems) -> dict[str, str]:
    levels = {}
    for unit_type, level in options.unit_type_levels.items():
        if level not in _RANK:
            problems.warning(
                "unknown-line-level",
                f"configuration 'unit_type_levels', '{unit_type}'",
                f"'{level}' is not a line level.",
                f"Use one of: {', '.join(_RANK)}.",
            )
            continue
        levels[norm_name(unit_type)] = level
    return levels
