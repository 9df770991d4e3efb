"""Fixtures of the rule tests: the healthy world, ready to be changed and written."""

from __future__ import annotations

import pytest

from tests.rules.world import World, healthy_world


@pytest.fixture
def world() -> World:
    """A forvaltning that breaks no rule (nothing written yet)."""
    return healthy_world()
