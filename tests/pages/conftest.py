"""The pages under test: the example forvaltning in the suite's Neo4j, the app on a loopback port,
and Debian's Chromium driven by Playwright. Without Chromium the browser tests say so: they skip,
or under CI fail.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.errors import NotFound
from core.records import Problem
from core.settings import DecisionSettings, Settings
from graph import admin, entities
from graph.driver import WRITE, Graph
from graph.handover import handover
from graph.loading import import_options, read_batch, run_import
from graph.personal_links import link_key, sign_opt_out
from graph.rules import evaluate
from tests.api.conftest import settings_for
from tests.campaigns.examples import start_example_campaign
from tests.support import ROOT, headless_chromium, serving, token_store

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SOURCES = (
    "ZLPE20261001120000_delta.xml",
    "ZLPE20261101120000_delta.xml",
    "kitos",
    "register.xlsx",
)
# The examples describe November 2026; the pages are read as of this day.
AS_OF = "2026-11-15"
VIEWPORT = {"width": 1366, "height": 900}


@dataclass(frozen=True, slots=True)
class LiveApp:
    """The app served on loopback, its home (tokens, audit log), an analyst and a reader token."""

    url: str
    home: Path
    token: str
    reader_token: str
    secretariat_token: str = ""
    approver_token: str = ""


@dataclass(slots=True)
class Watch:
    """What a browser page did: hosts it asked for and errors it logged."""

    hosts: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="package")
def example_graph(session_graph: Graph, settings: Settings, examples: Path) -> Graph:
    """The example forvaltning, imported in the documented order into an empty graph."""
    admin.reset_database(session_graph)
    admin.init_database(session_graph)
    options = import_options(settings)
    for name in SOURCES:
        path = examples / name
        batch = read_batch(path, None, options)
        assert not isinstance(batch, Problem), str(batch)
        outcome = run_import(session_graph, batch, path=path, dry_run=False)
        assert outcome.summary is not None, [str(p) for p in outcome.problems]
    _warm_up(session_graph)
    return session_graph


def app_settings(settings: Settings, home: Path) -> Settings:
    """The suite's settings with another home, reaching the suite's Neo4j by URI."""
    return settings_for(settings, home, max_page_size=settings.api.max_page_size)


@pytest.fixture(scope="package")
def live_app(
    settings: Settings, example_graph: Graph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveApp]:
    """The app on a free loopback port, in a thread, against the examples."""
    home = tmp_path_factory.mktemp("pages-home")
    served = app_settings(settings, home)
    # Four eyes: appointing a systemejer needs the approval of another secretariat user.
    served = served.model_copy(
        update={"decisions": DecisionSettings(approval={"systemejer": "afdelingschef"})}
    )
    # The pages' users: an analyst sees every tool (handover, exports), a reader fewer; the
    # secretariat decides, and four eyes need a second person of it to approve. Their tokens
    # live in the suite's Neo4j beside those of other packages' tests.
    names = ("pages-analyst", "pages-reader", "pages-sekretariat", "pages-godkender")
    for name in names:
        with contextlib.suppress(NotFound):
            token_store(served).revoke(name)
    token = token_store(served).create("pages-analyst", "analyst")
    reader_token = token_store(served).create("pages-reader", "reader")
    secretariat_token = token_store(served).create("pages-sekretariat", "secretariat")
    approver_token = token_store(served).create("pages-godkender", "secretariat")
    with serving(create_app(served)) as url:
        yield LiveApp(url, home, token, reader_token, secretariat_token, approver_token)


@pytest.fixture
def client(
    settings: Settings, example_graph: Graph, tmp_path: Path
) -> Iterator[tuple[TestClient, str]]:
    """An in-process client of a fresh app, sending an analyst token; and the token's name."""
    home = tmp_path / "home"
    served = app_settings(settings, home)
    name = f"pages-client-{secrets.token_hex(4)}"
    token = token_store(served).create(name, "analyst")
    with TestClient(create_app(served)) as c:
        c.headers["Authorization"] = f"Bearer {token}"
        yield c, name


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, for the package's tests."""
    with headless_chromium() as launched:
        yield launched


