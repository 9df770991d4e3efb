"""Token management for admins (the same as `govgraph token ...`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from api.deps import Admin, Audit
from api.models import TokenCreate, TokenCreated, TokenInfo
from api.routers.common import NOT_FOUND, error_response_doc
from api.token_store import TokenRecord, TokenStore
from core.errors import Conflict, InvalidInput

router = APIRouter(prefix="/api/tokens", tags=["tokens"])


def _info(record: TokenRecord) -> TokenInfo:
    return TokenInfo(
        name=record.name,
        scope=record.scope,
        created_at=record.created_at,
        revoked_at=record.revoked_at,
        active=record.active,
    )


@router.get("", response_model=list[TokenInfo])
def list_tokens(request: Request, _principal: Admin) -> list[TokenInfo]:
    """List the tokens (never their secrets)."""
    store: TokenStore = request.app.state.tokens
    return [_info(r) for r in store.list()]


@router.post(
    "",
    response_model=TokenCreated,
    status_code=201,
    responses={409: error_response_doc("An active token has that name.")},
)
def create_token(
    request: Request, body: TokenCreate, _principal: Admin, audit: Audit
) -> TokenCreated:
    """Create a token; its secret is in this answer and nowhere else, ever."""
    store: TokenStore = request.app.state.tokens
    try:
        secret = store.create(body.name, body.scope)
    except InvalidInput as e:
        # The store refuses a name in use like any bad input; over HTTP that is a conflict.
        if any(r.name == body.name and r.active for r in store.list()):
            raise Conflict(e.message, hint=e.hint) from e
        raise
    record = next(r for r in reversed(store.list()) if r.name == body.name and r.active)
    audit.record("token.create", token=body.name, token_scope=body.scope.value)
    return TokenCreated(**_info(record).model_dump(), token=secret)


@router.delete("/{name}", response_model=TokenInfo, responses=NOT_FOUND)
def revoke_token(
    request: Request, name: Annotated[str, Path(max_length=64)], _principal: Admin, audit: Audit
) -> TokenInfo:
    """Revoke a token: it stops working at once, and so do its browser sessions."""
    store: TokenStore = request.app.state.tokens
    record = store.revoke(name)
    audit.record("token.revoke", token=name)
    return _info(record)
