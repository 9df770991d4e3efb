"""Writing source text into the report workbooks so that one odd name cannot break an export.

Names come from source files anyone may have typed into. Text that Excel would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or CR) is written as a text cell with a quote
prefix; the control characters that openpyxl refuses become U+FFFD, so the reader sees that
something was there; sheet titles lose the characters Excel forbids in them.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | float | date | datetime | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD-MM-YYYY"
MAX_SHEET_TITLE = 31  # Excel's limit
_NOT_IN_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]")


def cell_text(value: str) -> str:
    """``value`` without the control characters a workbook cannot store (U+FFFD instead)."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def put(sheet: Worksheet, row: int, column: int, value: CellValue) -> Cell:
    """Write one cell: formula-like text stays text, control characters go, dates read d-m-y."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # a fresh sheet has no merged cells
    if isinstance(value, str):
        value = cell_text(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def sheet_title(title: str) -> str:
    """A sheet title Excel accepts: no ``\\ / * ? : [ ]`` or control characters, 31 at most."""
    cleaned = _NOT_IN_SHEET_TITLE.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", title))
    return " ".join(cleaned.split())[:MAX_SHEET_TITLE].strip() or "-"
