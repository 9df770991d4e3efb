"""Configuration: TOML file, environment, and errors that name the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import load_settings


def test_toml_file_sets_organisation(tmp_path: Path) -> None:
    config = tmp_path / "govgraph.toml"
    config.write_text('[organisation]\nforvaltning = "Sundhed"\ncentral_it = ["IT", "Digi"]\n')
    settings = load_settings(config)
    assert settings.organisation.forvaltning == "Sundhed"
    assert settings.organisation.central_it == ["IT", "Digi"]


def test_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "govgraph.toml"
    config.write_text("[local]\nport = 7777\n")
    monkeypatch.setenv("GOVGRAPH_LOCAL__PORT", "7800")
    assert load_settings(config).local.port == 7800


def test_bad_value_names_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVGRAPH_LOCAL__PORT", raising=False)
    config = tmp_path / "govgraph.toml"
    config.write_text('[local]\nheap = "lots"\n')
    with pytest.raises(ConfigError, match=r"local\.heap"):
        load_settings(config)


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "govgraph.toml"
    config.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="colour"):
        load_settings(config)


def test_broken_toml_says_so(tmp_path: Path) -> None:
    config = tmp_path / "govgraph.toml"
    config.write_text("[local\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config)


def test_uri_switches_off_the_local_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    settings = load_settings()
    assert not settings.uses_local_database


def test_an_unset_environment_means_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVGRAPH_ENV", raising=False)
    assert load_settings().env == "production"


def test_trusted_proxies_take_addresses_and_networks(tmp_path: Path) -> None:
    config = tmp_path / "govgraph.toml"
    config.write_text('[api]\ntrusted_proxies = ["10.0.0.5", "10.1.0.0/16", "::1"]\n')
    assert load_settings(config).api.trusted_proxies == ["10.0.0.5", "10.1.0.0/16", "::1"]


def test_a_trusted_proxy_that_is_no_address_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "govgraph.toml"
    config.write_text('[api]\ntrusted_proxies = ["proxy.example"]\n')
    with pytest.raises(ConfigError, match=r"api\.trusted_proxies.*'proxy\.example'"):
        load_settings(config)
