"""The append-only audit log of personal-data reads, searches, imports and queries, and the
one audit call of the app (``Auditor``).

One JSON object per line in ``$GOVGRAPH_HOME/audit/audit-YYYY-MM.jsonl`` (mode 0600): who (the
token's name), when, what, and which person keys. Lines are only ever appended; a month's file
is deleted as a whole once all of it is older than the retention period. Nothing written here
holds a token secret; free text (paths, queries, details), token names and person keys have
anything CPR-like blanked out: an HR system may use CPR numbers as its employee ids.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field

from api.token_store import Principal
from core.errors import GovgraphError
from core.privacy import redact


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
        entry.who = redact(entry.who)
        entry.path = redact(entry.path)
        entry.person_keys = list(dict.fromkeys(redact(key) for key in entry.person_keys))
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
