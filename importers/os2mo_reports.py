"""Read OS2mo's three standard report exports together, from one folder.

- "Stilling+email": people and their engagements (``Person UUID``, ``Org-enhed UUID``).
- "Administrativ organisation inkl. start- og stopdato samt enhedstyper": the units, with
  ``uuid``, ``Navn``, ``Enhedstype Titel``, ``Gyldig fra`` and ``Gyldig til``.
- "Alle lederfunktioner": one row per manager responsibility, with the unit's path by name
  (``Rodorganisation``, ``Enhed``, ``Underenhed``, ``Underenhed*2`` ...), ``Navn`` and
  ``E-mail``; no person id and no unit id.

Units are found by name, people by e-mail and name (see ``_match_person``): a name or e-mail
that fits more than one is an error naming file, row and column, never a guess. The unit tree
is what the manager paths show; the organisation report has no parent column.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import guarded, norm_email, norm_name, source_error, text
from importers.hr import HrData
from importers.hr_records import HrLink, HrPerson, HrUnit
from importers.os2mo_report import add_engagement_rows, read_date
from importers.tables import Row, Table, header_key, read_table

_SUFFIXES = (".xlsx", ".xlsm", ".csv")
_KINDS = {
    "engagements": {"person uuid"},
    "units": {"enhedstype titel"},
    "managers": {"ansvar", "rodorganisation"},
}


def find_reports(folder: Path) -> dict[str, Path]:
    """Return the OS2mo report files of a folder by kind (engagements, units, managers)."""
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in _SUFFIXES:
            continue
        headers = {header_key(h) for h in read_table(path).headers}
        for kind, marks in _KINDS.items():
            if marks <= headers:
                if kind in found:
                    raise source_error(
                        path.name,
                        "duplicate-report",
                        "whole file",
                        f"The folder holds two {kind} reports: '{found[kind].name}' and this.",
                        "Keep one export of each OS2mo report in the folder.",
                    )
                found[kind] = path
    return found


@guarded
def read_os2mo_reports(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a folder with OS2mo's Stilling+email, organisation and manager reports."""
    if not path.is_dir():
        raise source_error(
            path.name,
            "not-a-folder",
            "whole path",
            "OS2mo's reports are read together from a folder, not from a single file.",
            "Put the Stilling+email, organisation and manager reports in one folder and give "
            "the folder.",
        )
    reports = find_reports(path)
    if "engagements" not in reports:
        raise source_error(
            path.name,
            "missing-file",
            "whole folder",
            "The folder holds no OS2mo 'Stilling+email' report (with 'Person UUID').",
            "Put the Stilling+email export in the folder with the other two reports.",
        )
    data = HrData(path.name)
    if "units" in reports:
        data.problems.file = reports["units"].name
        _add_units(data, read_table(reports["units"], required=("uuid", "Navn")))
    data.problems.file = reports["engagements"].name
    add_engagement_rows(data, read_table(reports["engagements"], required=("Person UUID",)))
    if "managers" in reports:
        data.problems.file = reports["managers"].name
        _add_managers(data, read_table(reports["managers"], required=("Navn", "Rodorganisation")))
    data.problems.file = path.name
    return data.to_batch(
        source="os2mo-reports", path=path, snapshot_date=options.today, options=options
    )


def _add_units(data: HrData, table: Table) -> None:
    data.problems.items.extend(table.problems)
    for row in table.rows:
        key, name = text(row.get("uuid")), text(row.get("Navn"))
        if key is None or name is None:
            column = "uuid" if key is None else "Navn"
            data.problems.error(
                "missing-value",
                row.location(column),
                f"The row has no '{table.find(column) or column}'.",
                "Every unit row needs a uuid and a name; fill in or remove the row.",
            )
            continue
        data.add_unit(
            HrUnit(
                key=key,
                name=name,
                location=row.location("uuid"),
                unit_id=key,
                unit_type=text(row.get("Enhedstype Titel")),
                valid_from=read_date(data, row, "Gyldig fra"),
                valid_to=read_date(data, row, "Gyldig til"),
            )
        )