@pytest.fixture(scope="package")
def login_state(browser: Any, live_app: LiveApp, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A browser session logged in through the login form, saved for each test's context."""
    context = browser.new_context(base_url=live_app.url)
    page = context.new_page()
    page.goto("/login")
    page.fill("#token", live_app.token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_app.url}/")
    path = tmp_path_factory.mktemp("browser") / "state.json"
    context.storage_state(path=str(path))
    context.close()
    return str(path)


@pytest.fixture
def watch() -> Watch:
    """The hosts and errors of the test's page."""
    return Watch()


@pytest.fixture
def page(browser: Any, live_app: LiveApp, login_state: str, watch: Watch) -> Iterator[Any]:
    """A logged-in page (an analyst) that records every host it asks for and every error."""
    with _watched_page(browser, live_app, watch, storage_state=login_state) as opened:
        yield opened


@pytest.fixture
def reader_page(browser: Any, live_app: LiveApp, watch: Watch) -> Iterator[Any]:
    """A page logged in through the form with a reader token (no handover, no exports)."""
    with _watched_page(browser, live_app, watch) as opened:
        opened.goto("/login")
        opened.fill("#token", live_app.reader_token)
        opened.click("button[type=submit]")
        opened.wait_for_url(f"{live_app.url}/")
        yield opened


@pytest.fixture
def secretariat_page(browser: Any, live_app: LiveApp, watch: Watch) -> Iterator[Any]:
    """A page logged in through the form with a secretariat token (it may decide), in Danish."""
    with _watched_page(browser, live_app, watch, locale="da-DK") as opened:
        log_in(opened, live_app, live_app.secretariat_token)
        yield opened


@pytest.fixture
def approver_page(browser: Any, live_app: LiveApp) -> Iterator[Any]:
    """A page of a second secretariat user, who approves what the first proposed."""
    with _watched_page(browser, live_app, Watch(), locale="da-DK") as opened:
        log_in(opened, live_app, live_app.approver_token)
        yield opened


def log_in(page: Any, live_app: LiveApp, token: str) -> None:
    """Log in through the login form with ``token``."""
    page.goto("/login")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_app.url}/")


@pytest.fixture
def undo_decisions(example_graph: Graph) -> Iterator[Graph]:
    """The example graph, with what the test's decisions created removed afterwards (the other
    page tests read the examples as imported). Decisions that end a role are not undone."""
    yield example_graph
    example_graph.query(UNDO_DECISIONS, routing=WRITE)
    example_graph.query("MATCH (d:Decision) DETACH DELETE d", routing=WRITE)


UNDO_DECISIONS = (
    "MATCH ()-[r]->() WHERE r.source = 'decision' DELETE r "
    "WITH count(*) AS removed MATCH (rv:Review) WHERE rv.source = 'decision' DETACH DELETE rv"
)


@pytest.fixture
def anonymous_page(browser: Any, live_app: LiveApp, watch: Watch) -> Iterator[Any]:
    """A page that has not logged in."""
    with _watched_page(browser, live_app, watch) as opened:
        yield opened


@contextmanager
def _watched_page(browser: Any, live_app: LiveApp, watch: Watch, **options: Any) -> Iterator[Any]:
    """A page in a context of its own whose hosts and console errors ``watch`` records."""
    context = browser.new_context(
        base_url=live_app.url, viewport=VIEWPORT, accept_downloads=True, **options
    )
    _observe(context, watch)
    opened = context.new_page()
    opened.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: watch.errors.append(str(e)))
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture(scope="package")
def example_campaign(example_graph: Graph, settings: Settings) -> tuple[str, str]:
    """A campaign over the example forvaltning, and the personal link of one of its tasks."""
    return start_example_campaign(example_graph, settings)


@pytest.fixture(scope="package")
def keys(example_graph: Graph, example_campaign: tuple[str, str]) -> dict[str, str]:
    """Keys of example entities the tests visit, found by name."""
    as_of = date.fromisoformat(AS_OF)

    def system(name: str) -> str:
        found = entities.list_systems(example_graph, as_of=as_of, limit=5, offset=0, q=name)
        return next(s.key for s in found.items if s.name == name)

    def person(name: str) -> str:
        found = entities.list_people(
            example_graph, as_of=as_of, limit=5, offset=0, q=name, include_departed=True
        )
        return next(p.key for p in found.items if p.name == name)

    acadre = system("Acadre")
    organisation = entities.system_organisation(example_graph, acadre, as_of=as_of)
    assert len(organisation.owners) == 1, "the examples give Acadre one owner"
    return {
        "acadre": acadre,
        "doc2mail": system("Doc2Mail"),
        "acadre_owner": organisation.owners[0].key,
        "karen": person("Karen Thomsen"),
        "maja": person("Maja Lauridsen"),
        "morten": person("Morten Krogh"),
        "secretariat": "010100",
        "integration": "011050",
        "campaign": example_campaign[0],
        "task_link": example_campaign[1],
        "opt_out_link": sign_opt_out(example_graph.write(link_key), person("Maja Lauridsen")),
    }


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_graph(page: Any, element_id: str = "role-graph") -> None:
    """Wait until the role graph has stabilised and stopped its physics."""
    page.wait_for_selector(f"#{element_id}[data-state=ready]", timeout=30_000)


def _observe(context: Any, watch: Watch) -> None:
    """Record the host of every request; let only loopback through."""

    def route(request_route: Any) -> None:
        url = urlsplit(request_route.request.url)
        if url.scheme in ("http", "https", "ws", "wss"):
            watch.hosts.add(url.hostname or "")
        if url.scheme in ("http", "https") and url.hostname != "127.0.0.1":
            request_route.abort()
        else:
            request_route.continue_()

    context.route("**/*", route)


def _warm_up(graph: Graph) -> None:
    """Have Neo4j plan the rules' and the handover's queries once (the first run takes seconds)."""
    as_of = date.fromisoformat(AS_OF)
    evaluate(graph, as_of=as_of)
    leaver = entities.list_people(graph, as_of=as_of, limit=1, offset=0, q="Morten Krogh")
    handover(graph, leaver.items[0].key, as_of=as_of)
