"""Units, people and their links as an HR file describes them, before they become records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(slots=True)
class HrUnit:
    """An organisation unit as an HR file describes it."""

    key: str
    name: str
    location: str
    parent: str | None = None
    unit_id: str | None = None
    short_name: str | None = None
    cost_center: str | None = None
    unit_type: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(slots=True)
class HrPerson:
    """A person as an HR file describes them (never with a CPR number)."""

    key: str
    location: str
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    email: str | None = None  # as written; normalised when the batch is built
    user_id: str | None = None
    position: str | None = None
    is_manager: bool | None = None  # None when the source does not say
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(slots=True)
class HrLink:
    """An engagement (MEMBER_OF) or a manager post (MANAGES) of a person in a unit."""

    person: str
    unit: str
    location: str
    position: str | None = None
    engagement_key: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
