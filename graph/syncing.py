"""One live sync, as the CLI and the app's schedule both run it: fetch, validate, write, note.

A sync fetches everything it needs before it writes anything, then goes through the same
writer, history and ImportRun as a file import. KITOS syncs a delta when its last run was a
sync; OS2mo always reads the whole organisation (its GraphQL has no "changed since").
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from core.errors import Conflict, SyncFailed
from core.records import ImportBatch
from core.settings import Settings
from graph.driver import Graph
from graph.loading import import_options
from graph.sync_alert import NAMES
from graph.sync_state import cursor_for, last_cursor, record_attempt, release_lock, take_lock
from graph.writer import WriteSummary, write_batch
from importers.live.kitos_api import read_kitos_live
from importers.live.os2mo_graphql import read_os2mo_live
from schema.model import KITOS_SCOPE

log = logging.getLogger("govgraph.sync")
SOURCES = ("kitos", "os2mo")


@dataclass(slots=True)
class SyncOutcome:
    """What one sync read and wrote (nothing when ``error`` is set)."""

    source: str
    mode: str  # full | delta
    batch: ImportBatch | None = None
    summary: WriteSummary | None = None
    error: SyncFailed | None = None
    counts: dict[str, int] = field(default_factory=dict)
    requests: int = 0

    @property
    def failed(self) -> bool:
        """True when nothing was written."""
        return self.summary is None


def run_sync(
    graph: Graph,
    settings: Settings,
    source: str,
    *,
    full: bool = False,
    dry_run: bool = False,
    transport: httpx.BaseTransport | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> SyncOutcome:
    """Sync ``source`` once, all or nothing; Conflict when another sync is running."""
    holder = str(uuid.uuid4())
    if not take_lock(graph, holder):
        raise Conflict(
            "Another sync is running.", hint="Wait for it to finish; syncs run one at a time."
        )
    try:
        return _sync(
            graph, settings, source, full=full, dry_run=dry_run, transport=transport, now=now
        )
    finally:
        release_lock(graph, holder)


def _sync(
    graph: Graph,
    settings: Settings,
    source: str,
    *,
    full: bool,
    dry_run: bool,
    transport: httpx.BaseTransport | None,
    now: Callable[[], datetime],
) -> SyncOutcome:
    started = now()
    options = import_options(settings)
    since = None
    if source == "kitos" and not full:
        since = last_cursor(graph, scope=KITOS_SCOPE.name, source=source)
    outcome = SyncOutcome(source, "full" if since is None else "delta")
    try:
        if source == "kitos":
            batch, fetched = read_kitos_live(
                settings.kitos, options, since=since, transport=transport
            )
            overlap = timedelta(minutes=settings.kitos.overlap_minutes)
            outcome.counts, outcome.requests = fetched.counts, fetched.requests
        else:
            batch, outcome.counts, outcome.requests = read_os2mo_live(
                settings.os2mo, options, transport=transport
            )
            overlap = timedelta(0)
        batch.run_props = {
            "source": source,
            "mode": outcome.mode,
            "cursor": cursor_for(started, overlap=overlap),
        }
        outcome.batch = batch
        if batch.errors:
            raise SyncFailed(
                f"{NAMES[source]} gave data with {len(batch.errors)} error(s); "
                "nothing was written.",
                hint="The errors below say where; correct them in the source.",
                details=[str(p) for p in batch.errors],
            )
        outcome.summary = write_batch(graph, batch, dry_run=dry_run)
    except SyncFailed as e:
        outcome.error = e
        log.warning("%s sync failed: %s", NAMES[source], e)
    if not dry_run:
        _note(graph, settings, outcome, at=started)
    return outcome


def _note(graph: Graph, settings: Settings, outcome: SyncOutcome, *, at: datetime) -> None:
    s = outcome.summary
    counts = {"added": s.added, "changed": s.changed, "ended": s.ended} if s else {}
    message = str(outcome.error) if outcome.error else None
    record_attempt(
        graph,
        source=outcome.source,
        ok=s is not None,
        mode=outcome.mode,
        message=message,
        counts=counts,
        at=at,
        settings=settings,
    )
