"""Decisions in the graph: propose (applied at once unless it needs approval), approve, reject.

Each step is one write transaction that locks the decision's subject, checks the current state
(``graph.decision_checks``) and writes, so a refused decision writes nothing and two decisions
about the same subject cannot both pass their checks on the same state.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from core.errors import Conflict, Forbidden, NotFound
from core.settings import Settings
from graph.decision_apply import apply, link_subject
from graph.decision_checks import check
from graph.decision_events import record_decision
from graph.decision_model import Decision, Proposal, node_properties
from graph.driver import Graph
from graph.entities.common import Slice, read_page
from graph.rules import rule_parameters, select_rules
from schema.decisions import DecisionStatus, approval_key
from schema.outbox import EventKind

_CREATE = (
    "CREATE (d:Decision {key: $key}) SET d += $props, d.status = $status, "
    "d.proposed_by = $who, d.proposed_at = $now, d.needs_approval = $needs "
    "RETURN properties(d) AS props"
)
_LOCK_DECISION = (
    "MATCH (d:Decision {key: $key}) SET d.decision_lock = true REMOVE d.decision_lock "
    "RETURN properties(d) AS props"
)
_APPROVE = (
    "MATCH (d:Decision {key: $key}) SET d.status = $status, d.approved_by = $who, "
    "d.approved_at = $now RETURN properties(d) AS props"
)
_REJECT = (
    "MATCH (d:Decision {key: $key}) SET d.status = $status, d.rejected_by = $who, "
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


def propose(graph: Graph, proposal: Proposal, *, who: str, settings: Settings) -> Decision:
    """Check and record a decision; apply it at once when no approval is configured for it."""
    needs = needs_approval(proposal, settings)
    levels = owner_levels(settings)
    return graph.write(
        lambda tx: propose_in(tx, proposal, who=who, needs=needs, owner_levels=levels)
    )


def needs_approval(proposal: Proposal, settings: Settings) -> str | None:
    """Who must approve ``proposal`` (``[decisions] approval``), or None: applied at once."""
    return settings.decisions.approval.get(approval_key(proposal.type, proposal.role))


def propose_in(
    tx: ManagedTransaction,
    proposal: Proposal,
    *,
    who: str,
    needs: str | None,
    owner_levels: list[str],
) -> Decision:
    """``propose`` inside the caller's transaction (a campaign's answer proposes several)."""
    key = new_decision_key()
    check(tx, proposal, owner_levels=owner_levels, self_key=key)
    status = DecisionStatus.PENDING if needs else DecisionStatus.APPLIED
    record = tx.run(
        _CREATE,
        key=key,
        props=node_properties(proposal),
        status=status.value,
        who=who,
        now=datetime.now(UTC),
        needs=needs,
    ).single(strict=True)
    link_subject(tx, key, proposal)
    if status is DecisionStatus.APPLIED:
        apply(tx, key, proposal)
    decision = Decision.from_node(record["props"])
    record_decision(tx, decision, EventKind.DECISION_PROPOSED)
    return decision


def approve(graph: Graph, key: str, *, who: str, settings: Settings) -> Decision:
    """Approve a pending decision as ``who`` (not its proposer) and apply it."""
    levels = owner_levels(settings)

    def work(tx: ManagedTransaction) -> Decision:
        decision = _pending(tx, key, who=who, verb="approve")
        check(tx, decision.payload, owner_levels=levels, self_key=key)
        props = tx.run(
            _APPROVE, key=key, status=DecisionStatus.APPLIED.value, who=who, now=_now()
        ).single(strict=True)["props"]
        apply(tx, key, decision.payload)
        approved = Decision.from_node(props)
        record_decision(tx, approved, EventKind.DECISION_APPROVED)
        return approved

    return graph.write(work)


def reject(graph: Graph, key: str, *, who: str, reason: str) -> Decision:
    """Reject a pending decision, with the reason; nothing of it is applied."""

    def work(tx: ManagedTransaction) -> Decision:
        _pending(tx, key, who=who, verb="reject")
        props = tx.run(
            _REJECT,
            key=key,
            status=DecisionStatus.REJECTED.value,
            who=who,
            now=_now(),
            reason=reason,
        ).single(strict=True)["props"]
        rejected = Decision.from_node(props)
        record_decision(tx, rejected, EventKind.DECISION_REJECTED)
        return rejected

    return graph.write(work)


def _pending(tx: ManagedTransaction, key: str, *, who: str, verb: str) -> Decision:
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
    if decision.proposed_by == who:
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
    return Decision.from_node(rows[0]["props"])


def list_decisions(
    graph: Graph, *, status: DecisionStatus | None, limit: int, offset: int
) -> Slice[Decision]:
    """Decisions, newest first, optionally only those with ``status``; and how many in all."""
    return read_page(
        graph,
        _COUNT,
        _LIST,
        item=lambda row: Decision.from_node(row["props"]),
        limit=limit,
        offset=offset,
        status=status.value if status else None,
    )


def new_decision_key() -> str:
    """A fresh key, in groups of four: a uuid's digits could otherwise look like a CPR number
    (six digits, then four) and be blanked out of the audit log and error messages."""
    digits = uuid.uuid4().hex
    return "decision-" + "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _now() -> datetime:
    return datetime.now(UTC)
