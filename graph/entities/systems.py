"""IT systems: the list, one system, and its system organisation (who holds which role)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from core.errors import NotFound
from graph.driver import Graph
from graph.entities.common import (
    HOLDER,
    Holder,
    NodeRef,
    Slice,
    current,
    read_page,
    read_rows,
    ref,
    search_text,
)
from schema.model import NOT_IN_USE_LIFECYCLES

_IN_USE = (
    "(coalesce(s.kitos_valid, true) AND NOT coalesce(s.lifecycle, '') IN $not_in_use AND "
    + current("s")
    + ")"
)
_FILTER = (
    "MATCH (s:System) WHERE ($all OR " + current("s") + ") "
    "AND ($q IS NULL OR toLower(s.name) CONTAINS $q OR toLower(s.local_name) CONTAINS $q "
    "OR toLower(s.local_id) = $q OR s.key = $q) "
    "AND ($lifecycle IS NULL OR s.lifecycle = $lifecycle) "
    "AND ($in_use IS NULL OR " + _IN_USE + " = $in_use) "
    "AND ($unit IS NULL OR EXISTS { MATCH (:OrgUnit {key: $unit})-[u:USES]->(s) "
    "WHERE " + current("u") + " }) "
)
_COUNT = _FILTER + "RETURN count(s) AS total"
_PAGE = (
    _FILTER + "RETURN s {.*, in_use: " + _IN_USE + "} AS system "
    "ORDER BY s.name, s.key SKIP $offset LIMIT $limit"
)
_ONE = (
    "MATCH (s:System {key: $key}) "
    "OPTIONAL MATCH (s)-[r:SUPPLIED_BY]->(v:Vendor) WHERE " + current("r") + " "
    "RETURN s {.*, in_use: " + _IN_USE + "} AS system, "
    "[x IN collect(" + ref("v") + ") WHERE x.key IS NOT NULL] AS vendors"
)


def _holders(rel: str) -> str:
    """Cypher subquery: the people holding relationship type ``rel`` (a constant) on s."""
    return (
        "CALL (s) { OPTIONAL MATCH (p:Person)-[r:" + rel + "]->(s) WHERE " + current("r") + " "
        "WITH p, r ORDER BY p.name, p.key "
        "RETURN [x IN collect(CASE WHEN p IS NULL THEN NULL ELSE " + HOLDER + " END) "
        "WHERE x IS NOT NULL] AS " + rel.lower() + " } "
    )


def _units(rel: str) -> str:
    """Cypher subquery: the units with relationship type ``rel`` (a constant) to s."""
    return (
        "CALL (s) { OPTIONAL MATCH (u:OrgUnit)-[r:" + rel + "]->(s) WHERE " + current("r") + " "
        "WITH u ORDER BY u.name, u.key "
        "RETURN [x IN collect(" + ref("u") + ") WHERE x.key IS NOT NULL] AS " + rel.lower() + " } "
    )


_ORGANISATION = (
    "MATCH (s:System {key: $key}) "
    + _holders("OWNS")
    + _holders("RESPONSIBLE_FOR")
    + _holders("ADMINISTERS")
    + _holders("SUPERUSER_OF")
    + _holders("HAS_SYSTEM_ROLE")
    + _units("USES")
    + _units("RESPONSIBLE_UNIT_FOR")
    + "RETURN owns, responsible_for, administers, superuser_of, has_system_role, uses, "
    "responsible_unit_for"
)


class SystemSummary(BaseModel):
    """A system as a list shows it."""

    key: str
    name: str | None = None
    local_id: str | None = None
    local_name: str | None = None
    lifecycle: str | None = None
    kitos_valid: bool | None = None
    in_use: bool = Field(description="Valid, not phased out or not in use, current at as_of.")
    business_critical: str | None = None
    risk_level: str | None = None
    dpa_status: str | None = None
    handles_personal_data: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None


class SystemDetail(SystemSummary):
    """One system with every property govgraph keeps, and its vendor."""

    hosted_at: str | None = None
    expected_users_lower: int | None = None
    expected_users_upper: int | None = None
    risk_assessment: str | None = None
    risk_assessment_date: date | None = None
    planned_risk_assessment_date: date | None = None
    financing_source: str | None = None
    kitos_uuid: str | None = None
    source: str | None = None
    vendors: list[NodeRef] = Field(default_factory=list)


class Superusers(BaseModel):
    """A system's super-users by kind (the register says which kind; else unspecified)."""

    it: list[Holder] = Field(default_factory=list)
    fag: list[Holder] = Field(default_factory=list)
    teknisk: list[Holder] = Field(default_factory=list)
    unspecified: list[Holder] = Field(default_factory=list)


