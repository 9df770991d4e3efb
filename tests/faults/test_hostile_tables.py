"""Hostile workbooks and CSV files: refused or reported with a located problem, never obeyed.

Adds to the malformed-input corpus of ``tests/importers``: zip bombs in every workbook format,
entity expansion and external entities inside a workbook's XML (refused by defusedxml through
openpyxl), a sheet that declares a million rows, huge cells in real formats, wrong encodings,
dates out of range, and formulas where data is expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from core.records import Severity
from importers.common import SourceError
from importers.registry import read_source
from tests.faults.xlsx_parts import add_bomb, prepend_to_sheet, replace_in_cells, rewrite_parts
from tests.importers.batches import Case, assert_reported_where_it_is, problems
from tests.importers.hr_factories import (
    OPTIONS,
    report_row,
    write_csv,
    write_report_xlsx,
    write_xlsx,
)
from tests.importers.kitos_factories import export_row, write_export_xlsx, write_register

ERROR, WARNING = Severity.ERROR, Severity.WARNING
HUGE = b"x" * 40_000
FORMULA = '=HYPERLINK("http://evil.example/x","klik")'
HR_ROWS = [["Medarbejdernummer", "Navn", "Enhed", "Startdato"], ["1", "Anne", "B", "01-01-2020"]]


def export(tmp: Path, **values: object) -> Path:
    return write_export_xlsx(tmp / "export.xlsx", [export_row(**values)])


def register(tmp: Path, **sheets: list[list[object]]) -> Path:
    return write_register(tmp / "register.xlsx", **sheets)


def csv_bytes(tmp: Path, data: bytes) -> tuple[Path, str]:
    path = tmp / "medarbejdere.csv"
    path.write_bytes(data)
    return path, "csv"


# --- the inputs ---------------------------------------------------------------------------


def register_bomb(tmp: Path) -> tuple[Path, str]:
    return add_bomb(register(tmp)), "register"


def export_bomb(tmp: Path) -> tuple[Path, str]:
    return add_bomb(export(tmp)), "kitos-export"


def report_bomb(tmp: Path) -> tuple[Path, str]:
    return add_bomb(write_report_xlsx(tmp, [report_row(1)])), "os2mo-report"


def hr_workbook_bomb(tmp: Path) -> tuple[Path, str]:
    return add_bomb(write_xlsx(tmp, {"Ark1": HR_ROWS})), "csv"


def export_entity_expansion(tmp: Path) -> tuple[Path, str]:
    laughs = "".join(f'<!ENTITY l{n + 1} "{f"&l{n};" * 10}">' for n in range(9))
    doctype = f'<!DOCTYPE worksheet [<!ENTITY l0 "ha">{laughs}]>'.encode()
    return prepend_to_sheet(export(tmp), doctype), "kitos-export"


def export_external_entity(tmp: Path) -> tuple[Path, str]:
    path = export(tmp)
    prepend_to_sheet(path, b'<!DOCTYPE worksheet [<!ENTITY pw SYSTEM "file:///etc/passwd">]>')
    return replace_in_cells(path, b"Acadre", b"&pw;"), "kitos-export"


def register_huge_cell(tmp: Path) -> tuple[Path, str]:
    path = register(tmp, Superbrugere=[["HUGE", "bo@k.dk", "IT", None, None, None]])
    return replace_in_cells(path, b"HUGE", HUGE), "register"


def export_huge_cell(tmp: Path) -> tuple[Path, str]:
    return replace_in_cells(export(tmp, **{"IT System": "HUGE"}), b"HUGE", HUGE), "kitos-export"


def csv_invalid_utf16(tmp: Path) -> tuple[Path, str]:
    return csv_bytes(tmp, b"\xff\xfe" + "Medarbejdernummer;Navn\n1;Å\n".encode("utf-16-le") + b"A")


def csv_undefined_windows_byte(tmp: Path) -> tuple[Path, str]:
    return csv_bytes(tmp, "Medarbejdernummer;Navn\n1;Søren\n".encode("latin-1") + b"2;\x81\n")


def csv_date_before_1900(tmp: Path) -> tuple[Path, str]:
    rows = [HR_ROWS[0], ["1", "Anne", "B", "31-12-1899"]]
    return write_csv(tmp, rows), "csv"


def register_date_before_1900(tmp: Path) -> tuple[Path, str]:
    return register(tmp, Fora=[["DDS", "chef@k.dk", None, "01-01-1800", None]]), "register"


def export_date_after_9999(tmp: Path) -> tuple[Path, str]:
    return export(tmp, **{"Dato for planlagt risikovurdering": "01-01-10000"}), "kitos-export"


def export_formula_for_name(tmp: Path) -> tuple[Path, str]:
    return export(tmp, **{"IT System": FORMULA}), "kitos-export"


CASES: dict[str, Case] = {
    "register-zip-bomb": (register_bomb, ERROR, "zip-bomb", "whole file"),
    "export-zip-bomb": (export_bomb, ERROR, "zip-bomb", "whole file"),
    "report-zip-bomb": (report_bomb, ERROR, "zip-bomb", "whole file"),
    "hr-workbook-zip-bomb": (hr_workbook_bomb, ERROR, "zip-bomb", "whole file"),
    "export-entity-expansion": (export_entity_expansion, ERROR, "unreadable-file", "whole file"),
    "export-external-entity": (export_external_entity, ERROR, "unreadable-file", "whole file"),
    "register-huge-cell": (
        register_huge_cell,
        ERROR,
        "cell-too-large",
        "sheet 'Superbrugere', row 2, column 'System'",
    ),
    "export-huge-cell": (export_huge_cell, ERROR, "cell-too-large", "row 2, column 'IT System'"),
    "csv-invalid-utf16": (csv_invalid_utf16, ERROR, "unreadable-encoding", "byte "),
    "csv-undefined-windows-byte": (
        csv_undefined_windows_byte,
        ERROR,
        "unreadable-encoding",
        "byte ",
    ),
    "csv-date-before-1900": (
        csv_date_before_1900,
        ERROR,
        "bad-date",
        "row 2, column 'Startdato'",
    ),
    "register-date-before-1900": (
        register_date_before_1900,
        ERROR,
        "bad-date",
        "sheet 'Fora', row 2, column 'Fra'",
    ),
    "export-date-after-9999": (
        export_date_after_9999,
        WARNING,
        "bad-date",
        "row 2, column 'Dato for planlagt risikovurdering'",
    ),
    "export-formula-for-name": (
        export_formula_for_name,
        ERROR,
        "missing-value",
        "row 2, column 'IT System'",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_table_gives_its_own_code_at_its_location(tmp_path: Path, case: str) -> None:
    assert_reported_where_it_is(CASES[case], tmp_path)


@pytest.mark.parametrize("build", [export_entity_expansion, export_external_entity])
def test_entities_in_a_workbook_are_refused_by_defusedxml(
    tmp_path: Path, build: Callable[[Path], tuple[Path, str]]
) -> None:
    with pytest.raises(SourceError) as caught:
        read_source(*build(tmp_path), OPTIONS)
    causes = []
    cause: BaseException | None = caught.value
    while cause is not None:
        causes.append(type(cause).__module__)
        cause = cause.__cause__ or cause.__context__
    assert any(module.startswith("defusedxml") for module in causes), causes
    assert "root:" not in str(caught.value.problem)


def test_a_sheet_declaring_a_million_rows_reads_only_its_rows(tmp_path: Path) -> None:
    path = export(tmp_path)
    rewrite_parts(
        path,
        lambda name, data: re.sub(
            rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data
        ),
    )
    batch = read_source(path, "kitos-export", OPTIONS)
    assert [n.props["name"] for n in batch.nodes if n.label == "System"] == ["Acadre"]


def test_formula_text_in_a_csv_is_imported_as_plain_text(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [HR_ROWS[0], ["1", FORMULA, "B", "01-01-2020"]])
    batch = read_source(path, "csv", OPTIONS)
    assert [n.props["name"] for n in batch.nodes if n.label == "Person"] == [FORMULA]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_csv_without_bom_imports_its_rows(tmp_path: Path, encoding: str) -> None:
    content = ";".join(HR_ROWS[0]) + "\n1;Søren Ærø;B;01-01-2020\n"
    batch = read_source(*csv_bytes(tmp_path, content.encode(encoding)), OPTIONS)
    assert [n.props["name"] for n in batch.nodes if n.label == "Person"] == ["Søren Ærø"]


def test_binary_with_nul_bytes_is_an_encoding_problem(tmp_path: Path) -> None:
    path, fmt = csv_bytes(tmp_path, b"Medarbejdernummer;Navn\n\x00\x01\x00\x00\x02PK\x03\x04\x00")
    assert [(p.code, p.location) for p in problems(path, fmt)] == [
        ("unreadable-encoding", "byte 23")
    ]
