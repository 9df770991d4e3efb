"""Nothing without a token: bearer tokens, scopes, revocation, browser sessions, every route."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import COOKIE_NAME, SessionStore, current_principal
from api.token_store import TokenStore
from benchmarks.server import api_server
from core.settings import Settings
from graph.driver import Graph, connection
from soak.neo4j import free_port
from tests.api import routes
from tests.api.conftest import settings_for
from tests.api.routes import walk_routes
from tests.support import clear_access_records, token_store

pytestmark = pytest.mark.usefixtures("seeded")
# /logout answers without a principal too, but it asks for one (to end its session).
PUBLIC = routes.PUBLIC - {"/logout"}


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
        ("analyst", "POST", "/api/decisions"),
        ("analyst", "POST", "/api/decisions/x/approve"),
        ("reader", "POST", "/api/decisions/x/reject"),
        ("secretariat", "POST", "/api/imports"),
        ("secretariat", "GET", "/api/tokens"),
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


def test_a_token_revoked_elsewhere_stops_working_within_the_cache_bound(
    client: TestClient, api_settings: Settings
) -> None:
    store = token_store(api_settings)
    secret = store.create("soon-revoked", "reader")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/people", headers=headers).status_code == 200
    token_store(api_settings).revoke("soon-revoked")  # as `govgraph token revoke` does
    time.sleep(api_settings.api.token_cache_seconds)
    assert client.get("/api/people", headers=headers).status_code == 401


def test_a_token_revoked_through_the_app_stops_working_at_once(
    client: TestClient, api_settings: Settings, admin_headers: dict[str, str]
) -> None:
    secret = token_store(api_settings).create("revoked-here", "reader")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/people", headers=headers).status_code == 200
    assert client.delete("/api/tokens/revoked-here", headers=admin_headers).status_code == 200
    assert client.get("/api/people", headers=headers).status_code == 401


def test_tokens_are_stored_in_neo4j_only_as_argon2_hashes(
    api_settings: Settings, session_graph: Graph
) -> None:
    secret = token_store(api_settings).create("hashed", "reader")
    [stored] = session_graph.query("MATCH (t:AuthToken {name: 'hashed'}) RETURN t {.*} AS t")
    text = str(stored["t"])
    assert secret not in text and secret[len("ggt_") + 13 :] not in text
    assert stored["t"]["hash"].startswith("$argon2id$")


def _needs_principal(dependant: Dependant | None) -> bool:
    if dependant is None:
        return False
    return dependant.call is current_principal or any(
        _needs_principal(d) for d in dependant.dependencies
    )


def _public(path: str) -> bool:
    return path in PUBLIC or path.startswith("/static")


def test_every_route_but_the_public_ones_requires_a_principal(app: FastAPI) -> None:
    routes = list(walk_routes(app.routes))
    assert len([r for r in routes if r.path.startswith("/api/")]) >= 20  # the walk sees them
    unguarded = [
        r.path for r in routes if not _public(r.path) and not _needs_principal(r.dependant)
    ]
    assert unguarded == []


def test_every_non_public_route_refuses_a_request_without_a_token(
    app: FastAPI, client: TestClient
) -> None:
    checked = 0
    for route in walk_routes(app.routes):
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
    secret = token_store(api_settings).create("browser", "reader")
    response = _login(client, secret)
    assert response.status_code == 303 and response.headers["location"] == "/api/people"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert secret not in cookie and secret[len("ggt_") + 13 :] not in cookie
    assert client.get("/api/people").status_code == 200


def test_the_session_cookie_is_secure_over_https(app: FastAPI, api_settings: Settings) -> None:
    secret = token_store(api_settings).create("https", "reader")
    with TestClient(app, base_url="https://testserver") as client:
        response = _login(client, secret)
    assert "Secure" in response.headers["set-cookie"]


def test_login_with_a_bad_token_is_401_and_sets_no_cookie(client: TestClient) -> None:
    response = _login(client, "ggt_000000000000_" + "A" * 43)
    assert response.status_code == 401
    assert "set-cookie" not in response.headers


def test_login_never_redirects_to_another_host(client: TestClient, api_settings: Settings) -> None:
    secret = token_store(api_settings).create("redirect", "reader")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        assert _login(client, secret, target).headers["location"] == "/"


def test_logout_ends_the_session_for_good(client: TestClient, api_settings: Settings) -> None:
    secret = token_store(api_settings).create("leaver", "reader")
    _login(client, secret)
    cookie = client.cookies[COOKIE_NAME]
    assert client.post("/logout", follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE_NAME, cookie)
    assert client.get("/api/people").status_code == 401


def test_a_session_cannot_be_used_from_another_site(
    client: TestClient, api_settings: Settings
) -> None:
    _login(client, token_store(api_settings).create("csrf", "analyst"))
    body = {"query": "RETURN 1"}
    foreign = client.post("/api/cypher", json=body, headers={"Origin": "https://evil.example"})
    own = client.post("/api/cypher", json=body, headers={"Origin": "http://testserver"})
    assert foreign.status_code == 403
    assert own.status_code == 200


def test_revoking_the_token_ends_its_sessions(client: TestClient, api_settings: Settings) -> None:
    store = token_store(api_settings)
    _login(client, store.create("revoked-browser", "reader"))
    store.revoke("revoked-browser")
    assert client.get("/api/people").status_code == 401


def test_a_tampered_session_cookie_is_401(client: TestClient, api_settings: Settings) -> None:
    _login(client, token_store(api_settings).create("tamper", "reader"))
    sid, expires, signature = client.cookies[COOKIE_NAME].split(".")
    client.cookies.set(COOKIE_NAME, f"{sid}.{int(expires) + 10**6}.{signature}")
    assert client.get("/api/people").status_code == 401


def test_every_app_process_signs_sessions_with_one_secret_kept_in_neo4j(
    api_settings: Settings, session_graph: Graph
) -> None:
    first = SessionStore(session_graph, secret=None, hours=1)
    second = SessionStore(session_graph, secret=None, hours=1)
    assert len(first.secret) >= 40 and first.secret == second.secret
    secret = token_store(api_settings).create("shared", "reader")
    principal = token_store(api_settings).verify(secret)
    assert principal is not None
    found = second.find(first.open(principal))
    assert found is not None and found.principal.name == "shared"
    assert not (api_settings.home / "session-secret").exists()


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
    api_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    dev = api_settings.model_copy(update={"env": "development"})
    with caplog.at_level(logging.WARNING, "govgraph"), TestClient(create_app(dev)) as client:
        secret = re.search(r"ggt_[0-9a-f]{12}_[A-Za-z0-9_-]+", caplog.text)
        assert secret is not None
        headers = {"Authorization": f"Bearer {secret.group(0)}"}
        assert client.get("/api/tokens", headers=headers).status_code == 200
    caplog.clear()
    with caplog.at_level(logging.WARNING, "govgraph"), TestClient(create_app(dev)):
        assert "ggt_" not in caplog.text
    assert [t.name for t in token_store(dev).list()] == ["local-admin"]


@pytest.mark.parametrize("env", ["test", "production"])
def test_outside_development_no_token_is_created(
    api_settings: Settings,
    env: str,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = api_settings.model_copy(update={"env": env})
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/people").status_code == 401
    assert "ggt_" not in capsys.readouterr().err + caplog.text
    assert token_store(settings).list() == []


@pytest.mark.parametrize(
    ("environment", "printed"),
    [({"GOVGRAPH_ENV": "development"}, True), ({"GOVGRAPH_ENV": None}, False)],
    ids=["development", "unset"],
)
def test_govgraph_serve_prints_a_token_only_when_told_it_is_development(
    settings: Settings,
    session_graph: Graph,
    tmp_path: Path,
    environment: dict[str, str | None],
    printed: bool,
) -> None:
    clear_access_records(session_graph)
    with api_server(
        connection(settings),
        home=tmp_path / "home",
        port=free_port(),
        token_scope=None,
        environment=environment,
    ) as server:
        log = server.log.read_text(encoding="utf-8")
        shown = re.findall(r"ggt_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}", log)
        headers = {"Authorization": f"Bearer {shown[0]}"} if shown else {}
        answer = httpx.get(f"{server.base}/api/tokens", headers=headers, timeout=30).status_code
    if printed:
        assert len(shown) == 1 and "local-admin" in log  # through the log, not a bare print
        assert answer == 200
    else:
        assert shown == [] and "ggt_" not in log
        assert answer == 401
        assert token_store(settings).list() == []


def test_a_login_from_another_site_is_refused(client: TestClient, api_settings: Settings) -> None:
    secret = token_store(api_settings).create("planted", "reader")
    for header in ({"Origin": "https://evil.example"}, {"Referer": "https://evil.example/x"}):
        response = client.post(
            "/login", data={"token": secret}, headers=header, follow_redirects=False
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
        assert "set-cookie" not in response.headers
    own = client.post(
        "/login",
        data={"token": secret},
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )
    assert own.status_code == 303 and own.headers["set-cookie"].startswith(f"{COOKIE_NAME}=")


def _wrong(secret: str) -> str:
    return secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")


@pytest.fixture
def limited(settings: Settings, api_settings: Settings) -> Settings:
    """Settings whose tokens and clients may fail three times in the window."""
    return settings_for(settings, api_settings.home, auth_failures=3)


def test_wrong_secrets_for_a_token_are_refused_429_after_the_limit(
    limited: Settings,
) -> None:
    store = token_store(limited)
    target, other = store.create("target", "reader"), store.create("other", "reader")
    app = create_app(limited)
    with TestClient(app, client=("192.0.2.1", 50000)) as client:
        bearer = {"Authorization": f"Bearer {_wrong(target)}"}
        statuses = [client.get("/api/people", headers=bearer).status_code for _ in range(4)]
        refused = client.get("/api/people", headers=bearer)
    assert statuses == [401, 401, 401, 429]
    assert refused.json()["error"]["code"] == "too-many-attempts"
    assert 0 < int(refused.headers["Retry-After"]) <= limited.api.auth_failure_window
    with TestClient(app, client=("192.0.2.2", 50000)) as client:
        # The token id is held up from every address, even with its right secret ...
        right = client.get("/api/people", headers={"Authorization": f"Bearer {target}"})
        # ... while another token, from another address, is not.
        unrelated = client.get("/api/people", headers={"Authorization": f"Bearer {other}"})
    assert right.status_code == 429
    assert unrelated.status_code == 200


def test_a_secret_checked_before_still_works_while_its_token_is_held_up(
    limited: Settings,
) -> None:
    secret = token_store(limited).create("known", "reader")
    with TestClient(create_app(limited)) as client:
        assert client.get("/api/people", headers={"Authorization": f"Bearer {secret}"}).is_success
        for _ in range(4):
            client.get("/api/people", headers={"Authorization": f"Bearer {_wrong(secret)}"})
        known = client.get("/api/people", headers={"Authorization": f"Bearer {secret}"})
    assert known.status_code == 200


def test_failed_logins_are_limited_too(limited: Settings) -> None:
    secret = token_store(limited).create("form", "reader")
    with TestClient(create_app(limited)) as client:
        answers = [_login(client, _wrong(secret)) for _ in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert "Too many failed attempts" in answers[-1].text
    assert int(answers[-1].headers["Retry-After"]) > 0
    assert "set-cookie" not in answers[-1].headers


class GatedHasher(PasswordHasher):
    """argon2, except that checks of one token's secrets wait at a gate until it opens."""

    def __init__(self, held_id: str) -> None:
        super().__init__()
        self.held_id = held_id
        self.waiting = threading.Semaphore(0)
        self.gate = threading.Event()

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        if str(password).startswith(f"ggt_{self.held_id}_"):
            self.waiting.release()
            self.gate.wait(timeout=60)
        return super().verify(hash, password)


