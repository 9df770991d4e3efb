"""Factories that write KITOS sources and governance registers in their real shapes.

KITOS API v2 objects are camelCase with ``{uuid, name}`` references; the Excel export has a
hidden ``<role> Email#`` column beside each role column; KITOS CSV is UTF-16LE with a BOM.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl

from importers.register import write_register_template

USAGE_UUID = "0f6c1c3e-1a2b-4c3d-8e9f-000000000001"
SYSTEM_UUID = "5b0e7a1c-1111-4c3d-8e9f-000000000002"
USER_UUID = "9a8b7c6d-2222-4c3d-8e9f-000000000003"
UNIT_UUID = "3c4d5e6f-3333-4c3d-8e9f-000000000004"
ROLE_UUIDS = {
    "Systemejer": "aaaaaaaa-0000-4000-8000-000000000001",
    "Systemansvarlig": "aaaaaaaa-0000-4000-8000-000000000002",
    "Systemadminstrator": "aaaaaaaa-0000-4000-8000-000000000009",
    "Superbruger": "aaaaaaaa-0000-4000-8000-000000000005",
}


def ref(uuid: str, name: str) -> dict[str, str]:
    """A KITOS ``{uuid, name}`` reference."""
    return {"uuid": uuid, "name": name}


def user(uuid: str = USER_UUID, first: str = "Anne", last: str = "Holm", **fields: Any) -> dict:
    """A KITOS API user."""
    return {
        "uuid": uuid,
        "firstName": first,
        "lastName": last,
        "email": fields.pop("email", f"{first}.{last}@kommune.dk"),
        "phoneNumber": None,
        **fields,
    }


def unit(uuid: str = UNIT_UUID, name: str = "Kontor for ydelser", unit_id: str | None = "30"):
    """A KITOS API organisation unit."""
    return {
        "uuid": uuid,
        "name": name,
        "unitId": unit_id,
        "ean": None,
        "parentOrganizationUnit": None,
    }


def role(name: str, user_uuid: str = USER_UUID, *, role_uuid: str | None = None) -> dict:
    """One role assignment of a usage."""
    return {
        "role": ref(role_uuid or ROLE_UUIDS.get(name, f"r-{name}"), name),
        "user": ref(user_uuid, "Anne Holm"),
    }


def usage(
    uuid: str = USAGE_UUID,
    name: str = "Acadre",
    *,
    roles: list[dict] | None = None,
    using: list[dict] | None = None,
    responsible: dict | None = None,
    general: dict | None = None,
    gdpr: dict | None = None,
    system_uuid: str = SYSTEM_UUID,
) -> dict:
    """A KITOS API v2 system usage."""
    return {
        "uuid": uuid,
        "lastModified": "2026-10-12T09:31:00Z",
        "systemContext": ref(system_uuid, name),
        "organizationContext": {"uuid": "org", "name": "Kommune", "cvr": "11223344"},
        "general": {
            "localSystemId": "JB-001",
            "localCallName": "ESDH",
            "numberOfExpectedUsers": {"lowerBound": 10, "upperBound": 50},
            "validity": {
                "valid": True,
                "enforcedValid": False,
                "validFrom": None,
                "validTo": None,
                "lifeCycleStatus": "Operational",
            },
            **(general or {}),
        },
        "roles": roles if roles is not None else [],
        "organizationUsage": {
            "usingOrganizationUnits": using if using is not None else [],
            "responsibleOrganizationUnit": responsible,
        },
        "gdpr": {
            "businessCritical": "Yes",
            "hostedAt": "OnPremise",
            "dataSensitivityLevels": ["PersonData"],
            "riskAssessmentConducted": "Yes",
            "riskAssessmentConductedDate": "2025-05-12T00:00:00Z",
            "plannedRiskAssessmentDate": "2027-05-01T00:00:00Z",
            **(gdpr or {}),
        },
    }


def it_system(uuid: str = SYSTEM_UUID, vendor: str = "KMD A/S", cvr: str | None = "90000101"):
    """A KITOS API it-system with its rights holder (the vendor)."""
    return {
        "uuid": uuid,
        "name": "Acadre",
        "rightsHolder": {"uuid": "vendor-uuid", "name": vendor, "cvr": cvr},
    }


def write_kitos(
    folder: Path,
    usages: list[dict] | None = None,
    users: list[dict] | None = None,
    units: list[dict] | None = None,
    systems: list[dict] | None = None,
) -> Path:
    """Write a KITOS API folder; ``systems=None`` leaves it-systems.json out."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "it-system-usages": usages if usages is not None else [usage()],
        "users": users if users is not None else [user()],
        "organization-units": units if units is not None else [unit()],
    }
    if systems is not None:
        files["it-systems"] = systems
    for name, data in files.items():
        (folder / f"{name}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return folder


# --- the Excel export ----------------------------------------------------------------------

EXPORT_BASE = [
    "Lokal System ID",
    "IT System",
    "Lokal kaldenavn",
    "Leverandør",
    "Ansv. organisationsenhed",
    "Relevante organisationsenheder",
    "Livscyklus",
    "Foretaget risikovurdering",
    "Dato for seneste risikovurdering",
    "Dato for planlagt risikovurdering",
]
EXPORT_ROLES = ["Systemejer", "Systemansvarlig", "Systemadminstrator", "Superbruger"]


def export_headers(roles: list[str] = EXPORT_ROLES) -> list[str]:
    """The export's headers: base columns, then each role with its hidden e-mail column."""
    return EXPORT_BASE + [h for r in roles for h in (r, f"{r} Email#")]


def export_row(**values: Any) -> dict[str, Any]:
    """One system row of the export, by header; defaults describe Acadre."""
    row: dict[str, Any] = {
        "Lokal System ID": "JB-001",
        "IT System": "Acadre",
        "Lokal kaldenavn": "ESDH",
        "Leverandør": "Formpipe Software A/S",
        "Ansv. organisationsenhed": "JB-sekretariatet",
        "Relevante organisationsenheder": "Kontor for ydelser, JB-sekretariatet",
        "Livscyklus": "I drift",
        "Foretaget risikovurdering": "Ja",
        "Dato for seneste risikovurdering": "12-05-2025",
        "Dato for planlagt risikovurdering": "01-05-2027",
        "Systemejer": "Lone Kristiansen",
        "Systemejer Email#": "Lone.Kristiansen@Kommune.dk",
    }
    row.update(values)
    return row


def write_export_xlsx(path: Path, rows: list[dict[str, Any]], headers: list[str] | None = None):
    """Write the export as KITOS does: e-mail columns hidden."""
    headers = headers or export_headers()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    for index, header in enumerate(headers, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].hidden = header.endswith("Email#")
    workbook.save(path)
    return path


def write_export_csv(path: Path, rows: list[dict[str, Any]], headers: list[str] | None = None):
    """Write the export as a KITOS CSV report: `;`-separated UTF-16LE with a BOM."""
    headers = headers or export_headers()
    lines = [";".join(headers)]
    lines += [";".join(str(row.get(h) or "") for h in headers) for row in rows]
    path.write_bytes(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))
    return path


# --- the governance register ---------------------------------------------------------------


def write_register(path: Path, **sheets: list[list[Any]]) -> Path:
    """Fill a blank register template: ``Superbrugere=[[...], ...]`` adds rows under headers."""
    write_register_template(path)
    workbook = openpyxl.load_workbook(path)
    for name, rows in sheets.items():
        for number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                workbook[name].cell(row=number, column=column, value=value)
    workbook.save(path)
    return path
