"""Read OS2mo's "Stilling+email" report, as .xlsx or as ``;``-separated UTF-8-BOM CSV.

One row per engagement: the person (``Person UUID``), their unit (``Org-enhed UUID``) and
position. The report holds no unit tree and no managers. Its ``CPR-Nummer`` column is dropped
when the table is read, whatever type its cells have.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import guarded, parse_date, text
from importers.hr import HrData
from importers.hr_records import HrLink, HrPerson, HrUnit
from importers.tables import Row, Table, read_table

PERSON = "Person UUID"
UNIT = "Org-enhed UUID"
UNIT_NAME = "Org-enhed"
ENGAGEMENT = "Engagement UUID"
FROM = "Ansættelse gyldig fra"
TO = "Ansættelse gyldig til"
REQUIRED = (PERSON, UNIT)
# The report's columns as OS2mo writes them (tests/data/samples/os2mo); the reader needs only
# REQUIRED and finds the others by name, in any order.
COLUMNS = (
    "CPR-Nummer",
    FROM,
    TO,
    "Fornavn",
    "Efternavn",
    PERSON,
    "Brugernavn",
    UNIT_NAME,
    UNIT,
    "E-mail",
    "Telefon",
    "Stillingsbetegnelse",
    ENGAGEMENT,
)


@guarded
def read_os2mo_report(path: Path, options: ImportOptions) -> ImportBatch:
    """Read an OS2mo Stilling+email report into Person and OrgUnit records."""
    table = read_table(path, required=REQUIRED)
    data = HrData(path.name)
    add_engagement_rows(data, table)
    return data.to_batch(
        source="os2mo-report", path=path, snapshot_date=options.today, options=options
    )


def add_engagement_rows(data: HrData, table: Table) -> None:
    """Add the people, units and engagements of a read Stilling+email table to ``data``."""
    data.problems.items.extend(table.problems)
    engagements: dict[str, str] = {}
    for row in table.rows:
        _read_row(data, table, row, engagements)


def _read_row(data: HrData, table: Table, row: Row, engagements: dict[str, str]) -> None:
    person_key, unit_key = text(row.get(PERSON)), text(row.get(UNIT))
    if person_key is None or unit_key is None:
        column = PERSON if person_key is None else UNIT
        data.problems.error(
            "missing-value",
            row.location(column),
            f"The row has no '{table.find(column) or column}'.",
            "Every engagement row needs a person and a unit; fill in or remove the row.",
        )
        return
    engagement = text(row.get(ENGAGEMENT))
    if engagement is not None:
        if engagement in engagements:
            data.problems.error(
                "duplicate-key",
                row.location(ENGAGEMENT),
                f"The engagement '{engagement}' occurs twice (first at {engagements[engagement]}).",
                "Each engagement must occur once: remove or correct one of the rows.",
            )
            return
        engagements[engagement] = row.location()
    valid_from, valid_to = read_date(data, row, FROM), read_date(data, row, TO)
    _add_unit(data, row, unit_key)
    position = text(row.get("Stillingsbetegnelse"))
    _add_person(data, row, person_key, position=position, valid_from=valid_from, valid_to=valid_to)
    data.memberships.append(
        HrLink(
            person_key,
            unit_key,
            row.location(UNIT),
            position=position,
            engagement_key=engagement,
            valid_from=valid_from,
            valid_to=valid_to,
        )
    )


def _add_unit(data: HrData, row: Row, key: str) -> None:
    name = text(row.get(UNIT_NAME)) or key
    known = data.units.get(key)
    if known is None:
        data.add_unit(HrUnit(key=key, name=name, location=row.location(UNIT), unit_id=key))
    elif known.name != name:
        data.problems.warning(
            "conflicting-value",
            row.location(UNIT_NAME),
            f"Unit '{key}' is named '{name}' here but '{known.name}' at {known.location}.",
            "The first name is used; correct the unit's name in OS2mo if it is wrong.",
        )


def _add_person(
    data: HrData,
    row: Row,
    key: str,
    *,
    position: str | None,
    valid_from: date | None,
    valid_to: date | None,
) -> None:
    """Add the person on their first row; later rows widen their validity."""
    person = data.people.get(key)
    if person is None:
        data.add_person(
            HrPerson(
                key=key,
                location=row.location(PERSON),
                first_name=text(row.get("Fornavn")),
                last_name=text(row.get("Efternavn")),
                email=text(row.get("E-mail")),
                user_id=text(row.get("Brugernavn")),
                position=position,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
        return
    if person.valid_from is not None and (valid_from is None or valid_from < person.valid_from):
        person.valid_from = valid_from
    if person.valid_to is not None and (valid_to is None or valid_to > person.valid_to):
        person.valid_to = valid_to


def read_date(data: HrData, row: Row, column: str) -> date | None:
    """The date in a report cell; an unreadable one is a bad-date error at its cell."""
    try:
        return parse_date(row.get(column))
    except ValueError as exc:
        data.problems.error(
            "bad-date",
            row.location(column),
            f"The date cannot be read: {exc}.",
            "Write the date as dd-mm-yyyy or yyyy-mm-dd (or leave it empty for open).",
        )
        return None
