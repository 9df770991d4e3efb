"""Campaigns under test: the API tests' seed organisation, afresh for each test."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from core.settings import NotificationSettings, Settings
from graph.driver import Graph
from tests.api.seed import reseed

DEADLINE = date.today() + timedelta(days=14)


@pytest.fixture
def world(session_graph: Graph) -> Graph:
    """The seed organisation (forv > afd > kontor-a, kontor-b), written afresh."""
    return reseed(session_graph)


@pytest.fixture
def notify() -> NotificationSettings:
    """Where links point and who the secretariat is."""
    return NotificationSettings(
        base_url="https://govgraph.kommune.dk", secretariat_email="sekretariat@example.dk"
    )


@pytest.fixture
def campaign_settings(settings: Settings, notify: NotificationSettings) -> Settings:
    """The suite's settings with these notification settings."""
    return settings.model_copy(update={"notifications": notify})


# The API suite's app, client, token and audit fixtures, on this package's settings.
from tests.api import conftest as api_fixtures  # noqa: E402
from tests.api.conftest import settings_for  # noqa: E402
from tests.support import clear_access_records  # noqa: E402

app = api_fixtures.app
client = api_fixtures.client
token = api_fixtures.token
audit_entries = api_fixtures.audit_entries


@pytest.fixture
def api_settings(campaign_settings: Settings, world: Graph, tmp_path: Path) -> Settings:
    """Settings for one app on the fresh seed, with the campaign's notification settings; no
    tokens, sessions or audit entries yet."""
    clear_access_records(world)
    return settings_for(campaign_settings, tmp_path / "home")
