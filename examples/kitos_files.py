"""Write the example's KITOS data: an API v2 folder and the Excel export of systems in use."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import catalogue as cat
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from organisation import Organisation, Person

ROLE_ORDER = (
    cat.OWNER,
    cat.RESP,
    cat.ADMIN,
    cat.SU,
    "Forretningsejer",
    "Dataejer",
    "Lokal tovholder",
)
LIFECYCLE_DA = {
    "Undecided": "",
    "Pilot": "Pilot",
    "PhasingIn": "Under indfasning",
    "Operational": "I drift",
    "PhasingOut": "Under udfasning",
    "NotInUse": "Ikke i drift",
}
YES_NO_DA = {"Yes": "Ja", "No": "Nej", "DontKnow": "Ved ikke", "Undecided": ""}


def role_uuid(name: str) -> str:
    """KITOS's uuid of a system role (stable across runs)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"kitos-role:{name}"))


def kitos_email(person: Person) -> str:
    """The e-mail KITOS holds: for a few users spelt with other casing than HR's."""
    if person.handle not in cat.CASED_EMAILS:
        return person.email
    local, domain = person.email.split("@")
    return ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.capitalize()


def holders(org: Organisation, spec: cat.SystemSpec) -> list[tuple[str, Person]]:
    """(KITOS role name, holder) for every role assignment of a system."""
    return [(role, org.person(h)) for role, handles in spec.roles.items() for h in handles]


def write_kitos_api(org: Organisation, folder: Path) -> None:
    """Write it-system-usages.json, it-systems.json, users.json and organization-units.json."""
    folder.mkdir(parents=True, exist_ok=True)
    usages = [_usage(org, spec) for spec in cat.SYSTEMS]
    _dump(folder / "it-system-usages.json", usages)
    _dump(folder / "it-systems.json", [_it_system(org, spec) for spec in cat.SYSTEMS])
    role_holders = {p.handle: p for spec in cat.SYSTEMS for _, p in holders(org, spec)}
    others = [p for p in org.people if p.handle.startswith("s:") and p.handle not in role_holders]
    users = [_user(p) for p in [*role_holders.values(), *others[::40]]]
    _dump(folder / "users.json", users)
    _dump(folder / "organization-units.json", _units(org))


def _usage(org: Organisation, spec: cat.SystemSpec) -> dict[str, Any]:
    usage_uuid, system_uuid = org.system_uuids[spec.name]
    modified = date(2026, 1, 1).toordinal() + org.rng.randrange(0, 300)
    conducted, risk_date, planned = spec.risk
    return {
        "uuid": usage_uuid,
        "createdBy": {"uuid": org.person("dk1").kitos_uuid, "name": org.person("dk1").name},
        "lastModified": f"{date.fromordinal(modified).isoformat()}T09:15:00Z",
        "systemContext": {"uuid": system_uuid, "name": spec.name},
        "organizationContext": {"uuid": org.unit_uuids["K"], "name": "Østby Kommune"},
        "general": {
            "localSystemId": spec.local_id,
            "localCallName": spec.local_name,
            "systemVersion": None,
            "numberOfExpectedUsers": {"lowerBound": spec.band[0], "upperBound": spec.band[1]},
            "validity": {
                "valid": spec.valid_to is None or spec.valid_to >= cat.SNAPSHOT,
                "enforcedValid": False,
                "validFrom": _iso(spec.valid_from),
                "validTo": _iso(spec.valid_to),
                "lifeCycleStatus": spec.lifecycle,
            },
            "mainContract": None,
            "containsAITechnology": "Yes" if spec.vendor == "boost" else "No",
        },
        "roles": [
            {
                "role": {"uuid": role_uuid(role), "name": role},
                "user": {"uuid": person.kitos_uuid, "name": person.name},
            }
            for role, person in holders(org, spec)
        ],
        "organizationUsage": {
            "usingOrganizationUnits": [_unit_ref(org, code) for code in spec.using],
            "responsibleOrganizationUnit": _unit_ref(org, spec.responsible),
        },
        "localKLEDeviations": {"addedKLE": [], "removedKLE": []},
        "externalReferences": [],
        "gdpr": {
            "purpose": None,
            "businessCritical": "Yes" if spec.band == cat.HUGE else "No",
            "hostedAt": spec.hosted_at,
            "dataSensitivityLevels": ["PersonData"] if spec.personal_data else ["None"],
            "riskAssessmentConducted": conducted,
            "riskAssessmentConductedDate": _iso(risk_date),
            "riskAssessmentResult": "Medium" if risk_date else None,
            "plannedRiskAssessmentDate": _iso(planned),
            "dpiaConducted": "No",
        },
        "outgoingSystemRelations": [],
    }


