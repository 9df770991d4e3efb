"""`govgraph audit`: who read which person's data, when, and how; `audit verify`: is the log
whole."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from api.audit import AuditLog
from api.legacy_files import import_legacy_files
from api.token_store import TokenStore
from core.errors import GovgraphError, InvalidInput
from govgraph.context import AppContext, app_context, console

app = typer.Typer(
    help="Show the audit log: who read which person's data, when, and how.",
    invoke_without_command=True,
)


def stores(context: AppContext) -> tuple[TokenStore, AuditLog]:
    """The tokens and the audit log in Neo4j, after old files of $GOVGRAPH_HOME came in once."""
    settings = context.settings
    tokens = TokenStore(context.graph)
    log = AuditLog(context.graph, retention_days=settings.api.audit_retention_days)
    import_legacy_files(settings.home, tokens=tokens, audit=log)
    return tokens, log


@app.callback()
def audit(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option(help="Only reads of this person key.")] = None,
    token: Annotated[str | None, typer.Option(help="Only requests made with this token.")] = None,
    since: Annotated[str | None, typer.Option(help="Only from this date (yyyy-mm-dd).")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="table or json (one entry a line).")
    ] = "table",
) -> None:
    """Show the audit log: who read which person's data, when, and how."""
    if ctx.invoked_subcommand is not None:
        return
    log = stores(app_context(ctx))[1]
    log.purge(date.today())
    try:
        first = date.fromisoformat(since) if since else None
    except ValueError:
        raise InvalidInput(f"--since {since!r} is not a date.", hint="Use yyyy-mm-dd.") from None
    entries = list(log.entries(person=person, token=token, since=first))
    if fmt == "json":
        for entry in entries:
            print(json.dumps(entry.model_dump(mode="json"), ensure_ascii=False))
        return
    table = Table("when (UTC)", "who", "action", "path", "person keys", "query", expand=True)
    for e in entries:
        keys = ", ".join(e.person_keys[:5]) + (
            f" +{len(e.person_keys) - 5}" if len(e.person_keys) > 5 else ""
        )
        who = f"{e.who} ({e.actor})" if e.actor and e.actor != e.who else e.who
        table.add_row(f"{e.at:%Y-%m-%d %H:%M:%S}", who, e.action, e.path, keys, e.query or "")
    console.print(table)
    console.print(f"{len(entries)} entries.")


@app.command("verify")
def verify(ctx: typer.Context) -> None:
    """Check the audit log's hash chain: a deleted or changed entry makes this fail."""
    check = stores(app_context(ctx))[1].verify()
    if check.problem is not None:
        raise GovgraphError(
            f"The audit log is not whole: {check.problem} ({check.checked} entries checked "
            "before it).",
            hint="Compare with a backup of the database, and report it to the security officer.",
        )
    console.print(f"The audit log is whole: {check.checked} entries checked.")
