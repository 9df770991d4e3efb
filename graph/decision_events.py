"""The change events of a decision: proposed, approved or rejected, and the roles it assigns or
ends once it is applied (recorded in the decision's own transaction)."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from graph.changes import record_events
from graph.decision_model import Decision
from schema.decisions import DecisionStatus, DecisionType
from schema.outbox import EventKind


def record_decision(tx: ManagedTransaction, decision: Decision, kind: EventKind) -> None:
    """Record ``kind`` for ``decision`` and, when it is applied, its role changes."""
    record_events(tx, decision_events(decision, kind))


def decision_events(decision: Decision, kind: EventKind) -> list[tuple[EventKind, dict[str, Any]]]:
    """The events of ``kind`` for ``decision`` and, when it is applied, of its role changes."""
    about = {
        "decision": decision.key,
        "type": decision.type.value,
        "status": decision.status.value,
        "subject": decision.subject_key,
        "subject_label": decision.subject_label,
        "effective_date": decision.effective_date.isoformat(),
    }
    events: list[tuple[EventKind, dict[str, Any]]] = [(kind, about)]
    if decision.status is DecisionStatus.APPLIED:
        events += _role_events(decision)
    return events


def _role_events(decision: Decision) -> list[tuple[EventKind, dict[str, Any]]]:
    p = decision.payload
    role = {
        "role": p.role,
        "subject": decision.subject_key,
        "effective_date": p.effective_date.isoformat(),
        "decision": decision.key,
    }
    if p.type is DecisionType.APPOINT:
        out = [(EventKind.ROLE_ASSIGNED, {**role, "person": p.person})]
        if p.replaces:
            out.append((EventKind.ROLE_ENDED, {**role, "person": p.replaces}))
        return out
    if p.type is DecisionType.END:
        return [(EventKind.ROLE_ENDED, {**role, "person": p.person})]
    return []
