"""Factories of quarterly overviews as `graph.quarterly` gives them, for the renderers' tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from graph.quarterly import (
    Change,
    OwnerLine,
    QuarterlyOverview,
    SystemLine,
    department_totals,
    financing_totals,
)


def make_system_line(key: str, **overrides: object) -> SystemLine:
    """A system of the overview, in use and owned by a chef of Jobcenter."""
    values: dict[str, object] = {
        "key": key,
        "name": f"System {key}",
        "lifecycle": "Operational",
        "in_use": True,
        "department": "Jobcenter",
        "owners": [OwnerLine(key="chef", name="Lone Kristiansen", unit="Jobcenter", gone=False)],
        "financing_source": "IT-konto JB",
        "vendors": ["KMD A/S"],
        "expected_users": "10-50",
        "open_findings": 2,
    }
    values.update(overrides)
    return SystemLine.model_validate(values)


def make_overview(*systems: SystemLine, changes: list[Change] | None = None) -> QuarterlyOverview:
    """The overview of 2026Q4 of these systems, with their totals."""
    lines = list(systems)
    return QuarterlyOverview(
        quarter="2026Q4",
        label_da="4. kvartal 2026",
        label_en="Q4 2026",
        first_day=date(2026, 10, 1),
        last_day=date(2026, 12, 31),
        as_of=date(2026, 11, 29),
        generated_at=datetime(2026, 11, 29, 8, 0, tzinfo=UTC),
        history_since=date(2026, 10, 1),
        findings_evaluated=True,
        open_findings=sum(s.open_findings or 0 for s in lines),
        systems=lines,
        departments=department_totals(lines),
        financing=financing_totals(lines),
        changes=changes or [],
    )
