"""The pages in a real headless Chromium: they load cleanly, offline, and their graphs work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from schema import governance
from tests.pages.conftest import AS_OF, LiveApp, Watch, screenshot, wait_for_graph
from tests.support import openapi_operations

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "search": "/?q=jobcenter",
    "person": "/person/{maja}",
    "person-departed": "/person/{karen}",
    "system": "/system/{acadre}",
    "unit": "/unit/{integration}",
    "department": "/unit/{secretariat}?depth=2",
    "forum": "/forum/isu",
    "gaps": "/gaps",
    "overview": "/overview",
    "handover": "/handover?person={morten}",
    "handover-empty": "/handover",
    "my-role": "/min-rolle?person={maja}",
    "my-role-choose": "/min-rolle?q=lauridsen",
}


def at(path: str) -> str:
    """The path read as of the examples' date."""
    return f"{path}{'&' if '?' in path else '?'}as_of={AS_OF}"


def network(page: Any, element_id: str = "role-graph") -> dict[str, Any]:
    """The nodes and edges in the graph's vis DataSets."""
    result: dict[str, Any] = page.evaluate(
        """id => { const g = window.govgraph.networks[id];
                   return {nodes: g.nodes.get(), edges: g.edges.get()}; }""",
        element_id,
    )
    return result


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_errors_or_requests_elsewhere(
    page: Any, watch: Watch, keys: dict[str, str], name: str
) -> None:
    response = page.goto(at(PAGES[name].format(**keys)))
    assert response.status == 200
    if page.locator(".graph-canvas").count():
        wait_for_graph(page, page.locator(".graph-canvas").first.get_attribute("id"))
    screenshot(page, name)
    assert watch.errors == []
    assert watch.hosts == {"127.0.0.1"}


def test_login_page_loads_without_errors_or_requests_elsewhere(
    anonymous_page: Any, watch: Watch
) -> None:
    anonymous_page.goto("/login")
    screenshot(anonymous_page, "login")
    assert anonymous_page.locator("form[action='/login'] input#token").count() == 1
    assert watch.errors == []
    assert watch.hosts == {"127.0.0.1"}


def test_api_docs_render_without_requests_elsewhere(anonymous_page: Any, watch: Watch) -> None:
    anonymous_page.goto("/docs")
    heading = anonymous_page.locator(".swagger-ui .info .title").first
    heading.wait_for(timeout=30_000)
    assert heading.inner_text().startswith("govgraph")
    spec = anonymous_page.request.get("/openapi.json").json()
    assert anonymous_page.locator(".opblock").count() == len(openapi_operations(spec))
    screenshot(anonymous_page, "api-docs")
    assert watch.errors == []
    assert watch.hosts == {"127.0.0.1"}


def test_a_page_without_a_session_sends_the_browser_to_login(
    anonymous_page: Any, live_app: LiveApp
) -> None:
    anonymous_page.goto("/gaps?severity=high")
    assert anonymous_page.url == f"{live_app.url}/login?next=/gaps%3Fseverity%3Dhigh"


def test_logging_in_returns_to_the_page_asked_for(anonymous_page: Any, live_app: LiveApp) -> None:
    anonymous_page.goto("/gaps?severity=high")
    anonymous_page.fill("#token", live_app.token)
    anonymous_page.click("button[type=submit]")
    anonymous_page.wait_for_url(f"{live_app.url}/gaps?severity=high")
    assert anonymous_page.locator("h1").inner_text() == "Mangler"


def test_system_graph_shows_the_owner_and_the_owner_edge(page: Any, keys: dict[str, str]) -> None:
    page.goto(at(f"/system/{keys['acadre']}"))
    wait_for_graph(page)
    drawn = network(page)
    owner = f"Person:{keys['acadre_owner']}"
    system = f"System:{keys['acadre']}"
    assert owner in {n["id"] for n in drawn["nodes"]}
    owns = [e for e in drawn["edges"] if e["relType"] == "OWNS"]
    assert [(e["from"], e["to"], e["label"]) for e in owns] == [(owner, system, "systemejer")]


def test_physics_stops_once_the_graph_has_stabilised(page: Any, keys: dict[str, str]) -> None:
    page.goto(at(f"/system/{keys['acadre']}"))
    wait_for_graph(page)
    physics = page.evaluate(
        "() => window.govgraph.networks['role-graph'].network.physics.physicsEnabled"
    )
    assert physics is False


def test_clicking_a_node_opens_its_page(page: Any, keys: dict[str, str], live_app: LiveApp) -> None:
    page.goto(at(f"/system/{keys['acadre']}"))
    wait_for_graph(page)
    owner = f"Person:{keys['acadre_owner']}"
    page.locator("#role-graph").scroll_into_view_if_needed()
    x, y = page.evaluate(
        """id => { const net = window.govgraph.networks['role-graph'].network;
                   const box = document.getElementById('role-graph').getBoundingClientRect();
                   const p = net.canvasToDOM(net.getPosition(id));
                   return [box.left + p.x, box.top + p.y]; }""",
        owner,
    )
    page.mouse.click(x, y)
    page.wait_for_url(f"{live_app.url}/person/{keys['acadre_owner']}?as_of={AS_OF}")
    assert page.locator(".kicker").first.inner_text().lower() == "person"


