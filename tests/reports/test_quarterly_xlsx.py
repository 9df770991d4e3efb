"""The quarterly workbook, opened again with openpyxl: sheets, headers, values, filters, safety."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from core.i18n import Lang
from graph.quarterly import NO_DEPARTMENT, Change, OwnerLine, QuarterlyOverview
from reporting.quarterly_xlsx import write_quarterly_xlsx
from tests.reports.overviews import make_overview, make_system_line


def _saved(overview: QuarterlyOverview, tmp_path: Path, lang: Lang = "da") -> Workbook:
    path = tmp_path / f"kvartal-{lang}.xlsx"
    write_quarterly_xlsx(overview, path, lang=lang)
    return openpyxl.load_workbook(path)


def _two_systems_and_a_change() -> QuarterlyOverview:
    change = Change(
        kind="owner_leaving",
        day=date(2027, 1, 31),
        system_key="s1",
        system_name="System s1",
        person_key="p9",
        person_name="Pia Olsen",
    )
    gone = OwnerLine(key="p2", name="Karen Thomsen", unit="JB-sekretariatet", gone=True)
    return make_overview(
        make_system_line("s1"),
        make_system_line("s2", department="Borgerservice", owners=[gone], financing_source=None),
        changes=[change],
    )


@pytest.fixture
def book(tmp_path: Path) -> Workbook:
    """A workbook of two systems and one change, in Danish."""
    return _saved(_two_systems_and_a_change(), tmp_path)


@pytest.fixture
def english_book(tmp_path: Path) -> Workbook:
    """The same workbook in English."""
    return _saved(_two_systems_and_a_change(), tmp_path, "en")


def test_workbook_has_summary_and_four_tables_in_order(book: Workbook) -> None:
    assert book.sheetnames == ["Oversigt", "Systemer", "Afdelinger", "Finansiering", "Ændringer"]


def test_systems_sheet_has_the_danish_headers(book: Workbook) -> None:
    sheet = book["Systemer"]
    assert tuple(c.value for c in sheet[1]) == (
        "System",
        "Afdeling",
        "Systemejer",
        "Systemejers enhed",
        "Finansiering",
        "Leverandør",
        "Livscyklus",
        "I brug",
        "Forventede brugere",
        "Åbne mangler",
    )


def test_english_workbook_names_its_sheets_and_columns_in_english(english_book: Workbook) -> None:
    assert english_book.sheetnames == ["Summary", "Systems", "Departments", "Financing", "Changes"]
    assert [c.value for c in english_book["Systems"][1]][:3] == [
        "System",
        "Department",
        "System owner",
    ]
    assert english_book.properties.title == "Quarterly overview Q4 2026"


def test_english_workbook_writes_values_and_dates_in_english(english_book: Workbook) -> None:
    rows = list(english_book["Systems"].iter_rows(min_row=2, values_only=True))
    assert (rows[0][6], rows[0][7], rows[1][2]) == ("Operational", "Yes", "Karen Thomsen (left)")
    change = english_book["Changes"]
    assert (change["B2"].value, change["A2"].number_format) == (
        "System owner leaving",
        "YYYY-MM-DD",
    )
    summary = {r[0]: r[1] for r in english_book["Summary"].iter_rows(min_row=3, values_only=True)}
    assert summary["Period"] == "2026-10-01 – 2026-12-31"
    assert summary["Systems in use"] == 2


def test_systems_without_a_department_are_named_in_the_workbooks_language(tmp_path: Path) -> None:
    overview = make_overview(make_system_line("s1", department=NO_DEPARTMENT, owners=[]))
    danish = _saved(overview, tmp_path)["Afdelinger"]["A2"].value
    english = _saved(overview, tmp_path, "en")["Departments"]["A2"].value
    assert (danish, english) == ("Uden afdeling", "No department")


def test_systems_sheet_holds_one_row_per_system(book: Workbook) -> None:
    rows = list(book["Systemer"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == (
        "System s1",
        "Jobcenter",
        "Lone Kristiansen",
        "Jobcenter",
        "IT-konto JB",
        "KMD A/S",
        "I drift",
        "Ja",
        "10-50",
        2,
    )
    assert rows[1][2] == "Karen Thomsen (fratrådt)"
    assert rows[1][4] is None  # no financing: an empty cell


def test_every_table_has_an_autofilter_over_its_rows(book: Workbook) -> None:
    assert book["Systemer"].auto_filter.ref == "A1:J3"
    assert book["Afdelinger"].auto_filter.ref == "A1:F3"
    assert book["Finansiering"].auto_filter.ref == "A1:C3"
    assert book["Ændringer"].auto_filter.ref == "A1:D2"


def test_header_row_is_frozen(book: Workbook) -> None:
    assert book["Systemer"].freeze_panes == "A2"


def test_department_totals_are_numbers(book: Workbook) -> None:
    rows = list(book["Afdelinger"].iter_rows(min_row=2, values_only=True))
    assert rows == [("Borgerservice", 1, 1, 0, 1, 2), ("Jobcenter", 1, 1, 0, 0, 2)]


def test_change_dates_are_real_dates(book: Workbook) -> None:
    cell = book["Ændringer"]["A2"]
    assert cell.value == datetime(2027, 1, 31)
    assert cell.number_format == "DD-MM-YYYY"
    assert book["Ændringer"]["B2"].value == "Systemejer fratræder"


def test_summary_names_the_quarter_and_counts(book: Workbook) -> None:
    summary = {r[0]: r[1] for r in book["Oversigt"].iter_rows(min_row=3, values_only=True)}
    assert summary["Kvartal"] == "2026Q4"
    assert summary["Periode"] == "01-10-2026 – 31-12-2026"
    assert summary["Systemer i brug"] == 2
    assert summary["I brug uden finansiering"] == 1


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+45 1234", "-1", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_written_as_text(text: str, tmp_path: Path) -> None:
    book = _saved(make_overview(make_system_line("s1", name=text, financing_source=text)), tmp_path)
    for cell in (book["Systemer"]["A2"], book["Systemer"]["E2"], book["Finansiering"]["A2"]):
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix


def test_no_cell_anywhere_is_a_formula(tmp_path: Path) -> None:
    book = _saved(
        make_overview(make_system_line("s1", name="=1+1", vendors=["=cmd|' /C calc'!A0"])), tmp_path
    )
    formulas = [c for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_findings_not_evaluated_leave_the_cells_empty(tmp_path: Path) -> None:
    overview = make_overview(make_system_line("s1", open_findings=None)).model_copy(
        update={"findings_evaluated": False, "open_findings": None}
    )
    book = _saved(overview, tmp_path)
    assert book["Systemer"]["J2"].value is None
