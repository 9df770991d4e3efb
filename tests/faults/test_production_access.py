"""Outside development no default credential opens anything: only /health answers.

The app runs with ``GOVGRAPH_ENV=production`` and no token configured. Every route of the app
(walked through included routers too, so a new route cannot be forgotten) is asked without
credentials and with the credentials an attacker tries first; all but the public few answer 401.
"""

from __future__ import annotations

import base64
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from starlette.routing import BaseRoute

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on its httpx client
    from fastapi.testclient import TestClient

from api.app import DEV_TOKEN_NAME, create_app
from core.settings import Settings
from govgraph.local_neo4j import local_database
from graph.driver import Graph
from tests.api.conftest import settings_for
from tests.api.routes import PUBLIC, PUBLIC_PREFIXES
from tests.support import clear_access_records, token_store


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def database_password(settings: Settings) -> str:
    """The Neo4j password of the suite: the local one's generated password, or NEO4J_PASSWORD."""
    if settings.uses_local_database:
        return local_database(settings).password()
    return settings.neo4j_password or ""


def default_credentials(settings: Settings) -> list[dict[str, str]]:
    """No credentials, and those tried first: default names, the database's own password."""
    return [
        {},
        {"Authorization": f"Bearer {DEV_TOKEN_NAME}"},
        {"Authorization": "Bearer admin"},
        {"Authorization": "Bearer neo4j"},
        {"Authorization": basic("neo4j", "neo4j")},
        {"Authorization": basic("admin", "admin")},
        {"Authorization": basic("neo4j", database_password(settings))},
        {"Authorization": f"Bearer {database_password(settings)}"},
        {"Cookie": "govgraph_session=admin"},
    ]


def flat_routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route, looking into included routers (FastAPI keeps them wrapped in app.routes)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from flat_routes(inner.routes)
        else:
            yield route


def requests_of(routes: Iterable[BaseRoute]) -> list[tuple[str, str]]:
    """(method, concrete path) for every route, path parameters filled in."""
    found = []
    for route in routes:
        path = getattr(route, "path", "")
        for method in sorted(set(getattr(route, "methods", None) or {"GET"}) - {"HEAD"}):
            concrete = re.sub(r"\{label\}", "Person", path)
            found.append((method, re.sub(r"\{[^}]+\}", "x", concrete)))
    return found


@pytest.fixture
def production(settings: Settings, session_graph: Graph, tmp_path: Path) -> Settings:
    """Production settings with a fresh home: no token exists."""
    clear_access_records(session_graph)
    return settings_for(settings, tmp_path / "home").model_copy(update={"env": "production"})


def test_the_route_walk_sees_every_documented_endpoint(production: Settings) -> None:
    app = create_app(production)
    walked = {getattr(r, "path", "") for r in flat_routes(app.routes)}
    documented = set(app.openapi()["paths"])
    assert documented and documented <= walked, documented - walked


def test_in_production_without_a_token_only_the_public_routes_answer(
    production: Settings, settings: Settings
) -> None:
    with TestClient(create_app(production)) as client:
        guarded = [
            route
            for route in flat_routes(client.app.routes)  # type: ignore[attr-defined]
            if (path := getattr(route, "path", "")) not in PUBLIC
            and not path.startswith(PUBLIC_PREFIXES)
        ]
        requests = requests_of(guarded)
        assert len(requests) > 20
        for headers in default_credentials(settings):
            for method, path in requests:
                response = client.request(method, path, headers=headers, follow_redirects=False)
                assert response.status_code == 401, (method, path, headers, response.text)
    assert token_store(production).list() == []


def test_in_production_health_says_only_whether_neo4j_answers(production: Settings) -> None:
    with TestClient(create_app(production)) as client:
        response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"neo4j": "up"})


def test_in_production_no_default_token_logs_in(production: Settings, settings: Settings) -> None:
    with TestClient(create_app(production)) as client:
        for token in (DEV_TOKEN_NAME, "admin", "neo4j", database_password(settings)):
            response = client.post(
                "/login", data={"token": token, "next": "/"}, follow_redirects=False
            )
            assert response.status_code == 401, token
            assert "govgraph_session" not in response.headers.get("set-cookie", "")
