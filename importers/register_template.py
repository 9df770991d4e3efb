"""Write a blank governance register: headers, drop-downs, date formats and a Danish guide."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from importers.register_spec import SHEETS, Sheet

GUIDE_SHEET = "Vejledning"
DATA_ROWS = 2000  # drop-downs and date checks reach this far down
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
GUIDE_INTRO = (
    "Governanceregisteret",
    "Registeret rummer det, som hverken HR-systemet eller KITOS ved: superbrugernes type og "
    "hvem der udpegede dem, pladser i fora, organisatoriske roller, afholdte gennemgange og "
    "leverandørdialoger samt systemernes finansiering og databehandleraftaler.",
    "Personer angives med arbejds-e-mail (samme som i HR). Systemer angives med navnet, som det "
    "står i KITOS, eller med KITOS-uuid'et. Datoer skrives dd-mm-åååå. 'Til' er den sidste dag; "
    "en tom 'Til' betyder, at rollen stadig gælder.",
    "Slet ikke arkene og omdøb ikke kolonnerne: importen finder dem ved navn. Hver fejl i "
    "importen nævner ark, række og kolonne.",
)


def write_register_template(path: Path) -> None:
    """Write a blank register workbook to ``path``."""
    register_template().save(path)


def register_template() -> Workbook:
    """A blank register workbook: the guide, then each sheet's headers and checks."""
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    _write_guide(guide)
    for sheet in SHEETS:
        _write_sheet(workbook.create_sheet(sheet.name), sheet)
    return workbook


def _write_sheet(worksheet: Worksheet, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        cell = worksheet.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        worksheet.column_dimensions[letter].width = column.width
        cells = f"{letter}2:{letter}{DATA_ROWS + 1}"
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle="Ugyldig værdi",
                error=f"Vælg en af: {', '.join(column.choices)}.",
            )
            validation.add(cells)
            worksheet.add_data_validation(validation)
        if column.is_date:
            validation = DataValidation(
                type="date",
                operator="greaterThan",
                formula1="1",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Ugyldig dato",
                error="Skriv en dato som dd-mm-åååå.",
            )
            validation.add(cells)
            worksheet.add_data_validation(validation)
            # A column style: new cells are dates, and no empty cells are written.
            worksheet.column_dimensions[letter].number_format = "dd-mm-yyyy"
    worksheet.freeze_panes = "A2"


def _write_guide(worksheet: Worksheet) -> None:
    worksheet.column_dimensions["A"].width = 26
    worksheet.column_dimensions["B"].width = 100
    title, *paragraphs = GUIDE_INTRO
    worksheet.append([title])
    worksheet["A1"].font = Font(bold=True, size=14)
    for paragraph in paragraphs:
        worksheet.append(["", paragraph])
    for sheet in SHEETS:
        worksheet.append([])
        worksheet.append([sheet.name, sheet.help_da])
        worksheet.cell(row=worksheet.max_row, column=1).font = Font(bold=True)
        for column in sheet.columns:
            required = " (skal udfyldes)" if column.required else ""
            worksheet.append(["", f"{column.name}{required}: {column.help_da}"])
    for row in worksheet.iter_rows(min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
