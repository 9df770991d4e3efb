"""CPR numbers never get past the table readers: by header, by value, through a mapping."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from core.records import ImportBatch, Problem, Severity
from importers.base import ImportOptions
from importers.common import SourceError
from importers.registry import read_source
from importers.tabular import read_tabular
from tests.importers.hr_factories import OPTIONS, batch_text, write_csv, write_xlsx
from tests.importers.kitos_factories import export_headers, export_row, write_export_xlsx

IT = replace(OPTIONS, forvaltning="IT")
HEADERS = ["Medarbejdernummer", "Navn", "Afdeling"]


def people(batch: ImportBatch) -> list[str]:
    return sorted(n.key for n in batch.nodes if n.label == "Person")


def cpr_warnings(batch: ImportBatch) -> list[Problem]:
    return [p for p in batch.problems if p.code == "cpr-values"]


def read_error(path: Path, options: ImportOptions = IT) -> SourceError:
    with pytest.raises(SourceError) as caught:
        read_tabular(path, options)
    return caught.value


def test_a_column_of_cpr_numbers_under_another_header_is_dropped_with_a_warning(
    tmp_path: Path,
) -> None:
    rows = [
        [*HEADERS, "Reference"],
        ["1", "Anne Ahl", "IT", "010190-1234"],
        ["2", "Bo Berg", "IT", "0202702345"],
        ["3", "Cia Dahl", "IT", ""],
    ]
    batch = read_tabular(write_csv(tmp_path, rows), IT)
    assert people(batch) == ["1", "2", "3"]
    [warning] = cpr_warnings(batch)
    assert (warning.severity, warning.code, warning.location) == (
        Severity.WARNING,
        "cpr-values",
        "row 1, column 'Reference'",
    )
    assert "2 of the 2 values" in warning.message
    assert "010190" not in batch_text(batch) and "0202702345" not in batch_text(batch)


def test_cpr_numbers_stored_as_numbers_in_a_workbook_are_dropped(tmp_path: Path) -> None:
    rows = [[*HEADERS, "Nummer"], ["1", "Anne", "IT", 602602389.0], ["2", "Bo", "IT", 101701234]]
    batch = read_tabular(write_xlsx(tmp_path, {"Ark1": rows}), IT)
    assert people(batch) == ["1", "2"]
    assert [p.location for p in cpr_warnings(batch)] == ["sheet 'Ark1', row 1, column 'Nummer'"]
    assert "602602389" not in batch_text(batch) and "101701234" not in batch_text(batch)


def test_ten_digit_ids_are_kept_though_one_looks_like_a_cpr_number(tmp_path: Path) -> None:
    ids = ["1000000001", "1000000002", "1000000003", "3112991234"]
    rows = [HEADERS, *([key, f"Person {key}", "IT"] for key in ids)]
    batch = read_tabular(write_csv(tmp_path, rows), IT)
    assert people(batch) == sorted(ids)
    assert cpr_warnings(batch) == [] and not batch.errors


def test_person_ids_that_are_cpr_numbers_are_a_clear_error(tmp_path: Path) -> None:
    rows = [HEADERS, ["0101701234", "Anne Ahl", "IT"], ["020270-2345", "Bo Berg", "IT"]]
    problem = read_error(write_csv(tmp_path, rows)).problem
    assert (problem.code, problem.location) == ("missing-column", "row 1")
    assert "Left unread as holding CPR numbers: 'Medarbejdernummer'" in problem.message
    assert "0101701234" not in str(problem) and "020270" not in str(problem)


@pytest.mark.parametrize(
    ("header", "value"),
    [("Medarbejder CPR", "0101701234"), ("Personnummer (CPR)", ""), ("Nøgle", "010170-1234")],
)
def test_mapping_the_person_id_to_a_cpr_column_is_refused(
    tmp_path: Path, header: str, value: str
) -> None:
    rows = [["Løbenr", header, "Navn", "Afdeling"], ["7", value, "Eva Ek", "IT"]]
    options = replace(IT, column_map={header: "person_id", "Løbenr": "user_id"})
    problem = read_error(write_csv(tmp_path, rows), options).problem
    assert (problem.code, problem.location) == ("cpr-column", f"mapping, column '{header}'")
    assert "holds CPR numbers, which are never read" in problem.message
    assert problem.hint == (
        "Map the HR system's employee number (e.g. 'Medarbejdernummer') or another id to "
        f"'person_id' instead, and take '{header}' out of the mapping (--mapping)."
    )


def test_mapping_another_field_to_a_cpr_column_is_refused(tmp_path: Path) -> None:
    rows = [[*HEADERS, "CPR"], ["7", "Eva Ek", "IT", "0101701234"]]
    problem = read_error(write_csv(tmp_path, rows), replace(IT, column_map={"CPR": "email"}))
    assert problem.problem.code == "cpr-column"
    assert problem.problem.hint == "Take 'CPR' out of the mapping (--mapping)."


def test_a_cpr_number_in_the_file_name_is_not_repeated_in_problems(tmp_path: Path) -> None:
    rows = [["Navn", "Afdeling"], ["Eva Ek", "IT"]]
    problem = read_error(write_csv(tmp_path, rows, name="ansatte-010170-1234.csv")).problem
    assert problem.code == "missing-column"
    assert problem.file == "ansatte-[redacted].csv"


def test_the_kitos_export_reports_a_column_of_cpr_numbers_too(tmp_path: Path) -> None:
    path = tmp_path / "kitos.xlsx"
    write_export_xlsx(path, [export_row(Noter="0101701234")], [*export_headers(), "Noter"])
    batch = read_source(path, "kitos-export", OPTIONS)
    assert [p.location for p in cpr_warnings(batch)] == ["sheet 'Sheet', row 1, column 'Noter'"]
    assert [n.props["name"] for n in batch.nodes if n.label == "System"] == ["Acadre"]
    assert "0101701234" not in batch_text(batch)
