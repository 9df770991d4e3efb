"""Applying a decision: the relationships and properties the register importer writes for the
same fact, with ``valid_from`` = the effective date, ``source`` = ``decision`` and ``decided_by``.

An ending sets ``valid_to`` (the first day without the role) and ``ended_by`` = the decision's
key, as an import's ending sets ``ended_by`` = its run; nothing is deleted.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from graph.decision_model import Proposal
from schema.decisions import DECIDABLE_ROLES, DecisionType
from schema.model import DECISION_SOURCE

_APPOINT = {
    role.key: f"MATCH (p:Person {{key: $person}}) MATCH (t:`{role.target}` {{key: $target}}) "
    f"CREATE (p)-[r:`{role.relationship}`]->(t) SET r = $props"
    for role in DECIDABLE_ROLES.values()
}
_END = {
    role.key: f"MATCH (:Person {{key: $person}})-[r:`{role.relationship}`]->"
    f"(:`{role.target}` {{key: $target}}) "
    "WHERE r.ended_by IS NULL AND coalesce(r.valid_to, date('9999-12-31')) > $date "
    "SET r.ended_by = $decision, "
    "r.valid_to = CASE WHEN coalesce(r.valid_from, $date) > $date THEN r.valid_from "
    "ELSE $date END"
    for role in DECIDABLE_ROLES.values()
}
_REVIEW = (
    "MATCH (s:System {key: $system}) "
    "MERGE (rv:Review {key: $key}) "
    "ON CREATE SET rv.source = $source, rv.created_by = $decision "
    "SET rv += $props "
    "MERGE (rv)-[:REVIEWS]->(s) "
    "WITH rv UNWIND $participants AS person "
    "MATCH (p:Person {key: person}) MERGE (p)-[:ATTENDED]->(rv)"
)
_RISK_ASSESSED = (
    "MATCH (s:System {key: $system}) "
    "SET s.risk_assessment = 'Yes', s.risk_assessment_date = $date, "
    "s.risk_assessment_decided_by = $decision"
)
_FACTS = "MATCH (s:System {key: $system}) SET s += $facts, s.facts_decided_by = $decision"
_DECIDES_ON = (
    "MATCH (d:Decision {key: $decision}) MATCH (s:System {key: $system}) "
    "MERGE (d)-[:DECIDES_ON]->(s)"
)


def apply(tx: ManagedTransaction, decision: str, proposal: Proposal) -> None:
    """Write what ``proposal`` decides, as decision ``decision``, in transaction ``tx``."""
    when = proposal.effective_date
    target = proposal.subject_key
    if proposal.type is DecisionType.APPOINT:
        role = proposal.role or ""
        if proposal.replaces:
            tx.run(
                _END[role], person=proposal.replaces, target=target, date=when, decision=decision
            )
        tx.run(
            _APPOINT[role],
            person=proposal.person,
            target=target,
            props=_appointment(decision, proposal),
        )
    elif proposal.type is DecisionType.END:
        role = proposal.role or ""
        tx.run(_END[role], person=proposal.person, target=target, date=when, decision=decision)
    elif proposal.type is DecisionType.REVIEW:
        _review(tx, decision, proposal)
    elif proposal.type is DecisionType.FACTS:
        tx.run(_FACTS, system=target, facts=proposal.facts, decision=decision)
    # An accepted risk is the Decision node itself: the rules read it (graph.accepted_risks).


def link_subject(tx: ManagedTransaction, decision: str, proposal: Proposal) -> None:
    """Tie a decision about a system to the system (people and units go by subject_key)."""
    if proposal.label == "System":
        tx.run(_DECIDES_ON, decision=decision, system=proposal.subject_key)


def _appointment(decision: str, proposal: Proposal) -> dict[str, Any]:
    props: dict[str, Any] = {
        "source": DECISION_SOURCE,
        "created_by": decision,
        "decided_by": decision,
        "valid_from": proposal.effective_date,
        "valid_to": proposal.until,
        "kind": proposal.kind,
        "appointed_by": proposal.appointed_by,
        "role": proposal.forum_role,
    }
    return {k: v for k, v in props.items() if v is not None}


def _review(tx: ManagedTransaction, decision: str, proposal: Proposal) -> None:
    kind = proposal.review_kind or ""
    held = proposal.effective_date
    props = {
        "kind": kind,
        "date": held,
        "minute": proposal.minute,
        "link": proposal.link,
        "decided_by": decision,
    }
    tx.run(
        _REVIEW,
        system=proposal.subject_key,
        key=f"{proposal.subject_key}|{kind}|{held.isoformat()}",
        props={k: v for k, v in props.items() if v is not None},
        participants=proposal.participants,
        source=DECISION_SOURCE,
        decision=decision,
    )
    if kind == "risk_assessment":
        tx.run(_RISK_ASSESSED, system=proposal.subject_key, date=held, decision=decision)
