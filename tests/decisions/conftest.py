"""Decisions under test: the real app on the suite's Neo4j, on a fresh seed organisation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import DecisionSettings, Settings
from graph.driver import Graph
from tests.api import conftest as api_fixtures
from tests.api.conftest import settings_for
from tests.api.seed import reseed
from tests.support import clear_access_records

# The API suite's app, client, token and audit fixtures, on this package's settings.
app = api_fixtures.app
client = api_fixtures.client
token = api_fixtures.token
audit_entries = api_fixtures.audit_entries


@pytest.fixture
def world(session_graph: Graph) -> Graph:
    """The API tests' seed organisation, written afresh: decisions change it."""
    return reseed(session_graph)


@pytest.fixture
def api_settings(settings: Settings, world: Graph, tmp_path: Path) -> Settings:
    """Settings for one app on the fresh seed; the default approval rules; no tokens yet."""
    clear_access_records(world)
    return settings_for(settings, tmp_path / "home")


@pytest.fixture
def secretariat(token: Callable[[str], dict[str, str]]) -> dict[str, str]:
    """Headers of a secretariat token: the proposer."""
    return token("secretariat")


@pytest.fixture
def approver(token: Callable[[str], dict[str, str]]) -> dict[str, str]:
    """Headers of another secretariat token: the second pair of eyes."""
    return token("secretariat")


@pytest.fixture
def open_client(api_settings: Settings) -> Iterator[TestClient]:
    """A client of an app where no decision needs approval (same home, same tokens)."""
    no_approval = api_settings.model_copy(update={"decisions": DecisionSettings(approval={})})
    with TestClient(create_app(no_approval)) as c:
        yield c
