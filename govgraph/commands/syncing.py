"""`govgraph sync kitos|os2mo`: fetch a live source and write it as an import would."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from govgraph.commands.importing import print_summary, show_problems, summary_rows
from govgraph.context import AppContext, console
from graph.syncing import NAMES, SOURCES, SyncOutcome, run_sync


def sync_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help=f"The source to read: {' or '.join(SOURCES)}.")],
    full: Annotated[
        bool, typer.Option("--full", help="Read everything, not only what changed.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Fetch and report what would change; write nothing.")
    ] = False,
) -> None:
    """Fetch KITOS or OS2mo live and write it all-or-nothing, as an import of its files."""
    app = ctx.find_object(AppContext)
    assert app is not None
    if source not in SOURCES:
        raise typer.BadParameter(f"unknown source {source!r}; use one of {', '.join(SOURCES)}")
    began = time.monotonic()
    with console.status(f"Reading {NAMES[source]}..."):
        outcome = run_sync(app.graph, app.settings, source, full=full, dry_run=dry_run)
    _show(outcome, time.monotonic() - began)
    if outcome.failed:
        raise typer.Exit(2)


def _show(outcome: SyncOutcome, seconds: float) -> None:
    name = NAMES[outcome.source]
    if outcome.batch is not None:
        show_problems(outcome.batch.file_name, outcome.batch.problems)
    if outcome.error is not None:
        console.print(f"[bold red]{name} sync failed:[/] {outcome.error.message}")
        if outcome.error.hint:
            console.print(f"[yellow]What to do:[/] {outcome.error.hint}")
        return
    s = outcome.summary
    assert s is not None and outcome.batch is not None
    read = [*sorted(outcome.counts.items()), ("requests", outcome.requests)]
    rows = [*read, *summary_rows(s), ("warnings", len(outcome.batch.warnings))]
    print_summary(f"{name} — {outcome.mode} sync", rows, seconds)
    if s.dry_run:
        console.print(f"{name}: dry run — nothing was written.")
    elif s.nothing_changed:
        console.print(f"{name}: nothing changed — the graph already holds what {name} holds.")
