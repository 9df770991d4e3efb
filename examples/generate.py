"""Generate the example data of the fictional forvaltning "Jobcenter og Borgerservice".

Usage: ``python examples/generate.py OUTDIR``. Deterministic (fixed seed); stdlib + openpyxl.
Writes two KMD OPUS dumps, a KITOS API v2 folder, a KITOS Excel export and a governance
register, with the gaps listed in ``examples/README.md`` planted on purpose.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import catalogue as cat
from kitos_files import holders, write_kitos_api, write_kitos_export
from openpyxl import Workbook
from openpyxl.styles import Font
from organisation import Organisation, Person, build_organisation
from os2mo_files import write_os2mo
from os2mo_reports import write_os2mo_reports

ORG_TYPES = {
    "Kommune": "00000",
    "Magistratsafdeling": "00010",
    "Afdeling": "00020",
    "Sekretariat": "00025",
    "Kontor": "00030",
}
MANAGER_LEVELS = {
    "JB": ("1", "2"),
    "SEK": ("2", "3"),
    "JC": ("2", "3"),
    "BS": ("2", "3"),
    "IT": ("2", "3"),
}
REVIEW_LABELS = {
    "owner_review": "Halvårlig gennemgang",
    "vendor_dialog_owner": "Leverandørdialog (ejer)",
    "vendor_dialog_users": "Leverandørdialog (administratorer og superbrugere)",
}
# Systems the register names by KITOS uuid instead of by name.
BY_UUID = ("Nexus", "Ungedatabasen")


def opus_file_name(day: date) -> str:
    """``ZLPE<yyyymmddHHMMSS>_delta.xml`` for a dump taken at noon that day."""
    return f"ZLPE{day:%Y%m%d}120000_delta.xml"


def write_opus(org: Organisation, path: Path, *, day: date) -> None:
    """Write a full OPUS dump as it looked on ``day``."""
    root = ET.Element("kmd")
    for unit_id, name, short, parent, type_txt, _ in cat.UNITS.values():
        unit = ET.SubElement(
            root, "orgUnit", id=unit_id, client=cat.CLIENT, lastChanged="2026-09-01"
        )
        parent_id = cat.UNITS[parent][0] if parent else None
        for tag, value in (
            ("startDate", "2007-01-01"),
            ("endDate", "9999-12-31"),
            ("parentOrgUnit", parent_id),
            ("shortName", short),
            ("longName", name),
            ("street", "Rådhuspladsen 2"),
            ("zipCode", "8000"),
            ("city", "Østby"),
            ("costCenter", unit_id[1:]),
            ("orgType", ORG_TYPES[type_txt]),
            ("orgTypeTxt", type_txt),
        ):
            ET.SubElement(unit, tag).text = value
    for person in org.people:
        if person.handle == "leaver:B" and day >= cat.SNAPSHOT:
            ET.SubElement(
                root,
                "employee",
                id=person.id,
                client=cat.CLIENT,
                lastChanged=f"{day:%Y-%m-%d}",
                action="leave",
            )
            continue
        _employee(root, person, day=day)
    ET.indent(root, space=" ")
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _employee(root: ET.Element, person: Person, *, day: date) -> None:
    leave = person.leave if person.leave and day >= cat.SNAPSHOT else None
    element = ET.SubElement(
        root, "employee", id=person.id, client=cat.CLIENT, lastChanged="2026-09-15"
    )
    levels = MANAGER_LEVELS.get(person.unit, ("3", "4")) if person.is_manager else (None, None)
    for tag, value in (
        ("entryDate", person.entry.isoformat()),
        ("leaveDate", leave.isoformat() if leave else None),
        ("cpr", person.cpr),
        ("firstName", person.first),
        ("lastName", person.last),
        ("email", person.email),
        ("workPhone", f"8940{int(person.id) % 10000:04d}"),
        ("userId", person.user_id),
        ("position", person.position),
        ("isManager", "true" if person.is_manager else "false"),
        ("superiorLevel", levels[0]),
        ("subordinateLevel", levels[1]),
        ("orgUnit", cat.UNITS[person.unit][0] if person.unit else cat.CLOSED_UNIT_ID),
    ):
        child = ET.SubElement(element, tag)
        child.text = value
        if tag == "cpr":
            child.set("suppId", "0")


def write_register(org: Organisation, path: Path) -> None:
    """Write the governance register with the example's super-users, fora, roles and reviews."""
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = "Vejledning"
    guide.append(["Governanceregister for Jobcenter og Borgerservice (fiktive eksempeldata)."])
    guide.append(["En tom skabelon med vejledning: govgraph register template FIL"])
    sheets = {
        "Superbrugere": (
            ["System", "Superbruger e-mail", "Type", "Udpeget af (e-mail)", "Fra", "Til"],
            _superusers(org),
        ),
        "Fora": (["Forum", "Person e-mail", "Rolle i forum", "Fra", "Til"], _seats(org)),
        "Roller": (["Person e-mail", "Rolle", "Fra", "Til"], _roles(org)),
        "Gennemgange": (
            ["System", "Type", "Dato", "Deltagere (e-mails, kommasepareret)"],
            _reviews(org),
        ),
        "Systemer": (
            [
                "System",
                "Finansiering (omkostningssted/IT-konto)",
                "Behandler personoplysninger",
                "Databehandleraftale",
            ],
            _systems(org),
        ),
    }
    for title, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = "dd-mm-yyyy"
        for column in "ABCDEF":
            sheet.column_dimensions[column].width = 30
        sheet.freeze_panes = "A2"
    workbook.save(path)


