"""The quarterly overview as an Excel workbook: a summary, then one filterable sheet per table.

Cells are written by :mod:`govgraph.reporting.xlsx_cells`: text that Excel could read as a
formula stays text and control characters become U+FFFD, since names and financing sources come
from source files that anyone may have typed into.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from govgraph.reporting.quarterly_rows import (
    CHANGE_HEADERS_DA,
    DEPARTMENT_HEADERS_DA,
    FINANCING_HEADERS_DA,
    SYSTEM_HEADERS_DA,
    change_row,
    danish_date,
    system_row,
)
from govgraph.reporting.xlsx_cells import CellValue, put
from graph.reports import QuarterlyOverview

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="2F5597")
_MAX_WIDTH = 60


def quarterly_workbook(overview: QuarterlyOverview) -> Workbook:
    """Build the workbook: Oversigt, Systemer, Afdelinger, Finansiering, Ændringer."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Oversigt"
    _summary(summary, overview)
    _table(book.create_sheet("Systemer"), SYSTEM_HEADERS_DA, map(system_row, overview.systems))
    _table(
        book.create_sheet("Afdelinger"),
        DEPARTMENT_HEADERS_DA,
        (
            (
                d.department,
                d.systems,
                d.in_use,
                d.without_owner,
                d.without_financing,
                d.open_findings,
            )
            for d in overview.departments
        ),
    )
    _table(
        book.create_sheet("Finansiering"),
        FINANCING_HEADERS_DA,
        ((f.financing_source, f.systems, ", ".join(f.departments)) for f in overview.financing),
    )
    _table(book.create_sheet("Ændringer"), CHANGE_HEADERS_DA, map(change_row, overview.changes))
    book.properties.title = f"Kvartalsoverblik {overview.label_da}"
    book.properties.creator = "govgraph"
    return book


def write_quarterly_xlsx(overview: QuarterlyOverview, path: Path) -> None:
    """Save the quarterly workbook at ``path``."""
    quarterly_workbook(overview).save(path)


def quarterly_xlsx_bytes(overview: QuarterlyOverview) -> bytes:
    """The quarterly workbook as bytes, for a download."""
    buffer = BytesIO()
    quarterly_workbook(overview).save(buffer)
    return buffer.getvalue()


def _summary(sheet: Worksheet, overview: QuarterlyOverview) -> None:
    in_use = [s for s in overview.systems if s.in_use]
    sheet["A1"] = f"Overblik over systemejerskab og økonomi — {overview.label_da}"
    sheet["A1"].font = Font(bold=True, size=14)
    rows: list[tuple[str, CellValue]] = [
        ("Kvartal", str(overview.quarter)),
        ("Periode", f"{danish_date(overview.first_day)} – {danish_date(overview.last_day)}"),
        ("Data pr.", overview.as_of),
        ("Dannet", overview.generated_at.replace(tzinfo=None)),
        ("Importhistorik siden", overview.history_since),
        ("Systemer", len(overview.systems)),
        ("Systemer i brug", len(in_use)),
        ("I brug uden systemejer", sum(not s.owners for s in in_use)),
        ("I brug uden finansiering", sum(s.financing_source is None for s in in_use)),
        (
            "Åbne mangler (brudte regler) på systemerne",
            "ikke beregnet" if overview.open_findings is None else overview.open_findings,
        ),
        ("Ændringer i kvartalet", len(overview.changes)),
    ]
    for number, (label, value) in enumerate(rows, start=3):
        put(sheet, number, 1, label).font = Font(bold=True)
        cell = put(sheet, number, 2, value)
        if isinstance(value, datetime):
            cell.number_format = "DD-MM-YYYY HH:MM"
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 28


def _table(sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> None:
    """Headers in row 1, the rows below, an autofilter over all of it, header frozen."""
    for column, header in enumerate(headers, start=1):
        cell = put(sheet, 1, column, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [len(h) for h in headers]
    last_row = 1
    for last_row, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            put(sheet, last_row, column, value)
            shown = danish_date(value) if isinstance(value, date) else str(value or "")
            widths[column - 1] = max(widths[column - 1], len(shown))
    last_column = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last_column}{last_row}"
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, _MAX_WIDTH)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
