"""Upcoming departures and the concentration of risk as terminal tables."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table

from govgraph.reporting.gaps import Lang
from govgraph.reporting.handover import w
from graph.departures import Departure
from graph.risk import RiskReport


def departures_table(departures: Sequence[Departure], *, lang: Lang) -> Table:
    """Upcoming departures, most critical first."""
    table = Table(
        w("person", lang),
        w("leaves", lang),
        w("roles", lang),
        w("sole", lang),
        w("impact", lang),
        w("rules", lang),
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


_SHORT = {
    "systemejer": ("ejer", "owner"),
    "systemansvarlig": ("ansvarlig", "responsible"),
    "systemadministrator": ("administrator", "administrator"),
}


def _short(roles: Sequence[str], lang: Lang) -> str:
    """Critical roles by short names, so that the table fits 80 columns."""
    return ", ".join(_SHORT[r][0 if lang == "da" else 1] for r in roles) or "-"


def risk_tables(report: RiskReport, *, lang: Lang, limit: int = 20) -> Group:
    """The weakest systems by bus factor and the people whose leaving breaks most."""
    systems = Table(
        w("system", lang),
        w("bus", lang),
        w("holders", lang),
        w("vacant", lang),
        w("single", lang),
        title=w("bus", lang),
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
        w("person", lang),
        w("system", lang),
        w("sole", lang),
        w("impact", lang),
        w("rules", lang),
        title=w("critical", lang),
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
