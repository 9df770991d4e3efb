"""Decisions in the graph: propose (applied at once unless it needs approval), approve, reject.

Each step is one write transaction that locks the decision's subject, checks the current state
(``graph.decision_checks``) and writes, so a refused decision writes nothing and two decisions
about the same subject cannot both pass their checks on the same state.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from neo4j import ManagedTransaction

from core.errors import Conflict, Forbidden, NotFound
from core.settings import Settings
from graph.approvers import approvers
from graph.decision_apply import apply, link_subject
from graph.decision_checks import check
from graph.decision_events import decision_events, record_decision
from graph.decision_model import Decision, Proposal, node_properties
from graph.driver import Graph
from graph.entities.common import Slice, read_page
from graph.rules import rule_parameters, select_rules
from schema.decisions import APPROVED_BY_DEPARTMENT_HEAD, DecisionStatus, approval_key
from schema.outbox import EventKind

_CREATE = (
    "CREATE (d:Decision {key: $key}) SET d += $props, d.status = $status, "
    "d.proposed_by = $who, d.proposed_by_person = $person, d.proposed_at = $now, "
    "d.needs_approval = $needs "
    "RETURN properties(d) AS props"
)
_LOCK_DECISION = (
    "MATCH (d:Decision {key: $key}) SET d.decision_lock = true REMOVE d.decision_lock "
    "RETURN properties(d) AS props"
)
_APPROVE = (
    "MATCH (d:Decision {key: $key}) SET d.status = $status, d.approved_by = $who, "
    "d.approved_by_person = $person, d.approved_at = $now RETURN properties(d) AS props"
)
_REJECT = (
    "MATCH (d:Decision {key: $key}) SET d.status = $status, d.rejected_by = $who, "
    "d.rejected_by_person = $person, "
    "d.rejected_at = $now, d.rejection_reason = $reason RETURN properties(d) AS props"
)
_GET = "MATCH (d:Decision {key: $key}) RETURN properties(d) AS props"
_LIST = (
    "MATCH (d:Decision) WHERE $status IS NULL OR d.status = $status "
    "RETURN properties(d) AS props ORDER BY d.proposed_at DESC, d.key SKIP $offset LIMIT $limit"
)
_COUNT = "MATCH (d:Decision) WHERE $status IS NULL OR d.status = $status RETURN count(d) AS total"


def owner_levels(settings: Settings) -> list[str]:
    """The line levels GM-02 lets own a system (its parameter, as the settings set it)."""
    levels: list[str] = rule_parameters(select_rules(["GM-02"])[0], settings.rules)["owner_levels"]
    return levels


def propose(
    graph: Graph, proposal: Proposal, *, who: str, settings: Settings, person: str | None = None
) -> Decision:
    """Check and record a decision as ``who`` (the Person ``person``, when known); apply it at
    once when no approval is configured for it."""
    levels = owner_levels(settings)

    def work(tx: ManagedTransaction) -> Decision:
        decision = record(tx, proposal, who=who, settings=settings, levels=levels, person=person)
        return with_approvers(tx, [decision])[0]

    return graph.write(work)


def needs_approval(proposal: Proposal, settings: Settings) -> str | None:
    """Who must approve ``proposal`` (``[decisions] approval``), or None: applied at once."""
    return settings.decisions.approval.get(approval_key(proposal.type, proposal.role))


def record(
    tx: ManagedTransaction,
    proposal: Proposal,
    *,
    who: str,
    settings: Settings,
    levels: list[str],
    person: str | None = None,
    events: list[tuple[EventKind, dict[str, Any]]] | None = None,
) -> Decision:
    """Check and record one decision in the caller's transaction ``tx`` (a handover plan or a
    campaign's answer records several), with its change events.

    With ``events``, the change events are added to it instead, for the caller to record once
    for all its decisions (``graph.changes.record_events``): the same events in the same order,
    without a counter update, an event write and a webhook read per decision.
    """
    needs = needs_approval(proposal, settings)
    key = new_decision_key()
    check(tx, proposal, owner_levels=levels, self_key=key)
    status = DecisionStatus.PENDING if needs else DecisionStatus.APPLIED
    decision = write_decision(tx, key, proposal, status=status, who=who, needs=needs, person=person)
    if events is None:
        record_decision(tx, decision, EventKind.DECISION_PROPOSED)
    else:
        events += decision_events(decision, EventKind.DECISION_PROPOSED)
    return decision


def write_decision(
    tx: ManagedTransaction,
    key: str,
    proposal: Proposal,
    *,
    status: DecisionStatus,
    who: str,
    needs: str | None,
    person: str | None = None,
) -> Decision:
    """Write the Decision node of a checked proposal; apply it when its status is applied."""
    props = tx.run(
        _CREATE,
        key=key,
        props=node_properties(proposal),
        status=status.value,
        who=who,
        person=person,
        now=datetime.now(UTC),
        needs=needs,
    ).single(strict=True)["props"]
    link_subject(tx, key, proposal)
    if status is DecisionStatus.APPLIED:
        apply(tx, key, proposal)
    return Decision.from_node(props)


def with_approvers(tx: ManagedTransaction, found: list[Decision]) -> list[Decision]:
    """The decisions, each pending one about a system that an afdelingschef must approve with
    the afdelingschef of the system's owning department named."""
    wanted = [
        d.subject_key
        for d in found
        if d.status is DecisionStatus.PENDING
        and d.needs_approval == APPROVED_BY_DEPARTMENT_HEAD
        and d.subject_label == "System"
    ]
    named = approvers(tx, wanted, as_of=date.today())
    return [
        d.model_copy(update={"approver": named.get(d.subject_key)})
        if d.subject_key in named and d.status is DecisionStatus.PENDING
        else d
        for d in found
    ]


