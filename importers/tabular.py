"""Read people and units from any HR system's CSV or XLSX, by header names or a mapping.

One row per engagement. Common Danish and English header names are recognised; a mapping
(``options.column_map``: source column -> field) names the others. A workbook may hold the
unit tree in a sheet of its own (``Enheder``/``Units``); otherwise units come from the rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import SourceError, guarded, is_cpr_header, source_error, text
from importers.hr import HrData
from importers.tables import Table, read_table, sheet_names
from importers.tabular_rows import UnitFields, read_people_rows, read_unit_rows

# Field -> header names recognised without a mapping (compared case-insensitively).
FIELDS: dict[str, tuple[str, ...]] = {
    "person_id": (
        "medarbejdernummer",
        "medarbejdernr",
        "medarbejder id",
        "medarbejder-id",
        "tjenestenummer",
        "lønnummer",
        "ansatnummer",
        "person id",
        "person uuid",
        "employee id",
        "employee number",
        "personid",
        "id",
    ),
    "first_name": ("fornavn", "first name", "given name", "firstname"),
    "last_name": ("efternavn", "last name", "surname", "family name", "lastname"),
    "name": ("navn", "fulde navn", "fuldt navn", "full name", "name"),
    "email": ("e-mail", "email", "mail", "e-mailadresse", "email address", "e-mail adresse"),
    "user_id": (
        "brugernavn",
        "bruger-id",
        "brugerid",
        "ad-bruger",
        "initialer",
        "user id",
        "username",
        "user name",
        "login",
    ),
    "position": ("stilling", "stillingsbetegnelse", "titel", "job title", "position", "title"),
    "unit_id": (
        "enhed id",
        "enheds-id",
        "enhedsid",
        "enhedsnummer",
        "org-enhed id",
        "org-enhed uuid",
        "afdelingsnummer",
        "unit id",
        "org unit id",
        "department id",
    ),
    "unit_name": (
        "enhed",
        "org-enhed",
        "afdeling",
        "enhedsnavn",
        "organisationsenhed",
        "unit",
        "org unit",
        "department",
        "unit name",
    ),
    "parent_unit_id": (
        "overordnet enhed",
        "overordnet enhed id",
        "forælder",
        "forælderenhed",
        "parent unit",
        "parent unit id",
        "parent id",
        "parent",
    ),
    "unit_type": ("enhedstype", "enhedstype titel", "unit type", "type"),
    "short_name": ("kortnavn", "forkortelse", "short name"),
    "cost_center": (
        "omkostningssted",
        "omkostningscenter",
        "cost center",
        "cost centre",
        "costcenter",
    ),
    "is_manager": ("leder", "er leder", "is manager", "manager"),
    "manages_unit": ("leder af", "leder af enhed", "manages unit", "manager of"),
    "valid_from": (
        "startdato",
        "ansat fra",
        "ansættelsesdato",
        "tiltrædelsesdato",
        "ansættelse gyldig fra",
        "gyldig fra",
        "start date",
        "entry date",
        "hire date",
        "valid from",
    ),
    "valid_to": (
        "slutdato",
        "ansat til",
        "fratrædelsesdato",
        "ansættelse gyldig til",
        "gyldig til",
        "end date",
        "leave date",
        "valid to",
    ),
    "engagement_key": (
        "engagement id",
        "engagement uuid",
        "ansættelse id",
        "ansættelses-id",
        "engagement key",
    ),
}
# A sheet of units reads these fields; there "Id" and "Navn" mean the unit's.
UNIT_FIELDS: dict[str, tuple[str, ...]] = {
    field: names
    for field, names in FIELDS.items()
    if field
    in (
        "unit_id",
        "unit_name",
        "parent_unit_id",
        "unit_type",
        "short_name",
        "cost_center",
        "valid_from",
        "valid_to",
    )
} | {
    "unit_id": (*FIELDS["unit_id"], "id", "uuid", "nummer", "number"),
    "unit_name": (*FIELDS["unit_name"], "navn", "name"),
}
UNIT_SHEETS = ("enheder", "units", "organisation", "organisationsenheder", "org units")
PEOPLE_SHEETS = ("medarbejdere", "ansatte", "personer", "people", "employees", "persons")


@guarded
def read_tabular(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a generic HR CSV or XLSX into Person and OrgUnit records."""
    people_sheet, unit_sheet = _sheets(path)
    data = HrData(path.name)
    unit_fields: UnitFields | None = None
    if unit_sheet is not None:
        units = read_table(path, sheet=unit_sheet)
        data.problems.items.extend(units.problems)
        unit_columns = resolve_columns(
            units, options.column_map, file=path.name, fields=UNIT_FIELDS
        )
        _require(units, unit_columns, ("unit_id",), ("unit_name",))
        read_unit_rows(data, units.rows, unit_columns)
        unit_fields = unit_columns
    people = read_table(path, sheet=people_sheet)
    data.problems.items.extend(people.problems)
    columns = resolve_columns(people, options.column_map, file=path.name)
    _require(people, columns, ("person_id",), ("unit_id", "unit_name"))
    read_people_rows(data, people.rows, columns, units_given=unit_fields is not None)
    return data.to_batch(source="csv", path=path, snapshot_date=options.today, options=options)


