"""Write the synthetic municipality in the real source formats: OPUS XML, KITOS API, register.

The OPUS dump is streamed (45,000 employees would make a large element tree); the KITOS
folder is saved in pages of 250, as the API returns them; the register is written with
openpyxl, as Excel would save it. Shapes follow ``examples/`` and ``importers/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook
from openpyxl.styles import Font

from benchmarks.governance import Register
from benchmarks.inventory import Inventory, System
from benchmarks.org import SNAPSHOT, Employee, Organisation
from benchmarks.reuse import CLIENT, ORG_TYPES, REVIEW_LABELS, opus_file_name, role_uuid
from importers.register_spec import FORUMS, SHEETS

PAGE = 250  # KITOS API v2's largest page
OPUS_TYPES = {**ORG_TYPES, "Team": "00040"}
MANAGER_LEVELS = {
    "Magistratsafdeling": ("1", "2"),
    "Afdeling": ("2", "3"),
    "Sekretariat": ("2", "3"),
}


def write_opus(org: Organisation, folder: Path) -> Path:
    """Write the full OPUS dump of the snapshot day; return its path."""
    path = folder / opus_file_name(SNAPSHOT)
    with path.open("w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='utf-8'?>\n<kmd>\n")
        for unit in org.units.values():
            fields = (
                ("startDate", "2007-01-01"),
                ("endDate", "9999-12-31"),
                ("parentOrgUnit", unit.parent),
                ("shortName", unit.short),
                ("longName", unit.name),
                ("costCenter", unit.id[1:]),
                ("orgType", OPUS_TYPES[unit.type_txt]),
                ("orgTypeTxt", unit.type_txt),
            )
            out.write(_element("orgUnit", unit.id, "2026-09-01", fields))
        for person in org.people.values():
            if not person.external:
                out.write(_employee(org, person))
        out.write("</kmd>\n")
    return path


def _employee(org: Organisation, person: Employee) -> str:
    unit_type = org.units[person.unit].type_txt if person.unit in org.units else ""
    levels = MANAGER_LEVELS.get(unit_type, ("3", "4")) if person.is_manager else (None, None)
    fields = (
        ("entryDate", person.entry.isoformat()),
        ("leaveDate", person.leave.isoformat() if person.leave else None),
        ("cpr", person.cpr),
        ("firstName", person.first),
        ("lastName", person.last),
        ("email", person.email),
        ("userId", person.user_id),
        ("position", person.position),
        ("isManager", "true" if person.is_manager else "false"),
        ("superiorLevel", levels[0]),
        ("subordinateLevel", levels[1]),
        ("orgUnit", person.unit),
    )
    return _element("employee", person.id, "2026-09-15", fields)


def _element(tag: str, ident: str, changed: str, fields: Iterable[tuple[str, str | None]]) -> str:
    attrs = f"id={quoteattr(ident)} client={quoteattr(CLIENT)} lastChanged={quoteattr(changed)}"
    lines = [f" <{tag} {attrs}>"]
    for name, value in fields:
        lines.append(f"  <{name}>{escape(value)}</{name}>" if value else f"  <{name} />")
    lines.append(f" </{tag}>\n")
    return "\n".join(lines)


def write_kitos(org: Organisation, inv: Inventory, folder: Path) -> Path:
    """Write the KITOS API v2 folder: usages, it-systems, users and organisation units."""
    folder.mkdir(parents=True, exist_ok=True)
    root_uuid = org.units[next(iter(org.units))].kitos_uuid
    _pages(folder, "it-system-usages", [_usage(org, s, root_uuid) for s in inv.systems])
    _pages(folder, "it-systems", [_it_system(inv, s) for s in inv.systems])
    holders = dict.fromkeys(p for s in inv.systems for _, p in s.roles)
    others = [p for p in org.people if p not in holders and not org.people[p].external][::25]
    _pages(folder, "users", [_user(org.people[p]) for p in [*holders, *others]])
    units = [
        {
            "uuid": unit.kitos_uuid,
            "name": unit.name,
            "unitId": None if index % 100 == 50 else unit.id,  # a few match by name only
            "ean": None,
            "parentOrganizationUnit": _unit_ref(org, unit.parent) if unit.parent else None,
        }
        for index, unit in enumerate(org.units.values())
    ]
    units += [
        {"uuid": uuid, "name": name, "unitId": unit_id, "ean": None, "parentOrganizationUnit": None}
        for uuid, (unit_id, name) in inv.kitos_only_units.items()
    ]
    _pages(folder, "organization-units", units)
    return folder


def _usage(org: Organisation, system: System, root_uuid: str) -> dict[str, Any]:
    conducted, risk_date, planned = system.risk
    return {
        "uuid": system.uuid,
        "lastModified": "2026-10-01T09:15:00Z",
        "systemContext": {"uuid": system.system_uuid, "name": system.name},
        "organizationContext": {"uuid": root_uuid, "name": "Østby Kommune"},
        "general": {
            "localSystemId": system.local_id,
            "localCallName": None,
            "numberOfExpectedUsers": {"lowerBound": system.band[0], "upperBound": system.band[1]},
            "validity": {
                "valid": system.valid_to is None or system.valid_to >= SNAPSHOT,
                "validFrom": None,
                "validTo": _iso(system.valid_to),
                "lifeCycleStatus": system.lifecycle,
            },
        },
        "roles": [
            {
                "role": {"uuid": role_uuid(role), "name": role},
                "user": {"uuid": org.people[p].kitos_uuid, "name": org.people[p].name},
            }
            for role, p in system.roles
        ],
        "organizationUsage": {
            "usingOrganizationUnits": [_unit_ref(org, u) for u in system.using],
            "responsibleOrganizationUnit": _unit_ref(org, system.responsible),
        },
        "gdpr": {
            "businessCritical": "Yes" if system.band[1] is None else "No",
            "hostedAt": "External",
            "dataSensitivityLevels": ["PersonData"] if system.personal_data else ["None"],
            "riskAssessmentConducted": conducted,
            "riskAssessmentConductedDate": _iso(risk_date),
            "plannedRiskAssessmentDate": _iso(planned),
        },
    }


def _unit_ref(org: Organisation, unit_id: str) -> dict[str, str]:
    unit = org.units.get(unit_id)
    if unit is None:  # a KITOS-only unit, named by its KITOS uuid
        return {"uuid": unit_id, "name": "Projektenhed"}
    return {"uuid": unit.kitos_uuid, "name": unit.name}


def _it_system(inv: Inventory, system: System) -> dict[str, Any]:
    name, cvr, uuid = inv.vendors[system.vendor]
    return {
        "uuid": system.system_uuid,
        "name": system.name,
        "rightsHolder": {"uuid": uuid, "name": name, "cvr": cvr},
        "deactivated": False,
    }


def _user(person: Employee) -> dict[str, Any]:
    email = person.email
    if int(person.kitos_uuid[:2], 16) < 8:  # about 3 %: KITOS spells the e-mail in other case
        local, domain = email.split("@")
        email = ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.capitalize()
    return {
        "uuid": person.kitos_uuid,
        "firstName": person.first,
        "lastName": person.last,
        "email": email,
        "phoneNumber": None,
    }


def _pages(folder: Path, name: str, items: list[dict[str, Any]]) -> None:
    # Pages of an earlier, larger run would be read as part of this one.
    for old in [*folder.glob(f"{name}.json"), *folder.glob(f"{name}-*.json")]:
        old.unlink()
    for number, start in enumerate(range(0, max(1, len(items)), PAGE), start=1):
        file = folder / (f"{name}.json" if number == 1 else f"{name}-{number}.json")
        page = items[start : start + PAGE]
        file.write_text(json.dumps(page, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _iso(value: date | None) -> str | None:
    return f"{value.isoformat()}T00:00:00Z" if value else None


def write_register(org: Organisation, inv: Inventory, register: Register, path: Path) -> Path:
    """Write the governance register workbook as Excel would save it (dates as dd-mm-yyyy)."""
    workbook = Workbook()
    email = {p.id: p.email for p in org.people.values()}

    def ref(system: System) -> str:
        return system.uuid if system.by_uuid else system.name

    rows: dict[str, Iterator[list[Any]]] = {
        "Superbrugere": (
            [ref(s), email[p], kind, email.get(leader or ""), since, None]
            for s, p, kind, leader, since in register.superusers
        ),
        "Fora": (
            [FORUMS[forum], email[p], role, date(2025, 1, 1), None]
            for forum, p, role in register.seats
        ),
        "Roller": ([email[p], role, since, until] for p, role, since, until in register.roles),
        "Gennemgange": (
            [ref(s), REVIEW_LABELS[kind], held, ", ".join(email[p] for p in people)]
            for s, kind, held, people in register.reviews
        ),
        "Systemer": (
            [s.name, s.financing, "Ja" if s.personal_data else "Nej", s.dpa]
            for s in inv.systems
            if s.dpa is not None
        ),
    }
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    for sheet in SHEETS:
        _sheet(workbook, sheet.name, [c.name for c in sheet.columns], rows[sheet.name])
    workbook.save(path)
    return path


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: Iterator[list[Any]]) -> None:
    # A normal (not write-only) workbook: it records each sheet's dimension as Excel does,
    # which read-only readers rely on.
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, date):
                cell.number_format = "dd-mm-yyyy"
    sheet.freeze_panes = "A2"
