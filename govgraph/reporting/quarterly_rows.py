"""The quarterly overview's words and rows, shared by its workbook and its HTML page (Danish)."""

from __future__ import annotations

from datetime import date

from graph.reports import Change, OwnerLine, SystemLine
from schema.i18n import value_name

CHANGE_LABELS_DA: dict[str, str] = {
    "system_added": "System tilføjet",
    "system_ended": "System ophørt",
    "owner_added": "Ny systemejer",
    "owner_removed": "Systemejer ophørt",
    "owner_left": "Systemejer fratrådt, stadig registreret som ejer",
    "owner_leaving": "Systemejer fratræder",
}
SYSTEM_HEADERS_DA: tuple[str, ...] = (
    "System",
    "Afdeling",
    "Systemejer",
    "Systemejers enhed",
    "Finansiering",
    "Leverandør",
    "Livscyklus",
    "I brug",
    "Forventede brugere",
    "Åbne mangler",
)
DEPARTMENT_HEADERS_DA: tuple[str, ...] = (
    "Afdeling",
    "Systemer",
    "I brug",
    "I brug uden systemejer",
    "I brug uden finansiering",
    "Åbne mangler",
)
FINANCING_HEADERS_DA: tuple[str, ...] = ("Finansiering", "Systemer i brug", "Afdelinger")
CHANGE_HEADERS_DA: tuple[str, ...] = ("Dato", "Ændring", "System", "Person")


def danish_date(day: date | None) -> str:
    """dd-mm-yyyy, as Danish documents write dates; empty for none."""
    return day.strftime("%d-%m-%Y") if day else ""


def owner_names(owners: list[OwnerLine]) -> str:
    """The owners' names, each marked when they have left; "Ingen" when there is none."""
    if not owners:
        return "Ingen"
    return "; ".join(f"{o.name or o.key}{' (fratrådt)' if o.gone else ''}" for o in owners)


def owner_units(owners: list[OwnerLine]) -> str:
    """The owners' units, without repeats."""
    return "; ".join(dict.fromkeys(o.unit for o in owners if o.unit))


def lifecycle_da(value: str | None) -> str:
    """KITOS's life cycle in Danish (I drift, Under udfasning, ...)."""
    return value_name("lifecycle", value, "da")


def system_row(line: SystemLine) -> tuple[str | int | None, ...]:
    """One system as a row under ``SYSTEM_HEADERS_DA``."""
    return (
        line.name,
        line.department,
        owner_names(line.owners),
        owner_units(line.owners),
        line.financing_source or "",
        ", ".join(line.vendors),
        lifecycle_da(line.lifecycle),
        "Ja" if line.in_use else "Nej",
        line.expected_users or "",
        line.open_findings,
    )


def change_row(change: Change) -> tuple[date, str, str, str]:
    """One change as a row under ``CHANGE_HEADERS_DA``."""
    return (
        change.day,
        CHANGE_LABELS_DA[change.kind],
        change.system_name or change.system_key,
        change.person_name or change.person_key or "",
    )
