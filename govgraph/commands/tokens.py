"""`govgraph token create|list|revoke`: the API's tokens, stored only as hashes."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.token_store import Scope, TokenStore
from govgraph.context import app_context, console

app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)


@app.command("create")
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


@app.command("list")
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


@app.command("revoke")
def token_revoke(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The token's name.")]
) -> None:
    """Revoke a token: it stops working at once, in a running server too."""
    TokenStore(app_context(ctx).settings.home).revoke(name)
    console.print(f"Token {name} revoked.")
