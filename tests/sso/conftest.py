"""Single sign-on under test: a real Keycloak for the session, the app configured against it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from api.app import create_app
from core.settings import OidcSettings, Settings
from graph.driver import Graph
from tests.api.conftest import settings_for
from tests.api.seed import reseed
from tests.sso.keycloak import Keycloak, running_keycloak
from tests.support import clear_access_records, serving

CLIENT_SECRET = "govgraph-test-secret"  # the confidential client's, in realms/govgraph-realm.json
GROUP_SCOPES = {"GG-Sekretariat": "secretariat", "GG-Analytikere": "analyst"}


@pytest.fixture(scope="session")
def keycloak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Keycloak]:
    """Keycloak with the test realms, started once for the session."""
    with running_keycloak(tmp_path_factory.mktemp("keycloak")) as server:
        yield server


def oidc_settings(keycloak: Keycloak, secret_file: Path, **overrides: object) -> OidcSettings:
    """The [oidc] settings of an app that logs in through the test realm."""
    secret_file.write_text(CLIENT_SECRET + "\n", encoding="utf-8")
    values: dict[str, object] = {
        "issuer": keycloak.issuer(),
        "client_id": "govgraph",
        "client_secret_file": secret_file,
        "group_scopes": GROUP_SCOPES,
        "api_audience": "govgraph-api",
        "leeway_seconds": 0,
        **overrides,
    }
    return OidcSettings.model_validate(values)


@pytest.fixture
def sso_settings(
    settings: Settings, session_graph: Graph, keycloak: Keycloak, tmp_path: Path
) -> Settings:
    """Settings of an app on the seed organisation that logs in through Keycloak."""
    reseed(session_graph)
    clear_access_records(session_graph)
    base = settings_for(settings, tmp_path / "home")
    return base.model_copy(update={"oidc": oidc_settings(keycloak, tmp_path / "client-secret")})


@dataclass(frozen=True, slots=True)
class Served:
    """The app on a loopback port."""

    url: str


@pytest.fixture
def served(sso_settings: Settings) -> Iterator[Served]:
    """The app served over a real socket (the browser and Keycloak's redirects reach it)."""
    with serving(create_app(sso_settings)) as url:
        yield Served(url)
