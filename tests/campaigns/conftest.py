"""Campaigns under test: the API tests' seed organisation, afresh for each test."""

from __future__ import annotations

from datetime import date, timedelta

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
