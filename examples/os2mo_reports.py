"""Write the example's HR data as OS2mo's three standard reports, in the samples' layout.

"Stilling+email" (people and engagements), "Administrativ organisation inkl. start- og
stopdato samt enhedstyper" (units, no parent column) and "Alle lederfunktioner" (managers by
name, with their unit's path by name): the same organisation as os2mo.json.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import catalogue as cat
from openpyxl import Workbook
from organisation import Organisation
from os2mo_files import mo_uuid

from importers.os2mo_report import COLUMNS as ENGAGEMENT_HEADERS

ENGAGEMENTS = "OS2MO Alles  stilling+email.xlsx"
UNITS = "OS2mos administrative organisation inkl. start- og- stopdato samt enhedstyper.xlsx"
MANAGERS = "OS2mo Alle lederfunktioner.xlsx"
UNIT_HEADERS = ("uuid", "Navn", "Enhedstype Titel", "Enhedstype UUID", "Gyldig fra", "Gyldig til")


def write_os2mo_reports(org: Organisation, folder: Path) -> None:
    """Write the three report workbooks into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    staff = [p for p in org.people if p.id and p.unit and p.unit in cat.UNITS]
    start = datetime(2010, 1, 1)
    units = [
        [org.unit_uuids[c], u[1], u[4], mo_uuid("unit-type", u[4]), start, None]
        for c, u in cat.UNITS.items()
    ]
    _save(folder / UNITS, "OS2MOAdm-org-incl-start-og-stop", UNIT_HEADERS, units)
    engagements = [
        [
            float(p.cpr),  # as the real workbook holds it; the importer must drop it
            _day(p.entry),
            _day(p.leave),
            p.first,
            p.last,
            mo_uuid("employee", p.id),
            p.user_id,
            cat.UNITS[p.unit][1],
            org.unit_uuids[p.unit],
            p.email,
            None,
            p.position,
            mo_uuid("engagement", p.id),
        ]
        for p in staff
    ]
    _save(folder / ENGAGEMENTS, "OS2MOAlleBK-stilling-email_os2m", ENGAGEMENT_HEADERS, engagements)
    depth = max(5, *(len(_path(c)) for c in cat.UNITS))
    path_headers = ["Rodorganisation", "Enhed", "Underenhed"]
    path_headers += [f"Underenhed*{n}" for n in range(2, depth - 1)]
    managers = [
        [*_path(p.unit), *[None] * (depth - len(_path(p.unit))), "Personale", p.name, None, p.email]
        for p in staff
        if p.is_manager
    ]
    headers = (*path_headers, "Ansvar", "Navn", "Telefon", "E-mail")
    _save(folder / MANAGERS, "OS2moAlle_lederfunktioner_os2mo", headers, managers)


def _path(code: str) -> list[str]:
    names = []
    current: str | None = code
    while current is not None:
        names.append(cat.UNITS[current][1])
        current = cat.UNITS[current][3]
    return names[::-1]


def _day(day: Any) -> datetime | None:
    return datetime(day.year, day.month, day.day) if day else None


def _save(path: Path, title: str, headers: tuple[str, ...], rows: list[list[Any]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    book.save(path)
