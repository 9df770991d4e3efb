"""Every page meets WCAG 2.1 A and AA as axe-core checks it in headless Chromium, in both languages.

axe-core comes from the npm registry at the version the Makefile pins (`make axe`). It is put into
each page through the browser's script evaluation, not a script tag: the pages' CSP may forbid
inline scripts, and the app's templates never carry it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from api.app import create_app
from core.settings import Settings
from tests.pages.conftest import AS_OF, ROOT, app_settings, wait_for_graph
from tests.support import require

pytestmark = pytest.mark.browser

AXE = ROOT / "build" / "axe" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# Example addresses of every page route, from the example data. The routes are read from the
# app, so a new page fails test_every_page_route_has_an_example until it is added here.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "/": ("/", "/?q=jobcenter"),
    "/person/{key:path}": ("/person/{maja}", "/person/{karen}", "/person/nobody"),
    "/system/{key:path}": ("/system/{acadre}",),
    "/unit/{key:path}": ("/unit/{integration}", "/unit/{secretariat}?depth=2"),
    "/forum/{key:path}": ("/forum/isu",),
    "/gaps": ("/gaps", "/gaps?severity=high"),
    "/overview": ("/overview",),
    "/handover": ("/handover", "/handover?person={morten}&q=Lauridsen"),
    "/handover/plan": ("/handover/plan?person={morten}",),
    "/min-rolle": ("/min-rolle?q=lauridsen", "/min-rolle?person={maja}"),
    "/reports/quarterly": ("/reports/quarterly?quarter=2026Q4",),
    "/login": ("/login",),
    "/decide": (
        "/decide?type=appoint&role=systemejer&subject={doc2mail}&subject_label=System",
        "/decide?type=review&subject={acadre}&subject_label=System&review_kind=owner_review",
        "/decide?type=facts&subject={acadre}&subject_label=System"
        "&facts=handles_personal_data,dpa_status",
        "/decide?type=accept-risk&subject={doc2mail}&subject_label=System&rule=GM-01",
    ),
    "/decisions": ("/decisions",),
    "/campaigns": ("/campaigns",),
    "/sync": ("/sync",),
    "/campaigns/{key}": ("/campaigns/{campaign}",),
    "/campaigns/{key}/report": ("/campaigns/{campaign}/report",),
    "/opgave/{token}": ("/opgave/{task_link}", "/opgave/not-a-link"),
    "/afmeld/{token}": ("/afmeld/{opt_out_link}", "/afmeld/not-a-link"),
}
# Pages only the secretariat may open (the Fix form).
SECRETARIAT = frozenset({"/decide"})
# The error page, shown by any page route.
STATUS = {"/person/nobody": 404, "/opgave/not-a-link": 404, "/afmeld/not-a-link": 404}
# Routes that answer with a file rather than a page.
DOWNLOADS = frozenset(
    {"/gaps.xlsx", "/reports/quarterly.xlsx", "/handover/plan.xlsx", "/campaigns/{key}/report.xlsx"}
)
# Swagger UI's pages: its own markup and styles, served as fastapi-offline ships them.
NOT_OURS = frozenset({"/docs", "/docs/oauth2-redirect"})
# Single sign-on's steps: redirects to and from the identity provider. Its one page of its own,
# "no access", is checked by axe in tests/sso/test_browser_login.py, after a real login.
SSO_STEPS = frozenset({"/login/sso", "/login/sso/callback"})
ANONYMOUS = frozenset({"/login", "/opgave/{token}", "/afmeld/{token}"})  # personal links
OPEN_DETAILS = "() => [...document.querySelectorAll('details:not([open])')].map(d => d.open = true)"
# The login form is rendered by api.auth, which does not read the reader's language (yet).
DANISH_ONLY = {"/login": ("da",)}


@cache
def axe_source() -> str:
    """axe.min.js as `make axe` fetched it."""
    require(AXE.exists(), f"axe-core is not at {AXE.relative_to(ROOT)}: run `make axe`.")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page: rule, impact and where."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(f"{axe_source()}\n;undefined")
    violations: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                       resultTypes: ["violations"]})
                  .then(r => r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.map(n => n.target.join(" "))})))""",
        list(WCAG_TAGS),
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'][:8])}"
        + (f" and {len(v['targets']) - 8} more" if len(v["targets"]) > 8 else "")
        for v in violations
    ]


