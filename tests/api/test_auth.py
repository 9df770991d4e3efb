"""Nothing without a token: bearer tokens, scopes, revocation, browser sessions, every route."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount, Route

from api.app import create_app
from api.auth import COOKIE_NAME, current_principal
from govgraph.security import TokenStore
from govgraph.settings import Settings

pytestmark = pytest.mark.usefixtures("seeded")
PUBLIC = {"/health", "/login", "/docs", "/docs/oauth2-redirect", "/openapi.json"}


def test_no_token_is_401_with_a_bearer_challenge(client: TestClient) -> None:
    response = client.get("/api/people")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer nonsense",
        "Bearer ggt_000000000000_" + "A" * 43,
        "Basic YWRtaW46YWRtaW4=",
        "Bearer",
        "ggt_000000000000_" + "A" * 43,
    ],
)
def test_a_bad_token_is_401(client: TestClient, authorization: str) -> None:
    response = client.get("/api/people", headers={"Authorization": authorization})
    assert response.status_code == 401


def test_a_valid_id_with_a_wrong_secret_is_401(client: TestClient, reader: dict) -> None:
    good = reader["Authorization"]
    forged = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    assert client.get("/api/people", headers={"Authorization": forged}).status_code == 401


@pytest.mark.parametrize(
    ("scope", "method", "path"),
    [
        ("reader", "POST", "/api/cypher"),
        ("reader", "GET", "/api/handover/anna"),
        ("reader", "POST", "/api/imports"),
        ("analyst", "POST", "/api/imports"),
        ("analyst", "GET", "/api/tokens"),
        ("reader", "DELETE", "/api/tokens/x"),
    ],
)
def test_a_too_small_scope_is_403(
    client: TestClient,
    token: Callable[[str], dict[str, str]],
    scope: str,
    method: str,
    path: str,
) -> None:
    response = client.request(method, path, headers=token(scope), json={"query": "RETURN 1"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_larger_scope_includes_the_smaller(client: TestClient, admin_headers: dict) -> None:
    assert client.get("/api/people", headers=admin_headers).status_code == 200


def test_a_revoked_token_stops_working_at_once(client: TestClient, api_settings: Settings) -> None:
    store = TokenStore(api_settings.home)
    secret = store.create("soon-revoked", "reader")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/people", headers=headers).status_code == 200
    TokenStore(api_settings.home).revoke("soon-revoked")  # as `govgraph token revoke` does
    assert client.get("/api/people", headers=headers).status_code == 401


def test_tokens_are_stored_as_argon2_hashes_readable_by_the_owner_only(
    api_settings: Settings,
) -> None:
    secret = TokenStore(api_settings.home).create("hashed", "reader")
    path = api_settings.home / "tokens.json"
    text = path.read_text()
    assert secret not in text and secret[len("ggt_") + 13 :] not in text
    assert "$argon2id$" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@dataclass(frozen=True)
class RouteInfo:
    """A route as the app serves it: its full path, methods and resolved dependencies."""

    path: str
    methods: frozenset[str]
    dependant: Dependant | None


def _routes(routes: Iterable[BaseRoute]) -> Iterator[RouteInfo]:
    """Every route, into included routers too (this FastAPI nests them instead of copying)."""
    for route in routes:
        nested = getattr(route, "effective_route_contexts", None)
        if nested is not None:
            for context in nested():
                path = context.path or getattr(context.original_route, "path", "")
                yield RouteInfo(path, frozenset(context.methods or ()), context.dependant)
        elif isinstance(route, APIRoute):
            yield RouteInfo(route.path, frozenset(route.methods or ()), route.dependant)
        elif isinstance(route, Route | Mount):
            yield RouteInfo(route.path, frozenset(getattr(route, "methods", None) or ()), None)


def _needs_principal(dependant: Dependant | None) -> bool:
    if dependant is None:
        return False
    return dependant.call is current_principal or any(
        _needs_principal(d) for d in dependant.dependencies
    )


def _public(path: str) -> bool:
    return path in PUBLIC or path.startswith("/static")


def test_every_route_but_the_public_ones_requires_a_principal(app: FastAPI) -> None:
    routes = list(_routes(app.routes))
    assert len([r for r in routes if r.path.startswith("/api/")]) >= 20  # the walk sees them
    unguarded = [
        r.path for r in routes if not _public(r.path) and not _needs_principal(r.dependant)
    ]
    assert unguarded == []


def test_every_non_public_route_refuses_a_request_without_a_token(
    app: FastAPI, client: TestClient
) -> None:
    checked = 0
    for route in _routes(app.routes):
        if _public(route.path):
            continue
        path = re.sub(r"\{label\}", "Person", route.path)
        path = re.sub(r"\{[^}]+\}", "x", path)
        page = not path.startswith("/api/") and path != "/logout"
        headers = {"Accept": "text/html"} if page else {}
        for method in route.methods - {"HEAD", "OPTIONS"}:
            response = client.request(method, path, headers=headers, follow_redirects=False)
            checked += 1
            if not page:
                assert response.status_code == 401, (method, path, response.text)
            else:  # a browser asking for a page is sent to the login form
                assert response.status_code == 303, (method, path)
                assert response.headers["location"].startswith("/login?next="), path
    assert checked >= 25


def _login(client: TestClient, secret: str, next_path: str = "/api/people") -> httpx.Response:
    return client.post("/login", data={"token": secret, "next": next_path}, follow_redirects=False)


def test_login_page_is_a_form(client: TestClient) -> None:
    response = client.get("/login")
    assert response.status_code == 200
    assert '<form method="post" action="/login">' in response.text


def test_login_sets_a_session_cookie_that_is_not_the_token(
    client: TestClient, api_settings: Settings
) -> None:
    secret = TokenStore(api_settings.home).create("browser", "reader")
    response = _login(client, secret)
    assert response.status_code == 303 and response.headers["location"] == "/api/people"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert secret not in cookie and secret[len("ggt_") + 13 :] not in cookie
    assert client.get("/api/people").status_code == 200


def test_the_session_cookie_is_secure_over_https(app: FastAPI, api_settings: Settings) -> None:
    secret = TokenStore(api_settings.home).create("https", "reader")
    with TestClient(app, base_url="https://testserver") as client:
        response = _login(client, secret)
    assert "Secure" in response.headers["set-cookie"]


def test_login_with_a_bad_token_is_401_and_sets_no_cookie(client: TestClient) -> None:
    response = _login(client, "ggt_000000000000_" + "A" * 43)
    assert response.status_code == 401
    assert "set-cookie" not in response.headers


def test_login_never_redirects_to_another_host(client: TestClient, api_settings: Settings) -> None:
    secret = TokenStore(api_settings.home).create("redirect", "reader")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        assert _login(client, secret, target).headers["location"] == "/"


def test_logout_ends_the_session_for_good(client: TestClient, api_settings: Settings) -> None:
    secret = TokenStore(api_settings.home).create("leaver", "reader")
    _login(client, secret)
    cookie = client.cookies[COOKIE_NAME]
    assert client.post("/logout", follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE_NAME, cookie)
    assert client.get("/api/people").status_code == 401


def test_a_session_cannot_be_used_from_another_site(
    client: TestClient, api_settings: Settings
) -> None:
    _login(client, TokenStore(api_settings.home).create("csrf", "analyst"))
    body = {"query": "RETURN 1"}
    foreign = client.post("/api/cypher", json=body, headers={"Origin": "https://evil.example"})
    own = client.post("/api/cypher", json=body, headers={"Origin": "http://testserver"})
    assert foreign.status_code == 403
    assert own.status_code == 200


def test_revoking_the_token_ends_its_sessions(client: TestClient, api_settings: Settings) -> None:
    store = TokenStore(api_settings.home)
    _login(client, store.create("revoked-browser", "reader"))
    store.revoke("revoked-browser")
    assert client.get("/api/people").status_code == 401


def test_a_tampered_session_cookie_is_401(client: TestClient, api_settings: Settings) -> None:
    _login(client, TokenStore(api_settings.home).create("tamper", "reader"))
    sid, expires, signature = client.cookies[COOKIE_NAME].split(".")
    client.cookies.set(COOKIE_NAME, f"{sid}.{int(expires) + 10**6}.{signature}")
    assert client.get("/api/people").status_code == 401


def test_the_session_secret_is_generated_privately(api_settings: Settings, app: FastAPI) -> None:
    path = api_settings.home / "session-secret"
    assert len(path.read_text().strip()) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_admins_manage_tokens_through_the_api(client: TestClient, admin_headers: dict) -> None:
    created = client.post(
        "/api/tokens", json={"name": "intranet", "scope": "reader"}, headers=admin_headers
    )
    assert created.status_code == 201
    headers = {"Authorization": f"Bearer {created.json()['token']}"}
    assert client.get("/api/people", headers=headers).status_code == 200
    listed = client.get("/api/tokens", headers=admin_headers).json()
    assert "token" not in listed[0] and {"intranet"} <= {t["name"] for t in listed}
    assert client.delete("/api/tokens/intranet", headers=admin_headers).status_code == 200
    assert client.get("/api/people", headers=headers).status_code == 401
    assert client.delete("/api/tokens/intranet", headers=admin_headers).status_code == 404


def test_development_creates_one_admin_token_when_none_exists(
    api_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = api_settings.model_copy(update={"env": "development"})
    with TestClient(create_app(dev)) as client:
        printed = capsys.readouterr().err
        secret = re.search(r"ggt_[0-9a-f]{12}_[A-Za-z0-9_-]+", printed)
        assert secret is not None
        headers = {"Authorization": f"Bearer {secret.group(0)}"}
        assert client.get("/api/tokens", headers=headers).status_code == 200
    with TestClient(create_app(dev)):
        assert "ggt_" not in capsys.readouterr().err
    assert [t.name for t in TokenStore(dev.home).list()] == ["local-admin"]


@pytest.mark.parametrize("env", ["test", "production"])
def test_outside_development_no_token_is_created(
    api_settings: Settings, env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = api_settings.model_copy(update={"env": env})
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/people").status_code == 401
    assert "ggt_" not in capsys.readouterr().err
    assert TokenStore(settings.home).list() == []
