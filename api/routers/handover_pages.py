"""The handover plan on the pages: save or apply it from the simulator, print it, download it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query
from fastapi.responses import RedirectResponse, Response

from api.deps import Analyst, Audit, Exporter, GraphDep, IsoDate, Secretariat, SettingsDep
from api.routers.common import content_disposition
from api.routers.pages import Page, PageRoute
from core.errors import InvalidInput
from graph import handover_plans
from graph.person_lookup import resolve_person
from graph.plan_model import HandoverPlan, ItemChoice, PlanChoices
from graph.rules import Entity
from reporting.handover_plan import plan_xlsx_bytes
from visualise.render import render_page

router = APIRouter(route_class=PageRoute, include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PersonParam = Annotated[str, Query(min_length=1, max_length=300)]


def _plan(graph: GraphDep, settings: SettingsDep, person: str) -> HandoverPlan:
    return handover_plans.current_plan(graph, resolve_person(graph, person), settings=settings)


def _people(plan: HandoverPlan) -> set[str]:
    return {plan.person.key} | {i.successor.key for i in plan.items if i.successor}


def _choice(item: str, successor: str) -> ItemChoice:
    """A form's "role|target" field and its successor (empty: the role ends)."""
    role, bar, target = item.partition("|")
    if not bar or not role or not target:
        raise InvalidInput(f"The plan's role field {item!r} is not role|target.")
    return ItemChoice(role=role, target=target, successor=successor or None)


def _printed(
    graph: GraphDep, settings: SettingsDep, audit: Audit, person: str, action: str
) -> tuple[HandoverPlan, list[Entity]]:
    """The plan to print or download, its leaver's managers, and the audit entry."""
    plan = _plan(graph, settings, person)
    managers = handover_plans.managers_of(graph, plan)
    audit.record(action, person_keys=_people(plan) | {m.key for m in managers}, plan=plan.key)
    return plan, managers


@router.get("/handover/plan")
def plan_print(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Analyst,
    page: Page,
    audit: Audit,
    person: PersonParam,
) -> Response:
    """The leaver's handover plan as a page to print, for the leaver, manager and successors."""
    plan, managers = _printed(graph, settings, audit, person, "page.handover.plan")
    return render_page(page, "handover_plan.html", plan=plan, managers=managers)


@router.get("/handover/plan.xlsx")
def plan_workbook(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Exporter,
    page: Page,
    audit: Audit,
    person: PersonParam,
) -> Response:
    """The leaver's handover plan as an Excel workbook."""
    plan, managers = _printed(graph, settings, audit, person, "export.handover.plan")
    body = plan_xlsx_bytes(plan, managers=managers, lang=page.lang)
    name = f"overdragelsesplan-{plan.person.name or plan.person.key}.xlsx"
    return Response(
        body,
        media_type=XLSX,
        headers={"Content-Disposition": content_disposition(name), "Cache-Control": "no-store"},
    )


@router.post("/handover/plan")
def plan_form(
    graph: GraphDep,
    settings: SettingsDep,
    principal: Secretariat,
    page: Page,
    audit: Audit,
    person: Annotated[str, Form(min_length=1, max_length=300)],
    action: Annotated[Literal["save", "apply"], Form()],
    effective_date: Annotated[IsoDate | None, Form()] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
    item: Annotated[list[str] | None, Form(max_length=2000)] = None,
    successor: Annotated[list[str] | None, Form(max_length=2000)] = None,
) -> Response:
    """Save the plan as chosen on the handover page; "apply" also applies it as decisions."""
    items, chosen = item or [], successor or []
    if len(items) != len(chosen):
        raise InvalidInput("Each role of the plan needs its successor field.")
    choices = [_choice(i, s) for i, s in zip(items, chosen, strict=True)]
    key = resolve_person(graph, person)
    plan = handover_plans.save_plan(
        graph,
        key,
        who=principal.name,
        settings=settings,
        chosen=PlanChoices(effective_date=effective_date, items=choices, note=note or None),
    )
    if action == "apply":
        plan = handover_plans.apply_plan(
            graph, key, who=principal.name, settings=settings, actor=principal.person
        )
    audit.record(
        f"page.handover.plan.{action}", person_keys=_people(plan), plan=plan.key, person=key
    )
    done = "applied" if action == "apply" else "saved"
    return RedirectResponse(page.url("/handover", person=key, plan=done), status_code=303)
