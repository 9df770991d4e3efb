"""Handover impact of a departure, the upcoming departures (analysts), and handover plans."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import ConfigDict

from api.deps import Analyst, AsOf, Audit, GraphDep, Paging, Secretariat, SettingsDep
from api.models import Page
from api.routers.common import NOT_FOUND, PersonText, error_response_doc
from graph import handover_plans
from graph.departures import Departure, upcoming_departures
from graph.handover import HandoverImpact, handover
from graph.person_lookup import resolve_person
from graph.plan_model import HandoverPlan, PlanChoices
from graph.rules import Finding

router = APIRouter(tags=["handover"])


def _people_in(findings: list[Finding]) -> set[str]:
    keys = {f.subject.key for f in findings if f.subject.label == "Person"}
    return keys | {r.key for f in findings for r in f.related if r.label == "Person"}


@router.get("/api/handover/{person}", response_model=HandoverImpact, responses=NOT_FOUND)
def get_handover(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Analyst,
    audit: Audit,
    person: PersonText,
    as_of: AsOf,
) -> HandoverImpact:
    """What falls vacant, which rules break and who could take over if this person leaves."""
    key = resolve_person(graph, person)
    impact = handover(graph, key, as_of=as_of, settings=settings.rules)
    people = {key} | _people_in(impact.new_findings) | _people_in(impact.resolved_findings)
    people |= {c.person.key for s in impact.successors for c in s.candidates}
    audit.record("handover", person_keys=people, person=key, as_of=as_of.isoformat())
    return impact


@router.get("/api/departures", response_model=Page[Departure])
def list_departures(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Analyst,
    audit: Audit,
    page: Paging,
    as_of: AsOf,
    within: Annotated[int, Query(ge=1, le=3660, description="Days ahead of as_of.")] = 90,
) -> Page[Departure]:
    """People with a leave date within the window, most critical handover first."""
    found = upcoming_departures(graph, as_of=as_of, within=within, settings=settings.rules)
    items = found[page.offset : page.offset + page.limit]
    audit.record(
        "departures",
        person_keys=[d.person.key for d in items],
        within=within,
        as_of=as_of.isoformat(),
    )
    return Page[Departure](items=items, total=len(found), limit=page.limit, offset=page.offset)


class PlanIn(PlanChoices):
    """A handover plan to save: the date, and the successors chosen (others: the top candidate)."""

    model_config = ConfigDict(extra="forbid")


_PLAN_EXAMPLES = {
    "defaults": {"summary": "The top candidate for each role, from the leave date", "value": {}},
    "chosen": {
        "summary": "Choose a successor for one role, and end another",
        "value": {
            "effective_date": "2027-01-31",
            "items": [
                {"role": "systemejer", "target": "s1", "successor": "leder-a"},
                {"role": "superbruger", "target": "s1", "successor": None},
            ],
            "note": "Aftalt med kontorlederen.",
        },
    },
}
_PLAN_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: error_response_doc(
        "The leaver's roles changed since the plan was saved; details has both."
    )
}


def _record_plan(audit: Audit, action: str, plan: HandoverPlan) -> None:
    successors = {i.successor.key for i in plan.items if i.successor}
    audit.record(
        action,
        person_keys={plan.person.key} | successors,
        person=plan.person.key,
        plan=plan.key,
        status=plan.status.value,
        effective_date=plan.effective_date.isoformat(),
    )


@router.get("/api/handover/{person}/plan", response_model=HandoverPlan, responses=NOT_FOUND)
def get_handover_plan(
    graph: GraphDep, settings: SettingsDep, _principal: Analyst, audit: Audit, person: PersonText
) -> HandoverPlan:
    """The leaver's saved plan (draft, else the latest applied), or the proposed default plan."""
    plan = handover_plans.current_plan(graph, resolve_person(graph, person), settings=settings)
    _record_plan(audit, "handover.plan.read", plan)
    return plan


@router.post(
    "/api/handover/{person}/plan",
    response_model=HandoverPlan,
    status_code=201,
    responses=NOT_FOUND,
)
def save_handover_plan(
    graph: GraphDep,
    settings: SettingsDep,
    principal: Secretariat,
    audit: Audit,
    person: PersonText,
    body: Annotated[PlanIn, Body(openapi_examples=_PLAN_EXAMPLES)],
) -> HandoverPlan:
    """Save the leaver's draft plan (replacing the one before): a successor for each role."""
    plan = handover_plans.save_plan(
        graph,
        resolve_person(graph, person),
        who=principal.name,
        settings=settings,
        chosen=PlanChoices.model_validate(body.model_dump()),
    )
    _record_plan(audit, "handover.plan.save", plan)
    return plan


@router.post(
    "/api/handover/{person}/plan/apply",
    response_model=HandoverPlan,
    responses={**NOT_FOUND, **_PLAN_CONFLICT},
)
def apply_handover_plan(
    graph: GraphDep, settings: SettingsDep, principal: Secretariat, audit: Audit, person: PersonText
) -> HandoverPlan:
    """Apply the draft in one transaction: one decision per role, from the plan's date."""
    plan = handover_plans.apply_plan(
        graph,
        resolve_person(graph, person),
        who=principal.name,
        settings=settings,
        actor=principal.person,
    )
    _record_plan(audit, "handover.plan.apply", plan)
    return plan