class SystemOrganisation(BaseModel):
    """Who holds which role of the system organisation (track 2) on one system."""

    system: SystemDetail
    owners: list[Holder] = Field(description="Systemejer (exactly one is expected).")
    responsible: list[Holder] = Field(description="Systemansvarlig (exactly one is expected).")
    administrators: list[Holder] = Field(description="Systemadministratorer (one or more).")
    superusers: Superusers
    other_roles: list[Holder] = Field(description="KITOS roles outside the model.")
    using_units: list[NodeRef]
    responsible_units: list[NodeRef]

    def person_keys(self) -> set[str]:
        """The keys of every person this answer names."""
        groups = [self.owners, self.responsible, self.administrators, self.other_roles]
        groups += [self.superusers.it, self.superusers.fag, self.superusers.teknisk]
        groups.append(self.superusers.unspecified)
        return {h.key for group in groups for h in group}


def list_systems(
    graph: Graph,
    *,
    as_of: date,
    limit: int,
    offset: int,
    q: str | None = None,
    lifecycle: str | None = None,
    in_use: bool | None = None,
    unit: str | None = None,
    include_ended: bool = False,
) -> Slice[SystemSummary]:
    """Systems current at ``as_of`` (or all), by name, filtered by text, life cycle and unit."""
    return read_page(
        graph,
        _COUNT,
        _PAGE,
        item=lambda row: SystemSummary.model_validate(row["system"]),
        limit=limit,
        offset=offset,
        as_of=as_of,
        all=include_ended,
        q=search_text(q),
        lifecycle=lifecycle,
        in_use=in_use,
        unit=unit,
        not_in_use=list(NOT_IN_USE_LIFECYCLES),
    )


def get_system(graph: Graph, key: str, *, as_of: date) -> SystemDetail:
    """One system and its vendor at ``as_of``; NotFound for an unknown key."""
    rows = read_rows(graph, _ONE, key=key, as_of=as_of, not_in_use=list(NOT_IN_USE_LIFECYCLES))
    if not rows:
        raise NotFound(f"No system has the key {key!r}.", hint="Search with GET /api/systems?q=.")
    return SystemDetail.model_validate({**rows[0]["system"], "vendors": rows[0]["vendors"]})


def system_organisation(graph: Graph, key: str, *, as_of: date) -> SystemOrganisation:
    """Owner, systemansvarlig, administrators, super-users by kind, units, vendor, risk, DPA."""
    system = get_system(graph, key, as_of=as_of)
    row = read_rows(graph, _ORGANISATION, key=key, as_of=as_of)[0]
    superusers = Superusers()
    for holder in row["superuser_of"]:
        kind = holder.get("kind")
        getattr(superusers, kind if kind in ("it", "fag", "teknisk") else "unspecified").append(
            Holder.model_validate(holder)
        )
    return SystemOrganisation(
        system=system,
        owners=row["owns"],
        responsible=row["responsible_for"],
        administrators=row["administers"],
        superusers=superusers,
        other_roles=row["has_system_role"],
        using_units=row["uses"],
        responsible_units=row["responsible_unit_for"],
    )
