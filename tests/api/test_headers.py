"""The security headers of every answer, and what a trusted reverse proxy may tell the app."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import COOKIE_NAME
from core.settings import Settings
from tests.api.conftest import settings_for
from tests.support import token_store

pytestmark = pytest.mark.usefixtures("seeded")
PROXY = ("10.0.0.5", 50000)


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/login", "text/html"),
        ("/gaps", "text/html"),
        ("/api/people", "application/json"),
        ("/api/no-such-route", "application/json"),
        ("/static/pages/app.css", "text/css"),
        ("/health", "application/json"),
    ],
)
def test_every_answer_carries_the_security_headers(
    client: TestClient, reader: dict[str, str], path: str, accept: str
) -> None:
    response = client.get(path, headers={**reader, "Accept": accept})
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def test_a_refused_large_body_carries_them_too(client: TestClient) -> None:
    response = client.post("/api/cypher", content=b"x" * (2 * 1024 * 1024))
    assert response.status_code == 413
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response.headers


def test_the_api_docs_allow_exactly_their_own_inline_script(client: TestClient) -> None:
    response = client.get("/docs")
    scripts = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    script_src = response.headers["Content-Security-Policy"].split(";")[0]
    assert script_src == f"script-src 'self' 'sha256-{digest}'"


def test_https_answers_carry_hsts(app: FastAPI) -> None:
    with TestClient(app, base_url="https://testserver") as client:
        response = client.get("/health")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def _app_behind_proxy(settings: Settings, home_settings: Settings) -> FastAPI:
    return create_app(settings_for(settings, home_settings.home, trusted_proxies=["10.0.0.0/24"]))


def test_a_trusted_proxy_makes_the_cookie_secure_and_the_answer_hsts(
    settings: Settings, api_settings: Settings
) -> None:
    secret = token_store(api_settings).create("proxied", "reader")
    app = _app_behind_proxy(settings, api_settings)
    with TestClient(app, client=PROXY) as client:
        response = client.post(
            "/login",
            data={"token": secret},
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"},
            follow_redirects=False,
        )
    assert response.status_code == 303
    assert "Secure" in response.headers["set-cookie"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_an_untrusted_peer_cannot_claim_https(settings: Settings, api_settings: Settings) -> None:
    secret = token_store(api_settings).create("unproxied", "reader")
    app = _app_behind_proxy(settings, api_settings)
    with TestClient(app, client=("192.0.2.99", 50000)) as client:
        response = client.post(
            "/login",
            data={"token": secret},
            headers={"X-Forwarded-Proto": "https"},
            follow_redirects=False,
        )
    assert response.status_code == 303
    assert response.headers["set-cookie"].startswith(f"{COOKIE_NAME}=")
    assert "Secure" not in response.headers["set-cookie"]
    assert "Strict-Transport-Security" not in response.headers


def _wrong_secret(headers: dict[str, str]) -> str:
    """The token of ``headers`` with another secret: a real id, a failed check."""
    secret = headers["Authorization"].removeprefix("Bearer ")
    return secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")


def _status(client: TestClient, secret: str, forwarded_for: str) -> int:
    headers = {"Authorization": f"Bearer {secret}", "X-Forwarded-For": forwarded_for}
    return client.get("/api/people", headers=headers).status_code


def test_the_client_address_comes_from_a_trusted_proxy_only(
    settings: Settings, api_settings: Settings, token: Callable[[str], dict[str, str]]
) -> None:
    limited = settings_for(
        settings, api_settings.home, trusted_proxies=["10.0.0.0/24"], auth_failures=3
    )
    # Each wrong secret is for another token, so only the count per address can add up.
    wrong = [_wrong_secret(token("reader")) for _ in range(9)]
    with TestClient(create_app(limited), client=PROXY) as client:
        one_client = [_status(client, w, "192.0.2.1") for w in wrong[:4]]
        another_client = _status(client, wrong[4], "192.0.2.2")
    assert one_client == [401, 401, 401, 429]
    assert another_client == 401  # another client behind the same proxy is not held up
    with TestClient(create_app(limited), client=("192.0.2.99", 50000)) as client:
        claimed = [_status(client, w, f"198.51.100.{i}") for i, w in enumerate(wrong[5:])]
    assert claimed == [401, 401, 401, 429]  # an untrusted peer's X-Forwarded-For is ignored
