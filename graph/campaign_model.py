"""Typed campaigns: what the secretariat starts, the frozen task of a holder, and its answers."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field, model_validator

from graph.entities.common import native
from schema.campaigns import Answer, CampaignStatus, ScopeKind, TaskStatus


class NewCampaign(BaseModel):
    """A campaign to start: its name, scope and deadline."""

    name: str = Field(min_length=1, max_length=200, examples=["Halvårlig gennemgang 2027 H1"])
    scope: ScopeKind
    unit: str | None = Field(
        default=None, max_length=300, description="scope=unit: the unit (and those under)."
    )
    systems: list[str] = Field(
        default_factory=list, max_length=5000, description="scope=systems: system keys."
    )
    deadline: date = Field(description="The last day to answer; within five years.")

    @model_validator(mode="after")
    def _scoped(self) -> NewCampaign:
        if self.scope is ScopeKind.UNIT and not self.unit:
            raise ValueError("scope unit needs unit (the unit's key)")
        if self.scope is ScopeKind.SYSTEMS and not self.systems:
            raise ValueError("scope systems needs systems (system keys)")
        if self.deadline > date.today() + timedelta(days=5 * 366):
            raise ValueError("the deadline must be within five years")
        return self


class HeldRole(BaseModel):
    """One role as the task asked about it (frozen when the campaign started)."""

    id: str
    role: str = Field(description="The decidable role: systemejer, superbruger, forumplads, ...")
    relationship: str
    target_label: str
    target_key: str
    target_name: str
    kind: str | None = None
    forum_role: str | None = None


class RoleAnswer(BaseModel):
    """A holder's answer about one role, and the decision it became."""

    id: str
    answer: Answer
    who: str | None = Field(default=None, description="should_be/handover: the named person.")
    from_date: date | None = None
    person: str | None = Field(default=None, description="The named person's key, if found.")
    decision: str | None = None
    decision_status: str | None = None
    note: str | None = None


class Task(BaseModel):
    """One holder's task in a campaign."""

    key: str
    campaign: str
    person_key: str
    person_name: str
    email: str | None = None
    lang: str | None = None
    unit_key: str | None = None
    unit_name: str | None = None
    status: TaskStatus
    roles: list[HeldRole]
    answers: list[RoleAnswer] = Field(default_factory=list)
    answered_at: datetime | None = None
    link_expires: date

    @classmethod
    def from_node(cls, props: dict[str, Any]) -> Task:
        """A task from its node (roles and answers are stored as JSON)."""
        values = {k: native(v) for k, v in props.items()}
        values["roles"] = json.loads(values.get("roles") or "[]")
        values["answers"] = json.loads(values.get("answers") or "[]")
        return cls.model_validate(values)


class Campaign(BaseModel):
    """A campaign and how far it has come."""

    key: str
    name: str
    status: CampaignStatus
    scope: ScopeKind
    unit: str | None = None
    systems: list[str] = Field(default_factory=list)
    deadline: date
    started_by: str
    started_at: datetime
    closed_by: str | None = None
    closed_at: datetime | None = None
    tasks: int = 0
    answered: int = 0

    @classmethod
    def from_row(cls, props: dict[str, Any], *, tasks: int, answered: int) -> Campaign:
        """A campaign from its node and its task counts."""
        values = {k: native(v) for k, v in props.items()}
        return cls.model_validate({**values, "tasks": tasks, "answered": answered})


class Progress(BaseModel):
    """Answered of all, for one unit or one system."""

    key: str | None
    name: str | None
    total: int
    answered: int


class CampaignProgress(BaseModel):
    """A campaign with its progress per unit and per system."""

    campaign: Campaign
    units: list[Progress]
    systems: list[Progress]
