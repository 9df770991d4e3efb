"""The live sync as one of the worker's jobs: each configured source synced when its turn comes.

``[sync] kitos_minutes`` and ``os2mo_minutes`` set the turns (0: never on its own). The worker
(``api.worker``, APScheduler) runs the job every ``TICK_SECONDS`` under its lease in Neo4j, so one
app process at a time looks for due syncs; the sync lock in the graph (``graph.sync_state``) also
keeps a `govgraph sync` from running at the same moment, and a sync that finds it taken waits for
its next turn. Every ``kitos_full_every``-th KITOS sync reads everything, the others only what
changed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from core.errors import Conflict
from core.settings import Settings
from graph.driver import Graph
from graph.sync_state import SyncStatus, sync_states
from graph.syncing import SOURCES, SyncOutcome, run_sync

log = logging.getLogger("govgraph.sync")
TICK_SECONDS = 30.0


class SyncSchedule:
    """Which sources are due, and their syncs run one after the other."""

    def __init__(self) -> None:
        self.turns: dict[str, int] = {}  # scheduled syncs so far per source (full every n-th)

    @staticmethod
    def enabled(settings: Settings) -> bool:
        """True when some source has a schedule."""
        return any(_interval(settings, source) for source in SOURCES)

    def due(self, graph: Graph, settings: Settings, now: datetime) -> list[str]:
        """The scheduled sources whose last attempt is an interval ago or more."""
        states = {s.source: s for s in sync_states(graph)}
        return [
            source
            for source in SOURCES
            if (every := _interval(settings, source)) is not None
            and _waited(states.get(source), every, now)
        ]

    def run_due(
        self, graph: Graph, settings: Settings, now: datetime | None = None
    ) -> list[SyncOutcome]:
        """Run every due sync, one after the other; a sync running elsewhere is left alone."""
        outcomes = []
        for source in self.due(graph, settings, now or datetime.now(UTC)):
            turn = self.turns.get(source, 0)
            full = source == "kitos" and turn % settings.sync.kitos_full_every == 0
            try:
                outcomes.append(run_sync(graph, settings, source, full=full))
            except Conflict:
                log.info("%s sync skipped: another sync is running", source)
                continue
            self.turns[source] = turn + 1
        return outcomes


def _interval(settings: Settings, source: str) -> timedelta | None:
    minutes = getattr(settings.sync, f"{source}_minutes")
    return timedelta(minutes=minutes) if minutes else None


def _waited(state: SyncStatus | None, every: timedelta, now: datetime) -> bool:
    return state is None or state.last_attempt_at is None or state.last_attempt_at + every <= now


def next_run_at(settings: Settings, state: SyncStatus) -> datetime | None:
    """When the schedule syncs the source next (due already if in the past); None: by hand only.

    The worker looks every ``TICK_SECONDS``, so the sync starts up to that much later.
    """
    every = _interval(settings, state.source)
    if every is None:
        return None
    if state.last_attempt_at is None:
        return datetime.now(UTC)  # never tried: due at once
    return state.last_attempt_at + every
