"""One small organisation written both as OS2mo GraphQL JSON and as OS2mo's three reports.

The reports keep the real samples' column headers and sheet shape (one sheet, header row 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.importers.hr_factories import (
    REPORT_HEADERS,
    UNITS,
    mo_employee,
    mo_engagement,
    mo_manager,
    mo_unit,
    report_row,
    write_os2mo,
    write_xlsx,
)

UNIT_HEADERS = [
    "uuid",
    "Navn",
    "Enhedstype Titel",
    "Enhedstype UUID",
    "Gyldig fra",
    "Gyldig til",
]
MANAGER_HEADERS = [
    "Rodorganisation",
    "Enhed",
    "Underenhed",
    "Underenhed*2",
    "Underenhed*3",
    "Ansvar",
    "Navn",
    "Telefon",
    "E-mail",
]
UNITS_FILE = "OS2mos administrative organisation inkl. start- og- stopdato samt enhedstyper.xlsx"
MANAGERS_FILE = "OS2mo Alle lederfunktioner.xlsx"
ENGAGEMENTS_FILE = "OS2MO Alles  stilling+email.xlsx"

# person number -> unit of their engagement
PEOPLE = {1: "30", 2: "21", 3: "10", 4: "90"}
# (person number, unit, responsibility): one row per responsibility, as OS2mo writes them
MANAGERS = [
    (3, "10", "Personale: ansættelse/afskedigelse"),
    (3, "10", "Økonomi"),
    (3, "30", "Personale: ansættelse/afskedigelse"),
    (2, "21", "Personale: ansættelse/afskedigelse"),
    (4, "90", "Personale: ansættelse/afskedigelse"),
]


def unit_path(key: str) -> list[str]:
    """The names from the root down to a unit, as the manager report writes them."""
    by_key = {k: (name, parent) for k, name, parent in UNITS}
    names = []
    current: str | None = key
    while current is not None:
        name, current = by_key[current]
        names.append(name)
    return names[::-1]


def manager_row(person: int, unit: str, responsibility: str, **overrides: Any) -> list[Any]:
    path = unit_path(unit) + [None] * (5 - len(unit_path(unit)))
    row = {"Ansvar": responsibility, "Navn": f"Given{person} Surname{person}"}
    row |= {"Telefon": 12345678.0, "E-mail": f"{person}@Kommune.dk"} | overrides
    return path + [row.get(h) for h in MANAGER_HEADERS[5:]]


def write_three_reports(
    folder: Path,
    *,
    managers: list[list[Any]] | None = None,
    names: dict[int, tuple[str, str]] | None = None,
) -> Path:
    """Write the three report workbooks into ``folder``; ``names`` renames people."""
    names = {n: (f"Given{n}", f"Surname{n}") for n in PEOPLE} | (names or {})
    folder.mkdir(parents=True, exist_ok=True)
    units = [[k, name, "Afdeling", "type-afdeling", "01-01-2000", None] for k, name, _ in UNITS]
    write_xlsx(folder, {"OS2MOAdm-org-incl-start-og-stop": [UNIT_HEADERS, *units]}, name=UNITS_FILE)
    rows = [
        report_row(
            n,
            **{
                "Person UUID": str(n),
                "Fornavn": names[n][0],
                "Efternavn": names[n][1],
                "Org-enhed": dict((k, name) for k, name, _ in UNITS)[unit],
                "Org-enhed UUID": unit,
                "E-mail": f"{n}@Kommune.dk",
                "Engagement UUID": f"eng-{unit}",
                "Brugernavn": None,
            },
        )
        for n, unit in PEOPLE.items()
    ]
    table = [REPORT_HEADERS, *([row.get(h) for h in REPORT_HEADERS] for row in rows)]
    write_xlsx(folder, {"OS2MOAlleBK-stilling-email_os2m": table}, name=ENGAGEMENTS_FILE)
    lines = managers if managers is not None else [manager_row(*m) for m in MANAGERS]
    write_xlsx(
        folder, {"OS2moAlle_lederfunktioner_os2mo": [MANAGER_HEADERS, *lines]}, name=MANAGERS_FILE
    )
    return folder


def write_same_as_graphql(tmp_path: Path) -> Path:
    """Write the small organisation as a saved OS2mo GraphQL response."""
    units = [mo_unit(k, name, parent) for k, name, parent in UNITS]
    employees = [
        mo_employee(str(n), None, engagements=[mo_engagement(unit)]) for n, unit in PEOPLE.items()
    ]
    managers = [mo_manager(unit, str(n)) for n, unit, _ in MANAGERS]
    return write_os2mo(tmp_path, units=units, employees=employees, managers=managers)
