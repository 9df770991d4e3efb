"""What a soak run counted, the table it prints, and its entry under "Soak" in results.md."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from soak.load import Answer

HEADING = "## Soak"


@dataclass(slots=True)
class SoakResult:
    """The counts of one soak run; ``data_lost`` counts checksum checks that differed."""

    minutes: float
    command: str
    cycles: int = 0
    restarts: int = 0
    restarts_during_import: int = 0
    imports_written: int = 0
    imports_refused: int = 0
    imports_cut_off: int = 0
    rule_runs: int = 0
    findings: int = 0
    checksum_checks: int = 0
    data_lost: int = 0
    recoveries: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    began: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def errors_by_kind(self) -> Counter[str]:
        """Non-2xx answers and requests without an answer, by kind."""
        return Counter(a.kind for a in self.answers if not a.ok)

    @property
    def problems(self) -> list[str]:
        """Why the run failed: data lost, unexpected failures, answers other than 2xx or 503."""
        found = [f"data lost after {self.data_lost} fault(s)"] if self.data_lost else []
        found += self.failures
        found += [
            f"{n} request(s): {kind}"
            for kind, n in self.errors_by_kind.items()
            if not kind.startswith("503 ")
        ]
        return found

    @property
    def passed(self) -> bool:
        """No data lost, no unexpected failure, no server error, hang or malformed answer."""
        return not self.problems

    def rows(self) -> list[tuple[str, str]]:
        """(figure, value) lines, as printed and written."""
        served = len(self.answers)
        ok = sum(1 for a in self.answers if a.ok)
        errors = ", ".join(f"{k}: {n}" for k, n in self.errors_by_kind.most_common()) or "none"
        slowest = max((a.seconds for a in self.answers), default=0.0)
        recovery = f"max {max(self.recoveries):.1f} s" if self.recoveries else "-"
        return [
            ("duration", f"{self.minutes:.1f} min, {self.cycles} cycles"),
            (
                "Neo4j killed (SIGKILL) and restarted",
                f"{self.restarts} ({self.restarts_during_import} during an import)",
            ),
            (
                "imports",
                f"{self.imports_written} written, {self.imports_refused} broken files refused, "
                f"{self.imports_cut_off} cut off by the kill",
            ),
            ("gap-rule runs", f"{self.rule_runs} ({self.findings} findings each)"),
            ("API requests served", f"{served} ({ok} ok)"),
            ("API errors by kind", errors),
            ("slowest request", f"{slowest:.1f} s"),
            ("API recovery after a restart", recovery),
            ("checksum checks after faults", str(self.checksum_checks)),
            ("data lost", str(self.data_lost)),
            ("verdict", "passed" if self.passed else "FAILED: " + "; ".join(self.problems)),
        ]


def print_result(result: SoakResult, console: Console | None = None) -> None:
    """Print the figures as a table."""
    table = Table("figure", "value", title=f"Soak run, {result.began:%Y-%m-%d %H:%M} UTC")
    for name, value in result.rows():
        table.add_row(name, value)
    (console or Console()).print(table)


def entry(result: SoakResult) -> str:
    """The run as a markdown block."""
    lines = [
        f"### {result.began:%Y-%m-%d %H:%M} UTC — `{result.command}`",
        "",
        "| figure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in result.rows()),
    ]
    return "\n".join(lines) + "\n"


def append_result(result: SoakResult, path: Path) -> None:
    """Add the run at the end of the "Soak" section of ``path`` (the section made if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# govgraph results\n"
    lines = text.rstrip("\n").split("\n")
    if HEADING not in lines:
        lines += ["", HEADING]
    first = lines.index(HEADING)
    end = next((i for i in range(first + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    block = ["", *entry(result).rstrip("\n").split("\n")]
    if end < len(lines) and lines[end].strip():
        block.append("")
    lines[end:end] = block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
