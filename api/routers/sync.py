"""The live syncs: each source's last sync, its outcome and what it changed."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep, Reader, SettingsDep
from api.models import SyncSource
from graph.sync_state import SyncStatus, sync_states
from graph.syncing import NAMES, SOURCES

router = APIRouter(tags=["sync"])


@router.get("/api/sync", response_model=list[SyncSource])
def sync_status(graph: GraphDep, settings: SettingsDep, _principal: Reader) -> list[SyncSource]:
    """Each live source's last sync: when, how it went, what it changed, and its schedule."""
    states = {s.source: s for s in sync_states(graph)}
    failures = settings.rules.sync_failures
    answer = []
    for source in SOURCES:
        state = states.get(source) or SyncStatus(source=source)
        answer.append(
            SyncSource(
                **state.model_dump(),
                name=NAMES[source],
                configured=bool(getattr(settings, source).base_url),
                interval_minutes=getattr(settings.sync, f"{source}_minutes"),
                overdue=state.failures_in_row >= failures,
            )
        )
    return answer
