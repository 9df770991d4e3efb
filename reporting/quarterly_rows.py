"""The quarterly overview's columns and rows, shared by its workbook and its HTML page.

Every word comes from the text catalogue (``core.i18n``), in the language asked for.
"""

from __future__ import annotations

from datetime import date

from core.i18n import Lang, numeric_date, text, value_name
from graph.quarterly import NO_DEPARTMENT, NO_FINANCING, Change, OwnerLine, SystemLine

SYSTEM_COLUMNS: tuple[str, ...] = (
    "common.system",
    "quarterly.department",
    "system.owner",
    "quarterly.owner_unit",
    "system.financing",
    "common.vendor",
    "system.lifecycle",
    "system.in_use",
    "system.expected_users",
    "quarterly.open_findings",
)
DEPARTMENT_COLUMNS: tuple[str, ...] = (
    "quarterly.department",
    "common.systems",
    "system.in_use",
    "quarterly.without_owner",
    "quarterly.without_financing",
    "quarterly.open_findings",
)
FINANCING_COLUMNS: tuple[str, ...] = (
    "system.financing",
    "quarterly.systems_in_use",
    "quarterly.departments",
)
CHANGE_COLUMNS: tuple[str, ...] = (
    "quarterly.date",
    "quarterly.change",
    "common.system",
    "person.title",
)


def headers(columns: tuple[str, ...], lang: Lang) -> tuple[str, ...]:
    """The names of a table's columns in ``lang``."""
    return tuple(text(key, lang) for key in columns)


def danish_date(day: date | None) -> str:
    """dd-mm-yyyy, as Danish documents write dates; empty for none."""
    return numeric_date(day, "da")


def owner_names(owners: list[OwnerLine], lang: Lang) -> str:
    """The owners' names, each marked when they have left; "Ingen" when there is none."""
    if not owners:
        return text("common.none", lang)
    departed = text("common.departed", lang)
    return "; ".join(f"{o.name or o.key}{f' ({departed})' if o.gone else ''}" for o in owners)


def owner_units(owners: list[OwnerLine]) -> str:
    """The owners' units, without repeats."""
    return "; ".join(dict.fromkeys(o.unit for o in owners if o.unit))


def department_name(department: str, lang: Lang) -> str:
    """A department's name; the group of systems without one is named in ``lang``."""
    return text("quarterly.no_department", lang) if department == NO_DEPARTMENT else department


def financing_name(source: str, lang: Lang) -> str:
    """A financing source; the group of systems without one is named in ``lang``."""
    return text("quarterly.no_financing", lang) if source == NO_FINANCING else source


def system_row(line: SystemLine, lang: Lang) -> tuple[str | int | None, ...]:
    """One system as a row under ``SYSTEM_COLUMNS``."""
    return (
        line.name,
        department_name(line.department, lang),
        owner_names(line.owners, lang),
        owner_units(line.owners),
        line.financing_source or "",
        ", ".join(line.vendors),
        value_name("lifecycle", line.lifecycle, lang),
        text("common.yes" if line.in_use else "common.no", lang),
        line.expected_users or "",
        line.open_findings,
    )


def change_row(change: Change, lang: Lang) -> tuple[date, str, str, str]:
    """One change as a row under ``CHANGE_COLUMNS``."""
    return (
        change.day,
        value_name("change", change.kind, lang),
        change.system_name or change.system_key,
        change.person_name or change.person_key or "",
    )