def page_routes(settings: Settings, home: Path) -> set[str]:
    """The paths of the app's pages: its GET routes that are not part of the API's schema."""
    app = create_app(app_settings(settings, home))
    return {
        str(route.path)
        for route in iter_route_contexts(app.routes)
        if isinstance(route.original_route, APIRoute)
        and "GET" in (route.methods or ())
        and not route.include_in_schema
    }


def test_every_page_route_has_an_example(settings: Settings, tmp_path: Path) -> None:
    routes = page_routes(settings, tmp_path)
    assert sorted(routes - DOWNLOADS - NOT_OURS - SSO_STEPS) == sorted(EXAMPLES)


@pytest.mark.parametrize(
    ("route", "address", "lang"),
    [
        (route, address, lang)
        for route, addresses in EXAMPLES.items()
        for address in addresses
        for lang in DANISH_ONLY.get(route, ("da", "en"))
    ],
)
def test_page_has_no_wcag_violations(
    request: pytest.FixtureRequest, keys: dict[str, str], route: str, address: str, lang: str
) -> None:
    page = request.getfixturevalue(
        "anonymous_page"
        if route in ANONYMOUS
        else "secretariat_page"
        if route in SECRETARIAT
        else "page"
    )
    path = address.format(**keys)
    response = page.goto(f"{path}{'&' if '?' in path else '?'}as_of={AS_OF}&lang={lang}")
    assert response.status == STATUS.get(address, 200)
    assert page.locator("html").get_attribute("lang") == lang
    for graph in page.locator(".graph-canvas").all():
        wait_for_graph(page, graph.get_attribute("id"))
    violations = axe_violations(page)
    # What closed <details> hold (roles' duties, a graph's relationships table) is checked open.
    if page.evaluate(OPEN_DETAILS):
        violations += [f"{v} (opened)" for v in axe_violations(page)]
    assert not violations, "\n".join(violations)


def test_a_role_graph_is_named_by_its_summary(page: Any, keys: dict[str, str]) -> None:
    page.goto(f"/system/{keys['acadre']}?as_of={AS_OF}")
    graph = page.get_by_role("img", name=re.compile(r"^Rollegraf: \d+ punkter, \d+ relationer\."))
    assert graph.locator("#role-graph").count() == 1
    assert "IT-system: 1" in (graph.get_attribute("aria-label") or "")


def test_the_relationships_table_lists_the_edges_the_graph_shows(
    page: Any, keys: dict[str, str]
) -> None:
    open_relationships_table(page, f"/person/{keys['maja']}")
    assert page.locator("#role-graph-relations").get_attribute("open") is not None
    rows = table_rows(page)
    assert rows and sorted(rows) == sorted(drawn_edges(page))


def test_the_legend_shows_and_hides_rows_of_the_relationships_table(
    page: Any, keys: dict[str, str]
) -> None:
    open_relationships_table(page, f"/person/{keys['maja']}")
    shown = len(table_rows(page))
    page.check("input[data-filter=label][value=Review]")
    page.check("input[data-filter=type][value=ATTENDED]")
    assert len(table_rows(page)) > shown
    assert sorted(table_rows(page)) == sorted(drawn_edges(page))


def open_relationships_table(page: Any, path: str) -> None:
    """Open the page, wait for its role graph and follow the link to its relationships table."""
    page.goto(f"{path}?as_of={AS_OF}")
    wait_for_graph(page)
    page.get_by_role("link", name="Relationerne som tabel").click()


def table_rows(page: Any) -> list[tuple[str, str, str]]:
    """The shown rows of the role graph's relationships table: from, relationship, to."""
    rows: list[list[str]] = page.evaluate(
        """() => [...document.querySelectorAll("#role-graph-relations tbody tr")]
                 .filter(row => !row.hidden)
                 .map(row => [...row.cells].map(cell =>
                      (cell.querySelector("a") || cell.lastChild).textContent.trim()))"""
    )
    return [(a, b, c) for a, b, c in rows]


def drawn_edges(page: Any) -> list[tuple[str, str, str]]:
    """The edges the role graph shows: from, relationship, to, as its nodes are labelled."""
    edges: list[list[str]] = page.evaluate(
        """() => { const g = window.govgraph.networks["role-graph"];
                   const name = id => g.nodes.get(id).label;
                   return g.edges.get({filter: e => !e.hidden})
                             .map(e => [name(e.from), e.label, name(e.to)]); }"""
    )
    return [(a, b, c) for a, b, c in edges]