def test_a_login_completes_while_wrong_secrets_for_another_token_are_being_checked(
    api_settings: Settings,
) -> None:
    store = token_store(api_settings)
    flooded, mine = store.create("flooded", "reader"), store.create("mine", "reader")
    hasher = GatedHasher(held_id=flooded.split("_")[1])
    app = create_app(api_settings)
    flood = 8
    with TestClient(app) as client, ThreadPoolExecutor(flood) as pool:
        app.state.tokens = TokenStore(
            app.state.graph, limiter=app.state.login_failures, hasher=hasher
        )
        bearer = {"Authorization": f"Bearer {_wrong(flooded)}"}
        wrong = [pool.submit(client.get, "/api/people", headers=bearer) for _ in range(flood)]
        try:
            for _ in range(flood):  # every one of them is inside argon2 at once
                assert hasher.waiting.acquire(timeout=30), "the checks ran one at a time"
            started = time.monotonic()
            response = _login(client, mine)
            took = time.monotonic() - started
        finally:
            hasher.gate.set()
        assert [w.result(timeout=60).status_code for w in wrong] == [401] * flood
    assert response.status_code == 303
    assert took < 5


def test_a_burst_with_a_token_new_to_the_process_is_answered_not_refused(
    client: TestClient, api_settings: Settings
) -> None:
    secret = token_store(api_settings).create("burst", "reader")
    headers = {"Authorization": f"Bearer {secret}"}
    burst = api_settings.api.auth_failures * 3  # more checks at once than the failure limit
    with ThreadPoolExecutor(burst) as pool:
        answers = list(pool.map(lambda _: client.get("/api/people", headers=headers), range(burst)))
    assert [a.status_code for a in answers] == [200] * burst
