"""Chefgruppen's quarterly overview of system ownership and economy, read from the graph.

Spor 1 of the model: each quarter chefgruppen discusses the forvaltning's IT and receives "et
overblik over systemejerskab og økonomi". This module gathers it: per system its owner, the
owner's unit and department, financing, vendor, life cycle, expected users and open findings;
totals per department and per financing source; and what changed during the quarter, read from
the history the writer keeps (``valid_from``/``valid_to``, ``ended_by`` and ``ImportRun`` nodes).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from core.errors import InvalidInput
from core.i18n import text
from core.periods import Quarter
from core.settings import RuleSettings
from graph import report_cypher as q
from graph.driver import Graph
from graph.rules import evaluate
from schema.model import NOT_IN_USE_LIFECYCLES

# The groups of systems without a department or without financing: the Danish names stand in
# the data (and the JSON), and the reports name them in their own language.
NO_DEPARTMENT = text("quarterly.no_department", "da")
NO_FINANCING = text("quarterly.no_financing", "da")
ChangeKind = Literal[
    "system_added", "system_ended", "owner_added", "owner_removed", "owner_left", "owner_leaving"
]


class OwnerLine(BaseModel):
    """A current systemejer of a system, and where they sit."""

    key: str
    name: str | None = None
    unit: str | None = None
    department: str | None = None
    gone: bool = Field(description="The owner has left by as_of (GM-13).")


class SystemLine(BaseModel):
    """One system as chefgruppen sees it."""

    key: str
    name: str
    lifecycle: str | None = None
    in_use: bool
    department: str
    owners: list[OwnerLine]
    financing_source: str | None = None
    vendors: list[str]
    expected_users: str | None = Field(
        default=None, description="KITOS's band: <10, 10-50, 50-100, 100+."
    )
    open_findings: int | None = Field(
        default=None, description="Violated gap rules; null: not evaluated."
    )


class DepartmentTotals(BaseModel):
    """The systems a department owns, counted."""

    department: str
    systems: int
    in_use: int
    without_owner: int
    without_financing: int
    open_findings: int | None = None


class FinancingTotals(BaseModel):
    """The systems paid from one financing source."""

    financing_source: str
    systems: int
    departments: list[str]


class Change(BaseModel):
    """One change of the quarter: a system added or ended, an owner changed or leaving."""

    kind: ChangeKind
    day: date
    system_key: str
    system_name: str | None = None
    person_key: str | None = None
    person_name: str | None = None


class QuarterlyOverview(BaseModel):
    """Everything chefgruppen's quarterly overview shows."""

    quarter: str
    label_da: str
    label_en: str
    first_day: date
    last_day: date
    as_of: date
    generated_at: datetime
    history_since: date | None = Field(
        default=None, description="The first import's snapshot date."
    )
    findings_evaluated: bool
    open_findings: int | None = Field(
        default=None, description="Violated findings naming a system."
    )
    systems: list[SystemLine]
    departments: list[DepartmentTotals]
    financing: list[FinancingTotals]
    changes: list[Change]

    def label(self, lang: str) -> str:
        """The quarter's name in ``lang``: "4. kvartal 2026", "Q4 2026"."""
        return self.label_en if lang == "en" else self.label_da


def report_date(quarter: Quarter, *, today: date) -> date:
    """The date a quarter is reported at: its last day, or today while it runs."""
    if quarter.first_day > today:
        raise InvalidInput(
            f"The quarter {quarter} has not begun yet.",
            hint=f"Choose {Quarter.containing(today)} or an earlier quarter.",
        )
    return min(quarter.last_day, today)


def quarterly_overview(
    graph: Graph,
    quarter: Quarter,
    *,
    today: date,
    rules: RuleSettings | None = None,
    with_findings: bool = True,
) -> QuarterlyOverview:
    """Gather the quarterly overview of ``quarter`` (read at its last day, or today)."""
    as_of = report_date(quarter, today=today)
    params = {"as_of": as_of, "not_in_use": list(NOT_IN_USE_LIFECYCLES)}
    departments = {r["key"]: r for r in q.read(graph, q.UNIT_DEPARTMENTS, **params)}
    rows = q.read(graph, q.SYSTEMS, **params)
    counts, total = (
        _open_findings(graph, as_of=as_of, rules=rules, systems={r["key"] for r in rows})
        if with_findings
        else (None, None)
    )
    systems = [_system_line(row, departments, counts) for row in rows]
    runs = q.read(graph, q.IMPORT_RUNS)
    return QuarterlyOverview(
        quarter=str(quarter),
        label_da=quarter.label("da"),
        label_en=quarter.label("en"),
        first_day=quarter.first_day,
        last_day=quarter.last_day,
        as_of=as_of,
        generated_at=datetime.now(UTC),
        history_since=min((r["snapshot"] for r in runs if r["snapshot"]), default=None),
        findings_evaluated=with_findings,
        open_findings=total,
        systems=systems,
        departments=department_totals(systems),
        financing=financing_totals(systems),
        changes=changes(graph, quarter, as_of=as_of, runs=runs),
    )