def _system_ref(org: Organisation, name: str) -> str:
    return org.system_uuids[name][0] if name in BY_UUID else name


def _superusers(org: Organisation) -> list[list[object]]:
    rows: list[list[object]] = []
    for spec in cat.SYSTEMS:
        for role, person in holders(org, spec):
            if role != cat.SU:
                continue
            leader = org.leader_of(person)
            if (spec.name, person.handle) == cat.FOREIGN_APPOINTMENT[:2]:
                leader = org.person(cat.FOREIGN_APPOINTMENT[2])
            since = date(2021, 1, 1) + timedelta(days=org.rng.randrange(0, 1500))
            rows.append(
                [_system_ref(org, spec.name), person.email, spec.kind, leader.email, since, None]
            )
    return rows


def _seats(org: Organisation) -> list[list[object]]:
    rows: list[list[object]] = [
        [forum, org.person(handle).email, role, date(2025, 1, 1), None]
        for forum, handle, role in cat.FORUM_SEATS
    ]
    leaders = ["dir", "chef:SEK", "chef:JC", "chef:BS"]
    leaders += [p.handle for p in org.people if p.handle.startswith("kl:")]
    rows += [
        ["Ledermøder", org.person(h).email, "Deltager", date(2025, 1, 1), None] for h in leaders
    ]
    return rows


def _roles(org: Organisation) -> list[list[object]]:
    return [[org.person(h).email, role, since, until] for h, role, since, until in cat.ORG_ROLES]


def _reviews(org: Organisation) -> list[list[object]]:
    rows: list[list[object]] = []
    consultants = ["dk1", "dk2", "dk3", "dk4"]
    for index, spec in enumerate(cat.SYSTEMS):
        owners = [p for r, p in holders(org, spec) if r == cat.OWNER]
        if not spec.in_use or not owners:
            continue
        others = [p for r, p in holders(org, spec) if r in (cat.RESP, cat.ADMIN)]
        users = others + [p for r, p in holders(org, spec) if r == cat.SU][:3]
        consultant = org.person(consultants[index % 4])
        plan = {
            "owner_review": (5, 120, [*owners, consultant]),
            "vendor_dialog_owner": (20, 300, owners + others[:1]),
            "vendor_dialog_users": (20, 300, users),
        }
        for kind, (low, high, people) in plan.items():
            default = cat.SNAPSHOT - timedelta(days=org.rng.randrange(low, high))
            held = cat.REVIEW_OVERRIDES.get((spec.name, kind), default)
            if held is None:
                continue
            emails = ", ".join(dict.fromkeys(p.email for p in people))
            rows.append([_system_ref(org, spec.name), REVIEW_LABELS[kind], held, emails])
            if kind == "owner_review" and index % 3 == 0:  # the review before, for history
                rows.append(
                    [
                        _system_ref(org, spec.name),
                        REVIEW_LABELS[kind],
                        held - timedelta(days=182),
                        emails,
                    ]
                )
    return rows


def _systems(org: Organisation) -> list[list[object]]:
    rows: list[list[object]] = []
    for spec in cat.SYSTEMS:
        if spec.dpa is None or spec.lifecycle == "NotInUse":
            continue
        owners = [p for r, p in holders(org, spec) if r == cat.OWNER]
        financing = spec.financing
        if financing == "default":
            unit = owners[0].unit if owners else spec.responsible
            financing = {"SEK": "IT-konto JB", "IT": "Central IT-konto"}.get(
                unit, f"Omkostningssted {cat.UNITS[unit or 'JB'][0][1:]}"
            )
        rows.append([spec.name, financing, "Ja" if spec.personal_data else "Nej", spec.dpa])
    return rows


def main(argv: list[str]) -> int:
    """Write every example file to the folder given on the command line."""
    if len(argv) != 2:
        print("usage: python examples/generate.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    org = build_organisation()
    write_opus(org, out / opus_file_name(cat.PREVIOUS), day=cat.PREVIOUS)
    write_opus(org, out / opus_file_name(cat.SNAPSHOT), day=cat.SNAPSHOT)
    write_kitos_api(org, out / "kitos")
    write_kitos_export(org, out / "kitos-export.xlsx")
    write_register(org, out / "register.xlsx")
    write_os2mo(org, out / "os2mo.json")
    write_os2mo_reports(org, out / "os2mo-rapporter")
    print(f"{len(org.people)} people, {len(cat.UNITS)} units, {len(cat.SYSTEMS)} systems -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
