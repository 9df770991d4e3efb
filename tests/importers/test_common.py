"""The shared reading primitives: encodings, delimiters, dates, cell values and guards."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from core.records import Severity
from importers import tables
from importers.common import (
    MAX_CELL_CHARS,
    Problems,
    SourceError,
    is_cpr_header,
    norm_email,
    norm_name,
    parse_bool,
    parse_date,
    sha256_of,
    text,
)
from importers.tables import read_table
from importers.textfiles import check_json_values, load_json, read_text

HEADER = "Navn;E-mail;Enhed\n"
ROW = "Søren Ærø;soeren@kommune.dk;Jobcenter\n"


def write_bytes(tmp_path: Path, data: bytes, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def make_xlsx(
    tmp_path: Path,
    rows: list[list[Any]],
    *,
    sheet: str = "Ark1",
    name: str = "people.xlsx",
    hidden: tuple[str, ...] = (),
) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    for letter in hidden:
        worksheet.column_dimensions[letter].hidden = True
    path = tmp_path / name
    workbook.save(path)
    return path


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        (HEADER + ROW).encode("utf-8"),
        b"\xef\xbb\xbf" + (HEADER + ROW).encode("utf-8"),
        b"\xff\xfe" + (HEADER + ROW).encode("utf-16-le"),
        b"\xfe\xff" + (HEADER + ROW).encode("utf-16-be"),
        (HEADER + ROW).encode("cp1252"),
        (HEADER + ROW).encode("utf-16-le"),
        (HEADER + ROW).encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "windows-1252", "utf16le", "utf16be"],
)
def test_read_text_detects_encoding(tmp_path: Path, data: bytes) -> None:
    assert read_text(write_bytes(tmp_path, data)) == HEADER + ROW


def test_read_text_of_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_text(tmp_path / "gone.csv")
    assert caught.value.problem.file == "gone.csv"
    assert caught.value.problem.code == "unreadable-file"


def test_read_text_refuses_binary_without_bom(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_text(write_bytes(tmp_path, b"\x81\x00\x8d\x00garbage"))
    assert caught.value.problem.code == "unreadable-encoding"


def test_utf8_with_a_stray_nul_is_refused_as_binary(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_text(write_bytes(tmp_path, (HEADER + "A\x00;b@k.dk;C\n").encode()))
    assert (caught.value.problem.code, caught.value.problem.location) == (
        "unreadable-encoding",
        f"byte {len(HEADER) + 1}",
    )


def test_utf16_without_bom_cut_mid_character_is_an_encoding_problem(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_text(write_bytes(tmp_path, (HEADER + ROW).encode("utf-16-le") + b"A"))
    assert caught.value.problem.code == "unreadable-encoding"
    assert "utf-16-le" in caught.value.problem.message


def test_read_table_strips_bom_from_first_header(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, b"\xef\xbb\xbf" + (HEADER + ROW).encode()))
    assert table.headers[0] == "Navn"
    assert table.rows[0].get("navn") == "Søren Ærø"


# --- delimiters ----------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_read_table_detects_delimiter(tmp_path: Path, delimiter: str) -> None:
    content = f"Navn{delimiter}E-mail\nAnne{delimiter}anne@k.dk\n"
    table = read_table(write_bytes(tmp_path, content.encode()))
    assert table.headers == ["Navn", "E-mail"]
    assert table.rows[0].get("E-mail") == "anne@k.dk"


def test_read_table_honours_sep_line(tmp_path: Path) -> None:
    content = 'sep=;\n"Navn";"Titel"\n"Hansen, Anne";"Leder, kontor"\n'
    table = read_table(write_bytes(tmp_path, b"\xef\xbb\xbf" + content.encode()))
    assert table.headers == ["Navn", "Titel"]
    assert table.rows[0].get("Navn") == "Hansen, Anne"
    assert table.rows[0].number == 2


@pytest.mark.parametrize("sep_line", ["sep=;", '"sep=;"', 'sep=";"', "SEP=;"])
def test_every_form_of_sep_line_is_honoured(tmp_path: Path, sep_line: str) -> None:
    content = f'{sep_line}\r\n"CPR-Nummer";"Navn"\r\n"0101701234";"A, B"\r\n'
    table = read_table(write_bytes(tmp_path, b"\xef\xbb\xbf" + content.encode()))
    assert table.headers == ["Navn"]
    assert "0101701234" not in repr(table)


def test_delimiter_inside_quotes_is_not_counted(tmp_path: Path) -> None:
    content = '"a;b",c,d\n"1;2",3,4\n'
    table = read_table(write_bytes(tmp_path, content.encode()))
    assert table.headers == ["a;b", "c", "d"]


# --- rows, headers and locations -----------------------------------------------------------


def test_header_lookup_ignores_case_and_spaces(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, b"  E-Mail  ;Navn\nx@k.dk;X\n"))
    assert table.rows[0].get(" e-mail ") == "x@k.dk"
    assert table.find("E-MAIL") == "E-Mail"


def test_csv_row_location_has_no_sheet(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, b"Navn;E-mail\nA;a@k.dk\nB;b@k.dk\n"))
    assert table.rows[1].location("e-mail") == "row 3, column 'E-mail'"


def test_xlsx_row_location_names_sheet_row_and_column(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path, [["Navn", "E-mail"], ["A", "a@k.dk"], ["B", "b@k.dk"]])
    row = read_table(path).rows[1]
    assert row.number == 3
    assert row.location("E-mail") == "sheet 'Ark1', row 3, column 'E-mail'"


def test_xlsx_trailing_empty_rows_are_ignored(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path, [["Navn"], ["A"], *[[None]] * 50, [""]])
    assert [r.number for r in read_table(path).rows] == [2]


def test_xlsx_hidden_columns_are_read(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path, [["Systemejer", "Systemejer Email#"], ["Anne", "anne@k.dk"]], hidden=("B",)
    )
    assert read_table(path).rows[0].get("Systemejer Email#") == "anne@k.dk"


def test_xlsx_named_sheet_is_read(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.create_sheet("Roller").append(["Rolle"])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    assert read_table(path, sheet="roller").sheet == "Roller"


def test_xlsx_missing_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path, [["A"]])
    with pytest.raises(SourceError) as caught:
        read_table(path, sheet="Roller")
    assert caught.value.problem.code == "missing-sheet"
    assert "'Ark1'" in caught.value.problem.hint


def test_missing_required_column_lists_columns_found(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_table(write_bytes(tmp_path, b"Navn;Enhed\nA;B\n"), required=["Navn", "E-mail"])
    problem = caught.value.problem
    assert problem.code == "missing-column"
    assert problem.location == "row 1"
    assert "'E-mail'" in problem.message
    assert "'Navn', 'Enhed'" in problem.hint


def test_cpr_column_is_dropped_on_read(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, b"CPR-Nummer;Navn\n0101701234;A\n"))
    assert table.headers == ["Navn"]
    assert table.dropped == ["CPR-Nummer"]
    assert "0101701234" not in repr(table)


def test_leading_zeros_survive_in_csv(tmp_path: Path) -> None:
    table = read_table(write_bytes(tmp_path, b"Id;Navn\n00123;A\n"))
    assert text(table.rows[0].get("Id")) == "00123"


def test_empty_file_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_table(write_bytes(tmp_path, b"\n\n"))
    assert caught.value.problem.code == "empty-table"


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_table(write_bytes(tmp_path, b"\xd0\xcf\x11\xe0", name="old.xls"))
    assert caught.value.problem.code == "unsupported-format"
    assert ".xlsx" in caught.value.problem.hint


# --- guards --------------------------------------------------------------------------------


def test_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(SourceError) as caught:
        read_table(path)
    assert caught.value.problem.code == "zip-bomb"


def test_zip_with_too_much_uncompressed_data_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "MAX_XLSX_UNCOMPRESSED", 1000)
    path = make_xlsx(tmp_path, [["Navn"], ["A" * 2000]])
    with pytest.raises(SourceError) as caught:
        read_table(path)
    assert caught.value.problem.code == "zip-bomb"


def test_damaged_xlsx_is_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_table(write_bytes(tmp_path, b"PK\x03\x04broken", name="broken.xlsx"))
    assert caught.value.problem.code == "unreadable-file"


def inflate_cell(path: Path, placeholder: str, value: str) -> None:
    """Rewrite a saved workbook's cell text (openpyxl itself truncates to Excel's limit)."""
    source = zipfile.ZipFile(path)
    entries = [(info, source.read(info.filename)) for info in source.infolist()]
    source.close()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            target.writestr(info, data.replace(placeholder.encode(), value.encode()))


def test_huge_xlsx_cell_is_refused_with_location(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path, [["Navn", "Noter"], ["A", "HUGE"]])
    inflate_cell(path, "HUGE", "x" * 40_000)
    with pytest.raises(SourceError) as caught:
        read_table(path)
    assert caught.value.problem.code == "cell-too-large"
    assert caught.value.problem.location == "sheet 'Ark1', row 2, column 'Noter'"


def test_huge_csv_cell_is_refused_with_location(tmp_path: Path) -> None:
    content = "Navn;Noter\nA;" + "x" * 200_000 + "\n"
    with pytest.raises(SourceError) as caught:
        read_table(write_bytes(tmp_path, content.encode()))
    assert caught.value.problem.location == "row 2, column 'Noter'"


# --- JSON ----------------------------------------------------------------------------------


def write_json(tmp_path: Path, content: str) -> Path:
    return write_bytes(tmp_path, content.encode(), name="source.json")


def json_problem(path: Path) -> tuple[str, str]:
    with pytest.raises(SourceError) as caught:
        load_json(path, hint="Save it again.")
    assert caught.value.problem.message and caught.value.problem.hint
    return caught.value.problem.code, caught.value.problem.location


def test_load_json_reads_a_document(tmp_path: Path) -> None:
    assert load_json(write_json(tmp_path, '{"a": [1, "b"]}'), hint="") == {"a": [1, "b"]}


def test_malformed_json_is_located_by_line_and_column(tmp_path: Path) -> None:
    path = write_json(tmp_path, '{\n  "a": ]\n}')
    assert json_problem(path) == ("malformed-json", "line 2, column 8")


def test_too_deeply_nested_json_is_malformed(tmp_path: Path) -> None:
    path = write_json(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert json_problem(path) == ("malformed-json", "whole file")


def test_json_number_of_too_many_digits_is_malformed(tmp_path: Path) -> None:
    assert json_problem(write_json(tmp_path, "[" + "9" * 5000 + "]")) == (
        "malformed-json",
        "whole file",
    )


def test_json_string_of_exactly_an_excel_cell_is_accepted() -> None:
    check_json_values([{"a": "x" * MAX_CELL_CHARS}], file="f.json")


@pytest.mark.parametrize(
    ("document", "location"),
    [
        ([{}, {"general": {"name": "HUGE"}}], "[1].general.name"),
        ({"data": {"odd key": ["ok", "HUGE"]}}, 'data["odd key"][1]'),
        ("HUGE", "top level"),
    ],
)
def test_json_string_longer_than_an_excel_cell_is_refused_at_its_path(
    document: Any, location: str
) -> None:
    huge = "x" * (MAX_CELL_CHARS + 1)
    with pytest.raises(SourceError) as caught:
        check_json_values(json.loads(json.dumps(document).replace("HUGE", huge)), file="f.json")
    problem = caught.value.problem
    assert (problem.code, problem.file, problem.location) == ("value-too-large", "f.json", location)


def test_deep_json_is_walked_without_recursion() -> None:
    document: Any = "x" * (MAX_CELL_CHARS + 1)
    for _ in range(10_000):
        document = [document]
    with pytest.raises(SourceError) as caught:
        check_json_values(document, file="f.json")
    assert caught.value.problem.location == "[0]" * 10_000


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-04", date(2021, 3, 4)),
        ("2021-03-04T00:00:00+01:00", date(2021, 3, 4)),
        ("2021-03-04 12:30:00", date(2021, 3, 4)),
        ("04-03-2021", date(2021, 3, 4)),
        ("4.3.2021", date(2021, 3, 4)),
        ("04/03/2021", date(2021, 3, 4)),
        (44259, date(2021, 3, 4)),
        (44259.75, date(2021, 3, 4)),
        ("44259", date(2021, 3, 4)),
        (datetime(2021, 3, 4, 8, 0), date(2021, 3, 4)),
        (date(2021, 3, 4), date(2021, 3, 4)),
        (1, date(1900, 1, 1)),
        (61, date(1900, 3, 1)),
    ],
)
def test_parse_date_reads_common_forms(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "9999-12-31", "31-12-9999", 2958465])
def test_parse_date_empty_or_open_is_none(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value", ["31-02-2021", "1899-12-31", "not a date", "2021/13/01", 0, "2024", "12"]
)
def test_parse_date_rejects_unreadable_values(value: object) -> None:
    with pytest.raises(ValueError, match=str(value) if value else "serial"):  # names the value
        parse_date(value)


# --- values and names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (123, "123"),
        (123.0, "123"),
        (1.5, "1.5"),
        ("00123", "00123"),
        ("  x ", "x"),
        ("", None),
        (None, None),
        (date(2021, 1, 2), "2021-01-02"),
    ],
)
def test_text_gives_clean_strings(value: object, expected: str | None) -> None:
    assert text(value) == expected


def test_norm_name_folds_case_and_whitespace() -> None:
    assert norm_name("  Jobcenter   og\tBorgerservice ") == "jobcenter og borgerservice"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" Anne@Kommune.DK ", "anne@kommune.dk"), ("", None), ("anne", None), (None, None)],
)
def test_norm_email(value: str | None, expected: str | None) -> None:
    assert norm_email(value) == expected


@pytest.mark.parametrize(
    "name",
    [
        "CPR",
        "CPR-Nummer",
        "cpr_number",
        "cprnr",
        "Personnummer",
        " CPR nr. ",
        "Medarbejder CPR",
        "Personnummer (CPR)",
        "Person-nummer",
        "Personnr.",
    ],
)
def test_cpr_headers_are_recognised(name: str) -> None:
    assert is_cpr_header(name)


@pytest.mark.parametrize(
    "name", ["Navn", "E-mail", "Person UUID", "Telefon", "Pc pr. medarbejder", "Personale"]
)
def test_other_headers_are_not_cpr(name: str) -> None:
    assert not is_cpr_header(name)


def test_parse_bool_reads_danish_and_english() -> None:
    assert [parse_bool(v) for v in ("Ja", "nej", "true", "0", "", True)] == [
        True,
        False,
        True,
        False,
        None,
        True,
    ]


def test_problems_collects_and_reports_errors() -> None:
    problems = Problems("f.csv")
    problems.warning("w", "row 2", "m", "h")
    assert not problems.has_errors
    problems.error("e", "row 3", "m", "h")
    assert problems.has_errors
    assert [p.severity for p in problems.items] == [Severity.WARNING, Severity.ERROR]
    assert problems.items[1].file == "f.csv"


def test_sha256_of_file_is_stable(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, b"abc")
    assert sha256_of(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
