"""`govgraph worker` and `govgraph notify`: send the outbox (mails, webhooks), run the jobs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.table import Table

from govgraph.context import app_context, console


def worker(ctx: typer.Context) -> None:
    """Run the worker until Ctrl-C: sends the outbox and runs the scheduled jobs."""
    from api.worker import Worker

    context = app_context(ctx)
    graph = context.graph
    jobs = Worker(graph, context.settings)
    console.print(f"govgraph worker runs {', '.join(j.name for j in jobs.jobs)} (Ctrl-C stops it).")
    try:
        jobs.run_forever()
    except KeyboardInterrupt:
        console.print("Worker stopped.")


def notify(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be sent; send nothing.")
    ] = False,
) -> None:
    """Send every due message of the outbox now, once (or list them with --dry-run)."""
    from api.worker import send_due
    from graph.notifications import due_messages

    context = app_context(ctx)
    if dry_run:
        due = due_messages(context.graph, now=datetime.now(UTC))
        table = Table("channel", "to", "subject / event", "reason", "attempts", expand=True)
        for m in due:
            table.add_row(
                m.channel.value, m.to, m.subject or m.event or "", m.reason, str(m.attempts)
            )
        console.print(table)
        console.print(f"{len(due)} message(s) would be sent.")
        return
    report = send_due(context.graph, context.settings)
    console.print(f"Sent {report.sent}; to try again {report.retry}; refused {report.failed}.")
    for error in sorted(set(report.errors))[:10]:
        console.print(f"  {error}")
    if report.retry or report.failed:
        raise typer.Exit(1)
