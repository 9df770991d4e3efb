"""API tokens (stored only as argon2 hashes) and the append-only audit log of personal-data reads.

A token is shown once, when it is created: ``ggt_<id>_<secret>``. ``$GOVGRAPH_HOME/tokens.json``
(mode 0600) keeps its name, scope and argon2 hash; the id only finds the record to verify.
Scopes are ordered: a reader reads entities, relationships and gaps; an analyst adds Cypher,
handover and departures; an admin adds imports and token management.

The audit log is one JSON object per line in ``$GOVGRAPH_HOME/audit/audit-YYYY-MM.jsonl``:
who (the token's name), when, what, and which person keys. Lines are only ever appended; a
month's file is deleted as a whole once all of it is older than the retention period. Nothing
written here holds a token secret; free text (paths, queries) has anything CPR-like blanked.
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, Field

from govgraph.errors import GovgraphError, InvalidInput, NotFound

TOKEN_PREFIX = "ggt_"
_TOKEN = re.compile(r"^ggt_([0-9a-f]{12})_([A-Za-z0-9_-]{32,64})$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{3,4}(?!\d)")  # as importers.common
_SECRET_LIKE = re.compile(r"ggt_[0-9a-f]{12}_[A-Za-z0-9_-]+")


class Scope(StrEnum):
    """What a token may do; each scope includes the ones below it."""

    READER = "reader"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        """Position in reader < analyst < admin."""
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


def redact(text: str) -> str:
    """Blank out anything CPR-like and any token secret in free text."""
    return _CPR_LIKE.sub("[redacted]", _SECRET_LIKE.sub("ggt_[redacted]", text))


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

    def __init__(self, home: Path) -> None:
        self.path = home / "tokens.json"
        self._lock = threading.Lock()
        self._hasher = PasswordHasher()
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
                f"{scope!r} is not a scope.", hint="Use reader, analyst or admin."
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

    def verify(self, secret: str) -> Principal | None:
        """The principal of a valid, unrevoked token; None for anything else."""
        match = _TOKEN.match(secret)
        if not match:
            return None
        digest = hashlib.sha256(secret.encode()).hexdigest()
        with self._lock:
            self._refresh()
            record = self._records.get(match.group(1))
            if record is None or not record.active:
                return None
            if self._verified.get(digest) != record.id:
                try:
                    self._hasher.verify(record.hash, secret)
                except (VerificationError, InvalidHashError):
                    return None
                self._verified[digest] = record.id
            return Principal(record.name, record.scope, record.id)

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


class AuditEntry(BaseModel):
    """One line of the audit log."""

    at: datetime
    who: str
    scope: str
    action: str
    method: str = ""
    path: str = ""
    person_keys: list[str] = Field(default_factory=list)
    query: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class AuditLog:
    """Appends audit entries to monthly JSON-lines files and reads them back."""

    def __init__(self, home: Path, *, retention_days: int) -> None:
        self.folder = home / "audit"
        self.retention_days = retention_days
        self._lock = threading.Lock()

    def file_for(self, day: date) -> Path:
        """The file that holds the entries of ``day``'s month."""
        return self.folder / f"audit-{day:%Y-%m}.jsonl"

    def record(self, entry: AuditEntry) -> None:
        """Append one entry; fail loudly, since an unlogged read of personal data is not allowed."""
        entry.path = redact(entry.path)
        if entry.query is not None:
            entry.query = redact(entry.query)
        entry.details = _redacted(entry.details)
        line = entry.model_dump_json() + "\n"
        path = self.file_for(entry.at.date())
        try:
            with self._lock:
                new = not path.exists()
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    os.write(fd, line.encode("utf-8"))
                finally:
                    os.close(fd)
            if new:
                self.purge(entry.at.date())
        except OSError as e:
            raise GovgraphError(
                "The audit log cannot be written, so the request was not answered.",
                hint=f"Check that {self.folder} exists, is writable and has space.",
            ) from e

    def purge(self, today: date) -> list[Path]:
        """Delete the month files whose last day lies beyond the retention period."""
        cutoff = today - timedelta(days=self.retention_days)
        removed = []
        for path in sorted(self.folder.glob("audit-*.jsonl")):
            month_end = _month_end(path)
            if month_end is not None and month_end < cutoff:
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed

    def entries(
        self,
        *,
        person: str | None = None,
        token: str | None = None,
        since: date | None = None,
    ) -> Iterable[AuditEntry]:
        """The entries, oldest first, filtered by person key, token name and first day."""
        for path in sorted(self.folder.glob("audit-*.jsonl")):
            month_end = _month_end(path)
            if since and month_end and month_end < since:
                continue
            with path.open(encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    entry = AuditEntry.model_validate_json(line)
                    if since and entry.at.date() < since:
                        continue
                    if token and entry.who != token:
                        continue
                    if person and person not in entry.person_keys:
                        continue
                    yield entry


def _redacted(value: Any) -> Any:
    """Free text in audit details, CPR-like numbers and token secrets blanked out."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(v) for v in value]
    return value


def _month_end(path: Path) -> date | None:
    match = re.fullmatch(r"audit-(\d{4})-(\d{2})\.jsonl", path.name)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)
