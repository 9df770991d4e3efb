"""The one audit call of the app: every read of personal data, search, import and query."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from fastapi import Request

from govgraph.audit import AuditEntry, AuditLog
from govgraph.security import Principal


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