def test_legend_box_hides_a_label_in_the_graph(page: Any, keys: dict[str, str]) -> None:
    page.goto(at(f"/system/{keys['acadre']}"))
    wait_for_graph(page)
    page.uncheck("input[data-filter=label][value=OrgUnit]")
    hidden = [n["hidden"] for n in network(page)["nodes"] if n["nodeLabel"] == "OrgUnit"]
    assert hidden and all(hidden)


def test_language_switch_changes_the_texts_and_is_remembered(page: Any) -> None:
    page.goto(at("/"))
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator(".mainnav").inner_text().split() == [
        "Forside",
        "Overblik",
        "Mangler",
        "Overdragelse",
        "Min",
        "rolle",
        "Beslutninger",
        "Kampagner",
        "Synkronisering",
    ]
    page.click("[data-lang-switch]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Gaps" in page.locator(".mainnav").inner_text()
    page.goto(at("/gaps"))
    assert page.locator("h1").inner_text() == "Gaps"
    page.click("[data-lang-switch]")
    assert page.locator("h1").inner_text() == "Mangler"


def test_gaps_dashboard_filters_by_severity(page: Any) -> None:
    page.goto(at("/gaps"))
    everything = page.locator("table.findings tbody tr").count()
    page.select_option("#f-severity", "high")
    page.click("#gap-filters button[type=submit]")
    page.wait_for_url("**severity=high**")
    rows = page.locator("table.findings tbody tr")
    assert 0 < rows.count() < everything
    assert set(page.locator("table.findings tbody .badge").all_inner_texts()) == {"Høj"}


def test_gaps_dashboard_filters_by_rule_and_unit(page: Any, keys: dict[str, str]) -> None:
    page.goto(at(f"/gaps?rule=GM-15&unit={keys['integration']}"))
    rules = page.locator("table.findings tbody td:nth-child(2)").all_inner_texts()
    assert rules and set(rules) == {"GM-15"}
    assert "Jobcenter Integration" in page.locator("table.findings").inner_text()


def test_gaps_dashboard_exports_the_filtered_findings(page: Any, tmp_path: Path) -> None:
    page.goto(at("/gaps?rule=GM-13"))
    shown = page.locator("table.findings tbody tr").count()
    with page.expect_download() as download:
        page.click("#export")
    saved = tmp_path / "gaps.xlsx"
    download.value.save_as(saved)
    book = load_workbook(saved)
    assert book.sheetnames[1:] == ["GM-13"]
    sheet = book["GM-13"]
    assert sheet.max_row - 1 == shown == 6  # Karen Thomsen's five roles, Brian Lund's one
    assert sheet.auto_filter.ref is not None


def test_handover_of_a_sole_administrator_shows_vacancies_gaps_and_successors(
    page: Any, keys: dict[str, str]
) -> None:
    page.goto(at(f"/handover?person={keys['morten']}"))
    vacant = page.locator("section:has(h2:text('Roller der bliver ledige')) tbody tr")
    assert vacant.count() == 6  # he is the only administrator of six of his ten systems
    assert "GM-05" in page.locator("section:has(h2:text('Nye mangler'))").inner_text()
    assert page.locator("ol.candidates li").count() == 6 * 5  # five for each vacant role


def test_handover_adds_a_person_found_by_search(page: Any, keys: dict[str, str]) -> None:
    page.goto(at(f"/handover?person={keys['morten']}&q=Lauridsen"))
    page.click("ul.picklist a:has-text('Tilføj')")
    assert page.locator("ul.chips li").count() == 2


def test_my_role_lists_the_duties_of_each_role(page: Any, keys: dict[str, str]) -> None:
    page.goto(at(f"/min-rolle?person={keys['maja']}"))
    duties = {
        role.locator(".role__name").inner_text(): role.locator("ul.duties li").count()
        for role in page.locator("details.role").all()
    }
    keys_by_name = {r.name_da: r.key for r in governance.roles()}
    assert "Systemansvarlig" in duties
    assert duties == {
        name: len(governance.responsibilities_of(keys_by_name[name])) for name in duties
    }
    assert page.locator("table.contacts tbody tr").count() == 9  # the systems her unit uses


def test_a_reader_is_offered_neither_the_handover_nor_the_exports(
    reader_page: Any, page: Any, keys: dict[str, str], watch: Watch
) -> None:
    for path in ("/", f"/person/{keys['morten']}", "/gaps", "/reports/quarterly"):
        reader_page.goto(at(path))
        assert reader_page.locator("a[href^='/handover']").count() == 0, path
        assert reader_page.locator("a[href*='.xlsx']").count() == 0, path
        page.goto(at(path))  # an analyst is offered both
        assert page.locator("a[href^='/handover']").count() > 0, path
    assert page.locator("a[href*='.xlsx']").count() == 1
    refused = reader_page.goto(at(f"/handover?person={keys['morten']}"))
    assert refused.status == 403
    assert reader_page.locator("h1").inner_text() == "Ingen adgang"
    assert [e for e in watch.errors if "403" not in e] == []  # the refusal is the one error
