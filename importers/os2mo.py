"""Read a saved OS2mo GraphQL response: ``org_units``, ``employees`` and ``managers``.

Accepts the shapes OS2mo's GraphQL versions return: the collections at the top or under
``data``; each a list or ``{objects: [...]}``; each object flat, or with ``current`` or
``validities``/``objects``. ``cpr_number`` is never read.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import guarded, parse_date, source_error, text
from importers.hr import HrData
from importers.hr_records import HrLink, HrPerson, HrUnit
from importers.textfiles import load_json


class _Obj:
    """One object of a collection, with where it is in the file."""

    def __init__(self, collection: str, index: int, data: dict[str, Any]) -> None:
        self.data = data
        self.uuid = text(data.get("uuid"))
        self._where = f"{collection}[{index}]" + (f" (uuid '{self.uuid}')" if self.uuid else "")

    def location(self, field: str | None = None) -> str:
        return self._where if field is None else f"{self._where}, field '{field}'"


@guarded
def read_os2mo(path: Path, options: ImportOptions) -> ImportBatch:
    """Read an OS2mo GraphQL JSON file into Person and OrgUnit records."""
    return os2mo_batch(_load(path), options, path=path)


def os2mo_batch(
    root: dict[str, Any], options: ImportOptions, *, path: Path, sha256: str | None = None
) -> ImportBatch:
    """Turn OS2mo's GraphQL answer (saved, or fetched live) into an ImportBatch."""
    snapshot = options.today
    data = HrData(path.name)
    units = _objects(root, "org_units", snapshot, path)
    for obj in units:
        _read_unit(data, obj)
    _drop_organisation_parent(data, root)
    for obj in _objects(root, "employees", snapshot, path):
        _read_employee(data, obj)
    managers = _objects(root, "managers", snapshot, path)
    for unit in units:
        for index, nested in enumerate(_as_list(unit.data.get("managers"))):
            if isinstance(nested, dict):
                nested.setdefault("org_unit_uuid", unit.uuid)
                managers.append(_Obj(f"{unit.location()}.managers", index, nested))
    for obj in managers:
        _read_manager(data, obj)
    return data.to_batch(
        source="os2mo", path=path, snapshot_date=snapshot, options=options, sha256=sha256
    )


def _load(path: Path) -> dict[str, Any]:
    root = load_json(path, hint="Save the complete GraphQL response again (it may be cut short).")
    if isinstance(root, dict) and isinstance(root.get("data"), dict):
        root = root["data"]
    if not isinstance(root, dict) or not ({"org_units", "employees"} & root.keys()):
        raise source_error(
            path.name,
            "missing-element",
            "top level",
            "The JSON holds neither 'org_units' nor 'employees'.",
            "Save the result of an OS2mo GraphQL query over org_units, employees and managers.",
        )
    return root


