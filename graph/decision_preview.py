"""A decision's preview: the findings it would resolve and create, and nothing written.

The same checks and the same write as a real decision, in one write transaction that is always
rolled back: the focused rules run before the decision is applied and again after, and the two
runs are compared (today's ``$excluded`` what-if generalised to any change). Only the subjects the
decision can touch are evaluated: its subject, the people it names, what they hold, and who shares
a critical role with them.
"""

from __future__ import annotations

from datetime import date

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from core.errors import NeedsAcknowledgement
from core.settings import Settings
from graph.approvers import Approver, approvers
from graph.decision_checks import check
from graph.decision_model import Proposal
from graph.decisions import new_decision_key, owner_levels, write_decision
from graph.driver import Graph
from graph.rules import Finding, run_rules, select_rules
from graph.whatif import focus_keys
from schema.decisions import APPROVED_BY_DEPARTMENT_HEAD, DecisionStatus, approval_key

PREVIEWER = "preview"


class Preview(BaseModel):
    """What a proposed decision would change in the findings, read as of ``as_of``."""

    as_of: date = Field(description="The day the rules were read at: the effective date or later.")
    resolved: list[Finding] = Field(description="Open findings the decision resolves.")
    created: list[Finding] = Field(description="Findings the decision would create.")
    accepted: list[Finding] = Field(description="Findings it accepts as a known risk.")
    needs_acknowledgement: str | None = Field(
        default=None,
        description="The rule the decision would break: it is saved only with "
        "acknowledge_findings: true.",
    )
    needs_approval: str | None = Field(
        default=None, description="Who must approve it (none: applied at once)."
    )
    approver: Approver | None = None


def preview(
    graph: Graph, proposal: Proposal, *, settings: Settings, as_of: date | None = None
) -> Preview:
    """Check ``proposal`` and compare the findings without and with it; write nothing.

    The rules are read at the effective date, or at ``as_of`` (default today) when that is later.
    A decision that would be refused raises as it would when proposed.
    """
    when = max(proposal.effective_date, as_of or date.today())
    levels = owner_levels(settings)
    needs = settings.decisions.approval.get(approval_key(proposal.type, proposal.role))
    rules = select_rules()

    def work(tx: ManagedTransaction) -> Preview:
        key = new_decision_key()
        unacknowledged = None
        try:
            check(tx, proposal, owner_levels=levels, self_key=key)
        except NeedsAcknowledgement as e:  # the last check: everything else passed
            unacknowledged = None if proposal.acknowledge_findings else e.message
        focus = focus_keys(tx, _people(proposal), systems=_systems(proposal), as_of=when)
        focus = sorted({*focus, proposal.subject_key})

        def findings() -> list[Finding]:
            found, _ = run_rules(
                tx, graph.database, rules, as_of=when, params=settings.rules, focus=focus
            )
            return found

        before = findings()
        write_decision(tx, key, proposal, status=DecisionStatus.APPLIED, who=PREVIEWER, needs=None)
        after = findings()
        named = (
            approvers(tx, [proposal.subject_key], as_of=when)
            if needs == APPROVED_BY_DEPARTMENT_HEAD and proposal.label == "System"
            else {}
        )
        return _compare(before, after, as_of=when).model_copy(
            update={
                "needs_acknowledgement": unacknowledged,
                "needs_approval": needs,
                "approver": named.get(proposal.subject_key),
            }
        )

    return graph.rolled_back(work)


def _compare(before: list[Finding], after: list[Finding], *, as_of: date) -> Preview:
    """Open findings only before are resolved (or accepted), open ones only after are created."""
    open_before = {f.identity: f for f in before if f.status != "accepted"}
    open_after = {f.identity for f in after if f.status != "accepted"}
    accepted_after = {f.identity: f for f in after if f.status == "accepted"}
    known_before = {f.identity for f in before}
    return Preview(
        as_of=as_of,
        resolved=[f for i, f in open_before.items() if i not in open_after],
        created=[f for f in after if f.status != "accepted" and f.identity not in known_before],
        accepted=[f for i, f in accepted_after.items() if i in open_before],
    )


def _people(proposal: Proposal) -> list[str]:
    named = [proposal.person, proposal.replaces, proposal.appointed_by, proposal.owner]
    return sorted({k for k in [*named, *proposal.participants] if k})


def _systems(proposal: Proposal) -> list[str]:
    return [proposal.subject_key] if proposal.label == "System" else []
