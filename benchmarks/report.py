"""Figures, the table printed at the end of a run, and ``results.md``.

A figure is a measured value with its goal, or the reason it was not measured. Nothing here
runs a benchmark; the other modules produce figures and details, this one shows them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

INVESTIGATIONS = Path(__file__).with_name("investigations.md")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(slots=True)
class Figure:
    """One line of the results: a value and its goal, or why it was not measured."""

    area: str
    name: str
    value: float | None = None
    unit: str = ""
    goal: tuple[str, float] | None = None  # (comparison, bound), e.g. ("<", 2.0)
    note: str = ""
    missing: str = ""  # why there is no value

    @property
    def met(self) -> bool | None:
        """True or False against the goal; None without a goal or a value."""
        if self.goal is None or self.value is None:
            return None
        compare, bound = self.goal
        return _COMPARE[compare](self.value, bound)

    @property
    def shown(self) -> str:
        """The value with its unit, or "not measured: why"."""
        if self.value is None:
            return f"not measured: {self.missing}"
        return f"{_number(self.value)} {self.unit}".strip()

    @property
    def goal_text(self) -> str:
        """The goal as written in the issue, e.g. "< 2 s"."""
        if self.goal is None:
            return "-"
        return f"{self.goal[0]} {_number(self.goal[1])} {self.unit}".strip()

    @property
    def verdict(self) -> str:
        """met, missed, or - (no goal or no value)."""
        return {True: "met", False: "missed", None: "-"}[self.met]


def not_measured(
    area: str, name: str, why: str, *, goal: tuple[str, float] | None = None, unit: str = ""
) -> Figure:
    """A figure that could not be measured, and why."""
    return Figure(area, name, unit=unit, goal=goal, missing=why)


@dataclass(slots=True)
class Results:
    """Everything one run produced: the machine, the figures and the details per area."""

    machine: dict[str, str]
    figures: list[Figure] = field(default_factory=list)
    details: dict[str, list[str]] = field(default_factory=dict)

    def detail(self, area: str, line: str) -> None:
        """Add a line to an area's details."""
        self.details.setdefault(area, []).append(line)


def print_table(results: Results, console: Console | None = None) -> None:
    """Print the figures as a table."""
    table = Table(title="govgraph benchmark", show_lines=False)
    for column in ("area", "figure", "value", "goal", ""):
        table.add_column(column)
    colours = {"met": "green", "missed": "red", "-": "dim"}
    for figure in results.figures:
        verdict = figure.verdict
        value = figure.shown if figure.value is not None else f"[yellow]{figure.shown}[/]"
        table.add_row(
            figure.area,
            figure.name,
            value,
            figure.goal_text,
            f"[{colours[verdict]}]{verdict}[/]",
        )
    (console or Console()).print(table)


def write_markdown(results: Results, path: Path) -> None:
    """Write ``results.md``: machine, one line per figure with its goal, details, investigations."""
    lines = ["# govgraph benchmark results", ""]
    lines += [f"- **{key}**: {value}" for key, value in results.machine.items()]
    lines += ["", "| area | figure | value | goal | verdict | note |", "|---|---|---|---|---|---|"]
    for f in results.figures:
        lines.append(
            f"| {f.area} | {f.name} | {f.shown} | {f.goal_text} | {f.verdict} | {f.note} |"
        )
    for area, details in results.details.items():
        lines += ["", f"## {area}", ""]
        lines += [f"- {line}" for line in details]
    if INVESTIGATIONS.exists():
        lines += ["", INVESTIGATIONS.read_text(encoding="utf-8").strip()]
    lines += _kept_soak_section(path)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _kept_soak_section(path: Path) -> list[str]:
    """The "## Soak" section `make soak` appended to an earlier results file, kept as it was."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    start = text.find("\n## Soak")
    return ["", text[start:].strip()] if start >= 0 else []


def _number(value: float) -> str:
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 1 else f"{value:.2f}"
