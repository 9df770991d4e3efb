"""Chefgruppen's quarterly overview in the app, in headless Chromium: it loads offline, prints
cleanly (no navigation or controls, repeated table headers, A4 landscape) and downloads as Excel.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.pages.conftest import AS_OF, Watch, screenshot

pytestmark = pytest.mark.browser

QUARTERLY = f"/reports/quarterly?quarter=2026Q4&as_of={AS_OF}"


def test_quarterly_page_loads_without_errors_or_requests_elsewhere(page: Any, watch: Watch) -> None:
    response = page.goto(QUARTERLY)
    assert response.status == 200
    screenshot(page, "quarterly")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Overblik over systemejerskab og økonomi"
    )
    assert page.get_by_role("rowheader", name="Acadre", exact=True).is_visible()
    assert page.locator("table.systems tbody tr").count() == 37
    assert watch.errors == []
    assert watch.hosts == {"127.0.0.1"}


def test_quarterly_page_prints_without_navigation_or_controls(page: Any) -> None:
    page.goto(QUARTERLY)
    page.emulate_media(media="print")
    assert not page.locator("nav").first.is_visible()
    assert not page.locator("form.chooser").is_visible()
    assert page.get_by_role("rowheader", name="Acadre", exact=True).is_visible()
    header = page.evaluate("getComputedStyle(document.querySelector('.quarterly thead')).display")
    assert header == "table-header-group"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box is not None and float(box.group(1)) > float(box.group(2))  # landscape


def test_quarterly_page_downloads_its_workbook(page: Any) -> None:
    page.goto(QUARTERLY)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som Excel").click()
    assert download.value.suggested_filename == "kvartalsoverblik-2026Q4.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["Oversigt", "Systemer", "Afdelinger", "Finansiering", "Ændringer"]
    names = [row[0] for row in book["Systemer"].iter_rows(min_row=2, values_only=True)]
    assert "Acadre" in names


def test_quarterly_page_choosing_a_quarter_shows_it(page: Any) -> None:
    page.goto(QUARTERLY)
    page.fill("form.chooser input[name=quarter]", "2026Q3")
    page.locator("form.chooser button[type=submit]").click()
    page.wait_for_load_state()
    assert "3. kvartal 2026" in page.locator(".quarterly .lead").inner_text()


def test_quarterly_page_in_english_downloads_an_english_workbook(page: Any) -> None:
    page.goto(f"{QUARTERLY}&lang=en")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Overview of system ownership and finances"
    )
    assert "Q4 2026" in page.locator(".quarterly .lead").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Excel").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames == ["Summary", "Systems", "Departments", "Financing", "Changes"]
