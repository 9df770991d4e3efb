"""API tokens, stored only as argon2 hashes, and who a request is (its principal).

A token is shown once, when it is created: ``ggt_<id>_<secret>``. Neo4j keeps its name, scope,
person and argon2 hash (``AuthToken``, see graph.auth_store), shared by every app process; the
id only finds the record to verify.
A token that passed the check is trusted again without reading Neo4j for ``cache_seconds``
(``[api] token_cache_seconds``, 2 s by default; 0 reads the record at every request): a
revocation holds at once on the process that made it, and on every other process within that
bound. The cache is per process, keyed by the SHA-256 of the whole secret.
Scopes are ordered: a reader reads entities, relationships and gaps; an analyst adds Cypher,
handover, departures and the Excel exports; the secretariat adds decisions and approvals; an
admin adds imports and token management.

Checking a secret runs argon2 (tens of milliseconds, on purpose) outside the store's lock, so a
flood of wrong secrets for one token does not hold up anyone else; a ``FailureLimiter`` stops
such a flood per token id and per client address before it reaches argon2. That limiter counts
in each process on its own: with N processes a flood gets at most N times the limit.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel

from api.throttle import FailureLimiter
from core.errors import InvalidInput, NotFound, TooManyAttempts
from core.settings import ApiSettings
from graph import auth_store
from graph.driver import Graph

TOKEN_PREFIX = "ggt_"
_TOKEN = re.compile(r"^ggt_([0-9a-f]{12})_([A-Za-z0-9_-]{32,64})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_PERSON = re.compile(r"^[^\x00-\x1f]{1,200}$")
_MAX_TRUSTED = 10_000


class Scope(StrEnum):
    """What a token may do; each scope includes the ones below it."""

    READER = "reader"
    ANALYST = "analyst"
    SECRETARIAT = "secretariat"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        """Position in reader < analyst < secretariat < admin."""
        return list(Scope).index(self)

    def allows(self, needed: Scope | str) -> bool:
        """True when this scope includes ``needed``."""
        return self.rank >= Scope(needed).rank


@dataclass(frozen=True, slots=True)
class Principal:
    """Who makes a request: the token's (or the logged-in user's) name, scope and Person key.

    ``token_id`` is empty for a single sign-on login and for a provider's access token.
    """

    name: str
    scope: Scope
    token_id: str
    person: str | None = None

    @property
    def key(self) -> str:
        """What per-caller limits count by: the token, or the signed-in user or client."""
        return self.token_id or f"user:{self.name}"


class TokenRecord(BaseModel):
    """A stored token: never its secret, only the argon2 hash of it."""

    id: str
    name: str
    scope: Scope
    hash: str
    person: str | None = None
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None

    @property
    def principal(self) -> Principal:
        """Who this token makes a request as."""
        return Principal(self.name, self.scope, self.id, self.person)


class TokenStore:
    """The tokens in Neo4j; safe to share between threads and processes."""

    def __init__(
        self,
        graph: Graph,
        *,
        limiter: FailureLimiter | None = None,
        hasher: PasswordHasher | None = None,
        cache_seconds: float = 0.0,
    ) -> None:
        self.graph = graph
        if limiter is None:  # the app passes its own, from its settings
            defaults = ApiSettings()
            limiter = FailureLimiter(
                limit=defaults.auth_failures, window=defaults.auth_failure_window
            )
        self.limiter = limiter
        self._lock = threading.Lock()
        self._hasher = hasher or PasswordHasher()
        # sha256(secret) -> the argon2 hash it was verified against: argon2 need not run again
        # for it. Whether the token is still active is read from Neo4j every time.
        self._verified: dict[str, str] = {}
        # sha256(secret) -> (its principal, until when it is trusted without a read).
        self.cache_seconds = cache_seconds
        self._trusted: dict[str, tuple[Principal, float]] = {}
        # sha256(secret) -> set when the first of its concurrent checks has ended.
        self._checking: dict[str, threading.Event] = {}

    def create(self, name: str, scope: Scope | str, *, person: str | None = None) -> str:
        """Create a token and return its secret, which is shown this once and never stored."""
        if not _NAME.match(name):
            raise InvalidInput(
                f"{name!r} is not a usable token name.",
                hint="Use up to 64 letters, digits, '.', '_' or '-', starting with a letter "
                "or digit.",
            )
        try:
            scope = Scope(scope)
        except ValueError:
            raise InvalidInput(
                f"{scope!r} is not a scope.", hint="Use reader, analyst, secretariat or admin."
            ) from None
        if person is not None and not _PERSON.match(person):
            raise InvalidInput(
                f"{person!r} is not a person key.", hint="Use the Person's key, e.g. 'AZ12345'."
            )
        token_id = secrets.token_hex(6)
        secret = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        created = auth_store.create_token(
            self.graph,
            token_id=token_id,
            name=name,
            scope=scope.value,
            hashed=self._hasher.hash(secret),
            person=person,
            created_at=datetime.now(UTC),
        )
        if created is None:
            raise InvalidInput(
                f"A token named {name!r} exists already.",
                hint="Choose another name, or revoke the old token first.",
            )
        return secret

    def list(self) -> list[TokenRecord]:
        """Every token, revoked ones included, oldest first."""
        return [TokenRecord.model_validate(r) for r in auth_store.list_tokens(self.graph)]

    def has_active(self) -> bool:
        """True when at least one token works."""
        return any(r.active for r in self.list())

    def revoke(self, name: str) -> TokenRecord:
        """Revoke the active token of this name; it and its sessions stop working at once."""
        found = auth_store.revoke_token(self.graph, name, now=datetime.now(UTC))
        revoked = {row["id"] for row in found}
        with self._lock:
            self._trusted = {k: v for k, v in self._trusted.items() if v[0].token_id not in revoked}
        if not found:
            raise NotFound(
                f"No active token is named {name!r}.",
                hint="`govgraph token list` shows the tokens.",
            )
        return TokenRecord.model_validate(found[0])

    def import_record(self, record: dict[str, Any]) -> None:
        """Keep a token from the old tokens.json (hash, scope, dates) in Neo4j."""
        stored = TokenRecord.model_validate(record)
        auth_store.import_token(self.graph, stored.model_dump(mode="python"))

    def trusted(self, secret: str) -> Principal | None:
        """The principal of a token verified less than ``cache_seconds`` ago; no Neo4j read."""
        if not self.cache_seconds:
            return None
        found = self._trusted.get(hashlib.sha256(secret.encode()).hexdigest())
        if found is None or found[1] <= time.monotonic():
            return None
        return found[0]

    def verify(self, secret: str, *, client: str = "") -> Principal | None:
        """The principal of a valid, unrevoked token; None for anything else.

        Raises TooManyAttempts when the token id or the client has failed too often lately.
        """
        match = _TOKEN.match(secret)
        if not match:
            return None
        if (cached := self.trusted(secret)) is not None:
            return cached
        token_id = match.group(1)
        digest = hashlib.sha256(secret.encode()).hexdigest()
        record = self._record(token_id)
        if record is None or not record.active:
            return None
        if (known := self._known(digest, record)) is not None:
            return known
        # A burst of requests with a token new to this process runs argon2 for each, and more
        # than the failure limit under way at once would be refused (429 for a valid token):
        # one refused while the same secret is being checked waits for that check instead.
        with self._lock:
            running = self._checking.get(digest)
            own = running is None
            if running is None:
                running = self._checking[digest] = threading.Event()
        try:
            return self._check(token_id, digest, secret, record, client)
        except TooManyAttempts:
            if own or not running.wait(timeout=30):
                raise
            if (known := self._known(digest, record)) is not None:
                return known
            raise
        finally:
            if own:
                with self._lock:
                    self._checking.pop(digest, None)
                running.set()

    def _known(self, digest: str, record: TokenRecord) -> Principal | None:
        """The principal when this secret was checked against this hash before (no argon2)."""
        with self._lock:
            if self._verified.get(digest) != record.hash:
                return None
            self._trust(digest, record.principal)
            return record.principal

    def _check(
        self, token_id: str, digest: str, secret: str, record: TokenRecord, client: str
    ) -> Principal | None:
        """Check the secret against the record's argon2 hash, within the failure limit."""
        keys = [f"token:{token_id}"] + ([f"client:{client}"] if client else [])
        self.limiter.begin(keys)
        valid = False
        try:
            valid = self._matches(record.hash, secret)
        finally:
            self.limiter.end(keys, failed=not valid)
        if not valid:
            return None
        current = self._record(token_id)
        if current is None or not current.active or current.hash != record.hash:
            return None  # revoked while its secret was being checked
        with self._lock:
            self._verified[digest] = current.hash
            self._trust(digest, current.principal)
        return current.principal

    def _trust(self, digest: str, principal: Principal) -> None:
        """Remember a verified token for ``cache_seconds`` (call with the lock held)."""
        if not self.cache_seconds:
            return
        now = time.monotonic()
        if len(self._trusted) >= _MAX_TRUSTED:  # bounded: forget what has expired, else all
            self._trusted = {k: v for k, v in self._trusted.items() if v[1] > now}
            if len(self._trusted) >= _MAX_TRUSTED:
                self._trusted.clear()
        self._trusted[digest] = (principal, now + self.cache_seconds)

    def _matches(self, hashed: str, secret: str) -> bool:
        """True when ``secret`` is the one ``hashed`` was made from (argon2: slow on purpose)."""
        try:
            return bool(self._hasher.verify(hashed, secret))
        except (VerificationError, InvalidHashError):
            return False

    def _record(self, token_id: str) -> TokenRecord | None:
        row = auth_store.token_by_id(self.graph, token_id)
        return TokenRecord.model_validate(row) if row else None

    def principal(self, token_id: str) -> Principal | None:
        """The principal of an active token, by id."""
        record = self._record(token_id)
        return record.principal if record and record.active else None


__all__ = [
    "Principal",
    "Scope",
    "TokenRecord",
    "TokenStore",
]
