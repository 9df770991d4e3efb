"""Reports: chefgruppen's quarterly overview (JSON, page, workbook) and review calendars (iCal).

Both name people (owners, the calendar's holder), so every read is audited with their keys.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import AsOf, Audit, Exporter, GraphDep, Reader, SettingsDep
from api.routers.common import NOT_FOUND, PersonText, content_disposition
from api.routers.pages import Page, PageRoute
from core.periods import Quarter
from core.settings import Settings
from graph.calendar import due_items, find_person
from graph.driver import Graph
from graph.person_lookup import resolve_person
from graph.quarterly import QuarterlyOverview, quarterly_overview
from reporting.ical import calendar_ics
from reporting.quarterly_xlsx import quarterly_xlsx_bytes
from visualise.quarterly_report import template_context
from visualise.render import render_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
QuarterParam = Annotated[
    str | None,
    Query(
        pattern=r"^(19|2[0-9])[0-9]{2}-?[QqKk][1-4]$",  # what core.periods.Quarter reads
        description="The quarter, e.g. 2026Q4, not after as_of (default: the one containing as_of "
        "or today).",
    ),
]
Horizon = Annotated[int, Query(ge=0, le=3660, description="How many days ahead to look.")]

api_router = APIRouter(tags=["reports"])
page_router = APIRouter(route_class=PageRoute, include_in_schema=False)


def _overview(
    graph: Graph, settings: Settings, quarter: str | None, today: date
) -> QuarterlyOverview:
    chosen = Quarter.parse(quarter) if quarter else Quarter.containing(today)
    return quarterly_overview(graph, chosen, today=today, rules=settings.rules)


def _owner_keys(overview: QuarterlyOverview) -> set[str]:
    keys = {o.key for s in overview.systems for o in s.owners}
    return keys | {c.person_key for c in overview.changes if c.person_key}


@api_router.get(
    "/api/calendar/{person}.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "An iCalendar (RFC 5545) file."},
        **NOT_FOUND,
    },
)
def person_calendar(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Reader,
    audit: Audit,
    person: PersonText,
    as_of: AsOf,
    horizon_days: Horizon = 365,
) -> Response:
    """A person's review calendar: due and overdue reviews, dialogs and assessments, as iCal."""
    who = find_person(graph, resolve_person(graph, person))
    items = due_items(
        graph, who.key, as_of=as_of, horizon_days=horizon_days, cadence=settings.rules
    )
    audit.record("calendar.read", person_keys=[who.key], as_of=as_of.isoformat(), events=len(items))
    return Response(
        calendar_ics(who, items),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition(f"govgraph-{who.key}.ics", inline=True)
        },
    )


@api_router.get("/api/reports/quarterly", response_model=QuarterlyOverview)
def quarterly_report(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Reader,
    audit: Audit,
    as_of: AsOf,
    quarter: QuarterParam = None,
) -> QuarterlyOverview:
    """Chefgruppen's quarterly overview of system ownership and economy, with the changes."""
    overview = _overview(graph, settings, quarter, as_of)
    audit.record("reports.quarterly", person_keys=_owner_keys(overview), quarter=overview.quarter)
    return overview


@page_router.get("/reports/quarterly")
def quarterly_page(
    graph: GraphDep, settings: SettingsDep, page: Page, audit: Audit, quarter: QuarterParam = None
) -> Response:
    """The quarterly overview as a page that prints cleanly to PDF."""
    overview = _overview(graph, settings, quarter, page.as_of)
    audit.record("page.quarterly", person_keys=_owner_keys(overview), quarter=overview.quarter)
    chooser = {
        "action": "/reports/quarterly",
        "xlsx": "/reports/quarterly.xlsx" if page.may("export") else "",
        "as_of": page.as_of.isoformat() if page.pinned_as_of else "",
    }
    context = template_context(overview, lang=page.lang, chooser=chooser)
    return render_page(page, "quarterly.html", layout="base.html", **context)


@page_router.get("/reports/quarterly.xlsx")
def quarterly_workbook(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Exporter,
    page: Page,
    audit: Audit,
    quarter: QuarterParam = None,
) -> Response:
    """The quarterly overview as an Excel workbook, in the pages' language."""
    overview = _overview(graph, settings, quarter, page.as_of)
    audit.record("export.quarterly", person_keys=_owner_keys(overview), quarter=overview.quarter)
    name = f"kvartalsoverblik-{overview.quarter}.xlsx"
    return Response(
        quarterly_xlsx_bytes(overview, lang=page.lang),
        media_type=XLSX,
        headers={
            "Content-Disposition": content_disposition(name),
            "Cache-Control": "no-store",
        },
    )


router = APIRouter()
router.include_router(api_router)
router.include_router(page_router)