def _it_system(org: Organisation, spec: cat.SystemSpec) -> dict[str, Any]:
    name, cvr = cat.VENDORS[spec.vendor]
    return {
        "uuid": org.system_uuids[spec.name][1],
        "name": spec.name,
        "rightsHolder": {"uuid": org.vendor_uuids[spec.vendor], "name": name, "cvr": cvr},
        "deactivated": False,
    }


def _user(person: Person) -> dict[str, Any]:
    return {
        "uuid": person.kitos_uuid,
        "firstName": person.first,
        "lastName": person.last,
        "email": kitos_email(person),
        "phoneNumber": None,
    }


def _unit_ref(org: Organisation, code: str) -> dict[str, str]:
    name = cat.KITOS_ONLY_UNIT[1] if code == "KITOS-ONLY" else cat.UNITS[code][1]
    return {"uuid": org.unit_uuids[code], "name": name}


def _units(org: Organisation) -> list[dict[str, Any]]:
    units = []
    for code, (unit_id, name, _, parent, _, _) in cat.UNITS.items():
        units.append(
            {
                "uuid": org.unit_uuids[code],
                "name": name,
                "unitId": None if code == cat.KITOS_UNIT_WITHOUT_ID else unit_id,
                "ean": None,
                "parentOrganizationUnit": _unit_ref(org, parent) if parent else None,
            }
        )
    kitos_only_id, name = cat.KITOS_ONLY_UNIT
    units.append(
        {
            "uuid": org.unit_uuids["KITOS-ONLY"],
            "name": name,
            "unitId": kitos_only_id,
            "ean": None,
            "parentOrganizationUnit": _unit_ref(org, "JC"),
        }
    )
    return units


def write_kitos_export(org: Organisation, path: Path) -> None:
    """Write KITOS's Excel export: one row per system, role columns with hidden e-mails."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "IT Systemer i anvendelse"
    base = [
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
    headers = base + [h for role in ROLE_ORDER for h in (role, f"{role} Email#")]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 22
        sheet.column_dimensions[letter].hidden = header.endswith("Email#")
    for spec in cat.SYSTEMS:
        conducted, risk_date, planned = spec.risk
        row: list[Any] = [
            spec.local_id,
            spec.name,
            spec.local_name,
            cat.VENDORS[spec.vendor][0],
            _unit_ref(org, spec.responsible)["name"],
            ", ".join(_unit_ref(org, code)["name"] for code in spec.using),
            LIFECYCLE_DA[spec.lifecycle],
            YES_NO_DA[conducted],
            _dmy(risk_date),
            _dmy(planned),
        ]
        assigned = holders(org, spec)
        for role in ROLE_ORDER:
            people = [p for r, p in assigned if r == role]
            row += [", ".join(p.name for p in people), ", ".join(kitos_email(p) for p in people)]
        sheet.append([value or None for value in row])
    sheet.freeze_panes = "C2"
    workbook.save(path)


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _iso(value: date | None) -> str | None:
    return f"{value.isoformat()}T00:00:00Z" if value else None


def _dmy(value: date | None) -> str | None:
    return value.strftime("%d-%m-%Y") if value else None
