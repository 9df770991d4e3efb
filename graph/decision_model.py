"""Typed decisions: what a proposal asks for, and a stored decision as the graph holds it."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, model_validator

from graph.approvers import Approver
from graph.entities.common import native
from schema.decisions import (
    DECIDABLE_ROLES,
    FACT_VALUES,
    REVIEW_KINDS,
    SUPERUSER_KINDS,
    DecisionStatus,
    DecisionType,
)

# Labels an accepted risk's subject may have (what the rules report findings about).
RISK_SUBJECT_LABELS = ("System", "Person", "OrgUnit", "Forum", "Role")


class Proposal(BaseModel):
    """What a decision asks for; which fields count depends on ``type``."""

    type: DecisionType
    effective_date: date
    reason: str = Field(min_length=1, max_length=2000)
    role: str | None = None
    person: str | None = None
    subject: str | None = None
    until: date | None = None
    replaces: str | None = None
    kind: str | None = None
    appointed_by: str | None = None
    forum_role: str | None = None
    review_kind: str | None = None
    participants: list[str] = Field(default_factory=list)
    minute: str | None = Field(default=None, max_length=4000)
    link: str | None = Field(default=None, max_length=1000)
    facts: dict[str, str] = Field(default_factory=dict)
    rule: str | None = Field(default=None, pattern=r"^(GM|DQ)-\d{2}$")
    subject_label: str | None = None
    owner: str | None = None
    expires: date | None = None
    acknowledge_findings: bool = False

    @model_validator(mode="after")
    def _complete(self) -> Proposal:
        problem = _missing(self)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def subject_key(self) -> str:
        """The key of the node the decision is about."""
        if self.type in (DecisionType.APPOINT, DecisionType.END):
            fixed = DECIDABLE_ROLES[self.role or ""].fixed_target
            return fixed or self.subject or ""
        return self.subject or ""

    @property
    def label(self) -> str:
        """The label of the node the decision is about."""
        if self.type in (DecisionType.APPOINT, DecisionType.END):
            return DECIDABLE_ROLES[self.role or ""].target
        if self.type is DecisionType.ACCEPT_RISK:
            return self.subject_label or "System"
        return "System"


def _missing(p: Proposal) -> str | None:
    """What a proposal of its type lacks or gets wrong, in words a person can act on."""
    if p.type in (DecisionType.APPOINT, DecisionType.END):
        if p.role not in DECIDABLE_ROLES:
            return f"role must be one of {', '.join(DECIDABLE_ROLES)}"
        if not p.person:
            return "person (the role holder's key) is required"
        if not DECIDABLE_ROLES[p.role].fixed_target and not p.subject:
            return f"subject (the {DECIDABLE_ROLES[p.role].target}'s key) is required"
        if p.kind is not None and p.kind not in SUPERUSER_KINDS:
            return f"kind must be one of {', '.join(SUPERUSER_KINDS)}"
        if p.until is not None and p.until <= p.effective_date:
            return (
                f"until ({p.until}) must be after the effective date ({p.effective_date}): "
                "the end date is before the start date"
            )
    elif p.type is DecisionType.REVIEW:
        if not p.subject or p.review_kind not in REVIEW_KINDS:
            return f"subject (a system) and review_kind ({', '.join(REVIEW_KINDS)}) are required"
        if p.effective_date > date.today():
            return "a held review's date (effective_date) cannot be in the future"
    elif p.type is DecisionType.FACTS:
        if not p.subject or not p.facts:
            return "subject (a system) and facts are required"
        for name, value in p.facts.items():
            if name not in FACT_VALUES:
                return f"facts may set {', '.join(FACT_VALUES)}; not {name}"
            allowed = FACT_VALUES[name]
            if allowed is not None and value not in allowed:
                return f"{name} must be one of {', '.join(allowed)}"
    elif p.type is DecisionType.ACCEPT_RISK:
        if not p.rule or not p.subject or not p.expires or not p.owner:
            return "rule, subject, owner and expires are required to accept a risk"
        if p.subject_label is not None and p.subject_label not in RISK_SUBJECT_LABELS:
            return f"subject_label must be one of {', '.join(RISK_SUBJECT_LABELS)}"
        if p.expires <= p.effective_date:
            return "expires must be after the effective date"
    return None


class Decision(BaseModel):
    """A stored decision: the proposal, who proposed it, and where it stands."""

    key: str
    type: DecisionType
    status: DecisionStatus
    subject_label: str
    subject_key: str
    effective_date: date
    reason: str
    proposed_by: str
    proposed_by_person: str | None = Field(
        default=None, description="The proposer's Person key, when the login names one."
    )
    proposed_at: datetime
    needs_approval: str | None = Field(
        default=None, description="Who must approve (e.g. afdelingschef); none: applied at once."
    )
    approver: Approver | None = Field(
        default=None,
        description="For a pending decision about a system that needs the afdelingschef: the "
        "afdelingschef of the system's owning department.",
    )
    approved_by: str | None = None
    approved_by_person: str | None = None
    approved_at: datetime | None = None
    rejected_by: str | None = None
    rejected_by_person: str | None = None
    rejected_at: datetime | None = None
    rejection_reason: str | None = None
    acknowledged_findings: bool = False
    payload: Proposal

    @classmethod
    def from_node(cls, props: dict[str, Any]) -> Decision:
        """A decision from its node's properties (the payload is stored as JSON)."""
        values = {k: native(v) for k, v in props.items()}
        values["payload"] = Proposal.model_validate(json.loads(values["payload"]))
        return cls.model_validate(values)


def node_properties(proposal: Proposal) -> dict[str, Any]:
    """The Decision node's own properties of a proposal (payload as JSON)."""
    return {
        "type": proposal.type.value,
        "subject_label": proposal.label,
        "subject_key": proposal.subject_key,
        "effective_date": proposal.effective_date,
        "reason": proposal.reason,
        "acknowledged_findings": proposal.acknowledge_findings,
        "payload": proposal.model_dump_json(),
        "role": proposal.role,
        "person_key": proposal.person,
        "rule": proposal.rule,
        "expires": proposal.expires,
    }
