"""`govgraph import`: read sources, show every problem, write each one all-or-nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, TimeElapsedColumn
from rich.table import Table

from core.records import ImportBatch, Problem, Severity
from govgraph.context import AppContext, console
from graph.loading import ImportOutcome, import_options, read_in_order, run_import
from graph.writer import WriteSummary
from importers.registry import FORMATS


def import_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help="Source files (a KITOS API export is a folder).", exists=True),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=f"One of {', '.join(FORMATS)}; detected when left out."),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", exists=True, help="Column mapping for --format csv.")
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Report problems and what would change; write nothing."),
    ] = False,
) -> None:
    """Import HR, KITOS and register files: validated first, each one all-or-nothing."""
    app = ctx.find_object(AppContext)
    assert app is not None
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    failed = False
    # Closed at once if a write fails: the readers end before the error is shown.
    with closing(read_in_order(paths, fmt, import_options(app.settings, mapping))) as sources:
        for path, batch in _while_reading(sources):
            failed |= _import_one(app, path, batch, dry_run=dry_run)
    if failed:
        console.print("[bold red]Some files had errors; those files wrote nothing.[/]")
        raise typer.Exit(2)


def _import_one(
    app: AppContext, path: Path, batch: ImportBatch | Problem, *, dry_run: bool
) -> bool:
    """Write one source, or show why it cannot be written; True when it had errors."""
    if isinstance(batch, Problem):
        show_problems(path, [batch])
        return True
    began = time.monotonic()
    with Progress(
        *Progress.get_default_columns(), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task(
            f"Writing {path.name} in one transaction", total=len(batch.nodes) + len(batch.rels)
        )
        outcome = run_import(
            app.graph, batch, path=path, dry_run=dry_run, progress=partial(bar.advance, task)
        )
    show_problems(path, outcome.problems)
    _show_summary(outcome, batch, time.monotonic() - began)
    return outcome.failed


def _while_reading(
    sources: Iterator[tuple[Path, ImportBatch | Problem]],
) -> Iterator[tuple[Path, ImportBatch | Problem]]:
    """The sources in writing order, with a spinner while the next one is still being read."""
    while True:
        with console.status("Reading and validating..."):
            item = next(sources, None)
        if item is None:
            return
        yield item


def show_problems(path: Path | str, problems: list[Problem]) -> None:
    """A table of a source's problems, errors first as they came."""
    if not problems:
        return
    table = Table(
        "",
        "where",
        "problem",
        "what to do",
        title=f"Problems in {getattr(path, 'name', path)}",
        show_lines=False,
        expand=True,
    )
    for p in problems:
        mark = "[red]error[/]" if p.severity is Severity.ERROR else "[yellow]warning[/]"
        table.add_row(mark, p.location, p.message, p.hint)
    console.print(table)


def summary_rows(s: WriteSummary) -> list[tuple[str, int]]:
    """What a write did, as the rows of a summary table."""
    return [
        ("added", s.added),
        ("changed", s.changed),
        ("ended", s.ended),
        ("unchanged", s.unchanged),
        ("unmatched", len(s.unmatched)),
    ]


def print_summary(title: str, rows: list[tuple[str, int]], seconds: float) -> None:
    """A two-column table of counts and the seconds it took."""
    table = Table("", "", title=title, show_header=False)
    for name, value in rows:
        table.add_row(name, str(value))
    table.add_row("seconds", f"{seconds:.2f}")
    console.print(table)


def _show_summary(outcome: ImportOutcome, batch: ImportBatch, seconds: float) -> None:
    if outcome.summary is None:
        console.print(
            f"[red]{outcome.path.name}: {len(batch.errors)} error(s) — nothing written.[/]"
        )
        return
    s = outcome.summary
    verb = "would change" if s.dry_run else "changed"
    mode = "dry run" if s.dry_run else "written"
    rows = [*summary_rows(s), ("warnings", len(batch.warnings))]
    print_summary(f"{outcome.path.name} — {batch.source}, {mode}", rows, seconds)
    if s.dry_run:
        console.print(f"{outcome.path.name}: dry run — nothing was written.")
    elif s.nothing_changed:
        console.print(f"{outcome.path.name}: nothing {verb} — the graph already holds this file.")
