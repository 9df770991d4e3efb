"""Turn the rows of a generic HR table into units, people, engagements and manager posts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from importers.common import norm_name, parse_bool, parse_date, text
from importers.hr import HrData
from importers.hr_records import HrLink, HrPerson, HrUnit
from importers.tables import Row

# Field -> header as written in the file.
UnitFields = Mapping[str, str]


class _Cells:
    """A row read through the field -> header mapping."""

    def __init__(self, row: Row, columns: Mapping[str, str]) -> None:
        self.row = row
        self.columns = columns

    def text(self, field: str) -> str | None:
        return text(self.raw(field))

    def raw(self, field: str) -> Any:
        header = self.columns.get(field)
        return None if header is None else self.row.get(header)

    def location(self, field: str | None = None) -> str:
        return self.row.location(self.columns.get(field or "", field))

    def date(self, data: HrData, field: str) -> date | None:
        try:
            return parse_date(self.raw(field))
        except ValueError as exc:
            data.problems.error(
                "bad-date",
                self.location(field),
                f"The date cannot be read: {exc}.",
                "Write the date as yyyy-mm-dd or dd-mm-yyyy (or leave it empty for open).",
            )
            return None


def read_unit_rows(data: HrData, rows: list[Row], columns: UnitFields) -> None:
    """Read a sheet of units (one per row) into ``data``."""
    for row in rows:
        cells = _Cells(row, columns)
        key = cells.text("unit_id") or cells.text("unit_name")
        if key is None:
            _missing(data, cells, "unit_id" if "unit_id" in columns else "unit_name")
            continue
        data.add_unit(_unit(data, cells, key, with_dates=True))


def read_people_rows(
    data: HrData, rows: list[Row], columns: Mapping[str, str], *, units_given: bool
) -> None:
    """Read engagement rows; units come from the rows unless a unit sheet gave them."""
    engagements: dict[str, str] = {}
    posts: list[tuple[str, str, _Cells]] = []
    for row in rows:
        cells = _Cells(row, columns)
        person_key = cells.text("person_id")
        unit_value = cells.text("unit_id") or cells.text("unit_name")
        if person_key is None or unit_value is None:
            field = "person_id" if person_key is None else "unit_id"
            _missing(data, cells, field if field in columns else "unit_name")
            continue
        engagement = cells.text("engagement_key")
        seen_key = engagement or f"{person_key}|{unit_value}"
        if seen_key in engagements:
            data.problems.error(
                "duplicate-key",
                cells.location("engagement_key" if engagement else "person_id"),
                f"Person '{person_key}' in unit '{unit_value}' occurs twice "
                f"(first at {engagements[seen_key]}).",
                "Each engagement must occur once: remove or correct one of the rows.",
            )
            continue
        engagements[seen_key] = row.location()
        unit_key = _resolve(data, unit_value) if units_given else _row_unit(data, cells, unit_value)
        valid_from, valid_to = cells.date(data, "valid_from"), cells.date(data, "valid_to")
        manages = _manager_flag(data, cells)
        person = _person(data, cells, person_key, valid_from=valid_from, valid_to=valid_to)
        if manages or cells.text("manages_unit"):
            person.is_manager = True
            posts.append((person_key, cells.text("manages_unit") or unit_key, cells))
        data.memberships.append(
            HrLink(
                person_key,
                unit_key,
                cells.location("unit_id" if "unit_id" in columns else "unit_name"),
                position=cells.text("position"),
                engagement_key=engagement,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
    for person_key, unit, cells in posts:
        data.managements.append(
            HrLink(
                person_key,
                _resolve(data, unit),
                cells.location("manages_unit" if cells.text("manages_unit") else "is_manager"),
            )
        )


def _unit(data: HrData, cells: _Cells, key: str, *, with_dates: bool = False) -> HrUnit:
    """A unit from a row; only a row of a unit sheet gives the unit's own dates."""
    return HrUnit(
        key=key,
        name=cells.text("unit_name") or key,
        location=cells.location("unit_id" if "unit_id" in cells.columns else "unit_name"),
        parent=cells.text("parent_unit_id"),
        unit_id=cells.text("unit_id"),
        short_name=cells.text("short_name"),
        cost_center=cells.text("cost_center"),
        unit_type=cells.text("unit_type"),
        valid_from=cells.date(data, "valid_from") if with_dates else None,
        valid_to=cells.date(data, "valid_to") if with_dates else None,
    )


def _row_unit(data: HrData, cells: _Cells, key: str) -> str:
    """Add the row's unit the first time it is seen; report a different name later."""
    known = data.units.get(key)
    if known is None:
        data.add_unit(_unit(data, cells, key))
        return key
    name = cells.text("unit_name")
    parent = cells.text("parent_unit_id")
    if (name and name != known.name) or (parent and parent != known.parent):
        data.problems.warning(
            "conflicting-value",
            cells.location("unit_name" if name and name != known.name else "parent_unit_id"),
            f"Unit '{key}' is described differently here than at {known.location}.",
            "The first description is used; make the rows agree.",
        )
    return key


def _resolve(data: HrData, value: str) -> str:
    """A unit given by key, unit id or name -> its key (unchanged when unknown)."""
    if value in data.units:
        return value
    folded = norm_name(value)
    for key, unit in data.units.items():
        if norm_name(unit.unit_id) == folded or norm_name(unit.name) == folded:
            return key
    return value


def _person(
    data: HrData,
    cells: _Cells,
    key: str,
    *,
    valid_from: date | None,
    valid_to: date | None,
) -> HrPerson:
    person = data.people.get(key)
    if person is None:
        person = HrPerson(
            key=key,
            location=cells.location("person_id"),
            first_name=cells.text("first_name"),
            last_name=cells.text("last_name"),
            name=cells.text("name"),
            email=cells.text("email"),
            user_id=cells.text("user_id"),
            position=cells.text("position"),
            is_manager=False if "is_manager" in cells.columns else None,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        data.add_person(person)
        return person
    if person.valid_from is not None and (valid_from is None or valid_from < person.valid_from):
        person.valid_from = valid_from
    if person.valid_to is not None and (valid_to is None or valid_to > person.valid_to):
        person.valid_to = valid_to
    return person


def _manager_flag(data: HrData, cells: _Cells) -> bool:
    try:
        return bool(parse_bool(cells.raw("is_manager")))
    except ValueError as exc:
        data.problems.warning(
            "bad-boolean",
            cells.location("is_manager"),
            f"{exc}; the person is read as not a manager.",
            "Write ja/nej, yes/no, true/false or 1/0.",
        )
        return False


def _missing(data: HrData, cells: _Cells, field: str) -> None:
    data.problems.error(
        "missing-value",
        cells.location(field),
        f"The row has no {field.replace('_', ' ')}.",
        "Fill in the cell or remove the row.",
    )
