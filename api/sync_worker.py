"""The app's sync schedule: a thread that syncs each configured source when its turn comes.

``[sync] kitos_minutes`` and ``os2mo_minutes`` set the turns (0: never on its own). Syncs run one
at a time: this thread runs them in turn, and the lock in the graph (graph.sync_state) keeps a
second app process or a `govgraph sync` from running one at the same moment; a sync that finds
the lock taken waits for its next turn. Every KITOS_FULL_EVERY-th KITOS sync reads everything,
the others only what changed.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

from core.errors import Conflict, GovgraphError
from core.settings import Settings
from graph.driver import Graph
from graph.sync_state import SyncStatus, sync_states
from graph.syncing import SOURCES, SyncOutcome, run_sync

log = logging.getLogger("govgraph.sync")
TICK_SECONDS = 30.0


class SyncScheduler:
    """Runs the due syncs, on a thread of its own or when a test calls ``run_due``."""

    def __init__(self, graph: Graph, settings: Settings, *, tick: float = TICK_SECONDS) -> None:
        self.graph = graph
        self.settings = settings
        self.tick = tick
        self.stop = threading.Event()
        self.scheduled: dict[str, int] = {}
        self._thread = threading.Thread(target=self._loop, name="govgraph-sync", daemon=True)

    @property
    def enabled(self) -> bool:
        """True when some source has a schedule."""
        return any(self.interval(source) for source in SOURCES)

    def interval(self, source: str) -> timedelta | None:
        """The time between two syncs of ``source``; None when it has no schedule."""
        minutes = getattr(self.settings.sync, f"{source}_minutes")
        return timedelta(minutes=minutes) if minutes else None

    def due(self, now: datetime) -> list[str]:
        """The scheduled sources whose last attempt is an interval ago or more."""
        states = {s.source: s for s in sync_states(self.graph)}
        return [
            source
            for source in SOURCES
            if (every := self.interval(source)) is not None
            and _waited(states.get(source), every, now)
        ]

    def run_due(self, now: datetime | None = None) -> list[SyncOutcome]:
        """Run every due sync, one after the other; a sync running elsewhere is left alone."""
        outcomes = []
        for source in self.due(now or datetime.now(UTC)):
            turn = self.scheduled.get(source, 0)
            full = source == "kitos" and turn % self.settings.sync.kitos_full_every == 0
            try:
                outcomes.append(run_sync(self.graph, self.settings, source, full=full))
            except Conflict:
                log.info("%s sync skipped: another sync is running", source)
                continue
            self.scheduled[source] = turn + 1
        return outcomes

    @property
    def running(self) -> bool:
        """True while the thread runs."""
        return self._thread.is_alive()

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def close(self) -> None:
        """Stop the thread after the sync it may be running."""
        self.stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=60)

    def _loop(self) -> None:
        while not self.stop.wait(self.tick):
            try:
                self.run_due()
            except GovgraphError as e:  # the database away: try again at the next tick
                log.warning("the sync schedule could not run: %s", e)
            except Exception:  # a bug must not end the schedule; the operator's log says it
                log.exception("the sync schedule met an unexpected error")


def _waited(state: SyncStatus | None, every: timedelta, now: datetime) -> bool:
    return state is None or state.last_attempt_at is None or state.last_attempt_at + every <= now
