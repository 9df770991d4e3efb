"""The KITOS change list as a workbook or a CSV file (semicolons, UTF-8 with BOM, for Excel)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from core.finding_text import role_name
from core.i18n import Lang, numeric_date, text
from graph.kitos_changes import KitosChange
from reporting.xlsx_cells import CellValue, put, sheet_title

COLUMNS = (
    "kitos_changes.system",
    "kitos_changes.action",
    "kitos_changes.role",
    "kitos_changes.person",
    "kitos_changes.email",
    "kitos_changes.since",
    "kitos_changes.decision",
)


def _row(change: KitosChange, lang: Lang) -> list[CellValue]:
    return [
        change.system.name or change.system.key,
        text(f"kitos_changes.{change.action}", lang),
        getattr(role_name(change.role), lang),
        change.person.name or change.person.key,
        change.email or "",
        change.since,
        change.decision or "",
    ]


def changes_workbook(changes: Sequence[KitosChange], *, lang: Lang) -> Workbook:
    """One sheet: a row per assignment to add or remove, by system."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(text("kitos_changes.title", lang))
    for column, key in enumerate(COLUMNS, start=1):
        put(sheet, 1, column, text(key, lang)).font = Font(bold=True)
    for number, change in enumerate(changes, start=2):
        for column, value in enumerate(_row(change, lang), start=1):
            put(sheet, number, column, value)
    for letter, width in zip("ABCDEFG", (28, 10, 22, 28, 32, 12, 48), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return book


def changes_xlsx_bytes(changes: Sequence[KitosChange], *, lang: Lang) -> bytes:
    """The change list's workbook as bytes."""
    body = io.BytesIO()
    changes_workbook(changes, lang=lang).save(body)
    return body.getvalue()


def changes_csv(changes: Sequence[KitosChange], *, lang: Lang) -> bytes:
    """The change list as CSV; text that Excel would run as a formula starts with a quote."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([text(key, lang) for key in COLUMNS])
    for change in changes:
        values = _row(change, lang)
        writer.writerow([_csv_cell(v, lang) for v in values])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: CellValue, lang: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return numeric_date(value, lang)
    cell = str(value)
    return "'" + cell if cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell
