"""What the home page, the gaps dashboard and the overview show, gathered from ``graph``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from graph import entities, views
from graph.driver import Graph
from graph.entities.common import ENTITY_LABELS
from graph.rules import Finding, GapReport
from visualise.entity_pages import PageData
from visualise.findings import FindingIndex, by_severity, person_keys
from visualise.network import build_network, render_figure
from visualise.render import PageContext

SEARCH_LIMIT = 10
# Labels the overview offers to draw (the governance model's own nodes are not "the forvaltning").
OVERVIEW_LABELS: tuple[str, ...] = ("Person", "OrgUnit", "System", "Vendor", "Forum", "Role")


@dataclass(frozen=True, slots=True)
class GapFilter:
    """The gaps dashboard's filters; empty means all."""

    rules: tuple[str, ...] = ()
    severity: str | None = None
    unit: str | None = None


def home_page(graph: Graph, page: PageContext, *, q: str | None, report: GapReport) -> PageData:
    """Search results (when ``q`` is given), counts, and the open gaps by severity and rule."""
    data: dict[str, object] = {"q": q or ""}
    people: set[str] = set()
    if q:
        found_people = entities.list_people(
            graph, as_of=page.as_of, limit=SEARCH_LIMIT, offset=0, q=q
        )
        data["results"] = {
            "Person": found_people,
            "System": entities.list_systems(
                graph, as_of=page.as_of, limit=SEARCH_LIMIT, offset=0, q=q
            ),
            "OrgUnit": entities.list_units(
                graph, as_of=page.as_of, limit=SEARCH_LIMIT, offset=0, q=q
            ),
            "Forum": entities.list_forums(graph, limit=SEARCH_LIMIT, offset=0, q=q),
        }
        people = {p.key for p in found_people.items}
    data["counts"] = {
        "common.people": entities.list_people(graph, as_of=page.as_of, limit=1, offset=0).total,
        "common.systems": entities.list_systems(
            graph, as_of=page.as_of, limit=1, offset=0, in_use=True
        ).total,
        "common.units": entities.list_units(graph, as_of=page.as_of, limit=1, offset=0).total,
        "common.forums": entities.list_forums(graph, limit=1, offset=0).total,
    }
    per_rule = Counter(f.rule for f in report.findings)
    data["severities"] = by_severity(report.findings)
    ranked = sorted((r for r in report.rules if per_rule[r.id]), key=lambda r: -per_rule[r.id])
    data["top_rules"] = [(r, per_rule[r.id]) for r in ranked[:6]]
    return PageData(data=data, people=people)


def filter_findings(
    graph: Graph, page: PageContext, report: GapReport, chosen: GapFilter
) -> list[Finding]:
    """The report's findings that match the dashboard's filters."""
    found = report.findings
    if chosen.rules:
        found = [f for f in found if f.rule in chosen.rules]
    if chosen.severity:
        found = [f for f in found if f.severity == chosen.severity]
    if chosen.unit:
        scope = views.unit_scope(graph, unit=chosen.unit, as_of=page.as_of)
        found = FindingIndex(found).about_any(f"{s['label']}:{s['key']}" for s in scope)
    return found


def gaps_page(graph: Graph, page: PageContext, *, report: GapReport, chosen: GapFilter) -> PageData:
    """The dashboard: the filtered findings, the filter choices and the rules."""
    found = filter_findings(graph, page, report, chosen)
    units = entities.list_units(graph, as_of=page.as_of, limit=500, offset=0)
    return PageData(
        data={
            "findings": found,
            "total": len(report.findings),
            "severities": by_severity(found),
            "rules": report.rules,
            "units": units.items,
            "chosen": chosen,
        },
        people=person_keys(found),
    )


def overview_page(
    graph: Graph,
    page: PageContext,
    *,
    index: FindingIndex,
    labels: Sequence[str],
    types: Sequence[str],
    unit: str | None,
    limit: int,
) -> PageData:
    """The whole role graph, or a unit's part of it, with the filters that shaped it."""
    shown = [label for label in labels if label in ENTITY_LABELS] or list(OVERVIEW_LABELS)
    chosen_types = [t for t in types if t in views.ROLE_GRAPH_TYPES] or list(views.OVERVIEW_TYPES)
    view = views.overview(
        graph, as_of=page.as_of, limit=limit, labels=shown, types=chosen_types, unit=unit
    )
    net = build_network(
        view.nodes,
        view.edges,
        lang=page.lang,
        url_of=page.node_url,
        findings=index.messages(page.lang),
    )
    figure = render_figure(
        net, element_id="overview-graph", lang=page.lang, truncated=view.truncated
    )
    units = entities.list_units(graph, as_of=page.as_of, limit=500, offset=0)
    return PageData(
        data={
            "figure": figure,
            "units": units.items,
            "labels": OVERVIEW_LABELS,
            "types": views.ROLE_GRAPH_TYPES,
            "chosen_labels": shown,
            "chosen_types": chosen_types,
            "unit": unit or "",
            "limit": limit,
        },
        people={n.key for n in view.nodes if n.label == "Person"},
    )
