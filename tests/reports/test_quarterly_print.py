"""The quarterly overview's HTML in headless Chromium: it shows the tables and prints cleanly.

The app's page is fetched through the TestClient and loaded into the browser with its HTML (no
server runs here); the CLI's file is opened as it is written.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from govgraph.reporting.quarterly_html import render_quarterly_html
from graph.driver import Graph
from graph.reports import OwnerLine, QuarterlyOverview, SystemLine, department_totals
from tests.reports.org import holds, system, write_hr, write_kitos

if TYPE_CHECKING:
    from playwright.sync_api import Browser

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium (Debian's, else Playwright's own)."""
    with sync_api.sync_playwright() as p:
        try:
            launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Exception as e:  # no browser installed: say so rather than fail
            pytest.skip(f"headless Chromium is not available: {e}")
        yield launched
        launched.close()


def _overview(count: int) -> QuarterlyOverview:
    owner = OwnerLine(key="chef", name="Lone Kristiansen", unit="Jobcenter", gone=False)
    systems = [
        SystemLine(
            key=f"s{i}",
            name=f"System {i:02d}",
            in_use=True,
            department="Jobcenter" if i % 2 else "Borgerservice",
            owners=[owner],
            vendors=["KMD A/S"],
            open_findings=i % 3,
        )
        for i in range(count)
    ]
    return QuarterlyOverview(
        quarter="2026Q4",
        label_da="4. kvartal 2026",
        label_en="Q4 2026",
        first_day=date(2026, 10, 1),
        last_day=date(2026, 12, 31),
        as_of=date(2026, 11, 29),
        generated_at=datetime(2026, 11, 29, 8, 0, tzinfo=UTC),
        findings_evaluated=True,
        open_findings=count,
        systems=systems,
        departments=department_totals(systems),
        financing=[],
        changes=[],
    )


def test_file_shows_one_row_per_system_grouped_by_department(
    browser: Browser, tmp_path: Path
) -> None:
    path = tmp_path / "kvartal.html"
    path.write_text(render_quarterly_html(_overview(12), lang="da"), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    assert page.locator("table.systems tbody tr").count() == 12
    assert page.locator("h3").all_inner_texts() == ["Borgerservice", "Jobcenter"]
    page.close()


def test_file_prints_to_a4_landscape_with_repeated_table_headers(
    browser: Browser, tmp_path: Path
) -> None:
    path = tmp_path / "kvartal.html"
    path.write_text(render_quarterly_html(_overview(80), lang="da"), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('thead')).display") == (
        "table-header-group"
    )
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
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
