"""What the tests share beyond fixtures: the tools they need (Java, Chromium), the examples.

A test that needs a tool the machine may lack (Java, Chromium, axe-core) calls `require`: on a
developer's machine it skips and says what to install; under CI (``CI=true``) it fails, so a
green run in CI never hides tests that did not run.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

from api.audit import AuditLog
from api.token_store import TokenStore
from core.errors import LocalDatabaseError
from core.settings import Settings
from govgraph.local_neo4j import check_java
from graph.driver import WRITE, Graph

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    """True when the suite runs in CI, where nothing may be skipped for a missing tool."""
    return os.environ.get("CI", "").lower() == "true"


def missing_tool(why: str) -> NoReturn:
    """Skip the test, saying ``why``; under CI, fail it."""
    if in_ci():
        pytest.fail(f"{why} (CI=true: a missing tool fails the run)", pytrace=False)
    pytest.skip(why)


def require(condition: bool, why: str) -> None:
    """Go on when ``condition`` holds; else `missing_tool`."""
    if not condition:
        missing_tool(why)


def require_java() -> None:
    """Java 17 or later, which a local Neo4j of a test's own needs."""
    try:
        check_java()
    except LocalDatabaseError as e:
        missing_tool(f"a local Neo4j of the test's own needs Java: {e.message}")


@contextmanager
def headless_chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    require(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}: run `make browser`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def generate_examples(out: Path) -> Path:
    """Write the example forvaltning's sources into ``out`` with examples/generate.py."""
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "generate.py"), str(out)],
        check=True,
        capture_output=True,
    )
    return out


def openapi_operations(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """Each operation of an OpenAPI document, as (method, path)."""
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    ]


# -- tokens, sessions and the audit log, which live in the suite's Neo4j ------------------------
_GRAPHS: dict[tuple[str, str], Graph] = {}


def graph_for(settings: Settings) -> Graph:
    """A driver for the Neo4j these settings reach, opened once per server for the session."""
    key = (settings.neo4j_uri or str(settings.home), settings.neo4j_database)
    if key not in _GRAPHS:
        _GRAPHS[key] = Graph.from_settings(settings)
    return _GRAPHS[key]


def token_store(settings: Settings) -> TokenStore:
    """The tokens in the Neo4j of these settings (as `govgraph token` reaches them)."""
    return TokenStore(graph_for(settings))


def audit_log(settings: Settings) -> AuditLog:
    """The audit log in the Neo4j of these settings."""
    return AuditLog(graph_for(settings), retention_days=settings.api.audit_retention_days)


def clear_access_records(graph: Graph) -> None:
    """Delete every token, session and audit entry: each test starts with none of them."""
    graph.query("MATCH (n:Auth) DETACH DELETE n", routing=WRITE)


@atexit.register
def _close_graphs() -> None:
    for graph in _GRAPHS.values():
        graph.close()


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    from soak.neo4j import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
