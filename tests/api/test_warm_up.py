"""The app's warm-up at start: it plans the catalogue's and the handover's queries, and can be
turned off (the benchmark's figure without it)."""

from __future__ import annotations

import logging

import pytest

from api.app import _warm_up
from core.settings import Settings
from graph.driver import Graph


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
