"""The app's warm-up at start: it plans the catalogue's and the handover's queries, and can be
turned off (the benchmark's figure without it)."""

from __future__ import annotations

import logging
import math
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

import api.app as app_module
from api.app import WARM_UP_LEASE, WARM_UP_TTL, _plan_first_queries, _warm_up, create_app
from core.settings import Settings
from examples.catalogue import SNAPSHOT
from graph.driver import Graph
from graph.handover import held_roles, person_info
from graph.leases import acquire, holder_of, release
from graph.person_lookup import resolve_person
from graph.rules import SingleFlight
from graph.successors import _CANDIDATES, find_successors
from graph.whatif import what_if
from tests.test_documented_output import documented_sources, load


def test_warm_up_runs_the_first_requests_queries(
    model_graph: Graph, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="govgraph.api"):
        _warm_up(model_graph, settings, "this-process")
    assert any(r.getMessage().startswith("warm-up done in") for r in caplog.records)


def test_a_handovers_queries_after_the_warm_up_are_planned_already(
    graph: Graph, settings: Settings, examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Neo4j keys a plan by the statement and by the size of each string and list parameter,
    # rounded up to a power of ten: a statement asked with other sizes is planned again.
    load(graph, examples, documented_sources())
    people = _role_holders(graph)
    asked = _statements_asked(monkeypatch)
    _plan_first_queries(graph, settings)
    planned = set(asked)
    assert len(planned) > 20  # not vacuous
    # A system's candidates are read for tens and for hundreds, whatever the example's pools.
    read = {dict(params)["keys"] for query, params in planned if query == _CANDIDATES}
    assert {("list", 10), ("list", 100)} <= read
    for person in people:
        key = resolve_person(graph, person)
        person_info(graph, key, as_of=SNAPSHOT)
        roles = held_roles(graph, key, as_of=SNAPSHOT)
        what_if(graph, as_of=SNAPSHOT, leaving=[key], params=settings.rules)
        if person == people[0]:  # the busiest's hundreds of roles are planned when asked
            vacated = [(r.role, r.target) for r in roles if r.sole]
            find_successors(graph, key, vacated, as_of=SNAPSHOT, settings=settings.rules)
        unplanned = [" ".join(q.split())[:80] for q, _ in set(asked) - planned]
        assert unplanned == [], person
        asked.clear()


def _statements_asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """From now on, each statement run in a transaction, with the size classes of its
    parameters (Neo4j still runs them: this only listens)."""
    asked: list[tuple[str, Any]] = []
    run = neo4j.ManagedTransaction.run

    def listening(tx: Any, query: str, parameters: Any = None, **kwargs: Any) -> Any:
        params = {**(parameters or {}), **kwargs}
        asked.append((query, tuple(sorted((k, _size_class(v)) for k, v in params.items()))))
        return run(tx, query, parameters, **kwargs)

    monkeypatch.setattr(neo4j.ManagedTransaction, "run", listening)
    return asked


def _size_class(value: Any) -> Any:
    if not isinstance(value, str | list):
        return type(value).__name__
    n = len(value)
    return (type(value).__name__, n if n <= 1 else 10 ** math.ceil(math.log10(n)))


def _role_holders(graph: Graph) -> list[str]:
    """A typical role holder and the busiest."""
    rows = graph.query(
        "MATCH (p:Person) WITH p, COUNT { (p)-[:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF|"
        "HOLDS_ROLE|SITS_IN|MANAGES]->() } AS roles WHERE roles > 0 "
        "RETURN p.key AS key ORDER BY roles DESC, key"
    )
    return [rows[len(rows) // 2]["key"], rows[0]["key"]]


def test_warm_up_can_be_turned_off(
    model_graph: Graph,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GOVGRAPH_WARM_UP", "off")
    with caplog.at_level(logging.INFO, logger="govgraph.api"):
        _warm_up(model_graph, settings, "this-process")
    assert not any("warm-up" in r.getMessage() for r in caplog.records)


def test_warm_up_is_left_to_the_process_that_holds_its_lease(
    model_graph: Graph, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    other = f"other-process:{uuid.uuid4()}"
    assert acquire(model_graph, WARM_UP_LEASE, holder=other, now=datetime.now(UTC), ttl=WARM_UP_TTL)
    try:
        with caplog.at_level(logging.INFO, logger="govgraph.api"):
            _warm_up(model_graph, settings, "this-process")
        messages = [r.getMessage() for r in caplog.records]
        assert "warm-up left to another app process" in messages
        assert not any(m.startswith("warm-up done in") for m in messages)
    finally:
        release(model_graph, WARM_UP_LEASE, holder=other, now=datetime.now(UTC))


def test_a_finished_warm_up_gives_its_lease_back(model_graph: Graph, settings: Settings) -> None:
    _warm_up(model_graph, settings, "this-process")
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


def test_an_app_stopped_while_warming_up_gives_its_lease_back(
    api_settings: Settings, session_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Else the next app, and the one after it, leave the warm-up to a process that is gone
    # until the lease's ten minutes have passed.
    started, finish = threading.Event(), threading.Event()

    def planning(graph: Graph, settings: Settings) -> None:  # longer than the app waits
        started.set()
        finish.wait(120)

    monkeypatch.setattr(app_module, "_plan_first_queries", planning)
    monkeypatch.setattr(app_module, "WARM_UP_STOP_WAIT", 0.1)
    production = api_settings.model_copy(update={"env": "production"})
    try:
        with TestClient(create_app(production)):
            assert started.wait(30)
            assert holder_of(session_graph, WARM_UP_LEASE, now=datetime.now(UTC)) is not None
        assert holder_of(session_graph, WARM_UP_LEASE, now=datetime.now(UTC)) is None
    finally:
        finish.set()
