"""The append-only audit log of personal-data reads, searches, imports and queries, and the
one audit call of the app (``Auditor``).

Kept in Neo4j (graph.audit_store), shared by every app process: who (the token's or user's
name, and their Person key), when, what, and which person keys. Entries are only ever appended,
each chained to the one before by its hash, so `govgraph audit verify` finds a deleted or
changed entry; a month's entries are deleted together once all of the month is older than the
retention period (as the monthly files were). Nothing written here
holds a token secret; free text (paths, queries, details), token names and person keys have
anything CPR-like blanked out: an HR system may use CPR numbers as its employee ids.

Appends are committed in groups: a request hands its entry over and waits until the transaction
holding it has committed, so no answer goes out before its audit entry is durable. While one
transaction is being written, the entries of other requests gather; the next transaction takes
them all (one chained batch, one head lock, one commit). Under 50 concurrent readers this turns
~40 serialised appends a second into batches; alone, a request waits for its own entry only.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field

from api.token_store import Principal
from core.errors import DatabaseUnavailable
from core.privacy import redact
from graph import audit_store
from graph.driver import Graph


class AuditEntry(BaseModel):
    """One line of the audit log."""

    at: datetime
    who: str
    scope: str
    actor: str | None = None  # the Person key of who acted, when known (single sign-on)
    action: str
    method: str = ""
    path: str = ""
    person_keys: list[str] = Field(default_factory=list)
    query: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class AuditLog:
    """Appends audit entries to the hash-chained log in Neo4j and reads them back."""

    def __init__(self, graph: Graph, *, retention_days: int) -> None:
        self.graph = graph
        self.retention_days = retention_days
        self._appender = GroupCommit(graph)

    def record(self, entry: AuditEntry) -> None:
        """Append one entry; fail loudly, since an unlogged read of personal data is not allowed."""
        entry.who = redact(entry.who)
        entry.path = redact(entry.path)
        entry.person_keys = list(dict.fromkeys(redact(key) for key in entry.person_keys))
        if entry.query is not None:
            entry.query = redact(entry.query)
        entry.details = _redacted(entry.details)
        content = entry.model_dump(mode="json", exclude={"at"})
        try:
            self._appender.append(content, at=entry.at)
        except DatabaseUnavailable as e:
            raise DatabaseUnavailable(
                "The audit log cannot be written, so the request was not answered.",
                hint=e.hint,
            ) from e

    def purge(self, today: date) -> int:
        """Delete the entries of the months that lie wholly beyond the retention period."""
        cutoff = today - timedelta(days=self.retention_days)
        first_kept = datetime(cutoff.year, cutoff.month, 1, tzinfo=UTC)
        return audit_store.purge(self.graph, before=first_kept)

    def verify(self) -> audit_store.ChainCheck:
        """Check the hash chain from the first kept entry to the last."""
        return audit_store.verify(self.graph)

    def entries(
        self,
        *,
        person: str | None = None,
        token: str | None = None,
        since: date | None = None,
    ) -> Iterable[AuditEntry]:
        """The entries, oldest first, filtered by person key, token name and first day."""
        start = datetime(since.year, since.month, since.day, tzinfo=UTC) if since else None
        for row in audit_store.entries(self.graph, who=token, person=person, since=start):
            yield AuditEntry.model_validate(row)


@dataclass(slots=True)
class _Pending:
    """One entry waiting for its transaction, and how that transaction ended."""

    content: dict[str, Any]
    at: datetime
    done: bool = False
    error: BaseException | None = None


class GroupCommit:
    """Appends from many threads, written a batch per transaction by whichever waits first.

    No thread of its own: the first request that finds no transaction under way writes every
    entry pending (its own among them); the others wait for that commit, and one of those whose
    entry came too late for it writes the next batch.
    """

    def __init__(self, graph: Graph, *, max_batch: int = 500) -> None:
        self.graph = graph
        self.max_batch = max_batch
        self._changed = threading.Condition()
        self._pending: list[_Pending] = []
        self._writing = False

    def append(self, content: dict[str, Any], *, at: datetime) -> None:
        """Return once this entry is committed; raise what its transaction raised."""
        mine = _Pending(content, at)
        with self._changed:
            self._pending.append(mine)
        while True:
            with self._changed:
                while self._writing and not mine.done:
                    self._changed.wait()
                if mine.done:
                    break
                self._writing = True
                batch = self._pending[: self.max_batch]
                del self._pending[: self.max_batch]
            self._write(batch)
            if mine.done:
                break
        if mine.error is not None:
            raise mine.error

    def _write(self, batch: list[_Pending]) -> None:
        error: BaseException | None = None
        try:
            audit_store.append_many(self.graph, [(p.content, p.at) for p in batch])
        except BaseException as e:  # every waiter of this batch gets it, raised in its thread
            error = e
        with self._changed:
            for pending in batch:
                pending.done, pending.error = True, error
            self._writing = False
            self._changed.notify_all()


def _redacted(value: Any) -> Any:
    """Free text in audit details, CPR-like numbers and token secrets blanked out."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(v) for v in value]
    return value


class Auditor:
    """Records what one request did, on behalf of its principal."""

    def __init__(self, log: AuditLog, principal: Principal, request: Request) -> None:
        self.log = log
        self.principal = principal
        self.request = request

    def record(
        self,
        action: str,
        *,
        person_keys: Iterable[str] = (),
        query: str | None = None,
        **details: Any,
    ) -> None:
        """Append one entry: who, when, what, and the person keys it returned."""
        self.log.record(
            AuditEntry(
                at=datetime.now(UTC),
                who=self.principal.name,
                scope=self.principal.scope,
                actor=self.principal.person,
                action=action,
                method=self.request.method,
                path=self.request.url.path,
                person_keys=sorted(set(person_keys)),
                query=query,
                details={k: v for k, v in details.items() if v not in (None, "", [], ())},
            )
        )


def audit(request: Request, principal: Principal) -> Auditor:
    """The auditor of a request."""
    return Auditor(request.app.state.audit, principal, request)
