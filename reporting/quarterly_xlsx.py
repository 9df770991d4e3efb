"""The quarterly overview as an Excel workbook: a summary, then one filterable sheet per table.

Cells are written by :mod:`reporting.xlsx_cells`: text that Excel could read as a
formula stays text and control characters become U+FFFD, since names and financing sources come
from source files that anyone may have typed into.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from core.i18n import Lang, numeric_date, text
from graph.quarterly import QuarterlyOverview
from reporting.quarterly_rows import (
    CHANGE_COLUMNS,
    DEPARTMENT_COLUMNS,
    FINANCING_COLUMNS,
    SYSTEM_COLUMNS,
    change_row,
    department_name,
    financing_name,
    headers,
    system_row,
)
from reporting.xlsx_cells import CellValue, put

# How a date cell shows, as ``core.i18n.numeric_date`` writes dates in each language.
DATE_FORMATS: dict[str, str] = {"da": "DD-MM-YYYY", "en": "YYYY-MM-DD"}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="2F5597")
_MAX_WIDTH = 60


def quarterly_workbook(overview: QuarterlyOverview, *, lang: Lang) -> Workbook:
    """Build the workbook in ``lang``: a summary, then systems, departments, financing, changes."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = text("report.summary", lang)
    _summary(summary, overview, lang)
    systems = (system_row(s, lang) for s in overview.systems)
    _table_sheet(book, "common.systems", SYSTEM_COLUMNS, systems, lang=lang)
    _table_sheet(
        book,
        "quarterly.departments",
        DEPARTMENT_COLUMNS,
        (
            (
                department_name(d.department, lang),
                d.systems,
                d.in_use,
                d.without_owner,
                d.without_financing,
                d.open_findings,
            )
            for d in overview.departments
        ),
        lang=lang,
    )
    _table_sheet(
        book,
        "system.financing",
        FINANCING_COLUMNS,
        (
            (
                financing_name(f.financing_source, lang),
                f.systems,
                ", ".join(department_name(d, lang) for d in f.departments),
            )
            for f in overview.financing
        ),
        lang=lang,
    )
    changes = (change_row(c, lang) for c in overview.changes)
    _table_sheet(book, "quarterly.changes_sheet", CHANGE_COLUMNS, changes, lang=lang)
    book.properties.title = text("quarterly.document_title", lang, quarter=overview.label(lang))
    book.properties.creator = "govgraph"
    return book


def write_quarterly_xlsx(overview: QuarterlyOverview, path: Path, *, lang: Lang) -> None:
    """Save the quarterly workbook at ``path``."""
    quarterly_workbook(overview, lang=lang).save(path)


def quarterly_xlsx_bytes(overview: QuarterlyOverview, *, lang: Lang) -> bytes:
    """The quarterly workbook as bytes, for a download."""
    buffer = BytesIO()
    quarterly_workbook(overview, lang=lang).save(buffer)
    return buffer.getvalue()


def _table_sheet(
    book: Workbook,
    title: str,
    columns: tuple[str, ...],
    rows: Iterable[Sequence[CellValue]],
    *,
    lang: Lang,
) -> None:
    """A sheet named by the catalogue's ``title``, holding one table under ``columns``."""
    _table(book.create_sheet(text(title, lang)), headers(columns, lang), rows, lang=lang)


def _summary(sheet: Worksheet, overview: QuarterlyOverview, lang: Lang) -> None:
    in_use = [s for s in overview.systems if s.in_use]
    label = overview.label(lang)
    sheet["A1"] = f"{text('quarterly.title', lang)} — {label}"
    sheet["A1"].font = Font(bold=True, size=14)
    period = f"{numeric_date(overview.first_day, lang)} – {numeric_date(overview.last_day, lang)}"
    rows: list[tuple[str, CellValue]] = [
        ("quarterly.quarter", str(overview.quarter)),
        ("quarterly.period", period),
        ("asof.label", overview.as_of),
        ("quarterly.generated", overview.generated_at.replace(tzinfo=None)),
        ("quarterly.history_since", overview.history_since),
        ("common.systems", len(overview.systems)),
        ("quarterly.systems_in_use", len(in_use)),
        ("quarterly.without_owner", sum(not s.owners for s in in_use)),
        ("quarterly.without_financing", sum(s.financing_source is None for s in in_use)),
        (
            "quarterly.open_findings_on_systems",
            text("quarterly.not_evaluated", lang)
            if overview.open_findings is None
            else overview.open_findings,
        ),
        ("quarterly.changes", len(overview.changes)),
    ]
    for number, (key, value) in enumerate(rows, start=3):
        _put(sheet, number, 1, text(key, lang), lang=lang).font = Font(bold=True)
        cell = _put(sheet, number, 2, value, lang=lang)
        if isinstance(value, datetime):
            cell.number_format = f"{DATE_FORMATS[lang]} HH:MM"
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 28


def _table(
    sheet: Worksheet, names: Sequence[str], rows: Iterable[Sequence[CellValue]], *, lang: Lang
) -> None:
    """Headers in row 1, the rows below, an autofilter over all of it, header frozen."""
    for column, header in enumerate(names, start=1):
        cell = _put(sheet, 1, column, header, lang=lang)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [len(h) for h in names]
    last_row = 1
    for last_row, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, last_row, column, value, lang=lang)
            shown = numeric_date(value, lang) if isinstance(value, date) else str(value or "")
            widths[column - 1] = max(widths[column - 1], len(shown))
    last_column = get_column_letter(len(names))
    sheet.auto_filter.ref = f"A1:{last_column}{last_row}"
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, _MAX_WIDTH)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _put(sheet: Worksheet, row: int, column: int, value: CellValue, *, lang: Lang) -> Cell:
    """Write one cell as the report workbooks do, dates as the language writes them."""
    cell = put(sheet, row, column, value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMATS[lang]
    return cell
