"""Background work gives way to requests: the warm-up starts no step and no rule, and a catalogue
asked for outside a request (the worker's jobs) no rule, while one is answered; but a request
that waits for a background catalogue run does not hold that run up."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.app import _plan_first_queries
from api.foreground import CountRequests
from core.settings import Settings
from graph.driver import Graph
from graph.priority import FOREGROUND
from graph.rules import SingleFlight, collected_query, evaluate
from schema.catalogue import load_catalogue
from tests.api.test_warm_up import _statements_asked


def test_the_warm_up_runs_no_rule_while_a_request_is_answered(
    model_graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = {collected_query(r.query) for r in load_catalogue()}  # as the runner sends them
    asked = _statements_asked(monkeypatch)
    warm_up = threading.Thread(target=_plan_first_queries, args=(model_graph, settings))
    with FOREGROUND.request():
        warm_up.start()
        time.sleep(1.0)  # the whole warm-up of this small graph takes less
        meanwhile = [query for query, _ in asked if query in rules]
    assert meanwhile == []
    warm_up.join(timeout=120)
    assert not warm_up.is_alive()
    assert rules <= {query for query, _ in asked}  # once the request was answered, all ran


def test_only_a_catalogue_asked_for_outside_a_request_gives_way(
    model_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[float] = []
    monkeypatch.setattr(FOREGROUND, "give_way", lambda limit=0.0: asked.append(limit) or True)
    evaluate(model_graph, as_of=date.today())  # as the worker's finding events ask for it
    assert len(asked) == len(load_catalogue())  # before each rule
    asked.clear()
    with FOREGROUND.request():
        evaluate(model_graph, as_of=date.today())  # as the gaps route asks for it
    assert asked == []


def test_a_request_waiting_for_the_background_run_does_not_hold_it_up() -> None:
    flight = SingleFlight()
    started, go = threading.Event(), threading.Event()
    gave_way: list[bool] = []

    def background() -> str:
        started.set()
        go.wait(timeout=10)
        gave_way.append(FOREGROUND.give_way(limit=5.0))
        return "report"

    shared: list[str] = []
    asking = threading.Event()

    def request() -> None:
        with FOREGROUND.request():
            asking.set()
            shared.append(flight.run("catalogue", lambda: "its own run"))

    warm_up = threading.Thread(target=flight.run, args=("catalogue", background))
    warm_up.start()
    assert started.wait(timeout=10)
    asker = threading.Thread(target=request)
    asker.start()
    assert asking.wait(timeout=10)
    deadline = time.monotonic() + 10
    while FOREGROUND.busy and time.monotonic() < deadline:  # until it waits for the run
        time.sleep(0.01)
    go.set()
    warm_up.join(timeout=10)
    asker.join(timeout=10)
    assert gave_way == [True]  # no request counted: it did not wait out its limit
    assert shared == ["report"]
    assert not FOREGROUND.busy


def test_an_api_request_counts_while_answered_and_health_does_not() -> None:
    def seen(request: Request) -> JSONResponse:  # a sync route: it runs in a worker thread
        busy = FOREGROUND.busy
        with FOREGROUND.waiting_for_background():
            waiting = FOREGROUND.busy
        return JSONResponse({"busy": busy, "while waiting": waiting})

    app = CountRequests(Starlette(routes=[Route("/api/x", seen), Route("/health", seen)]))
    with TestClient(app) as client:
        assert client.get("/api/x").json() == {"busy": True, "while waiting": False}
        assert client.get("/health").json() == {"busy": False, "while waiting": False}
    assert not FOREGROUND.busy
