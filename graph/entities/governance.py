"""The governance model in the graph: forums with their members, and roles with their duties."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from core.errors import NotFound
from graph.driver import Graph
from graph.entities.common import HOLDER, Holder, Slice, current, read_page, read_rows, search_text

_FORUM_FILTER = (
    "MATCH (f:Forum) WHERE ($q IS NULL OR toLower(f.name) CONTAINS $q "
    "OR toLower(f.short_name) = $q OR f.key = $q) "
)
_FORUM_COUNT = _FORUM_FILTER + "RETURN count(f) AS total"
_FORUM_PAGE = (
    _FORUM_FILTER + "RETURN f {.*} AS forum ORDER BY f.name, f.key SKIP $offset LIMIT $limit"
)
_FORUM = (
    "MATCH (f:Forum {key: $key}) "
    "OPTIONAL MATCH (p:Person)-[r:SITS_IN]->(f) WHERE " + current("r") + " "
    "WITH f, p, r ORDER BY p.name, p.key "
    "RETURN f {.*} AS forum, [x IN collect(CASE WHEN p IS NULL THEN NULL ELSE " + HOLDER + " END) "
    "WHERE x IS NOT NULL] AS members"
)
_ROLE_FILTER = "MATCH (ro:Role) WHERE ($track IS NULL OR ro.track = $track) "
_ROLE_COUNT = _ROLE_FILTER + "RETURN count(ro) AS total"
_ROLE_DUTIES = (
    "CALL (ro) { OPTIONAL MATCH (ro)-[:HAS_RESPONSIBILITY]->(x:Responsibility) "
    "WITH x ORDER BY x.key RETURN [d IN collect(x {.*}) WHERE d.key IS NOT NULL] AS duties } "
)
_ROLE_PAGE = (
    _ROLE_FILTER
    + "WITH ro ORDER BY ro.track, ro.key SKIP $offset LIMIT $limit "
    + _ROLE_DUTIES
    + "RETURN ro {.*, responsibilities: duties} AS role"
)
_ROLE = (
    "MATCH (ro:Role {key: $key}) "
    + _ROLE_DUTIES
    + "RETURN ro {.*, responsibilities: duties} AS role"
)


class ForumSummary(BaseModel):
    """A forum of the governance model."""

    key: str
    name: str
    short_name: str | None = None
    name_en: str | None = None
    central: bool | None = Field(default=None, description="Part of the central IT organisation.")
    required_representation: list[str] = Field(
        default_factory=list, description="Role keys that must hold a seat."
    )
    from_secretariat: bool | None = None
    cadence: str | None = None


class ForumDetail(ForumSummary):
    """One forum with its description and its members at as_of."""

    description_da: str | None = None
    description_en: str | None = None
    section: str | None = Field(default=None, description="Heading of the model it comes from.")
    members: list[Holder] = Field(default_factory=list)


class Responsibility(BaseModel):
    """What the model asks of a role, and how often."""

    key: str
    title_da: str | None = None
    title_en: str | None = None
    text_da: str
    text_en: str
    cadence: str | None = None
    section: str | None = None


class Role(BaseModel):
    """A role of the governance model, in track 1 (linje) or track 2 (system)."""

    key: str
    name_da: str
    name_en: str
    track: str
    description_da: str | None = None
    description_en: str | None = None
    who_may_hold_da: str | None = None
    who_may_hold_en: str | None = None
    relationship: str | None = Field(default=None, description="The type that means 'holds it'.")
    kind: str | None = None
    line_level: str | None = None
    critical: bool | None = None
    weight: float | None = None
    section: str | None = None
    responsibilities: list[Responsibility] = Field(default_factory=list)


def list_forums(
    graph: Graph, *, limit: int, offset: int, q: str | None = None
) -> Slice[ForumSummary]:
    """The forums, by name."""
    return read_page(
        graph,
        _FORUM_COUNT,
        _FORUM_PAGE,
        item=lambda row: ForumSummary.model_validate(row["forum"]),
        limit=limit,
        offset=offset,
        q=search_text(q),
    )


def get_forum(graph: Graph, key: str, *, as_of: date) -> ForumDetail:
    """One forum and who sits in it at ``as_of``; NotFound for an unknown key."""
    rows = read_rows(graph, _FORUM, key=key, as_of=as_of)
    if not rows:
        raise NotFound(f"No forum has the key {key!r}.", hint="GET /api/forums lists them.")
    return ForumDetail.model_validate({**rows[0]["forum"], "members": rows[0]["members"]})


def list_roles(graph: Graph, *, limit: int, offset: int, track: str | None = None) -> Slice[Role]:
    """The roles of both tracks with their responsibilities."""
    return read_page(
        graph,
        _ROLE_COUNT,
        _ROLE_PAGE,
        item=lambda row: Role.model_validate(row["role"]),
        limit=limit,
        offset=offset,
        track=track,
    )


def get_role(graph: Graph, key: str) -> Role:
    """One role and its responsibilities; NotFound for an unknown key."""
    rows = read_rows(graph, _ROLE, key=key)
    if not rows:
        raise NotFound(f"No role has the key {key!r}.", hint="GET /api/roles lists them.")
    return Role.model_validate(rows[0]["role"])
