"""API tokens, stored only as argon2 hashes, and who a request is (its principal).

A token is shown once, when it is created: ``ggt_<id>_<secret>``. ``$GOVGRAPH_HOME/tokens.json``
(mode 0600) keeps its name, scope and argon2 hash; the id only finds the record to verify.
Scopes are ordered: a reader reads entities, relationships and gaps; an analyst adds Cypher,
handover, departures and the Excel exports; the secretariat adds decisions and approvals; an
admin adds imports and token management.

Checking a secret runs argon2 (tens of milliseconds, on purpose) outside the store's lock, so a
flood of wrong secrets for one token does not hold up anyone else; a ``FailureLimiter`` stops
such a flood per token id and per client address before it reaches argon2.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel

from api.throttle import FailureLimiter
from core.errors import GovgraphError, InvalidInput, NotFound
from core.settings import ApiSettings

TOKEN_PREFIX = "ggt_"
_TOKEN = re.compile(r"^ggt_([0-9a-f]{12})_([A-Za-z0-9_-]{32,64})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


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
    """Who makes a request: the token's name and scope."""

    name: str
    scope: Scope
    token_id: str


class TokenRecord(BaseModel):
    """A stored token: never its secret, only the argon2 hash of it."""

    id: str
    name: str
    scope: Scope
    hash: str
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None


def write_private(path: Path, text: str) -> None:
    """Replace ``path`` atomically with ``text``, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    os.chmod(path, 0o600)


@contextlib.contextmanager
def locked_file(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock across processes (the CLI and a running server)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


class TokenStore:
    """The tokens of one ``$GOVGRAPH_HOME``; safe to share between threads."""

    def __init__(
        self,
        home: Path,
        *,
        limiter: FailureLimiter | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.path = home / "tokens.json"
        if limiter is None:  # the app passes its own, from its settings
            defaults = ApiSettings()
            limiter = FailureLimiter(
                limit=defaults.auth_failures, window=defaults.auth_failure_window
            )
        self.limiter = limiter
        self._lock = threading.Lock()
        self._hasher = hasher or PasswordHasher()
        self._stamp: tuple[int, int] | None = None
        self._records: dict[str, TokenRecord] = {}
        # sha256(secret) -> token id, for secrets verified since the file last changed.
        self._verified: dict[str, str] = {}

    def create(self, name: str, scope: Scope | str) -> str:
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
        token_id = secrets.token_hex(6)
        secret = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        with self._lock, locked_file(self.path.with_suffix(".lock")):
            records = self._read()
            if any(r.name == name and r.active for r in records.values()):
                raise InvalidInput(
                    f"A token named {name!r} exists already.",
                    hint="Choose another name, or revoke the old token first.",
                )
            records[token_id] = TokenRecord(
                id=token_id,
                name=name,
                scope=scope,
                hash=self._hasher.hash(secret),
                created_at=datetime.now(UTC),
            )
            self._save(records)
        return secret

    def list(self) -> list[TokenRecord]:
        """Every token, revoked ones included, oldest first."""
        with self._lock:
            self._refresh()
            return sorted(self._records.values(), key=lambda r: r.created_at)

    def has_active(self) -> bool:
        """True when at least one token works."""
        return any(r.active for r in self.list())

    def revoke(self, name: str) -> TokenRecord:
        """Revoke the active token of this name; it stops working at once."""
        with self._lock, locked_file(self.path.with_suffix(".lock")):
            records = self._read()
            found = [r for r in records.values() if r.name == name and r.active]
            if not found:
                raise NotFound(
                    f"No active token is named {name!r}.",
                    hint="`govgraph token list` shows the tokens.",
                )
            for record in found:
                record.revoked_at = datetime.now(UTC)
            self._save(records)
            return found[0]

    def verify(self, secret: str, *, client: str = "") -> Principal | None:
        """The principal of a valid, unrevoked token; None for anything else.

        Raises TooManyAttempts when the token id or the client has failed too often lately.
        """
        match = _TOKEN.match(secret)
        if not match:
            return None
        token_id = match.group(1)
        digest = hashlib.sha256(secret.encode()).hexdigest()
        with self._lock:
            self._refresh()
            record = self._records.get(token_id)
            if record is None or not record.active:
                return None
            if self._verified.get(digest) == token_id:  # checked before: no argon2 again
                return Principal(record.name, record.scope, record.id)
        keys = [f"token:{token_id}"] + ([f"client:{client}"] if client else [])
        self.limiter.begin(keys)
        valid = False
        try:
            valid = self._matches(record.hash, secret)
        finally:
            self.limiter.end(keys, failed=not valid)
        if not valid:
            return None
        with self._lock:
            self._refresh()
            current = self._records.get(token_id)
            if current is None or not current.active or current.hash != record.hash:
                return None  # revoked while its secret was being checked
            self._verified[digest] = token_id
            return Principal(current.name, current.scope, current.id)

    def _matches(self, hashed: str, secret: str) -> bool:
        """True when ``secret`` is the one ``hashed`` was made from (argon2: slow on purpose)."""
        try:
            return bool(self._hasher.verify(hashed, secret))
        except (VerificationError, InvalidHashError):
            return False

    def principal(self, token_id: str) -> Principal | None:
        """The principal of an active token, by id (for browser sessions)."""
        with self._lock:
            self._refresh()
            record = self._records.get(token_id)
            return (
                Principal(record.name, record.scope, record.id)
                if record and record.active
                else None
            )

    # -- the file ----------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Reload when the file changed (another process created or revoked a token)."""
        try:
            st = self.path.stat()
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp != self._stamp or stamp is None:
            self._records = self._read()
            self._stamp = stamp
            self._verified.clear()

    def _read(self) -> dict[str, TokenRecord]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError as e:
            raise GovgraphError(
                f"{self.path} is not valid JSON.",
                hint="Restore it from a backup, or move it away and create new tokens.",
            ) from e
        return {r["id"]: TokenRecord.model_validate(r) for r in data.get("tokens", [])}

    def _save(self, records: dict[str, TokenRecord]) -> None:
        body = {"tokens": [r.model_dump(mode="json") for r in records.values()]}
        write_private(self.path, json.dumps(body, indent=2) + "\n")
        self._stamp = None
        self._refresh()


__all__ = [
    "Principal",
    "Scope",
    "TokenRecord",
    "TokenStore",
    "locked_file",
    "write_private",
]
