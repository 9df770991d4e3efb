"""`govgraph serve`, `govgraph token ...` and `govgraph audit`: the web app and its access."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Annotated, Any

import typer
from rich.table import Table

from govgraph.audit import AuditLog
from govgraph.context import app_context, console
from govgraph.errors import InvalidInput
from govgraph.security import Scope, TokenStore

token_app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on (api.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (api.port).")] = None,
) -> None:
    """Serve the API (and the pages) with uvicorn until Ctrl-C."""
    import uvicorn

    from api.app import create_app
    from graph.driver import connection

    settings = app_context(ctx).settings
    connection(settings)  # a stopped local Neo4j is reported here, clearly, not as a traceback
    host = host or settings.api.host
    port = port or settings.api.port
    console.print(f"govgraph serves at http://{host}:{port} (API docs at /docs).")
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_config=log_config(development=settings.env == "development"),
        # The app reads X-Forwarded-* itself, from [api] trusted_proxies only.
        proxy_headers=False,
        server_header=False,
    )


def log_config(*, development: bool = False) -> dict[str, Any]:
    """uvicorn's logging, with CPR numbers and token secrets blanked out of every line.

    In development the app's one-time admin token is the one secret let through.
    """
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {
        "redact": {
            "()": "api.errors.RedactingFilter",
            "reveal_development_secret": development,
        }
    }
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    for name in ("govgraph", "neo4j"):
        config["loggers"][name] = {"handlers": ["default"], "level": "WARNING", "propagate": False}
    return config


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Who uses it, e.g. 'intranet' or 'anne'.")],
    scope: Annotated[
        Scope, typer.Option(help="reader < analyst < secretariat < admin.")
    ] = Scope.READER,
) -> None:
    """Create a token; its secret is printed this once and stored only as a hash."""
    secret = TokenStore(app_context(ctx).settings.home).create(name, scope)
    console.print(f"Token [bold]{name}[/] ({scope}) created. Copy it now; it is not shown again:")
    print(secret)


@token_app.command("list")
def token_list(ctx: typer.Context) -> None:
    """List the tokens: name, scope, created, revoked (never a secret)."""
    records = TokenStore(app_context(ctx).settings.home).list()
    if not records:
        console.print("No tokens. Create one with `govgraph token create NAME --scope reader`.")
        return
    table = Table("name", "scope", "created", "status")
    for r in records:
        status = f"revoked {r.revoked_at:%Y-%m-%d %H:%M}" if r.revoked_at else "active"
        table.add_row(r.name, r.scope, f"{r.created_at:%Y-%m-%d %H:%M}", status)
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The token's name.")]
) -> None:
    """Revoke a token: it stops working at once, in a running server too."""
    TokenStore(app_context(ctx).settings.home).revoke(name)
    console.print(f"Token {name} revoked.")


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
