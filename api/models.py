"""The API's own input and output models; entity results come typed from ``graph.entities``."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from api.token_store import Scope
from graph.cypher_guard import MAX_QUERY_LENGTH
from graph.entities import ENTITY_LABELS
from schema.catalogue import load_catalogue
from schema.model import RELATIONSHIPS

T = TypeVar("T")

# The API's enums, derived from the schema.
EntityLabel = StrEnum("EntityLabel", {name: name for name in ENTITY_LABELS})  # type: ignore[misc]
RelationshipType = StrEnum("RelationshipType", {name: name for name in RELATIONSHIPS})  # type: ignore[misc]
RuleId = StrEnum("RuleId", {rule.id: rule.id for rule in load_catalogue()})  # type: ignore[misc]


class ErrorBody(BaseModel):
    """What went wrong and what to do about it."""

    code: str = Field(description="Stable and machine-readable, e.g. 'not-found'.")
    message: str = Field(description="What is wrong and what to do, for a person.")
    details: Any = None


class ErrorResponse(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorBody


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int = Field(description="How many match in all.")
    limit: int
    offset: int


class Health(BaseModel):
    """Whether Neo4j answers; nothing more."""

    neo4j: Literal["up", "down"]


class CypherRequest(BaseModel):
    """A read-only query and its parameters (used as $name in the query)."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1, max_length=MAX_QUERY_LENGTH, examples=["MATCH (s:System) RETURN s.name"]
    )
    parameters: dict[str, Any] = Field(default_factory=dict)


class CypherResponse(BaseModel):
    """The rows of a query: at most ``row_cap`` of them and ``byte_cap`` bytes of JSON rows."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="True when a cap cut rows off the result.")
    truncated_by: Literal["rows", "bytes"] | None = Field(
        default=None, description="Which cap cut the result: 'rows' or 'bytes'; null if none."
    )
    row_cap: int
    byte_cap: int = Field(description="The most bytes of JSON rows one answer carries.")


class ImportProblem(BaseModel):
    """One problem found in an uploaded file, located precisely enough to fix."""

    severity: Literal["error", "warning"]
    code: str
    file: str
    location: str
    message: str
    hint: str


class ImportSummary(BaseModel):
    """What an import did (or, in a dry run, would do) to the graph."""

    run_key: str
    added: int
    changed: int
    ended: int
    unchanged: int
    unmatched: list[dict[str, str]]
    dry_run: bool


class ImportResult(BaseModel):
    """The outcome of one uploaded file: its problems and the write summary."""

    file_name: str
    format: str
    dry_run: bool
    summary: ImportSummary
    problems: list[ImportProblem]


class TokenCreate(BaseModel):
    """A token to create."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    scope: Scope


class TokenInfo(BaseModel):
    """A token as listed: never its secret."""

    name: str
    scope: Scope
    created_at: datetime
    revoked_at: datetime | None = None
    active: bool


class TokenCreated(TokenInfo):
    """A new token; ``token`` is shown this once and never again."""

    token: str


class SyncSource(BaseModel):
    """A live source's last sync and its schedule."""

    source: str = Field(description="kitos or os2mo.")
    name: str
    configured: bool = Field(description="True when its base_url is set.")
    interval_minutes: float = Field(description="Minutes between scheduled syncs; 0: none.")
    last_attempt_at: datetime | None = None
    last_ok_at: datetime | None = Field(default=None, description="The last sync that wrote.")
    outcome: str | None = Field(default=None, description="ok or failed.")
    mode: str | None = Field(default=None, description="full or delta.")
    message: str | None = Field(default=None, description="What a failed sync said.")
    added: int = 0
    changed: int = 0
    ended: int = 0
    failures_in_row: int = 0
    failing_since: datetime | None = Field(
        default=None, description="The first of the failures in a row, while it is failing."
    )
    overdue: bool = Field(description="True after [rules] sync_failures failures in a row (DQ-05).")
    cursor: datetime | None = Field(
        default=None, description="A KITOS delta fetches what changed since then; none: full."
    )
    next_run_at: datetime | None = Field(
        default=None, description="When the schedule syncs it next; none: by hand only."
    )
