"""Which decision fixes which finding: each rule's remedies, as data.

A finding's "Ret"/"Fix" action opens the decision form of one of its rule's remedies, filled in
from the finding: its subject, and where a remedy names a relation, the related person holding
it (the systemejer to replace, the leaver whose role to end). Every finding can also be accepted
as a known risk (``accept-risk``); that remedy is added to every rule's list, so it is not
written here.
"""

from __future__ import annotations

from dataclasses import dataclass

from schema.decisions import DecisionType


@dataclass(frozen=True, slots=True)
class RemedyTemplate:
    """One decision that resolves findings of a rule, and how the finding fills it in."""

    type: DecisionType
    role: str | None = None  # a key of schema.decisions.DECIDABLE_ROLES
    variants: tuple[str, ...] | None = None  # only findings of these variants ("" = the default)
    details: tuple[str, ...] | None = None  # only findings with these details
    related: str | None = None  # the related person with this relation: replaced, or ended
    role_from_related: bool = False  # GM-13: the role is the related person's relation
    role_from_subject: bool = False  # GM-12: the role is the subject (a Role node)
    review_kind: str | None = None
    review_kind_from_detail: bool = False  # GM-09: the detail names the dialog
    facts: tuple[str, ...] = ()  # the register facts the form asks for


_A, _E = DecisionType.APPOINT, DecisionType.END
_RISK = ("risk_missing", "risk_unknown", "risk_overdue", "risk_old", "risk_undated")

REMEDIES: dict[str, tuple[RemedyTemplate, ...]] = {
    "GM-01": (
        RemedyTemplate(_A, "systemejer", variants=("none",)),
        RemedyTemplate(_E, "systemejer", variants=("several",), related="systemejer"),
    ),
    "GM-02": (RemedyTemplate(_A, "systemejer", variants=("",), related="systemejer"),),
    "GM-03": (RemedyTemplate(_A, "systemejer", related="systemejer"),),
    "GM-04": (
        RemedyTemplate(_A, "systemansvarlig", variants=("none",)),
        RemedyTemplate(_E, "systemansvarlig", variants=("several",), related="systemansvarlig"),
    ),
    "GM-05": (RemedyTemplate(_A, "systemadministrator"),),
    "GM-06": (RemedyTemplate(_A, "superbruger"),),
    "GM-08": (RemedyTemplate(DecisionType.REVIEW, review_kind="owner_review"),),
    "GM-09": (RemedyTemplate(DecisionType.REVIEW, review_kind_from_detail=True),),
    "GM-10": (RemedyTemplate(_A, "forumplads"),),
    "GM-11": (
        RemedyTemplate(
            DecisionType.FACTS,
            variants=("no_financing", "financing_unknown"),
            facts=("financing_source",),
        ),
        RemedyTemplate(DecisionType.REVIEW, variants=_RISK, review_kind="risk_assessment"),
        RemedyTemplate(
            DecisionType.FACTS, variants=("dpa_missing", "dpa_unknown"), facts=("dpa_status",)
        ),
        RemedyTemplate(
            DecisionType.FACTS,
            variants=("personal_data_unknown",),
            facts=("handles_personal_data", "dpa_status"),
        ),
    ),
    "GM-12": (RemedyTemplate(_A, variants=("role", "role_unknown"), role_from_subject=True),),
    "GM-13": (
        RemedyTemplate(_A, role_from_related=True, related="*"),
        RemedyTemplate(_E, role_from_related=True, related="*"),
    ),
    "GM-15": (RemedyTemplate(_A, "superbruger"),),
}

# The relation a rule names a role holder by -> (decidable role, super-user kind).
RELATION_ROLES: dict[str, tuple[str, str | None]] = {
    "systemejer": ("systemejer", None),
    "systemansvarlig": ("systemansvarlig", None),
    "systemadministrator": ("systemadministrator", None),
    "superbruger": ("superbruger", None),
    "it-superbruger": ("superbruger", "it"),
    "fag-superbruger": ("superbruger", "fag"),
    "teknisk-superbruger": ("superbruger", "teknisk"),
    "medlem": ("forumplads", None),
    "digitaliseringskonsulent": ("digitaliseringskonsulent", None),
    "systemkoordinator": ("systemkoordinator", None),
}
