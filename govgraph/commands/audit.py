"""`govgraph audit`: who read which person's data, when, and how."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from api.audit import AuditLog
from core.errors import InvalidInput
from govgraph.context import app_context, console


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
    settings = app_context(ctx).settings
    log = AuditLog(settings.home, retention_days=settings.api.audit_retention_days)
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
        table.add_row(f"{e.at:%Y-%m-%d %H:%M:%S}", e.who, e.action, e.path, keys, e.query or "")
    console.print(table)
    console.print(f"{len(entries)} entries.")
