"""Each rule's remedy, as ``schema.remedies`` declares it, filled in from a finding."""

from __future__ import annotations

from typing import Any

from graph.remedies import remedies
from graph.rules import Entity, Finding, RelatedEntity, select_rules
from schema.catalogue import Text
from schema.decisions import DECIDABLE_ROLES, FACT_VALUES, REVIEW_KINDS
from schema.remedies import RELATION_ROLES, REMEDIES

SYSTEM = Entity(label="System", key="s1", name="Acadre")


def finding(rule: str, *, variant: str = "", detail: str = "", **extra: Any) -> Finding:
    """A finding of ``rule`` about Acadre unless ``subject`` says otherwise."""
    return Finding(
        rule=rule,
        severity="high",
        subject=extra.pop("subject", SYSTEM),
        message=Text(da="x", en="x"),
        variant=variant,
        detail=detail,
        **extra,
    )


def person(key: str, relation: str) -> RelatedEntity:
    return RelatedEntity(label="Person", key=key, name=key.title(), relation=relation)


def kinds(found: Finding) -> list[tuple[str, str | None]]:
    return [(r.type.value, r.role) for r in remedies(found)]


def test_the_remedies_name_only_rules_roles_reviews_and_facts_that_exist() -> None:
    rules = {r.id for r in select_rules()}
    templates = [t for found in REMEDIES.values() for t in found]
    assert set(REMEDIES) <= rules
    assert {t.role for t in templates if t.role} <= set(DECIDABLE_ROLES)
    assert {t.review_kind for t in templates if t.review_kind} <= set(REVIEW_KINDS)
    assert {f for t in templates for f in t.facts} <= set(FACT_VALUES)
    assert {role for role, _ in RELATION_ROLES.values()} <= set(DECIDABLE_ROLES)


def test_a_system_without_an_owner_is_fixed_by_appointing_one() -> None:
    [appoint, accept] = remedies(finding("GM-01", variant="none"))
    assert (appoint.type, appoint.role, appoint.subject) == ("appoint", "systemejer", "s1")
    assert (accept.type, accept.rule, accept.subject) == ("accept-risk", "GM-01", "s1")


def test_two_owners_are_fixed_by_ending_either() -> None:
    found = finding(
        "GM-01",
        variant="several",
        related=[person("lone", "systemejer"), person("steffen", "systemejer")],
    )
    ends = [r for r in remedies(found) if r.type == "end"]
    assert [(r.role, r.person) for r in ends] == [("systemejer", "lone"), ("systemejer", "steffen")]


def test_a_medarbejder_as_owner_is_replaced() -> None:
    [appoint, _] = remedies(finding("GM-02", related=[person("bo", "systemejer")]))
    assert (appoint.role, appoint.replaces) == ("systemejer", "bo")


def test_a_leaver_holding_a_role_is_replaced_or_ended() -> None:
    found = finding("GM-13", related=[person("gone", "fag-superbruger")], detail="gone|x")
    appoint, end, _ = remedies(found)
    assert (appoint.type, appoint.role, appoint.kind, appoint.replaces) == (
        "appoint",
        "superbruger",
        "fag",
        None,
    )  # a super-user is not the only one: the new one is appointed, the leaver's role ended
    assert (end.type, end.role, end.person, end.kind) == ("end", "superbruger", "gone", "fag")
    owner = finding("GM-13", related=[person("gone", "systemejer")])
    assert remedies(owner)[0].replaces == "gone"


def test_a_leaver_in_a_line_post_can_only_be_accepted() -> None:
    unit = Entity(label="OrgUnit", key="u1", name="Kontor")
    assert kinds(finding("GM-13", subject=unit, related=[person("gone", "kontorleder")])) == [
        ("accept-risk", None)
    ]


def test_missing_reviews_and_facts_are_recorded() -> None:
    [review, _] = remedies(finding("GM-09", detail="vendor_dialog_users"))
    assert (review.type, review.review_kind) == ("review", "vendor_dialog_users")
    [risk, _] = remedies(finding("GM-11", variant="risk_overdue"))
    assert (risk.type, risk.review_kind) == ("review", "risk_assessment")
    [facts, _] = remedies(finding("GM-11", variant="personal_data_unknown"))
    assert (facts.type, facts.facts) == ("facts", ["handles_personal_data", "dpa_status"])


def test_a_missing_consultant_is_appointed_to_the_role_itself() -> None:
    role = Entity(label="Role", key="systemkoordinator", name="Systemkoordinator")
    [appoint, _] = remedies(finding("GM-12", subject=role, variant="role"))
    assert (appoint.role, appoint.subject) == ("systemkoordinator", None)


def test_the_form_link_carries_only_the_fields_that_are_set() -> None:
    [appoint, _] = remedies(finding("GM-02", related=[person("bo", "systemejer")]))
    assert appoint.form_fields() == {
        "type": "appoint",
        "role": "systemejer",
        "subject": "s1",
        "subject_label": "System",
        "replaces": "bo",
    }