def _add_managers(data: HrData, table: Table) -> None:
    data.problems.items.extend(table.problems)
    path_columns = [h for h in table.headers if _is_path_column(h)]
    by_name: dict[str, list[str]] = {}
    for unit in data.units.values():
        by_name.setdefault(norm_name(unit.name), []).append(unit.key)
    seen: set[tuple[str, str]] = set()
    for row in table.rows:
        units = _resolve_path(data, row, path_columns, by_name)
        if units is None or not units:
            continue
        _set_parents(data, row, units)
        name = text(row.get("Navn"))
        if name is None:
            continue  # a vacant post: the report names no one
        person = _match_person(data, row, name)
        unit_key = units[-1][1]
        if person is None or (person, unit_key) in seen:
            continue  # one row per responsibility; the post is the same
        seen.add((person, unit_key))
        data.managements.append(HrLink(person, unit_key, row.location("Navn")))


def _is_path_column(header: str) -> bool:
    key = header_key(header)
    return key in ("rodorganisation", "enhed") or key.startswith("underenhed")


def _resolve_path(
    data: HrData, row: Row, columns: list[str], by_name: dict[str, list[str]]
) -> list[tuple[str, str]] | None:
    """Return (column, unit key) along the row's path; None when a name is not one unit."""
    resolved = []
    for column in columns:
        name = text(row.get(column))
        if name is None:
            break
        keys = by_name.get(norm_name(name), [])
        if len(keys) != 1:
            _unit_problem(data, row, column, name, keys)
            return None
        resolved.append((column, keys[0]))
    return resolved


def _unit_problem(data: HrData, row: Row, column: str, name: str, keys: list[str]) -> None:
    if not keys:
        data.problems.warning(
            "unknown-manager-unit",
            row.location(column),
            f"No unit is named '{name}' in the organisation or Stilling+email report.",
            "Export the three reports at the same time; the manager row is left out.",
        )
        return
    data.problems.error(
        "ambiguous-unit",
        row.location(column),
        f"{len(keys)} units are named '{name}' ({', '.join(sorted(keys))}).",
        "The manager report names units only by name: give the units distinct names in "
        "OS2mo, or import OS2mo's GraphQL data instead (govgraph sync os2mo).",
    )


def _set_parents(data: HrData, row: Row, units: list[tuple[str, str]]) -> None:
    for (_, parent), (column, child) in pairwise(units):
        unit = data.units[child]
        if unit.parent is None:
            unit.parent = parent
        elif unit.parent != parent:
            data.problems.error(
                "conflicting-value",
                row.location(column),
                f"Unit '{unit.name}' lies under '{data.units[parent].name}' here, but under "
                f"'{data.units[unit.parent].name}' in an earlier row.",
                "Export the manager report again; one unit has one parent.",
            )


def _match_person(data: HrData, row: Row, name: str) -> str | None:
    """The one person with the row's e-mail (and, if several, its name); else a problem."""
    email = norm_email(text(row.get("E-mail")))
    people = list(data.people.values())
    candidates = [p for p in people if email and norm_email(p.email) == email]
    column = "E-mail"
    if len(candidates) != 1:
        pool = candidates or people
        candidates = [p for p in pool if norm_name(_full_name(p)) == norm_name(name)]
        column = "Navn"
    if len(candidates) == 1:
        return candidates[0].key
    if not candidates:
        data.problems.warning(
            "unknown-manager",
            row.location(column),
            f"The manager '{name}' is not in the Stilling+email report.",
            "Export the three reports at the same time; the post is left out.",
        )
        return None
    data.problems.error(
        "ambiguous-manager",
        row.location(column),
        f"{len(candidates)} people in the Stilling+email report fit '{name}' "
        f"({', '.join(sorted(p.key for p in candidates))}).",
        "Give the manager their own e-mail address in OS2mo and export again, or import "
        "OS2mo's GraphQL data instead (govgraph sync os2mo).",
    )
    return None


def _full_name(person: HrPerson) -> str:
    return person.name or f"{person.first_name or ''} {person.last_name or ''}"
