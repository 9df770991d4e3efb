"""``finding.opened`` and ``finding.closed`` events: the rules' open findings compared, by a
scheduled job, with those it saw last time (kept in Neo4j, so any process can take over)."""

from __future__ import annotations

from datetime import date
from typing import Any

from neo4j import ManagedTransaction

from core.settings import Settings
from graph.changes import record_events
from graph.driver import Graph
from graph.findings_digest import finding_id
from graph.rules import evaluate
from schema.outbox import EventKind

_LAST = (
    "MERGE (s:FindingSnapshot {key: 'open'}) ON CREATE SET s.ids = null "
    "SET s.snapshot_lock = true REMOVE s.snapshot_lock RETURN s.ids AS ids"
)
_SAVE = "MATCH (s:FindingSnapshot {key: 'open'}) SET s.ids = $ids, s.as_of = $as_of"


def record_finding_changes(graph: Graph, settings: Settings, *, today: date | None = None) -> int:
    """Record an event per finding opened or closed since the last look; how many."""
    day = today or date.today()
    report = evaluate(graph, as_of=day, params=settings.rules)
    found = {finding_id(f): f for f in report.findings if f.status == "violated"}

    def work(tx: ManagedTransaction) -> int:
        last = tx.run(_LAST).single(strict=True)["ids"]
        tx.run(_SAVE, ids=sorted(found), as_of=day)
        if last is None:  # the first look: the starting point, not a burst of old findings
            return 0
        before = set(last)
        events: list[tuple[EventKind, dict[str, Any]]] = [
            (EventKind.FINDING_OPENED, _about(found[i])) for i in sorted(set(found) - before)
        ]
        events += [(EventKind.FINDING_CLOSED, _closed(i)) for i in sorted(before - set(found))]
        record_events(tx, events)
        return len(events)

    return graph.write(work)


def _about(finding: Any) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "subject": finding.subject.model_dump(),
        "message": finding.message.model_dump(),
    }


def _closed(identity: str) -> dict[str, Any]:
    rule, label, key, *_ = identity.split("|")
    return {"rule": rule, "subject": {"label": label, "key": key}}
