"""[decisions] approval: by role or decision type; an unknown key names itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import Settings, load_settings


def test_by_default_appointing_or_ending_a_systemejer_needs_approval() -> None:
    assert Settings().decisions.approval == {"systemejer": "afdelingschef"}


def test_an_unknown_approval_key_is_refused_by_name(tmp_path: Path) -> None:
    config = tmp_path / "govgraph.toml"
    config.write_text('[decisions]\napproval = {systemejr = "afdelingschef"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="systemejr"):
        load_settings(config)
