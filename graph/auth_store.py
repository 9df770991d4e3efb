"""Tokens, browser sessions and the shared session secret in Neo4j, shared by every app process.

Nothing here is cached: each call reads the current record. The app trusts a verified bearer
token for ``[api] token_cache_seconds`` (2 s) without calling here again (api.token_store), so
a revocation made through one process (or the CLI) holds on every other process within that
bound; sessions are read here at every request.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import WRITE, Graph

_TOKEN_FIELDS = "t {.id, .name, .scope, .hash, .person, .created_at, .revoked_at}"

_CREATE_TOKEN = (
    "OPTIONAL MATCH (old:AuthToken {name: $name}) WHERE old.revoked_at IS NULL "
    "WITH count(old) AS taken WHERE taken = 0 "
    "CREATE (t:AuthToken:Auth {id: $id, name: $name, scope: $scope, hash: $hash, "
    "person: $person, created_at: $created_at}) "
    "RETURN " + _TOKEN_FIELDS
)
_LIST_TOKENS = "MATCH (t:AuthToken) RETURN " + _TOKEN_FIELDS + " ORDER BY t.created_at, t.id"
_TOKEN_BY_ID = "MATCH (t:AuthToken {id: $id}) RETURN " + _TOKEN_FIELDS
_REVOKE_TOKEN = (
    "MATCH (t:AuthToken {name: $name}) WHERE t.revoked_at IS NULL "
    "SET t.revoked_at = $now "
    "WITH t OPTIONAL MATCH (s:AuthSession {token_id: t.id}) "
    "WITH t, collect(s) AS sessions FOREACH (s IN sessions | DELETE s) "
    "RETURN " + _TOKEN_FIELDS
)
_IMPORT_TOKEN = (
    "MERGE (t:AuthToken:Auth {id: $id}) ON CREATE SET t.name = $name, t.scope = $scope, "
    "t.hash = $hash, t.person = $person, t.created_at = $created_at, t.revoked_at = $revoked_at"
)

_OPEN_SESSION = (
    "CREATE (s:AuthSession:Auth {id: $id, expires: $expires, token_id: $token_id, name: $name, "
    "scope: $scope, person: $person, logout_hint: $logout_hint})"
)
_PURGE_SESSIONS = (
    "MATCH (s:AuthSession) WHERE s.expires <= $now WITH s LIMIT 1000 DELETE s RETURN count(*) AS n"
)
# The session with the current state of its token (if a token opened it), in one read.
_SESSION = (
    "MATCH (s:AuthSession {id: $id}) WHERE s.expires > $now "
    "OPTIONAL MATCH (t:AuthToken {id: s.token_id}) "
    "RETURN s {.id, .expires, .token_id, .name, .scope, .person, .logout_hint} AS session, "
    + _TOKEN_FIELDS
    + " AS token"
)
_CLOSE_SESSION = "MATCH (s:AuthSession {id: $id}) DELETE s"

_BEGIN_LOGIN = (
    "MATCH (old:AuthLogin) WHERE old.expires <= $now WITH collect(old) AS stale "
    "FOREACH (o IN stale | DELETE o) "
    "CREATE (:AuthLogin:Auth {id: $id, browser: $browser, verifier: $verifier, nonce: $nonce, "
    "next: $next, expires: $expires})"
)
_TAKE_LOGIN = (
    "MATCH (l:AuthLogin {id: $id}) WITH l, l {.browser, .verifier, .nonce, .next, .expires} AS f "
    "DELETE l RETURN f"
)

_SECRET = (
    "MERGE (s:AuthSecret:Auth {name: $name}) ON CREATE SET s.value = $value RETURN s.value AS value"
)


def _token(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """A token row with the driver's datetimes as Python's."""
    if row is None:
        return None
    return {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in row.items()}


def create_token(
    graph: Graph,
    *,
    token_id: str,
    name: str,
    scope: str,
    hashed: str,
    person: str | None,
    created_at: datetime,
) -> dict[str, Any] | None:
    """Store a token; None when an active token has that name already."""

    def work(tx: ManagedTransaction) -> dict[str, Any] | None:
        # Lock every token of this name first, so two creators cannot both find it free.
        tx.run("MATCH (t:AuthToken {name: $name}) SET t.name = t.name", name=name).consume()
        record = tx.run(
            _CREATE_TOKEN,
            id=token_id,
            name=name,
            scope=scope,
            hash=hashed,
            person=person,
            created_at=created_at,
        ).single()
        return _token(record["t"]) if record else None

    return graph.write(work)


def list_tokens(graph: Graph) -> list[dict[str, Any]]:
    """Every token, revoked ones included, oldest first."""
    return [r for row in graph.query(_LIST_TOKENS) if (r := _token(row["t"])) is not None]


def token_by_id(graph: Graph, token_id: str) -> dict[str, Any] | None:
    """The token with this id as it is now; None if there is none."""
    rows = graph.query(_TOKEN_BY_ID, id=token_id)
    return _token(rows[0]["t"]) if rows else None


def revoke_token(graph: Graph, name: str, *, now: datetime) -> list[dict[str, Any]]:
    """Revoke the active token(s) of this name and end their sessions; the revoked ones."""
    rows = graph.query(_REVOKE_TOKEN, routing=WRITE, name=name, now=now)
    return [r for row in rows if (r := _token(row["t"])) is not None]


def import_token(graph: Graph, record: dict[str, Any]) -> None:
    """Store a token from the old tokens.json as it was (kept if its id is known already)."""
    graph.query(_IMPORT_TOKEN, routing=WRITE, **record)


def open_session(
    graph: Graph,
    *,
    session_id: str,
    now: int,
    expires: int,
    token_id: str | None,
    name: str,
    scope: str,
    person: str | None,
    logout_hint: str | None = None,
) -> None:
    """Store a session under the hash of its id; expired sessions are removed on the way."""

    def work(tx: ManagedTransaction) -> None:
        tx.run(_PURGE_SESSIONS, now=now).consume()
        tx.run(
            _OPEN_SESSION,
            id=session_id,
            expires=expires,
            token_id=token_id,
            name=name,
            scope=scope,
            person=person,
            logout_hint=logout_hint,
        ).consume()

    graph.write(work)


def purge_sessions(graph: Graph, *, now: int) -> int:
    """Delete expired sessions (a thousand at a time); how many went."""
    total = 0
    while True:
        deleted = graph.query(_PURGE_SESSIONS, routing=WRITE, now=now)[0]["n"]
        total += deleted
        if deleted == 0:
            return total


def find_session(
    graph: Graph, session_id: str, *, now: int
) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """The unexpired session with this id and its token as it is now; None if there is none."""
    rows = graph.query(_SESSION, id=session_id, now=now)
    if not rows:
        return None
    return rows[0]["session"], _token(rows[0]["token"])


def close_session(graph: Graph, session_id: str) -> None:
    """End a session."""
    graph.query(_CLOSE_SESSION, routing=WRITE, id=session_id)


def shared_secret(graph: Graph, name: str) -> str:
    """A secret every app process shares, generated at its first use."""
    rows = graph.query(_SECRET, routing=WRITE, name=name, value=secrets.token_urlsafe(48))
    return str(rows[0]["value"])


def begin_login(
    graph: Graph,
    *,
    login_id: str,
    browser: str,
    verifier: str,
    nonce: str,
    next_path: str,
    now: int,
    expires: int,
) -> None:
    """Keep a single sign-on under way (any app process may receive its callback)."""
    graph.query(
        _BEGIN_LOGIN,
        routing=WRITE,
        id=login_id,
        browser=browser,
        verifier=verifier,
        nonce=nonce,
        next=next_path,
        now=now,
        expires=expires,
    )


def take_login(graph: Graph, login_id: str) -> dict[str, Any] | None:
    """The login under way with this id, removed so that it is used once; None if unknown."""
    rows = graph.query(_TAKE_LOGIN, routing=WRITE, id=login_id)
    return dict(rows[0]["f"]) if rows else None