def _open_findings(
    graph: Graph, *, as_of: date, rules: RuleSettings | None, systems: set[str]
) -> tuple[Counter[str], int]:
    """Violated findings per system key (about the system, or naming it), and their number."""
    counts: Counter[str] = Counter()
    total = 0
    for finding in evaluate(graph, as_of=as_of, params=rules).findings:
        if finding.status != "violated":
            continue
        keys = {r.key for r in finding.related if r.label == "System"}
        if finding.subject.label == "System":
            keys.add(finding.subject.key)
        counts.update(keys & systems)
        total += bool(keys & systems)
    return counts, total


def _system_line(
    row: dict[str, Any], units: dict[str, dict[str, Any]], findings: Counter[str] | None
) -> SystemLine:
    owners = []
    for owner in row["owners"]:
        unit = units.get(owner["unit"] or "", {})
        owners.append(
            OwnerLine(
                key=owner["key"],
                name=owner["name"],
                unit=unit.get("name"),
                department=unit.get("department"),
                gone=owner["gone"],
            )
        )
    # Owned systems belong to their owner's department; the others to KITOS's responsible unit.
    candidates = [o.department for o in owners] + [
        units.get(k, {}).get("department") for k in row["responsible_units"]
    ]
    return SystemLine(
        key=row["key"],
        name=row["name"] or row["key"],
        lifecycle=row["lifecycle"],
        in_use=row["in_use"],
        department=next((d for d in candidates if d), NO_DEPARTMENT),
        owners=owners,
        financing_source=(row["financing_source"] or "").strip() or None,
        vendors=row["vendors"],
        expected_users=users_band(row["users_lower"], row["users_upper"]),
        open_findings=None if findings is None else findings[row["key"]],
    )


def users_band(lower: int | None, upper: int | None) -> str | None:
    """KITOS's expected-users band as people read it: <10, 10-50, 100+."""
    if lower is None and upper is None:
        return None
    if not lower:
        return f"<{upper}"
    if upper is None:
        return f"{lower}+"
    return f"{lower}-{upper}"


def department_totals(systems: list[SystemLine]) -> list[DepartmentTotals]:
    """Systems per department, counted; the department-less last."""
    grouped: dict[str, list[SystemLine]] = defaultdict(list)
    for line in systems:
        grouped[line.department].append(line)
    return [
        DepartmentTotals(
            department=name,
            systems=len(lines),
            in_use=sum(s.in_use for s in lines),
            without_owner=sum(not s.owners for s in lines if s.in_use),
            without_financing=sum(s.financing_source is None for s in lines if s.in_use),
            open_findings=None
            if any(s.open_findings is None for s in lines)
            else sum(s.open_findings or 0 for s in lines),
        )
        for name, lines in sorted(grouped.items(), key=lambda i: (i[0] == NO_DEPARTMENT, i[0]))
    ]


def financing_totals(systems: list[SystemLine]) -> list[FinancingTotals]:
    """Systems in use per financing source; systems without one last."""
    grouped: dict[str, list[SystemLine]] = defaultdict(list)
    for line in systems:
        if line.in_use:
            grouped[line.financing_source or NO_FINANCING].append(line)
    return [
        FinancingTotals(
            financing_source=source,
            systems=len(lines),
            departments=sorted({s.department for s in lines}),
        )
        for source, lines in sorted(grouped.items(), key=lambda i: (i[0] == NO_FINANCING, i[0]))
    ]


def changes(
    graph: Graph, quarter: Quarter, *, as_of: date, runs: list[dict[str, Any]]
) -> list[Change]:
    """What changed from the end of the previous quarter to ``as_of``, plus owners leaving soon.

    The first import of each scope is the baseline: what it created was there before the
    history began, so it counts as a change only when its own ``valid_from`` says so.
    """
    first: dict[str, str] = {}
    for run in sorted(runs, key=lambda r: r["started"]):
        first.setdefault(run["scope"], run["key"])
    params = {
        "start": quarter.first_day,
        "as_of": as_of,
        "until": quarter.next().last_day,
        "baselines": list(first.values()),
    }
    found: list[Change] = []
    for row in q.read(graph, q.SYSTEM_CHANGES, **params):
        if row["added"]:
            found.append(_change("system_added", row["added"], row))
        if row["ended"]:
            found.append(_change("system_ended", row["ended"], row))
    for row in q.read(graph, q.OWNER_CHANGES, **params):
        if row["added"]:
            found.append(_change("owner_added", row["added"], row))
        if row["ended"]:
            found.append(_change("owner_removed", row["ended"], row))
    for row in q.read(graph, q.OWNER_DEPARTURES, **params):
        kind: ChangeKind = "owner_left" if row["leaves"] <= as_of else "owner_leaving"
        found.append(_change(kind, row["leaves"], row))
    found.sort(key=lambda c: (c.day, (c.system_name or "").casefold(), c.kind, c.person_key or ""))
    return found


def _change(kind: ChangeKind, day: date, row: dict[str, Any]) -> Change:
    return Change(
        kind=kind,
        day=day,
        system_key=row["system_key"],
        system_name=row["system_name"],
        person_key=row.get("person_key"),
        person_name=row.get("person_name"),
    )
