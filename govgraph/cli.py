"""The `govgraph` command line: one entry point, commands grouped by what they work on."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from core.errors import GovgraphError
from govgraph.commands import (
    audit,
    db,
    importing,
    register,
    reports,
    rules,
    serve,
    syncing,
    tokens,
    worker,
)
from govgraph.context import AppContext, console, error_console

app = typer.Typer(
    name="govgraph",
    help="A knowledge graph of the IT-governance model, in Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.app, name="db")
app.command("import")(importing.import_command)
app.command("sync")(syncing.sync_command)
app.add_typer(register.app, name="register")
app.command("serve")(serve.serve)
app.add_typer(tokens.app, name="token")
app.add_typer(audit.app, name="audit")
app.add_typer(reports.app, name="report")
app.command("calendar")(reports.calendar_command)
app.command("gaps")(rules.gaps)
app.command("handover")(rules.handover_command)
app.command("departures")(rules.departures)
app.command("risk")(rules.risk)
app.command("worker")(worker.worker)
app.command("notify")(worker.notify)


@app.callback()
def _root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML configuration file (else GOVGRAPH_CONFIG)."),
    ] = None,
) -> None:
    """A knowledge graph of the IT-governance model, in Neo4j."""
    ctx.obj = AppContext(config)
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """Run the CLI; errors become a clear message and a non-zero exit, never a traceback."""
    # The driver's retry and planner notices are for developers, not for the person at the
    # terminal; what fails is reported as a govgraph error below.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        # Without standalone mode, click returns a typer.Exit's code instead of raising it.
        code = app(standalone_mode=False)
    except GovgraphError as e:
        error_console.print(f"[bold red]Error:[/] {e.message}")
        if e.hint:
            error_console.print(f"[yellow]What to do:[/] {e.hint}")
        sys.exit(1)
    except typer.Abort:
        error_console.print("Aborted.")
        sys.exit(130)
    except (typer.Exit, SystemExit) as e:
        code = e.exit_code if isinstance(e, typer.Exit) else e.code
        sys.exit(code)
    except Exception as e:  # click's usage errors and anything unforeseen
        import click

        if isinstance(e, click.ClickException):
            e.show()
            sys.exit(e.exit_code)
        if os.environ.get("GOVGRAPH_DEBUG"):
            raise
        error_console.print(f"[bold red]Unexpected error:[/] {type(e).__name__}: {e}")
        error_console.print(
            "[yellow]What to do:[/] run again with GOVGRAPH_DEBUG=1 for details, and report it."
        )
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)


__all__ = ["app", "console", "main"]
