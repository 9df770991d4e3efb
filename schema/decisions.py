"""Decisions as data: what the secretariat (and, where configured, a chef) can decide in govgraph.

A decision is a ``Decision`` node with who proposed it, when, why, the day it takes effect, its
subject and payload. Applying it writes exactly what the register importer writes for the same
fact (the same relationship types and properties), with ``valid_from`` = the effective date (an
ending sets ``valid_to``), ``source`` = ``decision`` and ``decided_by`` = the decision's key. The
register is a source like HR and KITOS; decisions are how it is kept inside the app.

Decision types:

- ``appoint`` / ``end`` a role holder (``role`` names which, see ``DECIDABLE_ROLES``);
- ``review``: a held review (half-yearly owner review, vendor dialogs) or a risk assessment;
- ``facts``: the register facts of a system (financing, personal data, data processing agreement);
- ``accept-risk``: accept a finding (rule, subject) as a known risk until an expiry date.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DecisionStatus(StrEnum):
    """Where a decision stands: waiting for approval, applied to the graph, or rejected."""

    PENDING = "pending"
    APPLIED = "applied"
    REJECTED = "rejected"


class DecisionType(StrEnum):
    """The kinds of decision."""

    APPOINT = "appoint"
    END = "end"
    REVIEW = "review"
    FACTS = "facts"
    ACCEPT_RISK = "accept-risk"


@dataclass(frozen=True, slots=True)
class DecidableRole:
    """A role a decision can appoint or end, and how the register importer stores it."""

    key: str
    name_da: str
    name_en: str
    relationship: str
    target: str  # the label of the relationship's end node: the decision's subject
    single: bool = False  # the model wants exactly one holder (systemejer, systemansvarlig)
    fixed_target: str | None = None  # HOLDS_ROLE: the Role node is the role itself
    owner_level: bool = False  # GM-02: must be a kontorleder or a chef (or central IT)


DECIDABLE_ROLES: dict[str, DecidableRole] = {
    r.key: r
    for r in (
        DecidableRole(
            "systemejer", "Systemejer", "System owner", "OWNS", "System", True, None, True
        ),
        DecidableRole(
            "systemansvarlig", "Systemansvarlig", "System responsible", "RESPONSIBLE_FOR",
            "System", True,
        ),
        DecidableRole(
            "systemadministrator", "Systemadministrator", "System administrator", "ADMINISTERS",
            "System",
        ),
        DecidableRole("superbruger", "Superbruger", "Super-user", "SUPERUSER_OF", "System"),
        DecidableRole("forumplads", "Plads i et forum", "Forum seat", "SITS_IN", "Forum"),
        DecidableRole(
            "digitaliseringskonsulent", "Digitaliseringskonsulent", "Digitalisation consultant",
            "HOLDS_ROLE", "Role", fixed_target="digitaliseringskonsulent",
        ),
        DecidableRole(
            "systemkoordinator", "Systemkoordinator", "System coordinator", "HOLDS_ROLE", "Role",
            fixed_target="systemkoordinator",
        ),
    )
}  # fmt: skip

# Danish and English names of the decision types.
DECISION_TYPE_NAMES: dict[DecisionType, tuple[str, str]] = {
    DecisionType.APPOINT: ("Udpeg", "Appoint"),
    DecisionType.END: ("Afslut", "End"),
    DecisionType.REVIEW: ("Registrér afholdt gennemgang", "Record a held review"),
    DecisionType.FACTS: ("Registrér systemets fakta", "Set the system's register facts"),
    DecisionType.ACCEPT_RISK: ("Acceptér som kendt risiko", "Accept as a known risk"),
}

# Review kinds a decision may record: the register's three, and the risk assessment (which the
# register keeps on the System as risk_assessment / risk_assessment_date).
REVIEW_KINDS: dict[str, tuple[str, str]] = {
    "owner_review": ("Halvårlig gennemgang", "Half-yearly owner review"),
    "vendor_dialog_owner": ("Leverandørdialog (ejer)", "Vendor dialog (owner)"),
    "vendor_dialog_users": (
        "Leverandørdialog (administratorer og superbrugere)",
        "Vendor dialog (administrators and super-users)",
    ),
    "risk_assessment": ("Risikovurdering", "Risk assessment"),
}
SUPERUSER_KINDS = ("it", "fag", "teknisk")
# The System properties a facts decision may set, with the values the register allows.
FACT_VALUES: dict[str, tuple[str, ...] | None] = {
    "financing_source": None,  # free text
    "handles_personal_data": ("Yes", "No", "DontKnow"),
    "dpa_status": ("signed", "missing", "not-needed", "unknown"),
}

# What needs four eyes by default: appointing or ending a systemejer ("approval key" -> who
# approves; phase 1 checks only that another principal with the secretariat scope approves).
APPROVED_BY_DEPARTMENT_HEAD = "afdelingschef"
DEFAULT_APPROVAL: dict[str, str] = {"systemejer": APPROVED_BY_DEPARTMENT_HEAD}


def approval_key(decision_type: str, role: str | None) -> str:
    """The key ``[decisions] approval`` is looked up by: the role, else the decision type."""
    if decision_type in (DecisionType.APPOINT, DecisionType.END) and role:
        return role
    return decision_type


def approval_keys() -> tuple[str, ...]:
    """Every key ``[decisions] approval`` may name."""
    others = [t.value for t in DecisionType if t not in (DecisionType.APPOINT, DecisionType.END)]
    return (*DECIDABLE_ROLES, *others)
