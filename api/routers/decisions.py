"""Decisions: propose, list, approve and reject (four eyes where configured)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AsOf, Audit, GraphDep, IsoDate, Paging, Reader, Secretariat, SettingsDep
from api.models import Page
from api.routers.common import ERRORS, NOT_FOUND, Key, KeyFilter, page_of
from core.errors import InvalidInput
from graph import decision_preview, decisions
from graph.decision_model import Decision, Proposal
from graph.decision_preview import Preview
from graph.remedies import candidates, subject_of
from graph.rules import Entity
from graph.successors import Candidate
from schema.decisions import DECIDABLE_ROLES, DecisionStatus
from visualise.findings import person_keys

router = APIRouter(prefix="/api/decisions", tags=["decisions"])

_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {**ERRORS[422], "description": "The current state contradicts it; details has the state."}
}
_EXAMPLES = {
    "appoint-systemejer": {
        "summary": "Appoint a systemejer (needs approval by default)",
        "value": {
            "type": "appoint",
            "role": "systemejer",
            "subject": "s1",
            "person": "leder-a",
            "effective_date": "2026-12-01",
            "reason": "Kontoret er eneste bruger af systemet; besluttet på ledermødet.",
        },
    },
    "end-superbruger": {
        "summary": "End a super-user role",
        "value": {
            "type": "end",
            "role": "superbruger",
            "subject": "s1",
            "person": "bo",
            "effective_date": "2027-01-01",
            "reason": "Skifter til andet kontor.",
        },
    },
    "record-review": {
        "summary": "Record a held half-yearly owner review",
        "value": {
            "type": "review",
            "subject": "s1",
            "review_kind": "owner_review",
            "effective_date": "2026-10-15",
            "participants": ["leder-a", "anna"],
            "minute": "Gennemgået; ingen nye risici.",
            "reason": "Halvårlig gennemgang afholdt.",
        },
    },
    "accept-risk": {
        "summary": "Accept a finding as a known risk until an expiry date",
        "value": {
            "type": "accept-risk",
            "rule": "GM-05",
            "subject": "s3",
            "owner": "chef",
            "effective_date": "2026-11-01",
            "expires": "2027-03-01",
            "reason": "Systemet udfases i 2027; ingen ny administrator.",
        },
    },
}


_FINDING: dict[str, Any] = {
    "rule": "GM-01",
    "severity": "high",
    "status": "violated",
    "subject": {"label": "System", "key": "s3", "name": "Jobnet"},
    "related": [],
    "message": {"da": "Jobnet har ingen systemejer.", "en": "Jobnet has no system owner."},
    "accepted_until": None,
    "accepted_by": None,
}
_PREVIEW_EXAMPLE = {
    "as_of": "2026-12-01",
    "resolved": [_FINDING],
    "created": [],
    "accepted": [],
    "needs_acknowledgement": None,
    "needs_approval": "afdelingschef",
    "approver": {"key": "chef", "name": "Carl Chef", "unit_key": "afd", "unit_name": "Jobcenteret"},
}
_PREVIEW_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {"example": _PREVIEW_EXAMPLE}}},
    **_CONFLICT,
}
_ROLE_EXAMPLES = {
    "systemejer": {"summary": "A system owner", "value": "systemejer"},
    "superbruger": {"summary": "A super-user", "value": "superbruger"},
}
_SUBJECT_EXAMPLES = {"system": {"summary": "A system's key", "value": "s3"}}


class DecisionIn(Proposal):
    """A proposed decision; the fields each type needs are in the examples."""

    model_config = ConfigDict(extra="forbid")


class Rejection(BaseModel):
    """Why a decision is rejected."""

    reason: str = Field(min_length=1, max_length=2000)


@router.post("", response_model=Decision, status_code=201, responses=_CONFLICT)
def propose_decision(
    graph: GraphDep,
    settings: SettingsDep,
    principal: Secretariat,
    audit: Audit,
    body: Annotated[DecisionIn, Body(openapi_examples=_EXAMPLES)],
) -> Decision:
    """Propose a decision: applied at once, or pending until another principal approves it."""
    proposal = Proposal.model_validate(body.model_dump())
    decision = decisions.propose(
        graph, proposal, who=principal.name, settings=settings, person=principal.person
    )
    record_decision(audit, "decision.propose", decision)
    return decision


@router.post("/preview", response_model=Preview, responses=_PREVIEW_RESPONSES)
def preview_decision(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Secretariat,
    audit: Audit,
    body: Annotated[DecisionIn, Body(openapi_examples=_EXAMPLES)],
    as_of: Annotated[
        IsoDate | None,
        Query(description="Read the rules at this day when it is after the effective date."),
    ] = None,
) -> Preview:
    """Preview a decision: the findings it would resolve and create; nothing is written."""
    proposal = Proposal.model_validate(body.model_dump())
    found = decision_preview.preview(graph, proposal, settings=settings, as_of=as_of)
    record_preview(audit, proposal, found)
    return found


def record_preview(
    audit: Audit, proposal: Proposal, found: Preview, shown: Iterable[str] = ()
) -> None:
    """Audit a preview, with the people its findings and the proposal name (and ``shown``)."""
    named = {k for k in (proposal.person, proposal.replaces, *shown) if k}
    audit.record(
        "decision.preview",
        person_keys=person_keys([*found.resolved, *found.created, *found.accepted]) | named,
        type=proposal.type.value,
        role=proposal.role,
        subject=proposal.subject_key,
    )


@router.get("", response_model=Page[Decision])
def list_decisions(
    graph: GraphDep,
    _principal: Reader,
    audit: Audit,
    page: Paging,
    status: Annotated[DecisionStatus | None, Query(description="Only these.")] = None,
) -> Page[Decision]:
    """List decisions, newest first; status=pending lists those waiting for approval."""
    found = decisions.list_decisions(graph, status=status, limit=page.limit, offset=page.offset)
    people = {d.payload.person for d in found.items if d.payload.person}
    audit.record("decisions.read", person_keys=people, status=status)
    return page_of(found, page)


class Candidates(BaseModel):
    """Who could be appointed to a role, ranked as the handover ranks successors."""

    role: str
    subject: Entity
    candidates: list[Candidate]


@router.get("/candidates", response_model=Candidates, responses=NOT_FOUND)
def list_candidates(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Secretariat,
    audit: Audit,
    as_of: AsOf,
    role: Annotated[
        str, Query(description="The role to appoint.", openapi_examples=_ROLE_EXAMPLES)
    ],
    subject: Annotated[
        KeyFilter,
        Query(description="The system or forum's key.", openapi_examples=_SUBJECT_EXAMPLES),
    ] = None,
    kind: Annotated[str | None, Query(pattern="^(it|fag|teknisk)$")] = None,
    replaces: Annotated[KeyFilter, Query(description="The holder it replaces.")] = None,
) -> Candidates:
    """Rank candidates for an appointment (the Fix form's list), at most five, with reasons."""
    if role not in DECIDABLE_ROLES:
        raise InvalidInput(f"Unknown role {role!r}.", hint=f"Use {', '.join(DECIDABLE_ROLES)}.")
    spec = DECIDABLE_ROLES[role]
    target = subject_of(graph, spec.target, spec.fixed_target or subject or "")
    ranked = candidates(
        graph, role, target, kind=kind, replaces=replaces, as_of=as_of, settings=settings.rules
    )
    audit.record(
        "decision.candidates",
        person_keys={c.person.key for c in ranked},
        role=role,
        subject=target.key,
    )
    return Candidates(role=role, subject=target, candidates=ranked)


@router.get("/{key}", response_model=Decision, responses=NOT_FOUND)
def get_decision(graph: GraphDep, _principal: Reader, audit: Audit, key: Key) -> Decision:
    """One decision: what, why, from when, who proposed, approved or rejected it."""
    decision = decisions.get_decision(graph, key)
    record_decision(audit, "decision.read", decision)
    return decision


@router.post("/{key}/approve", response_model=Decision, responses={**NOT_FOUND, **_CONFLICT})
def approve_decision(
    graph: GraphDep, settings: SettingsDep, principal: Secretariat, audit: Audit, key: Key
) -> Decision:
    """Approve a pending decision (not one's own) and apply it from its effective date."""
    decision = decisions.approve(
        graph, key, who=principal.name, settings=settings, person=principal.person
    )
    record_decision(audit, "decision.approve", decision)
    return decision


@router.post("/{key}/reject", response_model=Decision, responses={**NOT_FOUND, **_CONFLICT})
def reject_decision(
    graph: GraphDep, principal: Secretariat, audit: Audit, key: Key, body: Rejection
) -> Decision:
    """Reject a pending decision (not one's own), with the reason; nothing is applied."""
    decision = decisions.reject(
        graph, key, who=principal.name, reason=body.reason, person=principal.person
    )
    record_decision(audit, "decision.reject", decision)
    return decision


def record_decision(audit: Audit, action: str, decision: Decision) -> None:
    """Audit a decision's step, with the people it names."""
    audit.record(
        action,
        person_keys=[k for k in (decision.payload.person, decision.payload.replaces) if k],
        decision=decision.key,
        type=decision.type.value,
        role=decision.payload.role,
        subject=decision.subject_key,
        status=decision.status.value,
        effective_date=decision.effective_date.isoformat(),
    )
