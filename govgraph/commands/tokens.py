"""`govgraph token create|list|revoke`: the API's tokens, stored in Neo4j only as hashes."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.token_store import Scope, TokenStore
from govgraph.commands.audit import stores
from govgraph.context import app_context, console

app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)


def _store(ctx: typer.Context) -> TokenStore:
    return stores(app_context(ctx))[0]


@app.command("create")
def token_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Who uses it, e.g. 'intranet' or 'anne'.")],
    scope: Annotated[
        Scope, typer.Option(help="reader < analyst < secretariat < admin.")
    ] = Scope.READER,
    person: Annotated[
        str | None,
        typer.Option(help="The Person key the token acts as (decisions record it)."),
    ] = None,
) -> None:
    """Create a token; its secret is printed this once and stored only as a hash."""
    secret = _store(ctx).create(name, scope, person=person)
    console.print(f"Token [bold]{name}[/] ({scope}) created. Copy it now; it is not shown again:")
    print(secret)


@app.command("list")
def token_list(ctx: typer.Context) -> None:
    """List the tokens: name, scope, person, created, revoked (never a secret)."""
    records = _store(ctx).list()
    if not records:
        console.print("No tokens. Create one with `govgraph token create NAME --scope reader`.")
        return
    table = Table("name", "scope", "person", "created", "status")
    for r in records:
        status = f"revoked {r.revoked_at:%Y-%m-%d %H:%M}" if r.revoked_at else "active"
        table.add_row(r.name, r.scope, r.person or "", f"{r.created_at:%Y-%m-%d %H:%M}", status)
    console.print(table)


@app.command("revoke")
def token_revoke(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The token's name.")]
) -> None:
    """Revoke a token: it stops working at once, on every running app process too."""
    _store(ctx).revoke(name)
    console.print(f"Token {name} revoked.")