def _objects(root: dict[str, Any], name: str, snapshot: date, path: Path) -> list[_Obj]:
    value = root.get(name)
    if isinstance(value, dict):
        value = value.get("objects", [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise source_error(
            path.name,
            "bad-structure",
            name,
            f"'{name}' is not a list of objects.",
            f"Save '{name}' as GraphQL returns it: a list, or {{objects: [...]}}.",
        )
    result = []
    for index, item in enumerate(value):
        flat = _flatten(item, snapshot) if isinstance(item, dict) else None
        if flat is not None:
            result.append(_Obj(name, index, flat))
    return result


def _flatten(item: dict[str, Any], snapshot: date) -> dict[str, Any] | None:
    """Return the version of an object that holds at the snapshot (or its latest)."""
    if isinstance(item.get("current"), dict):
        return {"uuid": item.get("uuid"), **item["current"]}
    for key in ("validities", "objects"):
        versions = [v for v in _as_list(item.get(key)) if isinstance(v, dict)]
        if versions:
            current = [v for v in versions if _holds(v, snapshot)]
            return {"uuid": item.get("uuid"), **(current or versions)[-1]}
    if "current" in item:
        return None  # not current, and no history given
    return item


def _holds(version: dict[str, Any], snapshot: date) -> bool:
    validity = version.get("validity") or {}
    try:
        start, end = parse_date(validity.get("from")), parse_date(validity.get("to"))
    except ValueError:
        return False
    return (start is None or start <= snapshot) and (end is None or end > snapshot)


def _read_unit(data: HrData, obj: _Obj) -> None:
    name = text(obj.data.get("name"))
    if obj.uuid is None or name is None:
        _missing(data, obj, "uuid" if obj.uuid is None else "name")
        return
    parent = obj.data.get("parent_uuid") or _uuid_of(obj.data.get("parent"))
    valid_from, valid_to = _validity(data, obj, obj.data.get("validity"), "validity")
    data.add_unit(
        HrUnit(
            key=obj.uuid,
            name=name,
            location=obj.location(),
            parent=text(parent),
            unit_id=text(obj.data.get("user_key")),
            unit_type=text(_name_of(obj.data.get("unit_type"))),
            valid_from=valid_from,
            valid_to=valid_to,
        )
    )


def _drop_organisation_parent(data: HrData, root: dict[str, Any]) -> None:
    """Top units name the organisation (not a unit) as parent: make them roots."""
    organisation = _uuid_of(root.get("org"))
    missing = Counter(
        u.parent for u in data.units.values() if u.parent and u.parent not in data.units
    )
    if organisation is None and missing and all(u.parent for u in data.units.values()):
        organisation = missing.most_common(1)[0][0]
    for unit in data.units.values():
        if organisation is not None and unit.parent == organisation:
            unit.parent = None


def _read_employee(data: HrData, obj: _Obj) -> None:
    if obj.uuid is None:
        _missing(data, obj, "uuid")
        return
    engagements = _engagements(data, obj)
    open_ended = any(e.valid_to is None for e in engagements)
    person = HrPerson(
        key=obj.uuid,
        location=obj.location(),
        first_name=text(obj.data.get("given_name") or obj.data.get("givenname")),
        last_name=text(obj.data.get("surname") or obj.data.get("sur_name")),
        name=text(obj.data.get("name")),
        email=_email(obj.data.get("addresses")),
        user_id=_ad_login(obj.data.get("itusers")),
        position=next((e.position for e in engagements if e.position), None),
        valid_from=min((e.valid_from for e in engagements if e.valid_from), default=None),
        valid_to=None
        if open_ended
        else max((e.valid_to for e in engagements if e.valid_to), default=None),
    )
    if data.add_person(person):
        data.memberships.extend(engagements)


def _engagements(data: HrData, obj: _Obj) -> list[HrLink]:
    links = []
    for index, item in enumerate(_as_list(obj.data.get("engagements"))):
        if not isinstance(item, dict):
            continue
        field = f"engagements[{index}]"
        unit = text(item.get("org_unit_uuid") or _uuid_of(item.get("org_unit")))
        if unit is None:
            _missing(data, obj, f"{field}.org_unit_uuid")
            continue
        valid_from, valid_to = _validity(data, obj, item.get("validity"), f"{field}.validity")
        key = text(item.get("uuid") or item.get("user_key"))
        links.append(
            HrLink(
                obj.uuid or "",
                unit,
                obj.location(field),
                position=text(_name_of(item.get("job_function"))),
                engagement_key=key,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
    return links


def _read_manager(data: HrData, obj: _Obj) -> None:
    person = text(obj.data.get("employee_uuid")) or _uuid_of(
        obj.data.get("person") or obj.data.get("employee")
    )
    if person is None:
        return  # a vacant post
    unit = text(obj.data.get("org_unit_uuid") or _uuid_of(obj.data.get("org_unit")))
    if unit is None:
        _missing(data, obj, "org_unit_uuid")
        return
    if person not in data.people:
        data.problems.warning(
            "unknown-manager",
            obj.location("employee_uuid"),
            f"The manager of unit '{unit}' is person '{person}', who is not among the employees.",
            "Include that person in the employees of the query; the post is left out.",
        )
        return
    valid_from, valid_to = _validity(data, obj, obj.data.get("validity"), "validity")
    data.managements.append(
        HrLink(person, unit, obj.location(), valid_from=valid_from, valid_to=valid_to)
    )


def _validity(data: HrData, obj: _Obj, validity: Any, field: str) -> tuple[date | None, ...]:
    validity = validity if isinstance(validity, dict) else {}
    dates: list[date | None] = []
    for end in ("from", "to"):
        try:
            dates.append(parse_date(validity.get(end)))
        except ValueError as exc:
            data.problems.error(
                "bad-date",
                obj.location(f"{field}.{end}"),
                f"The date cannot be read: {exc}.",
                "Save the GraphQL response again; dates are ISO (yyyy-mm-dd...).",
            )
            dates.append(None)
    return tuple(dates)


def _email(addresses: Any) -> str | None:
    for address in _as_list(addresses):
        if not isinstance(address, dict):
            continue
        kind = address.get("address_type") or {}
        marks = (
            f"{kind.get('scope', '')} {kind.get('user_key', '')}" if isinstance(kind, dict) else ""
        )
        value = text(address.get("value") or address.get("name"))
        if value and ("email" in marks.casefold() or (not marks.strip() and "@" in value)):
            return value
    return None


def _ad_login(itusers: Any) -> str | None:
    for ituser in _as_list(itusers):
        if isinstance(ituser, dict):
            system = _name_of(ituser.get("itsystem")) or ""
            if "active directory" in system.casefold() or system.strip().upper() == "AD":
                return text(ituser.get("user_key"))
    return None


def _missing(data: HrData, obj: _Obj, field: str) -> None:
    data.problems.error(
        "missing-field",
        obj.location(field),
        f"The object lacks '{field}' (or it is empty).",
        f"Include '{field}' in the GraphQL query and save the response again.",
    )


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _uuid_of(value: Any) -> str | None:
    """The uuid of a reference given as ``{uuid}`` or ``[{uuid}]``."""
    first = _as_list(value)[0] if _as_list(value) else None
    return text(first.get("uuid")) if isinstance(first, dict) else None


def _name_of(value: Any) -> str | None:
    first = _as_list(value)[0] if _as_list(value) else None
    return text(first.get("name")) if isinstance(first, dict) else text(first)
