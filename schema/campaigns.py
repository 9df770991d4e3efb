"""Attestation campaigns as data: what a role holder is asked, and what they may answer.

The secretariat starts a campaign for a scope (the forvaltning, a unit and the units under it,
or a set of systems) with a deadline. Each person holding a role in scope gets one task: a
frozen snapshot of every role they hold there. Per role they answer:

- ``confirm``: it is still right;
- ``not_me``: they no longer hold it (an ``end`` decision);
- ``should_be``: another person holds it (an ``appoint`` decision replacing them);
- ``handover``: they hand it over to another person from a date (``appoint`` from that date).

Answers become decisions through ``graph.decisions``, so the approval settings apply.
"""

from __future__ import annotations

from enum import StrEnum

from schema.model import NodeLabel


class ScopeKind(StrEnum):
    """What a campaign covers: a unit (and the units under it) or a set of systems."""

    UNIT = "unit"
    SYSTEMS = "systems"


class CampaignStatus(StrEnum):
    """An open campaign takes answers and sends reminders; a closed one is evidence."""

    OPEN = "open"
    CLOSED = "closed"


class TaskStatus(StrEnum):
    """A task is open until its holder answers it."""

    OPEN = "open"
    ANSWERED = "answered"


class Answer(StrEnum):
    """What a holder may say about one role."""

    CONFIRM = "confirm"
    NOT_ME = "not_me"
    SHOULD_BE = "should_be"
    HANDOVER = "handover"


# The role relationships a campaign asks about -> the decidable role (schema.decisions); a
# HOLDS_ROLE is asked about when the Role is one a decision can appoint.
ASKED_RELATIONSHIPS: dict[str, str] = {
    "OWNS": "systemejer",
    "RESPONSIBLE_FOR": "systemansvarlig",
    "ADMINISTERS": "systemadministrator",
    "SUPERUSER_OF": "superbruger",
    "SITS_IN": "forumplads",
}
ASKED_ORGANISATION_ROLES: tuple[str, ...] = ("digitaliseringskonsulent", "systemkoordinator")

CAMPAIGN_LABELS: tuple[NodeLabel, ...] = (
    NodeLabel(
        "Campaign",
        "An attestation campaign: a scope, a deadline, and one task per role holder.",
        required=("key", "name", "status", "deadline"),
        indexed=("status",),
    ),
    NodeLabel(
        "CampaignTask",
        "One role holder's task in a campaign: the frozen list of roles and the answers.",
        required=("key", "campaign", "person_key", "status"),
        indexed=("campaign", "person_key"),
    ),
    NodeLabel(
        "LinkKey",
        "The key personal links are signed with, shared by every app process.",
        required=("key", "secret"),
    ),
)
