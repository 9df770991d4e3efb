"""The HTML pages for managers: home, person, system, unit, forum, gaps, handover, overview.

They use the API's tokens and session cookie (a page without a session goes to /login), read
through ``graph`` like the API does, and audit every read of personal data the same way.
Errors are shown as pages, not as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from io import BytesIO
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute

from api.deps import EXPORT_SCOPE, Analyst, Audit, Exporter, GraphDep, IsoDate, Reader, SettingsDep
from api.routers.common import content_disposition
from api.token_store import Scope
from core.errors import GovgraphError, InvalidInput, Unauthorized
from graph.rules import GapReport
from reporting.gaps import gaps_workbook
from visualise import entity_pages, person_tools, tool_pages
from visualise.decision_pages import history_data
from visualise.findings import FindingIndex, ReportCache, person_keys
from visualise.render import STATIC_FILES, PageContext, error_page, render_page

MAX_OVERVIEW_NODES = 2000


class PageRoute(APIRoute):
    """A page route: errors other than a missing login (see ``api.errors``) become pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap the handler so that errors render as HTML."""
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Unauthorized:
                raise  # the app's handler sends a browser to /login, anyone else gets a 401
            except RequestValidationError:
                return error_page(request, InvalidInput("A parameter of the page is not valid."))
            except GovgraphError as e:
                return error_page(request, e)

        return page_handler


router = APIRouter(route_class=PageRoute, include_in_schema=False)


# What the pages offer beyond reading, and the scope each needs: the API's for the same data.
FEATURES: dict[str, Scope] = {
    "handover": Scope.ANALYST,
    "export": EXPORT_SCOPE,
    "plan": Scope.SECRETARIAT,
    "decide": Scope.SECRETARIAT,
}


def page_context(
    request: Request,
    principal: Reader,
    as_of: Annotated[IsoDate | None, Query()] = None,
) -> PageContext:
    """The page's language, date and reader, and what the reader's scope allows."""
    allowed = frozenset(f for f, needed in FEATURES.items() if principal.scope.allows(needed))
    return PageContext.from_request(
        request, as_of=as_of, who=principal.name, person=principal.person, allowed=allowed
    )


Page = Annotated[PageContext, Depends(page_context)]
Depth = Annotated[int, Query(ge=1, le=3)]


def report_cache(request: Request) -> ReportCache:
    """The app's cache of gap reports, made on first use."""
    cache: ReportCache | None = getattr(request.app.state, "page_reports", None)
    if cache is None:
        cache = request.app.state.page_reports = ReportCache()
    return cache


def gap_report(request: Request, graph: GraphDep, settings: SettingsDep, page: Page) -> GapReport:
    """The gap report for the page's date, from the app's cache."""
    return report_cache(request).report(graph, as_of=page.as_of, rules=settings.rules)


Report = Annotated[GapReport, Depends(gap_report)]


async def static_file(request: Request) -> Response:
    """The pages' own CSS and script, and vis-network from the installed pyvis (public)."""
    found = STATIC_FILES.get(request.path_params["name"])
    if found is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    path, media_type = found
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=3600"})


# A plain route, outside the API's guarded ones: CSS and scripts hold no personal data, and the
# login page needs them before anyone has logged in.
router.add_route("/static/pages/{name}", static_file, methods=["GET"], include_in_schema=False)


