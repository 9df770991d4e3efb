"""History of a system, person or unit: who held which role when, and by whose decision.

Read from the relationships' ``valid_from``/``valid_to`` (imports and decisions keep both), their
``source``, and ``decided_by``/``ended_by`` where a decision started or ended them.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from core.errors import NotFound
from graph.decision_model import Decision
from graph.driver import Graph
from graph.entities.common import native
from schema.model import RELATIONSHIPS

HISTORY_LABELS = ("System", "Person", "OrgUnit")
_TEMPORAL = "|".join(name for name, spec in RELATIONSHIPS.items() if spec.temporal)
_HISTORY = {
    label: f"MATCH (n:`{label}` {{key: $key}}) "
    f"OPTIONAL MATCH (n)-[r:{_TEMPORAL}]-(o) "
    "WITH n, r, o WHERE r IS NOT NULL "
    "OPTIONAL MATCH (d:Decision {key: r.decided_by}) "
    "OPTIONAL MATCH (e:Decision {key: r.ended_by}) "
    "RETURN type(r) AS type, startNode(r) = n AS outgoing, "
    "head([l IN labels(o) WHERE l <> 'Decision']) AS label, o.key AS key, "
    "coalesce(o.name, o.name_da, o.key) AS name, r.valid_from AS valid_from, "
    "r.valid_to AS valid_to, r.source AS source, r.kind AS kind, "
    "r.decided_by AS decided_by, d.proposed_by AS proposed_by, d.approved_by AS approved_by, "
    "d.reason AS reason, e.key AS ended_by_decision, e.proposed_by AS ended_proposed_by, "
    "e.approved_by AS ended_approved_by "
    "ORDER BY coalesce(r.valid_from, date('0001-01-01')), type, key"
    for label in HISTORY_LABELS
}
_EXISTS = {
    label: f"MATCH (n:`{label}` {{key: $key}}) RETURN n.key AS key" for label in HISTORY_LABELS
}
_DECISIONS = (
    "MATCH (d:Decision) WHERE d.subject_key = $key OR d.person_key = $key "
    "RETURN properties(d) AS props ORDER BY d.proposed_at"
)


class HistoryEntry(BaseModel):
    """One period of one relationship: who or what, which role, from when to when, by whom."""

    type: str = Field(description="The relationship type (OWNS, SUPERUSER_OF, MEMBER_OF, ...).")
    outgoing: bool = Field(description="True when the entity is the relationship's start.")
    label: str | None
    key: str
    name: str | None = None
    valid_from: date | None = None
    valid_to: date | None = Field(default=None, description="The first day it no longer held.")
    source: str | None = Field(default=None, description="hr, kitos, register or decision.")
    kind: str | None = None
    decided_by: str | None = Field(default=None, description="The decision that started it.")
    proposed_by: str | None = None
    approved_by: str | None = None
    reason: str | None = None
    ended_by_decision: str | None = Field(default=None, description="The decision that ended it.")
    ended_proposed_by: str | None = None
    ended_approved_by: str | None = None


class History(BaseModel):
    """An entity's relationships over time, and the decisions about it."""

    label: str
    key: str
    entries: list[HistoryEntry]
    decisions: list[Decision]

    def person_keys(self) -> set[str]:
        """The people this history names, for the audit log."""
        keys = {e.key for e in self.entries if e.label == "Person"}
        keys |= {d.payload.person for d in self.decisions if d.payload.person}
        return keys | ({self.key} if self.label == "Person" else set())


def history(graph: Graph, label: str, key: str) -> History:
    """The history of the ``label`` node ``key``; NotFound when there is none."""
    if not graph.query(_EXISTS[label], key=key):
        raise NotFound(f"There is no {label} with key {key!r}.", hint="Check the key.")
    rows = graph.query(_HISTORY[label], key=key)
    entries = [HistoryEntry(**{k: native(v) for k, v in row.items()}) for row in rows]
    decisions = [Decision.from_node(r["props"]) for r in graph.query(_DECISIONS, key=key)]
    return History(label=label, key=key, entries=entries, decisions=decisions)
