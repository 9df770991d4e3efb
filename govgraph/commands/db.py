"""`govgraph db`: the local Neo4j and the database's schema."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.table import Table

from core.errors import InvalidInput
from govgraph.context import app_context, console
from govgraph.local_neo4j import local_database
from graph import admin

app = typer.Typer(help="Start, stop and set up the database.", no_args_is_help=True)


@app.command()
def start(ctx: typer.Context) -> None:
    """Start the local Neo4j and wait until it answers (no-op when it already runs)."""
    settings = app_context(ctx).settings
    if not settings.uses_local_database:
        console.print(
            f"NEO4J_URI is set ({settings.neo4j_uri}): govgraph uses that server and "
            "runs no local Neo4j."
        )
        return
    began = time.monotonic()
    with console.status("Starting the local Neo4j (the first start fetches it with Maven)..."):
        status, started = local_database(settings).start()
    if started:
        console.print(
            f"Neo4j runs at {status.uri} (pid {status.pid}), ready in "
            f"{time.monotonic() - began:.1f} s. Data in {settings.home}."
        )
    else:
        console.print(
            f"Neo4j already runs at {status.uri} (pid {status.pid}) since {status.started_at}."
        )


@app.command()
def stop(ctx: typer.Context) -> None:
    """Shut the local Neo4j down cleanly."""
    settings = app_context(ctx).settings
    with console.status("Stopping the local Neo4j..."):
        stopped = local_database(settings).stop()
    console.print("Neo4j stopped." if stopped else f"No local Neo4j runs for {settings.home}.")


@app.command()
def status(ctx: typer.Context) -> None:
    """Say where the database runs and since when."""
    settings = app_context(ctx).settings
    if not settings.uses_local_database:
        console.print(
            f"Using the Neo4j server at {settings.neo4j_uri} (database {settings.neo4j_database})."
        )
        return
    st = local_database(settings).status()
    if st.running:
        console.print(
            f"Local Neo4j runs at {st.uri}, pid {st.pid}, since {st.started_at}; home {st.home}."
        )
    else:
        console.print(
            f"No local Neo4j runs for {settings.home}. Start it with `govgraph db start`."
        )
        raise typer.Exit(3)


@app.command()
def init(ctx: typer.Context) -> None:
    """Create constraints and indexes and load the governance model's reference data."""
    report = admin.init_database(app_context(ctx).graph)
    table = Table("what", "count", title="Database initialised")
    table.add_row("constraints", str(len(report.constraints)))
    table.add_row("indexes", str(len(report.indexes)))
    table.add_row("reference data added", str(report.reference.added))
    table.add_row("reference data changed", str(report.reference.changed))
    table.add_row("reference data unchanged", str(report.reference.unchanged))
    console.print(table)


@app.command()
def reset(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", help="Really delete everything.")] = False,
) -> None:
    """Delete the governance data; tokens, sessions and the audit log stay (needs --yes)."""
    if not yes:
        raise InvalidInput(
            "`db reset` deletes the whole graph and refuses to run without --yes.",
            hint="Run `govgraph db reset --yes` if you mean it.",
        )
    deleted = admin.reset_database(app_context(ctx).graph)
    console.print(
        f"Deleted {deleted} nodes and their relationships (tokens and the audit log are kept). "
        "Run `govgraph db init` before importing again."
    )
