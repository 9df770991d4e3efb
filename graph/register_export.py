"""The governance register as the graph holds it, in the rows of the register workbook.

Every sheet the register importer reads (``importers.register_spec``) gets the rows that would
write what the graph has: the live super-user, forum and organisational role holdings (a
``Til`` is the last day, so ``valid_to`` minus one), the reviews held and the systems' register
facts. Importing the export again changes nothing. A holding a decision made is part of the
register too; people are named by e-mail and systems by name (by key where a name is shared).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from graph.driver import Graph
from graph.entities.common import native
from importers.register_spec import (
    DPA_STATUS,
    FORUMS,
    ORG_ROLES,
    REVIEW_KINDS,
    SUPERUSER_KINDS,
    YES_NO,
)

# A review the register wrote has a key made of how the row named its system, kind and date
# (importers.register_rows); the export names the system the same way, so the key comes out the
# same. A review a decision recorded is keyed by the system's key and stays the decision's.
_PREFIX = "register-system:"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
Row = tuple[str | int | float | date | None, ...]

_SYSTEM_NAMES = (
    "MATCH (s:System) WITH s.name AS name, collect(s.key) AS keys "
    "RETURN name, size(keys) = 1 AS unique"
)
_SUPERUSERS = (
    "MATCH (p:Person)-[r:SUPERUSER_OF]->(s:System) "
    "WHERE r.ended_by IS NULL AND r.kind IS NOT NULL AND p.email IS NOT NULL "
    "OPTIONAL MATCH (a:Person {key: r.appointed_by}) "
    "RETURN s.key AS system, s.name AS name, p.email AS email, r.kind AS kind, "
    "coalesce(a.email, r.appointed_by) AS appointed_by, r.valid_from AS valid_from, "
    "r.valid_to AS valid_to ORDER BY name, system, email"
)
_SEATS = (
    "MATCH (p:Person)-[r:SITS_IN]->(f:Forum) WHERE r.ended_by IS NULL AND p.email IS NOT NULL "
    "RETURN f.key AS forum, p.email AS email, r.role AS role, r.valid_from AS valid_from, "
    "r.valid_to AS valid_to ORDER BY forum, email, valid_from"
)
_ROLES = (
    "MATCH (p:Person)-[r:HOLDS_ROLE]->(x:Role) WHERE r.ended_by IS NULL AND p.email IS NOT NULL "
    "AND x.key IN $roles RETURN x.key AS role, p.email AS email, r.valid_from AS valid_from, "
    "r.valid_to AS valid_to ORDER BY role, email, valid_from"
)
_REVIEWS = (
    "MATCH (rv:Review)-[:REVIEWS]->(s:System) WHERE rv.ended_by IS NULL AND rv.kind IN $kinds "
    "AND rv.key STARTS WITH $prefix "
    "RETURN rv.key AS key, s.key AS system, s.name AS name, rv.kind AS kind, rv.date AS date, "
    "COLLECT { MATCH (p:Person)-[a:ATTENDED]->(rv) WHERE a.ended_by IS NULL "
    "AND p.email IS NOT NULL RETURN p.email ORDER BY p.email } AS attendees "
    "ORDER BY name, system, date, kind"
)
_FACTS = (
    "MATCH (s:System) WHERE s.dpa_status IS NOT NULL "
    "RETURN s.key AS system, s.name AS name, s.financing_source AS financing, "
    "s.handles_personal_data AS personal, s.dpa_status AS dpa ORDER BY name, system"
)


def register_rows(graph: Graph) -> dict[str, list[Row]]:
    """Each register sheet's rows, in the columns ``importers.register_spec`` declares."""
    unique = {r["name"] for r in graph.query(_SYSTEM_NAMES) if r["unique"] and r["name"]}

    def system(row: dict[str, Any]) -> str:
        return str(row["name"]) if row["name"] in unique else str(row["system"])

    kinds = {v: k for k, v in SUPERUSER_KINDS.items()}
    roles = {v: k for k, v in ORG_ROLES.items()}
    reviews = {v: k for k, v in REVIEW_KINDS.items()}
    yes_no = {v: k for k, v in YES_NO.items()}
    dpa = {v: k for k, v in DPA_STATUS.items()}
    rows = {name: [native(r) for r in graph.query(q, **p)] for name, q, p in _QUERIES}
    return {
        "Superbrugere": [
            (system(r), r["email"], kinds[r["kind"]], r["appointed_by"], *_period(r))
            for r in rows["Superbrugere"]
            if r["kind"] in kinds
        ],
        "Fora": [
            (FORUMS[r["forum"]], r["email"], r["role"], *_period(r))
            for r in rows["Fora"]
            if r["forum"] in FORUMS
        ],
        "Roller": [(r["email"], roles[r["role"]], *_period(r)) for r in rows["Roller"]],
        "Gennemgange": [
            (_reviewed(r) or system(r), reviews[r["kind"]], r["date"], ", ".join(r["attendees"]))
            for r in rows["Gennemgange"]
        ],
        "Systemer": [
            (system(r), r["financing"], yes_no.get(r["personal"] or ""), dpa.get(r["dpa"]))
            for r in rows["Systemer"]
        ],
    }


_QUERIES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("Superbrugere", _SUPERUSERS, {}),
    ("Fora", _SEATS, {}),
    ("Roller", _ROLES, {"roles": list(ORG_ROLES.values())}),
    ("Gennemgange", _REVIEWS, {"kinds": list(REVIEW_KINDS.values()), "prefix": _PREFIX}),
    ("Systemer", _FACTS, {}),
)


def _reviewed(row: dict[str, Any]) -> str | None:
    """The KITOS uuid a review's key was made from, when the register named its system so."""
    ref = str(row["key"]).removeprefix(_PREFIX).split("|", 1)[0]
    return ref if _UUID.match(ref) else None


def _period(row: dict[str, Any]) -> tuple[date | None, date | None]:
    """Fra and Til: the register's Til is the last day, the graph's valid_to the first without."""
    end: date | None = row["valid_to"]
    return row["valid_from"], end - timedelta(days=1) if end else None
