"""OS2mo's three report exports read together from one folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import SourceError
from importers.os2mo_report import COLUMNS
from importers.registry import detect_format, read_source
from tests.importers.batches import codes, node, rels
from tests.importers.hr_factories import OPTIONS
from tests.importers.os2mo_reports_factories import (
    ENGAGEMENTS_FILE,
    MANAGERS_FILE,
    UNITS_FILE,
    manager_row,
    write_same_as_graphql,
    write_three_reports,
)

SAMPLES = Path(__file__).parents[1] / "data" / "samples" / "os2mo"


def nodes_without(batch: ImportBatch, label: str, prop: str) -> dict[tuple[str, str], object]:
    return {
        (n.label, n.key): {k: v for k, v in n.props.items() if n.label != label or k != prop}
        for n in batch.nodes
    }


def rels_without_validity(batch: ImportBatch) -> set[tuple[str, str, str, object]]:
    return {
        (r.type, r.from_key, r.to_key, r.props.get("level") if r.type == "MANAGES" else None)
        for r in batch.rels
    }


def test_folder_with_the_reports_is_detected(tmp_path: Path) -> None:
    assert detect_format(write_three_reports(tmp_path / "mo")) == "os2mo-reports"


def test_three_reports_give_the_graphql_graph_but_unit_ids_and_post_dates(
    tmp_path: Path,
) -> None:
    reports = read_source(write_three_reports(tmp_path / "mo"), None, OPTIONS)
    graphql = read_source(write_same_as_graphql(tmp_path), None, OPTIONS)
    assert not reports.problems
    assert nodes_without(reports, "OrgUnit", "unit_id") == nodes_without(
        graphql, "OrgUnit", "unit_id"
    )
    assert rels_without_validity(reports) == rels_without_validity(graphql)


def test_one_post_per_person_and_unit_whatever_the_responsibilities(tmp_path: Path) -> None:
    batch = read_source(write_three_reports(tmp_path / "mo"), None, OPTIONS)
    assert sorted((r.from_key, r.to_key) for r in rels(batch, "MANAGES")) == [
        ("2", "21"),
        ("3", "10"),
        ("3", "30"),
        ("4", "90"),
    ]


def test_units_carry_type_and_validity(tmp_path: Path) -> None:
    batch = read_source(write_three_reports(tmp_path / "mo"), None, OPTIONS)
    unit = node(batch, "OrgUnit", "30")
    assert unit.props["unit_type"] == "Afdeling"
    assert str(unit.props["valid_from"]) == "2000-01-01"


def test_manager_matched_by_name_when_the_email_is_missing(tmp_path: Path) -> None:
    rows = [manager_row(1, "30", "Økonomi", **{"E-mail": None})]
    batch = read_source(write_three_reports(tmp_path / "mo", managers=rows), None, OPTIONS)
    assert [(r.from_key, r.to_key) for r in rels(batch, "MANAGES")] == [("1", "30")]


def test_same_name_told_apart_by_email(tmp_path: Path) -> None:
    folder = write_three_reports(
        tmp_path / "mo",
        managers=[manager_row(2, "21", "Økonomi", Navn="Given1 Surname1")],
        names={2: ("Given1", "Surname1")},
    )
    batch = read_source(folder, None, OPTIONS)
    assert [(r.from_key, r.to_key) for r in rels(batch, "MANAGES")] == [("2", "21")]


def test_two_people_fitting_a_manager_row_is_an_error_naming_file_row_column(
    tmp_path: Path,
) -> None:
    folder = write_three_reports(
        tmp_path / "mo",
        managers=[manager_row(1, "30", "Økonomi", **{"E-mail": None})],
        names={2: ("Given1", "Surname1")},
    )
    batch = read_source(folder, None, OPTIONS)
    problem = next(p for p in batch.problems if p.code == "ambiguous-manager")
    assert problem.file == MANAGERS_FILE
    assert problem.location.endswith("row 2, column 'Navn'")
    assert "(1, 2)" in problem.message
    assert not rels(batch, "MANAGES")


def test_unit_name_used_twice_is_an_error_naming_file_row_column(tmp_path: Path) -> None:
    rows = [manager_row(1, "30", "Økonomi")]
    folder = write_three_reports(tmp_path / "mo", managers=rows)
    _rename_unit(folder, "21", "Jobcenter")
    batch = read_source(folder, None, OPTIONS)
    problem = next(p for p in batch.problems if p.code == "ambiguous-unit")
    assert problem.file == MANAGERS_FILE
    assert problem.location.endswith("row 2, column 'Underenhed'")


def _rename_unit(folder: Path, key: str, name: str) -> None:
    path = folder / UNITS_FILE
    book = openpyxl.load_workbook(path)
    for row in book.worksheets[0].iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = name
    book.save(path)


def test_bad_unit_date_names_file_row_column(tmp_path: Path) -> None:
    folder = write_three_reports(tmp_path / "mo")
    book = openpyxl.load_workbook(folder / UNITS_FILE)
    book.worksheets[0]["E3"] = "not a date"
    book.save(folder / UNITS_FILE)
    problem = next(p for p in read_source(folder, None, OPTIONS).problems)
    assert (problem.code, problem.file) == ("bad-date", UNITS_FILE)
    assert problem.location.endswith("row 3, column 'Gyldig fra'")


def test_real_samples_read_together(tmp_path: Path) -> None:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    batch = read_source(folder, None, ImportOptions())
    assert not batch.errors
    unit = next(n for n in batch.nodes if n.label == "OrgUnit")
    assert (unit.props["name"], unit.props["unit_type"]) == ("Kolding Kommune", "Afdeling")
    # the anonymised samples do not agree: the manager's units are not in the other two
    assert "unknown-manager-unit" in codes(batch)


def test_the_engagement_columns_are_those_of_the_real_report() -> None:
    # The example generator and the test factories write their reports with COLUMNS.
    book = openpyxl.load_workbook(SAMPLES / ENGAGEMENTS_FILE, read_only=True)
    header = next(book.worksheets[0].iter_rows(max_row=1, values_only=True))
    assert tuple(header) == COLUMNS


@pytest.mark.parametrize("name", [MANAGERS_FILE, UNITS_FILE])
def test_manager_or_unit_report_alone_says_to_import_the_folder(name: str) -> None:
    with pytest.raises(SourceError) as raised:
        detect_format(SAMPLES / name)
    assert "import the folder" in raised.value.problem.hint


def test_unit_on_no_manager_path_has_no_parent(tmp_path: Path) -> None:
    rows = [manager_row(1, "30", "Økonomi")]
    batch = read_source(write_three_reports(tmp_path / "mo", managers=rows), None, OPTIONS)
    children = {r.from_key for r in rels(batch, "PART_OF")}
    assert children == {"10", "20", "30"}  # 21 and 90 lie on no manager's path


def test_two_reports_of_one_kind_is_an_error(tmp_path: Path) -> None:
    folder = write_three_reports(tmp_path / "mo")
    shutil.copy(folder / MANAGERS_FILE, folder / "ledere igen.xlsx")
    with pytest.raises(SourceError) as raised:
        read_source(folder, None, OPTIONS)
    assert raised.value.problem.code == "duplicate-report"


def test_a_single_file_given_as_the_reports_is_refused_as_not_a_folder(tmp_path: Path) -> None:
    folder = write_three_reports(tmp_path / "mo")
    one = next(p for p in sorted(folder.iterdir()) if p.suffix == ".xlsx")
    with pytest.raises(SourceError) as raised:
        read_source(one, "os2mo-reports", OPTIONS)
    assert raised.value.problem.code == "not-a-folder"
    assert raised.value.problem.file == one.name
