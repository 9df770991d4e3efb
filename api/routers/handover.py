"""Handover impact of a departure, and the upcoming departures (analysts)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Analyst, AsOf, Audit, GraphDep, Paging, SettingsDep
from api.models import Page
from api.routers.common import NOT_FOUND, PersonText
from graph.departures import Departure, upcoming_departures
from graph.handover import HandoverImpact, handover
from graph.person_lookup import resolve_person
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
