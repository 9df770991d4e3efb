"""Upcoming departures and the concentration of risk as terminal tables."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table

from core.i18n import Lang, text, value_name
from graph.departures import Departure
from graph.risk import RiskReport

DEPARTURE_COLUMNS = (
    "person.title",
    "risk_report.leaves",
    "person.roles",
    "handover.sole",
    "risk_report.impact",
    "report.rules",
)
BUS_FACTOR_COLUMNS = (
    "common.system",
    "risk_report.bus",
    "common.people",
    "risk_report.vacant",
    "risk_report.single",
)
CRITICAL_PEOPLE_COLUMNS = (
    "person.title",
    "common.system",
    "handover.sole",
    "risk_report.impact",
    "report.rules",
)


def departures_table(departures: Sequence[Departure], *, lang: Lang) -> Table:
    """Upcoming departures, most critical first."""
    table = Table(
        *(text(key, lang) for key in DEPARTURE_COLUMNS),
        expand=True,
    )
    for d in departures:
        table.add_row(
            d.person.name or d.person.key,
            d.leaves.isoformat(),
            f"{d.roles}",
            f"{d.vacated}",
            f"{d.new_findings} ({d.new_high})",
            ", ".join(d.rules) or "-",
        )
    return table


def _short(roles: Sequence[str], lang: Lang) -> str:
    """Critical roles by short names, so that the table fits 80 columns."""
    return ", ".join(value_name("role_short", r, lang) for r in roles) or "-"


def risk_tables(report: RiskReport, *, lang: Lang, limit: int = 20) -> Group:
    """The weakest systems by bus factor and the people whose leaving breaks most."""
    systems = Table(
        *(text(key, lang) for key in BUS_FACTOR_COLUMNS),
        title=text("risk_report.bus", lang),
        title_justify="left",
        expand=True,
    )
    for s in report.systems[:limit]:
        systems.add_row(
            s.system.name or s.system.key,
            str(s.bus_factor),
            str(s.holders),
            _short(s.vacant, lang),
            _short(s.single, lang),
        )
    people = Table(
        *(text(key, lang) for key in CRITICAL_PEOPLE_COLUMNS),
        title=text("risk_report.critical", lang),
        title_justify="left",
        expand=True,
    )
    for p in report.people:
        people.add_row(
            p.person.name or p.person.key,
            str(p.systems),
            str(p.sole),
            f"{p.new_findings} ({p.new_high})",
            ", ".join(p.rules) or "-",
        )
    return Group(systems, people)
