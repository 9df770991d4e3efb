"""The live syncs: each source's last sync, its outcome and what it changed; as JSON and a page."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import GraphDep, Reader, SettingsDep
from api.models import SyncSource
from api.routers.pages import Page, PageRoute
from api.sync_worker import next_run_at
from core.settings import Settings
from graph.driver import Graph
from graph.sync_alert import NAMES
from graph.sync_state import SyncStatus, import_runs, last_cursor, sync_states
from graph.syncing import SOURCES
from schema.model import HR_SCOPE, KITOS_SCOPE
from visualise.render import render_page

api_router = APIRouter(tags=["sync"])
page_router = APIRouter(route_class=PageRoute, include_in_schema=False)
# The import scope each source writes: its import history.
SCOPES = {"kitos": KITOS_SCOPE.name, "os2mo": HR_SCOPE.name}


@api_router.get("/api/sync", response_model=list[SyncSource])
def sync_status(graph: GraphDep, settings: SettingsDep, _principal: Reader) -> list[SyncSource]:
    """Each live source's last sync: when, how it went, what it changed, and its schedule."""
    return sync_sources(graph, settings)


@page_router.get("/sync")
def sync_page(graph: GraphDep, settings: SettingsDep, page: Page) -> Response:
    """Each live source's last sync, its schedule and its import history."""
    sources = sync_sources(graph, settings)
    return render_page(
        page,
        "sync.html",
        sources=sources,
        runs={s.source: import_runs(graph, scope=SCOPES[s.source]) for s in sources},
        scopes=SCOPES,
        secretariat_email=settings.notifications.secretariat_email,
    )


def sync_sources(graph: Graph, settings: Settings) -> list[SyncSource]:
    """The status of every live source, synced or not."""
    states = {s.source: s for s in sync_states(graph)}
    failures = settings.rules.sync_failures
    answer = []
    for source in SOURCES:
        state = states.get(source) or SyncStatus(source=source)
        cursor = last_cursor(graph, scope=SCOPES[source], source=source)
        answer.append(
            SyncSource(
                **state.model_dump(),
                name=NAMES[source],
                configured=bool(getattr(settings, source).base_url),
                interval_minutes=getattr(settings.sync, f"{source}_minutes"),
                overdue=state.failures_in_row >= failures,
                cursor=cursor if source == "kitos" else None,  # OS2mo is always read whole
                next_run_at=next_run_at(settings, state),
            )
        )
    return answer


router = APIRouter()
router.include_router(api_router)
router.include_router(page_router)
