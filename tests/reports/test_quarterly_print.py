"""The quarterly overview's HTML in headless Chromium: it shows the tables and prints cleanly.

The app's page is fetched through the TestClient and loaded into the browser with its HTML (no
server runs here); the CLI's file is opened as it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.quarterly import QuarterlyOverview
from tests.reports.org import holds, system, write_hr, write_kitos
from tests.reports.overviews import make_overview, make_system_line
from tests.support import headless_chromium
from visualise.quarterly_report import render_quarterly_html

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for the module's tests."""
    with headless_chromium() as launched:
        yield launched


def _overview(count: int) -> QuarterlyOverview:
    return make_overview(
        *(
            make_system_line(
                f"s{i}",
                name=f"System {i:02d}",
                department="Jobcenter" if i % 2 else "Borgerservice",
                open_findings=i % 3,
            )
            for i in range(count)
        )
    )


@contextmanager
def opened_file(browser: Browser, systems: int, tmp_path: Path) -> Iterator[Page]:
    """The CLI's HTML file of an overview of ``systems`` systems, opened in a new page."""
    path = tmp_path / "kvartal.html"
    path.write_text(render_quarterly_html(_overview(systems), lang="da"), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    try:
        yield page
    finally:
        page.close()


def test_file_shows_one_row_per_system_grouped_by_department(
    browser: Browser, tmp_path: Path
) -> None:
    with opened_file(browser, 12, tmp_path) as page:
        assert page.locator("table.systems tbody tr").count() == 12
        assert page.locator("h3").all_inner_texts() == ["Borgerservice", "Jobcenter"]


def test_file_prints_to_a4_landscape_with_repeated_table_headers(
    browser: Browser, tmp_path: Path
) -> None:
    with opened_file(browser, 80, tmp_path) as page:
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('thead')).display") == (
            "table-header-group"
        )
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert width > height  # landscape
    assert round(width / 72 * 25.4) == 297  # A4: 297 mm wide
    assert len(re.findall(rb"/Type /Page\b", pdf)) >= 2  # 80 systems do not fit one page


def test_app_page_hides_its_controls_and_navigation_in_print(
    browser: Browser, model_graph: Graph, client: TestClient, reader: dict[str, str]
) -> None:
    write_hr(model_graph)
    write_kitos(model_graph, [system("s1", name="Acadre")], [holds("OWNS", "chef", "s1")])
    html = client.get("/reports/quarterly", headers=reader).text
    page = browser.new_page()
    page.set_content(html)
    assert page.locator("form.chooser").is_visible()
    assert page.get_by_role("rowheader", name="Acadre").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("form.chooser").is_visible()
    assert not page.locator("nav").first.is_visible()
    assert page.get_by_role("rowheader", name="Acadre").is_visible()
    page.close()
