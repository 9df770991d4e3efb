"""One error hierarchy: each error knows its HTTP status and a message a person can act on."""

from __future__ import annotations

from typing import Any


class GovgraphError(Exception):
    """Base of every error govgraph shows to a person."""

    status = 500
    code = "internal-error"

    def __init__(self, message: str, *, hint: str = "", details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class ConfigError(GovgraphError):
    """The configuration is invalid."""

    code = "invalid-configuration"


class LocalDatabaseError(GovgraphError):
    """The local Neo4j could not be resolved, started or stopped."""

    status = 503
    code = "local-database"


class DatabaseUnavailable(GovgraphError):
    """Neo4j does not answer."""

    status = 503
    code = "database-unavailable"


class NotFound(GovgraphError):
    """No entity with the given key."""

    status = 404
    code = "not-found"


class InvalidInput(GovgraphError):
    """A request or argument that cannot be used as given."""

    status = 422
    code = "invalid-input"


class Conflict(GovgraphError):
    """The request clashes with the current state: a token name in use, or someone else decided
    first (``details`` then holds the current state)."""

    status = 409
    code = "conflict"


class NeedsAcknowledgement(InvalidInput):
    """A decision that would break a rule: saved only when the finding is acknowledged."""

    code = "acknowledgement-needed"


class ImportFailed(GovgraphError):
    """An import had errors and wrote nothing."""

    status = 422
    code = "import-failed"


class Unauthorized(GovgraphError):
    """No valid token."""

    status = 401
    code = "unauthorized"


class Forbidden(GovgraphError):
    """The token's scope does not allow this."""

    status = 403
    code = "forbidden"


class QueryRefused(GovgraphError):
    """An ad-hoc query that the read-only guard refuses."""

    status = 400
    code = "query-refused"


class TooLarge(GovgraphError):
    """A request, upload or page larger than the configured limit."""

    status = 413
    code = "too-large"


class TooManyRequests(GovgraphError):
    """More requests at once than one caller may make; answered with Retry-After."""

    status = 429
    code = "too-many-requests"

    def __init__(self, message: str, *, retry_after: int, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class QueryFailed(GovgraphError):
    """An ad-hoc query that Neo4j could not run (syntax, types, or a refused write)."""

    status = 422
    code = "query-failed"


class QueryTimeout(QueryFailed):
    """An ad-hoc query that ran longer than the configured timeout."""

    code = "query-timeout"


class TooManyAttempts(TooManyRequests):
    """Too many failed attempts from one client or at one token: wait before trying again."""

    code = "too-many-attempts"


class SyncFailed(GovgraphError):
    """A live source (KITOS, OS2mo) could not be read whole; nothing was written."""

    status = 502
    code = "sync-failed"
