"""The governance register workbook with the graph's rows: the importer's format, filled in."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from graph.register_export import Row
from importers.register_template import register_template
from reporting.xlsx_cells import put


def register_workbook(rows: dict[str, list[Row]]) -> Workbook:
    """The register template (guide, headers, drop-downs) with ``rows`` under each header."""
    book = register_template()
    for name, sheet_rows in rows.items():
        sheet = book[name]
        for number, values in enumerate(sheet_rows, start=2):
            for column, value in enumerate(values, start=1):
                put(sheet, number, column, value)
    return book


def register_xlsx_bytes(rows: dict[str, list[Row]]) -> bytes:
    """The filled register as bytes, for a download or a file."""
    body = BytesIO()
    register_workbook(rows).save(body)
    return body.getvalue()
