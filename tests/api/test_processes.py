"""Two `govgraph serve` processes against one Neo4j share logins, and a revocation through one
holds on the other: for its sessions at the very next request, for the bearer token within
``[api] token_cache_seconds`` (the per-process cache of verified tokens)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from api.auth import COOKIE_NAME
from benchmarks.server import ApiServer, api_server
from core.settings import Settings
from graph.driver import Graph, connection
from soak.neo4j import free_port
from tests.support import audit_log, clear_access_records, token_store

Pair = tuple[ApiServer, ApiServer]


@pytest.fixture(scope="module")
def two_apps(
    settings: Settings, session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pair]:
    """Two app processes on two ports, each with a home of its own, one Neo4j."""
    conn = connection(settings)
    with ExitStack() as stack:
        first, second = (
            stack.enter_context(
                api_server(
                    conn,
                    home=Path(tmp_path_factory.mktemp(f"process-{n}")),
                    port=free_port(),
                    token_scope=None,
                )
            )
            for n in (1, 2)
        )
        yield first, second


@pytest.fixture
def tokens(settings: Settings, session_graph: Graph) -> dict[str, str]:
    """A reader and an admin token, the only tokens there are."""
    clear_access_records(session_graph)
    store = token_store(settings)
    return {scope: store.create(f"two-{scope}", scope) for scope in ("reader", "admin")}


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _login(app: ApiServer, secret: str) -> str:
    response = httpx.post(
        f"{app.base}/login", data={"token": secret, "next": "/"}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return response.cookies[COOKIE_NAME]


def test_a_session_opened_on_one_process_works_on_the_other(
    two_apps: Pair, tokens: dict[str, str]
) -> None:
    first, second = two_apps
    cookie = _login(first, tokens["reader"])
    answer = httpx.get(f"{second.base}/api/people", cookies={COOKIE_NAME: cookie})
    assert answer.status_code == 200


def test_a_logout_on_one_process_ends_the_session_on_the_other(
    two_apps: Pair, tokens: dict[str, str]
) -> None:
    first, second = two_apps
    cookie = _login(first, tokens["reader"])
    out = httpx.post(f"{second.base}/logout", cookies={COOKIE_NAME: cookie}, follow_redirects=False)
    assert out.status_code == 303
    assert httpx.get(f"{first.base}/api/people", cookies={COOKIE_NAME: cookie}).status_code == 401


def test_a_token_revoked_on_one_process_is_refused_by_the_other_within_the_bound(
    two_apps: Pair, tokens: dict[str, str], settings: Settings
) -> None:
    first, second = two_apps
    reader = tokens["reader"]
    cookie = _login(second, reader)
    assert httpx.get(f"{second.base}/api/people", headers=_bearer(reader)).status_code == 200
    revoked = httpx.delete(f"{first.base}/api/tokens/two-reader", headers=_bearer(tokens["admin"]))
    assert revoked.status_code == 200
    started = time.monotonic()
    by_session = httpx.get(f"{second.base}/api/people", cookies={COOKIE_NAME: cookie})
    assert by_session.status_code == 401  # sessions are read from Neo4j at every request
    while (
        by_token := httpx.get(f"{second.base}/api/people", headers=_bearer(reader))
    ).status_code == 200 and time.monotonic() - started < 10:
        time.sleep(0.1)
    assert by_token.status_code == 401
    assert time.monotonic() - started < settings.api.token_cache_seconds + 1.0


def test_both_processes_write_one_audit_chain(
    two_apps: Pair, tokens: dict[str, str], settings: Settings
) -> None:
    for app in two_apps * 3:
        assert httpx.get(f"{app.base}/api/people", headers=_bearer(tokens["reader"])).is_success
    log = audit_log(settings)
    assert len([e for e in log.entries() if e.action == "people.list"]) == 6
    assert log.verify().problem is None