@router.get("/")
def home(
    graph: GraphDep,
    page: Page,
    audit: Audit,
    report: Report,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Search, counts and the open gaps by severity."""
    q = " ".join(q.split()) if q else None
    found = tool_pages.home_page(graph, page, q=q, report=report)
    if q:
        audit.record("page.search", person_keys=found.people, query=q)
    return render_page(page, "home.html", **found.data)


# The entity pages with a history section ("who held which role when, and by whose decision").
HISTORY_PAGES = {"person.html": "Person", "system.html": "System", "unit.html": "OrgUnit"}


def entity_route(path: str, build: entity_pages.PageBuilder, template: str) -> None:
    """Register the page of one kind of node: its data, its audit entry, its template."""

    def show(
        graph: GraphDep,
        settings: SettingsDep,
        page: Page,
        audit: Audit,
        report: Report,
        key: str,
        depth: Depth = 1,
    ) -> Response:
        found = build(
            graph,
            page,
            key,
            index=FindingIndex(report.findings),
            depth=depth,
            node_cap=settings.api.graph_node_cap,
            rules=settings.rules,
        )
        if template in HISTORY_PAGES:
            past = history_data(graph, page, HISTORY_PAGES[template], key)
            found.data.update(past.data)
            found.people |= past.people
        audit.record(
            f"page.{template.removesuffix('.html')}", person_keys=found.people, subject=key
        )
        return render_page(page, template, **found.data)

    show.__doc__ = build.__doc__
    router.add_api_route(f"{path}{{key:path}}", show, methods=["GET"], name=template)


entity_route("/person/", entity_pages.person_page, "person.html")
entity_route("/system/", entity_pages.system_page, "system.html")
entity_route("/unit/", entity_pages.unit_page, "unit.html")
entity_route("/forum/", entity_pages.forum_page, "forum.html")


def gap_filter(
    rule: Annotated[list[str] | None, Query(max_length=10)] = None,
    severity: Annotated[str | None, Query(pattern=r"^(high|medium|low)?$")] = None,
    unit: Annotated[str | None, Query(max_length=300)] = None,
) -> tool_pages.GapFilter:
    """The dashboard's filters from the query string."""
    rules = tuple(r.upper() for r in rule or () if r)
    return tool_pages.GapFilter(rules=rules, severity=severity or None, unit=unit or None)


Filters = Annotated[tool_pages.GapFilter, Depends(gap_filter)]


@router.get("/gaps")
def gaps(graph: GraphDep, page: Page, audit: Audit, report: Report, chosen: Filters) -> Response:
    """The gaps dashboard: findings filtered by rule, severity and unit."""
    found = tool_pages.gaps_page(graph, page, report=report, chosen=chosen)
    audit.record(
        "page.gaps",
        person_keys=found.people,
        rules=list(chosen.rules),
        severity=chosen.severity,
        unit=chosen.unit,
    )
    return render_page(page, "gaps.html", **found.data)


@router.get("/gaps.xlsx")
def gaps_export(
    graph: GraphDep,
    _principal: Exporter,
    page: Page,
    audit: Audit,
    report: Report,
    chosen: Filters,
) -> Response:
    """The filtered findings as an Excel workbook."""
    found = tool_pages.filter_findings(graph, page, report, chosen)
    rules = [r for r in report.rules if not chosen.rules or r.id in chosen.rules]
    filtered = report.model_copy(update={"findings": found, "rules": rules})
    body = BytesIO()
    gaps_workbook(filtered, lang="en" if page.lang == "en" else "da").save(body)
    audit.record(
        "page.gaps.export",
        person_keys=person_keys(found),
        rules=list(chosen.rules),
        severity=chosen.severity,
        unit=chosen.unit,
    )
    name = f"govgraph-mangler-{page.as_of.isoformat()}.xlsx"
    return Response(
        body.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": content_disposition(name),
            "Cache-Control": "no-store",
        },
    )


@router.get("/overview")
def overview(
    graph: GraphDep,
    settings: SettingsDep,
    page: Page,
    audit: Audit,
    report: Report,
    label: Annotated[list[str] | None, Query(max_length=20)] = None,
    rel: Annotated[list[str] | None, Query(max_length=20)] = None,
    unit: Annotated[str | None, Query(max_length=300)] = None,
    limit: Annotated[int | None, Query(ge=10, le=MAX_OVERVIEW_NODES)] = None,
) -> Response:
    """The forvaltning's whole role graph, filtered by unit, node type and relationship."""
    found = tool_pages.overview_page(
        graph,
        page,
        index=FindingIndex(report.findings),
        labels=label or (),
        types=rel or (),
        unit=unit or None,
        limit=limit or settings.api.graph_node_cap,
    )
    audit.record("page.overview", person_keys=found.people, unit=unit)
    return render_page(page, "overview.html", **found.data)


@router.get("/handover")
def handover(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Analyst,
    page: Page,
    audit: Audit,
    person: Annotated[list[str] | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    plan: Annotated[str | None, Query(pattern=r"^(saved|applied)?$")] = None,
) -> Response:
    """The handover simulator: vacated roles, findings, ranked successors and the plan."""
    found = person_tools.handover_page(
        graph, page, settings=settings, chosen=person or [], q=q, reports=report_cache(request)
    )
    audit.record("page.handover", person_keys=found.people, query=q)
    return render_page(page, "handover.html", done=plan or "", **found.data)


@router.get("/min-rolle")
def my_role(
    graph: GraphDep,
    settings: SettingsDep,
    page: Page,
    audit: Audit,
    report: Report,
    person: Annotated[str | None, Query(max_length=300)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """The "Min rolle" page: a person's roles, what the model asks of each, and whom to ask."""
    found = person_tools.my_role_page(
        graph, page, settings=settings, person=person, q=q, index=FindingIndex(report.findings)
    )
    audit.record("page.my_role", person_keys=found.people, query=q)
    return render_page(page, "my_role.html", **found.data)