def approve(
    graph: Graph, key: str, *, who: str, settings: Settings, person: str | None = None
) -> Decision:
    """Approve a pending decision as ``who`` (not its proposer) and apply it."""
    levels = owner_levels(settings)

    def work(tx: ManagedTransaction) -> Decision:
        decision = _pending(tx, key, who=who, person=person, verb="approve")
        check(tx, decision.payload, owner_levels=levels, self_key=key)
        props = tx.run(
            _APPROVE,
            key=key,
            status=DecisionStatus.APPLIED.value,
            who=who,
            person=person,
            now=_now(),
        ).single(strict=True)["props"]
        apply(tx, key, decision.payload)
        approved = Decision.from_node(props)
        record_decision(tx, approved, EventKind.DECISION_APPROVED)
        return approved

    return graph.write(work)


def reject(graph: Graph, key: str, *, who: str, reason: str, person: str | None = None) -> Decision:
    """Reject a pending decision, with the reason; nothing of it is applied."""

    def work(tx: ManagedTransaction) -> Decision:
        _pending(tx, key, who=who, person=person, verb="reject")
        props = tx.run(
            _REJECT,
            key=key,
            status=DecisionStatus.REJECTED.value,
            who=who,
            person=person,
            now=_now(),
            reason=reason,
        ).single(strict=True)["props"]
        rejected = Decision.from_node(props)
        record_decision(tx, rejected, EventKind.DECISION_REJECTED)
        return rejected

    return graph.write(work)


def _pending(
    tx: ManagedTransaction, key: str, *, who: str, person: str | None, verb: str
) -> Decision:
    record = tx.run(_LOCK_DECISION, key=key).single()
    if record is None:
        raise NotFound(f"There is no decision {key!r}.", hint="List them: GET /api/decisions.")
    decision = Decision.from_node(record["props"])
    if decision.status is not DecisionStatus.PENDING:
        raise Conflict(
            f"Decision {key} is {decision.status.value}, not pending.",
            hint="Only a pending decision can be approved or rejected.",
            details={"decision": decision.model_dump(mode="json")},
        )
    # Four eyes: not the same login, nor the same person through another login or token.
    if decision.proposed_by == who or (person and decision.proposed_by_person == person):
        raise Forbidden(
            f"{who} proposed decision {key} and cannot {verb} it too.",
            hint="Four eyes: another person with the secretariat scope must do it.",
        )
    return decision


def get_decision(graph: Graph, key: str) -> Decision:
    """One decision by key."""
    rows = graph.query(_GET, key=key)
    if not rows:
        raise NotFound(f"There is no decision {key!r}.", hint="List them: GET /api/decisions.")
    decision = Decision.from_node(rows[0]["props"])
    return graph.read(lambda tx: with_approvers(tx, [decision]))[0]


def list_decisions(
    graph: Graph, *, status: DecisionStatus | None, limit: int, offset: int
) -> Slice[Decision]:
    """Decisions, newest first, optionally only those with ``status``; and how many in all."""
    found = read_page(
        graph,
        _COUNT,
        _LIST,
        item=lambda row: Decision.from_node(row["props"]),
        limit=limit,
        offset=offset,
        status=status.value if status else None,
    )
    named = graph.read(lambda tx: with_approvers(tx, found.items))
    return found.model_copy(update={"items": named})


def new_decision_key() -> str:
    """A fresh key, in groups of four: a uuid's digits could otherwise look like a CPR number
    (six digits, then four) and be blanked out of the audit log and error messages."""
    digits = uuid.uuid4().hex
    return "decision-" + "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _now() -> datetime:
    return datetime.now(UTC)
