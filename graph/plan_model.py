"""A handover plan as the graph keeps it: its items, its status, and what a client may choose."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from graph.rules import Entity
from schema.catalogue import Text
from schema.decisions import DecisionStatus


class PlanStatus(StrEnum):
    """A plan is proposed (not saved), a saved draft, or applied (its decisions recorded)."""

    PROPOSED = "proposed"  # computed, not saved: what saving would store
    DRAFT = "draft"
    APPLIED = "applied"


class PlanItem(BaseModel):
    """One role of the leaver: who takes it over from the plan's date, or that it ends."""

    role: str = Field(description="The role as the handover names it (e.g. fag-superbruger).")
    role_name: Text
    target: Entity
    sole: bool = Field(description="Nobody else holds this role on this target.")
    successor: Entity | None = Field(
        default=None, description="Who takes the role over; none: the leaver's holding ends."
    )
    decision: str | None = Field(default=None, description="The decision that applied it.")
    decision_status: DecisionStatus | None = None


class UncoveredRole(BaseModel):
    """A role the plan cannot decide: a leader's unit follows HR (OPUS or OS2mo)."""

    role: str
    role_name: Text
    target: Entity


class HandoverPlan(BaseModel):
    """A leaver's handover plan: the items, from which date, by whom, and whether applied."""

    key: str | None = Field(description="None while the plan is only proposed, not saved.")
    person: Entity
    leaves: date | None = Field(default=None, description="The leaver's leave date, if known.")
    effective_date: date = Field(description="The first day the successors hold the roles.")
    status: PlanStatus
    items: list[PlanItem]
    not_covered: list[UncoveredRole]
    note: str | None = None
    acknowledge_findings: bool = False
    created_by: str
    created_at: datetime
    applied_by: str | None = None
    applied_at: datetime | None = None


class ItemChoice(BaseModel):
    """The successor chosen for one of the leaver's roles (null: end the role, no successor)."""

    role: str = Field(max_length=100, examples=["systemejer"])
    target: str = Field(max_length=300, description="The key of the system, forum or role.")
    successor: str | None = Field(default=None, max_length=300)


class PlanChoices(BaseModel):
    """A plan's date, and the successors chosen (for the other roles: the top candidate)."""

    effective_date: date | None = Field(
        default=None, description="First day of the successors; default: the leave date."
    )
    items: list[ItemChoice] = Field(default_factory=list, max_length=2000)
    note: str | None = Field(default=None, max_length=2000)
    acknowledge_findings: bool = False
