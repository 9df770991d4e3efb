"""A finding's remedies: the decisions that would resolve it, filled in from the finding.

The rules' remedies are data (``schema.remedies``); this turns one finding into the concrete
decisions the "Ret"/"Fix" action offers: type, role, subject and the fields the form starts with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, Field

from core.errors import InvalidInput, NotFound
from core.settings import RuleSettings
from graph.decision_model import RISK_SUBJECT_LABELS
from graph.driver import Graph
from graph.rules import Entity, Finding
from graph.successors import Candidate, rank_candidates
from schema.decisions import DECIDABLE_ROLES, DecisionType
from schema.remedies import RELATION_ROLES, REMEDIES, RemedyTemplate

# A decidable role (and super-user kind) -> the model's role key the successor ranking knows.
MODEL_ROLE = {
    ("superbruger", "it"): "it-superbruger",
    ("superbruger", "fag"): "fag-superbruger",
    ("superbruger", "teknisk"): "teknisk-superbruger",
    ("forumplads", None): "medlem",
}


class Remedy(BaseModel):
    """A decision that would resolve a finding, with the fields its form is filled in with."""

    type: DecisionType
    role: str | None = Field(default=None, description="For appoint and end: which role.")
    subject: str | None = Field(default=None, description="The key the decision is about.")
    subject_label: str = Field(description="The label of the subject: System, Forum, Role, ...")
    person: str | None = Field(default=None, description="For end: whose role ends.")
    replaces: str | None = Field(default=None, description="For appoint: the holder replaced.")
    kind: str | None = Field(default=None, description="For superbruger: it, fag or teknisk.")
    review_kind: str | None = None
    rule: str | None = Field(default=None, description="For accept-risk: the finding's rule.")
    facts: list[str] = Field(default_factory=list, description="For facts: the facts to set.")

    def form_fields(self) -> dict[str, str]:
        """The remedy as the decision form's query string: only the fields that are set."""
        fields = self.model_dump(mode="json", exclude={"facts"}, exclude_none=True)
        if self.facts:
            fields["facts"] = ",".join(self.facts)
        return {k: str(v) for k, v in fields.items()}


def remedies(finding: Finding) -> list[Remedy]:
    """The decisions that would resolve ``finding``; accepting it as a known risk is always one."""
    found = [
        remedy
        for template in REMEDIES.get(finding.rule, ())
        if _applies(template, finding)
        for remedy in _fill(template, finding)
    ]
    accept = Remedy(
        type=DecisionType.ACCEPT_RISK,
        subject=finding.subject.key,
        subject_label=finding.subject.label,
        rule=finding.rule,
    )
    return [*found, accept]


def _applies(template: RemedyTemplate, finding: Finding) -> bool:
    return (template.variants is None or finding.variant in template.variants) and (
        template.details is None or finding.detail in template.details
    )


def _fill(template: RemedyTemplate, finding: Finding) -> list[Remedy]:
    subject = finding.subject
    if template.type is DecisionType.REVIEW:
        kind = finding.detail if template.review_kind_from_detail else template.review_kind
        return [Remedy(type=template.type, subject=subject.key, subject_label=subject.label,
                       review_kind=kind)]  # fmt: skip
    if template.type is DecisionType.FACTS:
        return [Remedy(type=template.type, subject=subject.key, subject_label=subject.label,
                       facts=list(template.facts))]  # fmt: skip
    if template.role_from_subject:
        role = subject.key if subject.key in DECIDABLE_ROLES else None
        return [_role_remedy(template, role, None, subject.key, subject.label)] if role else []
    if template.related is None:
        return [_role_remedy(template, template.role, None, subject.key, subject.label)]
    filled = []
    for related in finding.related:
        if related.label != "Person":
            continue
        if template.role_from_related:
            role, kind = RELATION_ROLES.get(related.relation, (None, None))
        elif related.relation == template.related:
            role, kind = template.role, None
        else:
            continue
        if role is not None and _target_fits(role, subject.label):
            filled.append(_role_remedy(template, role, kind, subject.key, subject.label,
                                       holder=related.key))  # fmt: skip
    return filled


def _target_fits(role: str, label: str) -> bool:
    return DECIDABLE_ROLES[role].target == label


def _role_remedy(
    template: RemedyTemplate,
    role: str | None,
    kind: str | None,
    subject: str,
    label: str,
    *,
    holder: str | None = None,
) -> Remedy:
    fixed = DECIDABLE_ROLES[role].fixed_target if role else None
    ending = template.type is DecisionType.END
    return Remedy(
        type=template.type,
        role=role,
        subject=None if fixed else subject,
        subject_label=label,
        person=holder if ending else None,
        replaces=holder if not ending and role and DECIDABLE_ROLES[role].single else None,
        kind=kind,
    )


_SUBJECT = {
    label: f"MATCH (n:`{label}` {{key: $key}}) RETURN n.key AS key, "
    "coalesce(n.name, n.name_da, n.key) AS name"
    for label in RISK_SUBJECT_LABELS
}


def subject_of(graph: Graph, label: str, key: str) -> Entity:
    """The node a decision is about, with its name; NotFound when there is none."""
    if label not in _SUBJECT:
        raise InvalidInput(
            f"A decision is not about a {label}.", hint=f"Use {', '.join(RISK_SUBJECT_LABELS)}."
        )
    rows = graph.query(_SUBJECT[label], key=key)
    if not rows:
        raise NotFound(f"There is no {label} with key {key!r}.", hint="Check the key.")
    return Entity(label=label, **rows[0])


def candidates(
    graph: Graph,
    role: str,
    subject: Entity,
    *,
    kind: str | None,
    replaces: str | None,
    as_of: date,
    settings: RuleSettings,
) -> list[Candidate]:
    """Who could be appointed ``role`` on ``subject``, ranked as the handover ranks successors."""
    if role not in DECIDABLE_ROLES:
        raise InvalidInput(f"Unknown role {role!r}.", hint=f"Use {', '.join(DECIDABLE_ROLES)}.")
    return rank_candidates(
        graph, MODEL_ROLE.get((role, kind), role), subject, as_of=as_of, settings=settings,
        replacing=replaces,
    )  # fmt: skip


_NAMES = " UNION ".join(
    f"UNWIND $keys AS k MATCH (n:`{label}` {{key: k}}) "
    "RETURN n.key AS key, coalesce(n.name, n.name_da, n.key) AS name"
    for label in RISK_SUBJECT_LABELS
)


def names_of(graph: Graph, keys: Iterable[str]) -> dict[str, str]:
    """The names of the people, systems, units, forums and roles with these keys."""
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return {}
    return {row["key"]: row["name"] for row in graph.query(_NAMES, keys=wanted)}
