"""The handover simulator and "Min rolle": what a departure does, and what a role asks of you.

The handover of one person is exactly ``graph.handover``'s. For several people the findings are
the gap rules run with all of them excluded at once; roles and successors are each person's own,
with the other leavers taken out of the candidates.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.errors import GovgraphError
from core.settings import Settings
from graph import entities
from graph.departures import Departure, upcoming_departures
from graph.driver import Graph
from graph.handover import handover, role_name
from graph.handover_plans import current_plan
from graph.person_lookup import resolve_person
from graph.plan_model import HandoverPlan
from graph.rules import Entity, Finding, diff
from graph.successors import Succession
from visualise.entity_pages import PageData, person_details
from visualise.findings import FindingIndex, ReportCache, person_keys
from visualise.render import PageContext

MAX_CHOSEN = 10
SEARCH_LIMIT = 10
DEPARTURE_WINDOW_DAYS = 90


def search_people(graph: Graph, page: PageContext, q: str | None) -> list[entities.PersonSummary]:
    """People whose name, e-mail or key matches ``q`` (none without a query)."""
    if not q:
        return []
    return entities.list_people(graph, as_of=page.as_of, limit=SEARCH_LIMIT, offset=0, q=q).items


def handover_page(
    graph: Graph,
    page: PageContext,
    *,
    settings: Settings,
    chosen: Sequence[str],
    q: str | None,
    reports: ReportCache,
) -> PageData:
    """Vacated roles, new and resolved findings and successors for the chosen people."""
    keys = list(dict.fromkeys(k for k in chosen if k))[:MAX_CHOSEN]
    impacts = [handover(graph, k, as_of=page.as_of, settings=settings.rules) for k in keys]
    new: list[Finding] = []
    resolved: list[Finding] = []
    if len(impacts) == 1:
        new, resolved = impacts[0].new_findings, impacts[0].resolved_findings
    elif impacts:
        before = reports.report(graph, as_of=page.as_of, rules=settings.rules)
        after = reports.report(graph, as_of=page.as_of, rules=settings.rules, excluded=keys)
        new, resolved = diff(before, after)
    successions = [_without(s, keys) for i in impacts for s in i.successors]
    plan = current_plan(graph, keys[0], settings=settings) if len(keys) == 1 else None
    found = search_people(graph, page, q)
    departures = [] if keys else _departures(graph, page, settings)
    people = set(keys) | {p.key for p in found} | person_keys(new) | person_keys(resolved)
    people |= {c.person.key for s in successions for c in s.candidates}
    people |= {d.person.key for d in departures}
    return PageData(
        data={
            "impacts": impacts,
            "chosen": keys,
            "new": new,
            "resolved": resolved,
            "successions": successions,
            "vacant": [(i.person, r) for i in impacts for r in i.roles if r.sole],
            "role_names": {s.role: role_name(s.role) for s in successions},
            "found": found,
            "q": q or "",
            "departures": departures,
            "plan": plan,
            "options": _options(plan, successions),
        },
        people=people | ({i.successor.key for i in plan.items if i.successor} if plan else set()),
    )


def _options(plan: HandoverPlan | None, successions: list[Succession]) -> dict[str, list[Entity]]:
    """The successors each plan item offers ("role|target"): the candidates and the chosen one."""
    if plan is None:
        return {}
    ranked = {(s.role, s.target.key): [c.person for c in s.candidates] for s in successions}
    options: dict[str, list[Entity]] = {}
    for item in plan.items:
        offered = list(ranked.get((item.role, item.target.key), []))
        if item.successor and item.successor.key not in {p.key for p in offered}:
            offered.insert(0, item.successor)
        options[f"{item.role}|{item.target.key}"] = offered
    return options


def my_role_page(
    graph: Graph,
    page: PageContext,
    *,
    settings: Settings,
    person: str | None,
    q: str | None,
    index: FindingIndex,
) -> PageData:
    """A person's roles with the model's duties, what is due, and whom to ask."""
    # Asked for, else the logged-in person's own page, else the person a token's name names.
    key = person or (None if q else page.person) or _guess_person(graph, page.who)
    found = search_people(graph, page, q)
    data: dict[str, object] = {"q": q or "", "found": found, "chosen": key}
    people = {p.key for p in found}
    if key:
        details = person_details(graph, page, key, index=index, rules=settings.rules)
        data.update(details.data)
        people |= details.people
    return PageData(data=data, people=people)


def _guess_person(graph: Graph, who: str) -> str | None:
    """The person a token's name names (an e-mail or a full name), if exactly one."""
    if not who or ("@" not in who and " " not in who):
        return None
    try:
        return resolve_person(graph, who)
    except GovgraphError:
        return None


def _without(succession: Succession, leavers: Sequence[str]) -> Succession:
    """A succession without the candidates who leave too."""
    kept = [c for c in succession.candidates if c.person.key not in leavers]
    return succession.model_copy(update={"candidates": kept})


def _departures(graph: Graph, page: PageContext, settings: Settings) -> list[Departure]:
    return upcoming_departures(
        graph, as_of=page.as_of, within=DEPARTURE_WINDOW_DAYS, settings=settings.rules
    )
