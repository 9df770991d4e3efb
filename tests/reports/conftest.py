"""Fixtures of the report tests: an app on the suite's Neo4j with a home of its own."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on its httpx client
    from fastapi.testclient import TestClient

from api.app import create_app
from api.audit import AuditEntry
from core.settings import Settings
from graph.driver import Graph
from tests.api.conftest import settings_for
from tests.support import audit_log, clear_access_records, token_store


@pytest.fixture
def api_settings(settings: Settings, session_graph: Graph, tmp_path: Path) -> Settings:
    """The suite's settings with a fresh home, reaching the suite's Neo4j by URI; no tokens yet."""
    clear_access_records(session_graph)
    return settings_for(settings, tmp_path / "home", max_page_size=settings.api.max_page_size)


@pytest.fixture
def client(api_settings: Settings) -> Iterator[TestClient]:
    """A client of the running app."""
    with TestClient(create_app(api_settings)) as c:
        yield c


@pytest.fixture
def reader(api_settings: Settings) -> dict[str, str]:
    """The Authorization header of a reader token."""
    return {"Authorization": f"Bearer {token_store(api_settings).create('reader', 'reader')}"}


@pytest.fixture
def analyst(api_settings: Settings) -> dict[str, str]:
    """The Authorization header of an analyst token (the exports need one)."""
    secret = token_store(api_settings).create("analyst", "analyst")
    return {"Authorization": f"Bearer {secret}"}


def audit_entries(settings: Settings) -> list[AuditEntry]:
    """The app's audit log, oldest first."""
    return list(audit_log(settings).entries())
