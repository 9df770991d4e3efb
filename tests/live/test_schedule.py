"""The app's sync schedule: due sources synced in turn, one sync at a time, failures counted."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from api.sync_worker import SyncSchedule
from api.worker import Worker, default_jobs
from core.errors import Conflict
from core.settings import Settings, SyncSettings
from graph.driver import Graph
from graph.rules import evaluate
from graph.sync_state import release_lock, sync_states, take_lock
from graph.syncing import run_sync
from tests.live.kitos_server import KitosServer
from tests.live.os2mo_server import Os2moServer

USAGES = "/api/v2/it-system-usages"


def _scheduled(settings: Settings, mo_settings: Settings, **sync: float) -> Settings:
    return settings.model_copy(
        update={"os2mo": mo_settings.os2mo, "sync": SyncSettings.model_validate(sync)}
    )


def test_a_second_sync_is_refused_while_one_runs(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    kitos.fail(USAGES, "slow", times=1)  # the first sync waits three seconds on its usages
    patient = sync_settings.model_copy(
        update={"kitos": sync_settings.kitos.model_copy(update={"timeout": 10.0})}
    )
    first = threading.Thread(target=run_sync, args=(hr_graph, patient, "kitos"))
    first.start()
    while not any(r.startswith(f"GET {USAGES}") for r in kitos.requests):
        time.sleep(0.05)
    with pytest.raises(Conflict, match="Another sync is running"):
        run_sync(hr_graph, patient, "kitos")
    first.join()
    assert run_sync(hr_graph, patient, "kitos").error is None
    (state,) = sync_states(hr_graph)
    assert state.outcome == "ok"


def test_due_sources_are_synced_in_turn_and_not_again_before_their_interval(
    hr_graph: Graph,
    kitos: KitosServer,
    os2mo: Os2moServer,
    sync_settings: Settings,
    mo_settings: Settings,
) -> None:
    settings = _scheduled(sync_settings, mo_settings, kitos_minutes=60, os2mo_minutes=240)
    schedule = SyncSchedule()
    first = schedule.run_due(hr_graph, settings)
    assert [(o.source, o.mode, o.failed) for o in first] == [
        ("kitos", "full", False),
        ("os2mo", "full", False),
    ]
    assert schedule.run_due(hr_graph, settings) == []
    later = schedule.run_due(hr_graph, settings, datetime.now(UTC) + timedelta(minutes=61))
    assert [(o.source, o.mode) for o in later] == [("kitos", "delta")]


def test_a_sync_elsewhere_makes_the_schedule_wait(
    hr_graph: Graph, sync_settings: Settings, mo_settings: Settings
) -> None:
    settings = _scheduled(sync_settings, mo_settings, kitos_minutes=60)
    take_lock(hr_graph, "another-process")
    try:
        assert SyncSchedule().run_due(hr_graph, settings) == []
    finally:
        release_lock(hr_graph, "another-process")
    assert sync_states(hr_graph) == []


def test_failures_in_a_row_are_counted_and_a_success_clears_them(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    kitos.fail(USAGES, status=503, times=9)  # three syncs of three tries each
    for _ in range(3):
        assert run_sync(hr_graph, sync_settings, "kitos").failed
    (state,) = sync_states(hr_graph)
    assert (state.failures_in_row, state.last_ok_at) == (3, None)
    assert run_sync(hr_graph, sync_settings, "kitos").error is None
    (state,) = sync_states(hr_graph)
    assert state.failures_in_row == 0 and state.last_ok_at is not None


def test_three_failed_syncs_in_a_row_are_a_finding_naming_the_last_good_sync(
    hr_graph: Graph, kitos: KitosServer, sync_settings: Settings
) -> None:
    assert run_sync(hr_graph, sync_settings, "kitos").error is None
    kitos.fail(USAGES, status=503)
    for attempt in range(3):
        assert evaluate(hr_graph, as_of=date.today(), rule_ids=["DQ-05"]).findings == []
        assert run_sync(hr_graph, sync_settings, "kitos").failed, attempt
    (finding,) = evaluate(hr_graph, as_of=date.today(), rule_ids=["DQ-05"]).findings
    assert finding.subject.name == "KITOS"
    assert finding.message.en.startswith(f"KITOS has not synced since {date.today().isoformat()}")
    assert "3 attempts in a row failed" in finding.message.en and "503" in finding.message.en


def test_the_worker_syncs_on_its_own_when_scheduled_and_stops_when_told(
    hr_graph: Graph, sync_settings: Settings, mo_settings: Settings
) -> None:
    assert "live-sync" not in [job.name for job in default_jobs(sync_settings)]
    settings = _scheduled(sync_settings, mo_settings, kitos_minutes=60)
    (job,) = [job for job in default_jobs(settings) if job.name == "live-sync"]
    worker = Worker(hr_graph, settings, [job])
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while not sync_states(hr_graph) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.stop()
    (state,) = sync_states(hr_graph)
    assert (state.source, state.outcome) == ("kitos", "ok")
