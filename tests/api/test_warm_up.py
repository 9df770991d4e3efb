"""The app's warm-up at start: it plans the catalogue's and the handover's queries, and can be
turned off (the benchmark's figure without it)."""

from __future__ import annotations

import logging
import sys
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest

from api.app import WARM_UP_LEASE, WARM_UP_TTL, _warm_up
from core.settings import Settings
from graph.driver import Graph
from graph.leases import acquire, holder_of, release
from graph.rules import SingleFlight


def test_warm_up_runs_the_first_requests_queries(
    model_graph: Graph, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="govgraph.api"):
        _warm_up(model_graph, settings)
    assert any(r.getMessage().startswith("warm-up done in") for r in caplog.records)


def test_warm_up_can_be_turned_off(
    model_graph: Graph,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GOVGRAPH_WARM_UP", "off")
    with caplog.at_level(logging.INFO, logger="govgraph.api"):
        _warm_up(model_graph, settings)
    assert not any("warm-up" in r.getMessage() for r in caplog.records)


def test_warm_up_is_left_to_the_process_that_holds_its_lease(
    model_graph: Graph, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    other = f"other-process:{uuid.uuid4()}"
    assert acquire(model_graph, WARM_UP_LEASE, holder=other, now=datetime.now(UTC), ttl=WARM_UP_TTL)
    try:
        with caplog.at_level(logging.INFO, logger="govgraph.api"):
            _warm_up(model_graph, settings)
        messages = [r.getMessage() for r in caplog.records]
        assert "warm-up left to another app process" in messages
        assert not any(m.startswith("warm-up done in") for m in messages)
    finally:
        release(model_graph, WARM_UP_LEASE, holder=other, now=datetime.now(UTC))


def test_a_finished_warm_up_gives_its_lease_back(model_graph: Graph, settings: Settings) -> None:
    _warm_up(model_graph, settings)
    assert holder_of(model_graph, WARM_UP_LEASE, now=datetime.now(UTC)) is None


def test_calls_with_one_key_at_the_same_time_share_the_first_callers_run() -> None:
    flight, started, go = SingleFlight(), threading.Event(), threading.Event()
    runs: list[str] = []

    def work(name: str) -> object:
        runs.append(name)
        started.set()
        go.wait(5)
        return object()

    results: dict[str, object] = {}
    first = threading.Thread(target=lambda: results.update(a=flight.run("k", lambda: work("a"))))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.update(b=flight.run("k", lambda: work("b"))))
    second.start()
    other = flight.run("other key", lambda: "own run")
    _wait_until_waiting_for_a_run(second)
    go.set()
    first.join(5)
    second.join(5)
    assert runs == ["a"] and results["a"] is results["b"]
    assert other == "own run"
    # Once the run is over, the key is free: the next call runs again.
    assert flight.run("k", lambda: "again") == "again"


def test_a_shared_run_that_fails_fails_for_every_caller() -> None:
    flight, started, go = SingleFlight(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def fail() -> None:
        started.set()
        go.wait(5)
        raise RuntimeError("the database went away")

    def call(work: object) -> None:
        try:
            flight.run("k", work)  # type: ignore[arg-type]
        except RuntimeError as e:
            errors.append(e)

    first = threading.Thread(target=call, args=(fail,))
    first.start()
    started.wait(5)
    second = threading.Thread(target=call, args=(lambda: "never run",))
    second.start()
    _wait_until_waiting_for_a_run(second)
    go.set()
    first.join(5)
    second.join(5)
    assert [str(e) for e in errors] == ["the database went away"] * 2


def _wait_until_waiting_for_a_run(thread: threading.Thread) -> None:
    """Until ``thread`` waits for another caller's run (in ``Future.result``), not its own."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        frame = sys._current_frames().get(thread.ident or 0)
        while frame is not None:
            if frame.f_code.co_name == "result" and "concurrent" in frame.f_code.co_filename:
                return
            frame = frame.f_back
        time.sleep(0.01)
    raise AssertionError("the second caller never waited for the first caller's run")