def resolve_columns(
    table: Table,
    column_map: Mapping[str, str],
    *,
    file: str,
    fields: Mapping[str, tuple[str, ...]] = FIELDS,
) -> dict[str, str]:
    """Return field -> header as written, from the mapping first, then the known names."""
    columns: dict[str, str] = {}
    for source, field in column_map.items():
        if field not in FIELDS:
            raise source_error(
                file,
                "unknown-field",
                f"mapping, column '{source}'",
                f"The mapping names the field '{field}', which does not exist.",
                f"Map columns to one of: {', '.join(FIELDS)}.",
            )
        if is_cpr_header(source) or table.is_dropped(source):
            raise _mapped_cpr_column(file, source, field)
        if field in fields and (header := table.find(source)) is not None:
            columns[field] = header
    for field, names in fields.items():
        used = set(columns.values())  # one column feeds one field
        found = (table.find(name) for name in names)
        header = next((h for h in found if h is not None and h not in used), None)
        if field not in columns and header is not None:
            columns[field] = header
    return columns


def _mapped_cpr_column(file: str, source: str, field: str) -> SourceError:
    instead = (
        "Map the HR system's employee number (e.g. 'Medarbejdernummer') or another id to "
        "'person_id' instead, and take"
        if field == "person_id"
        else "Take"
    )
    return source_error(
        file,
        "cpr-column",
        f"mapping, column '{source}'",
        f"The mapping reads the column '{source}' as '{field}', but it holds CPR numbers, "
        "which are never read.",
        f"{instead} '{source}' out of the mapping (--mapping).",
    )


def _require(table: Table, columns: Mapping[str, str], *groups: tuple[str, ...]) -> None:
    """Each group needs one of its fields; otherwise the file lacks a required column."""
    for group in groups:
        if not any(field in columns for field in group):
            wanted = " or ".join(group)
            known = ", ".join(f"'{n}'" for f in group for n in FIELDS[f][:3])
            found = ", ".join(f"'{h}'" for h in table.headers) or "none"
            unread = ", ".join(f"'{h}'" for h in table.dropped)
            why = f" Left unread as holding CPR numbers: {unread}." if unread else ""
            raise source_error(
                table.file,
                "missing-column",
                table.location(),
                f"No column holds the {wanted} (headers such as {known}).{why}",
                f"Columns found: {found}. Rename a column or map it to '{group[0]}' (--mapping).",
            )


def _sheets(path: Path) -> tuple[str | None, str | None]:
    """The people sheet and the units sheet of a workbook (None for CSV or not present)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None, None
    names = sheet_names(path)
    folded = {name.strip().casefold(): name for name in names}
    units = next((folded[s] for s in UNIT_SHEETS if s in folded), None)
    people = next((folded[s] for s in PEOPLE_SHEETS if s in folded), None)
    if people is None:
        people = next((n for n in names if n != units), names[0] if names else None)
    return people, units


def read_column_map(path: Path) -> dict[str, str]:
    """Read a mapping file: JSON ``{column: field}`` or a table of two columns (column, field)."""
    if path.suffix.lower() == ".json":
        import json

        from importers.textfiles import read_text

        try:
            mapping = json.loads(read_text(path))
        except ValueError as exc:
            raise _bad_mapping(path, f"it is not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise _bad_mapping(path, "its JSON is nested too deeply") from exc
        if not isinstance(mapping, dict):
            raise _bad_mapping(path, "it is not a JSON object of column: field")
        return {str(k): str(v) for k, v in mapping.items()}
    table = read_table(path)
    if len(table.headers) < 2:
        raise _bad_mapping(path, "it needs two columns: source column and field")
    source, field = table.headers[:2]
    return {
        column: target
        for row in table.rows
        if (column := text(row.get(source))) and (target := text(row.get(field)))
    }


def _bad_mapping(path: Path, why: str) -> SourceError:
    return source_error(
        path.name,
        "unreadable-mapping",
        "whole file",
        f"The mapping cannot be read: {why}.",
        'Write the mapping as JSON {"Column": "field"} or a two-column table.',
    )
