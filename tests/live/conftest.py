"""Fixtures of the live-sync tests: the local KITOS over a real socket, settings that reach it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import KitosSettings, Os2moSettings, Settings
from graph.driver import Graph
from graph.loading import import_options, read_batch
from graph.writer import write_batch
from tests.live.kitos_server import KitosData, KitosServer
from tests.live.os2mo_server import Os2moServer

OPUS = "ZLPE20261101120000_delta.xml"
# Short waits, so that a test of the retries takes seconds.
PATIENCE = {"timeout": 2.0, "retries": 2, "backoff": 0.05, "max_retry_after": 2.0}


@pytest.fixture
def kitos(examples: Path) -> Iterator[KitosServer]:
    """A local KITOS serving the example's KITOS folder (a copy of its own, free to change)."""
    with KitosServer(KitosData.from_folder(examples / "kitos")) as server:
        yield server


def kitos_settings(server: KitosServer, folder: Path, **overrides: object) -> KitosSettings:
    """[kitos] settings that reach ``server`` as its API user, patient only briefly."""
    password_file = folder / "kitos-password"
    password_file.write_text(server.password + "\n", encoding="utf-8")
    return KitosSettings.model_validate(
        {
            "base_url": server.url,
            "organization_uuid": server.data.org_uuid,
            "user": server.email,
            "password_file": password_file,
            **PATIENCE,
            **overrides,
        }
    )


@pytest.fixture
def sync_settings(settings: Settings, kitos: KitosServer, tmp_path: Path) -> Settings:
    """The suite's settings with [kitos] pointing at the local KITOS."""
    return settings.model_copy(update={"kitos": kitos_settings(kitos, tmp_path)})


@pytest.fixture
def hr_graph(model_graph: Graph, examples: Path, settings: Settings) -> Graph:
    """The model's reference data and the example's HR import, as KITOS finds them."""
    batch = read_batch(examples / OPUS, None, import_options(settings))
    assert not isinstance(batch, type(None))
    write_batch(model_graph, batch)  # type: ignore[arg-type]
    return model_graph


def copy_folder(source: Path, target: Path) -> Path:
    """A copy of a saved KITOS folder."""
    shutil.copytree(source, target)
    return target


@pytest.fixture
def os2mo(examples: Path) -> Iterator[Os2moServer]:
    """A local OS2mo (and Keycloak) serving the example's os2mo.json."""
    with Os2moServer.from_file(examples / "os2mo.json") as server:
        yield server


def os2mo_settings(server: Os2moServer, folder: Path, **overrides: object) -> Os2moSettings:
    """[os2mo] settings that reach ``server`` with its Keycloak client, patient only briefly."""
    secret_file = folder / "os2mo-secret"
    secret_file.write_text(server.client_secret + "\n", encoding="utf-8")
    return Os2moSettings.model_validate(
        {
            "base_url": server.url,
            "auth_url": server.auth_url,
            "client_id": server.client_id,
            "client_secret_file": secret_file,
            "page_size": 40,
            **PATIENCE,
            **overrides,
        }
    )


@pytest.fixture
def mo_settings(settings: Settings, os2mo: Os2moServer, tmp_path: Path) -> Settings:
    """The suite's settings with [os2mo] pointing at the local OS2mo."""
    return settings.model_copy(update={"os2mo": os2mo_settings(os2mo, tmp_path)})
