"""The API accepts the provider's access tokens of machine clients (client credentials), checked
against the provider's keys: issuer, audience, expiry and signature. The bad tokens come from
real Keycloak configurations: another client's audience, a one-second lifetime, another realm."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from tests.sso.keycloak import Keycloak
from tests.support import audit_log

PATH = "/api/departures"  # needs the analyst scope, which GG-Analytikere grants


@pytest.fixture
def client(sso_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(sso_settings)) as c:
        yield c


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_client_credentials_token_is_accepted_with_its_groups_scope(
    client: TestClient, keycloak: Keycloak, sso_settings: Settings
) -> None:
    token = keycloak.client_token("govgraph-sync", "sync-test-secret")
    assert client.get(PATH, headers=_bearer(token)).status_code == 200
    # Analyst, not more: token management is the admin's.
    assert client.get("/api/tokens", headers=_bearer(token)).status_code == 403
    [entry] = [e for e in audit_log(sso_settings).entries() if e.path == PATH]
    assert (entry.who, entry.scope) == ("govgraph-sync", "analyst")


def test_a_token_for_another_audience_is_refused(client: TestClient, keycloak: Keycloak) -> None:
    token = keycloak.client_token("govgraph-elsewhere", "elsewhere-test-secret")
    response = client.get(PATH, headers=_bearer(token))
    assert response.status_code == 401
    assert "not valid here" in response.json()["error"]["message"]


def test_an_expired_token_is_refused(client: TestClient, keycloak: Keycloak) -> None:
    token = keycloak.client_token("govgraph-brief", "brief-test-secret")  # lives one second
    time.sleep(2.5)
    assert client.get(PATH, headers=_bearer(token)).status_code == 401


def test_a_token_of_another_issuer_is_refused(client: TestClient, keycloak: Keycloak) -> None:
    token = keycloak.client_token("govgraph-sync", "sync-test-secret", realm="elsewhere")
    assert client.get(PATH, headers=_bearer(token)).status_code == 401


def test_a_token_with_a_changed_payload_is_refused(client: TestClient, keycloak: Keycloak) -> None:
    header, payload, signature = keycloak.client_token("govgraph-sync", "sync-test-secret").split(
        "."
    )
    forged = f"{header}.{payload[:-4]}AAAA.{signature}"
    assert client.get(PATH, headers=_bearer(forged)).status_code == 401


def test_a_valid_token_whose_groups_grant_nothing_is_forbidden(
    client: TestClient, keycloak: Keycloak
) -> None:
    token = keycloak.client_token("govgraph-nogroup", "nogroup-test-secret")
    response = client.get(PATH, headers=_bearer(token))
    assert response.status_code == 403
    assert "grant no scope" in response.json()["error"]["message"]


def test_without_an_api_audience_no_provider_token_is_accepted(
    sso_settings: Settings, keycloak: Keycloak
) -> None:
    oidc = sso_settings.oidc.model_copy(update={"api_audience": None})
    token = keycloak.client_token("govgraph-sync", "sync-test-secret")
    with TestClient(create_app(sso_settings.model_copy(update={"oidc": oidc}))) as client:
        assert client.get(PATH, headers=_bearer(token)).status_code == 401
