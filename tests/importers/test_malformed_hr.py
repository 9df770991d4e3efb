"""Malformed HR inputs: each gives its own problem code at a precise location.

Errors stop the import (a SourceError, or a batch with errors that the writer refuses);
warnings are reported while the import goes on.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from core.records import Problem, Severity
from importers.base import ImportOptions
from importers.registry import read_source
from tests.importers.batches import problems
from tests.importers.hr_factories import (
    OPTIONS,
    UNITS,
    mo_employee,
    mo_manager,
    mo_standard_units,
    mo_unit,
    opus_employee,
    opus_standard_units,
    opus_unit,
    report_row,
    write_csv,
    write_opus,
    write_os2mo,
    write_report_csv,
    write_report_xlsx,
    write_xlsx,
)


def found(path: Path, fmt: str, code: str, options: ImportOptions = OPTIONS) -> Problem:
    matching = [p for p in problems(path, fmt, options) if p.code == code]
    assert matching, f"no {code} among {problems(path, fmt, options)}"
    return matching[0]


def line_of(path: Path, snippet: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if snippet in line]
    return lines[occurrence - 1]


# --- KMD OPUS ------------------------------------------------------------------------------


def test_opus_mismatched_tag_is_malformed_at_its_line(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), ' <employee id="1"><a>x</b></employee>\n')
    problem = found(path, "opus", "malformed-xml")
    assert problem.location == f"line {line_of(path, '</b>')}"
    assert problem.severity is Severity.ERROR


def test_opus_wrong_root_element(tmp_path: Path) -> None:
    path = tmp_path / "ZLPE20240101000000_delta.xml"
    path.write_text('<?xml version="1.0"?>\n<payroll/>\n')
    problem = found(path, "opus", "missing-element")
    assert problem.location == "<payroll>, line 2"


def test_opus_entity_declaration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ZLPE20240101000000_delta.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE kmd [<!ENTITY x "boom">]>\n<kmd>&x;</kmd>\n')
    assert found(path, "opus", "unsafe-xml").location == "whole file"


def test_opus_unit_without_id(tmp_path: Path) -> None:
    path = write_opus(
        tmp_path, *opus_standard_units(), " <orgUnit><longName>X</longName></orgUnit>\n"
    )
    problem = found(path, "opus", "missing-attribute")
    assert problem.location == f"<orgUnit>, line {line_of(path, '<orgUnit>')}"


def test_opus_unit_without_name(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), opus_unit("50", "", "10", shortName=""))
    problem = found(path, "opus", "missing-element")
    assert problem.location == f"<orgUnit id='50'> <longName>, line {line_of(path, '<longName/>')}"


def test_opus_employee_without_org_unit(tmp_path: Path) -> None:
    employee = opus_employee("1000", "30").replace("  <orgUnit>30</orgUnit>\n", "")
    path = write_opus(tmp_path, *opus_standard_units(), employee)
    problem = found(path, "opus", "missing-element")
    assert problem.location == f"<employee id='1000'>, line {line_of(path, 'employee id=')}"
    assert "<orgUnit>" in problem.message


def test_opus_duplicate_employee_id(tmp_path: Path) -> None:
    path = write_opus(
        tmp_path, *opus_standard_units(), opus_employee("7", "30"), opus_employee("7", "20")
    )
    problem = found(path, "opus", "duplicate-key")
    assert problem.location == f"<employee id='7'>, line {line_of(path, 'employee id=', 2)}"
    assert f"line {line_of(path, 'employee id=')}" in problem.message


def test_opus_unit_with_missing_parent(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), opus_unit("50", "Løs enhed", "77"))
    problem = found(path, "opus", "unknown-parent")
    line = line_of(path, 'id="50"')
    assert problem.location == f"<orgUnit id='50'>, line {line}"
    assert "'77'" in problem.hint


def test_opus_cycle_in_unit_tree(tmp_path: Path) -> None:
    path = write_opus(
        tmp_path, *opus_standard_units(), opus_unit("60", "A", "61"), opus_unit("61", "B", "60")
    )
    problem = found(path, "opus", "unit-cycle")
    line = line_of(path, 'id="60"')
    assert problem.location == f"<orgUnit id='60'>, line {line}"
    assert "60 -> 61 -> 60" in problem.message


def test_opus_unreadable_leave_date(tmp_path: Path) -> None:
    path = write_opus(
        tmp_path, *opus_standard_units(), opus_employee("1", "30", leaveDate="31/13/2023")
    )
    problem = found(path, "opus", "bad-date")
    assert problem.location == f"<employee id='1'> <leaveDate>, line {line_of(path, 'leaveDate')}"


def test_opus_leave_for_unknown_employee_is_a_warning(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), ' <employee id="999" action="leave"/>\n')
    problem = found(path, "opus", "unknown-leaver")
    assert problem.severity is Severity.WARNING
    line = line_of(path, 'id="999"')
    assert problem.location == f"<employee id='999'>, line {line}"


def test_opus_unreadable_is_manager_is_a_warning(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), opus_employee("1", "30", isManager="måske"))
    problem = found(path, "opus", "bad-boolean")
    assert (problem.severity, problem.location) == (
        Severity.WARNING,
        f"<employee id='1'> <isManager>, line {line_of(path, 'isManager')}",
    )


def test_opus_manager_of_unknown_unit_is_a_warning(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), opus_employee("1", "88", isManager="true"))
    problem = found(path, "opus", "unknown-manager-unit")
    assert problem.severity is Severity.WARNING
    assert problem.location == f"<employee id='1'> <orgUnit>, line {line_of(path, '<orgUnit>88')}"
    assert found(path, "opus", "manager-without-unit").severity is Severity.WARNING


def test_opus_employee_without_email_is_a_warning(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), opus_employee("1", "30", email=""))
    problem = found(path, "opus", "missing-email")
    assert problem.location == f"<employee id='1'>, line {line_of(path, 'employee id=')}"


def test_opus_text_of_exactly_an_excel_cell_is_read(tmp_path: Path) -> None:
    name = "x" * 32_767
    path = write_opus(tmp_path, *opus_standard_units(), opus_unit("55", name, "10"))
    batch = read_source(path, "opus", OPTIONS)
    assert [n.props["name"] for n in batch.nodes if n.key == "55"] == [name]


def test_opus_huge_text_is_refused_at_its_child_and_line(tmp_path: Path) -> None:
    path = write_opus(tmp_path, *opus_standard_units(), opus_unit("55", "x" * 32_768, "10"))
    problem = found(path, "opus", "value-too-large")
    assert problem.location == f"<orgUnit id='55'> <longName>, line {line_of(path, 'x' * 99)}"


def test_opus_huge_id_is_refused_without_being_echoed(tmp_path: Path) -> None:
    huge = "9" * 40_000
    path = write_opus(tmp_path, *opus_standard_units(), opus_unit(huge, "Stor", "10"))
    problem = found(path, "opus", "value-too-large")
    assert problem.location == f"<orgUnit> attribute 'id', line {line_of(path, huge)}"


# --- OS2mo GraphQL JSON --------------------------------------------------------------------


def test_os2mo_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "mo.json"
    path.write_text('{"org_units": [')
    assert found(path, "os2mo", "malformed-json").location == "line 1, column 16"


def test_os2mo_json_without_collections(tmp_path: Path) -> None:
    path = tmp_path / "mo.json"
    path.write_text(json.dumps({"data": {"people": []}}))
    assert found(path, "os2mo", "missing-element").location == "top level"


def test_os2mo_engagement_without_unit(tmp_path: Path) -> None:
    employee = mo_employee("p1")
    employee["engagements"][0]["org_unit_uuid"] = None
    path = write_os2mo(tmp_path, employees=[employee])
    problem = found(path, "os2mo", "missing-field")
    assert problem.location == "employees[0] (uuid 'p1'), field 'engagements[0].org_unit_uuid'"


def test_os2mo_unreadable_validity(tmp_path: Path) -> None:
    units = mo_standard_units()
    units[2]["validity"] = {"from": "i går", "to": None}
    problem = found(write_os2mo(tmp_path, units=units), "os2mo", "bad-date")
    assert problem.location == "org_units[2] (uuid '20'), field 'validity.from'"


def test_os2mo_duplicate_unit_uuid(tmp_path: Path) -> None:
    units = [*mo_standard_units(), mo_unit("20", "Jobcenter igen", "10")]
    problem = found(write_os2mo(tmp_path, units=units), "os2mo", "duplicate-key")
    assert problem.location == f"org_units[{len(UNITS)}] (uuid '20')"


def test_os2mo_unit_without_name(tmp_path: Path) -> None:
    units = [*mo_standard_units(), mo_unit("55", "", "10")]
    problem = found(write_os2mo(tmp_path, units=units), "os2mo", "missing-field")
    assert problem.location == f"org_units[{len(UNITS)}] (uuid '55'), field 'name'"


def test_os2mo_manager_who_is_no_employee_is_a_warning(tmp_path: Path) -> None:
    path = write_os2mo(tmp_path, managers=[mo_manager("20", "ghost")])
    problem = found(path, "os2mo", "unknown-manager")
    assert (problem.severity, problem.location) == (
        Severity.WARNING,
        "managers[0], field 'employee_uuid'",
    )


# --- OS2mo Stilling+email report -----------------------------------------------------------


def test_report_without_person_uuid_column(tmp_path: Path) -> None:
    headers = ["Fornavn", "Org-enhed UUID", "Engagement UUID"]
    path = write_report_csv(tmp_path, [report_row(1)], headers=headers)
    problem = found(path, "os2mo-report", "missing-column")
    assert problem.location == "row 1"
    assert "'Person UUID'" in problem.message
    assert "'Fornavn', 'Org-enhed UUID', 'Engagement UUID'" in problem.hint


def test_report_duplicate_engagement(tmp_path: Path) -> None:
    path = write_report_csv(
        tmp_path, [report_row(1), report_row(2, **{"Engagement UUID": "eng-1"})]
    )
    problem = found(path, "os2mo-report", "duplicate-key")
    assert problem.location == "row 3, column 'Engagement UUID'"


def test_report_unreadable_start_date_in_csv(tmp_path: Path) -> None:
    path = write_report_csv(tmp_path, [report_row(1, **{"Ansættelse gyldig fra": "snart"})])
    problem = found(path, "os2mo-report", "bad-date")
    assert problem.location == "row 2, column 'Ansættelse gyldig fra'"


def test_report_unreadable_end_date_in_xlsx(tmp_path: Path) -> None:
    path = write_report_xlsx(
        tmp_path, [report_row(1), report_row(2, **{"Ansættelse gyldig til": "31-02-2024"})]
    )
    problem = found(path, "os2mo-report", "bad-date")
    assert problem.location == "sheet 'Ark1', row 3, column 'Ansættelse gyldig til'"


def test_report_row_without_person(tmp_path: Path) -> None:
    path = write_report_csv(tmp_path, [report_row(1, **{"Person UUID": ""})])
    assert found(path, "os2mo-report", "missing-value").location == "row 2, column 'Person UUID'"


def test_report_row_without_email_is_a_warning(tmp_path: Path) -> None:
    path = write_report_csv(tmp_path, [report_row(1, **{"E-mail": ""})])
    problem = found(path, "os2mo-report", "missing-email")
    assert (problem.severity, problem.location) == (Severity.WARNING, "row 2, column 'Person UUID'")


def test_report_invalid_email_is_a_warning(tmp_path: Path) -> None:
    path = write_report_csv(tmp_path, [report_row(1, **{"E-mail": "p1 at kommune"})])
    assert found(path, "os2mo-report", "invalid-email").severity is Severity.WARNING


# --- generic CSV/XLSX ----------------------------------------------------------------------


def test_csv_without_person_id_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["Navn", "Enhed"], ["A", "B"]])
    problem = found(path, "csv", "missing-column")
    assert problem.location == "row 1"
    assert "--mapping" in problem.hint


def test_csv_mapping_to_unknown_field(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["Nr", "Enhed"], ["1", "B"]])
    options = replace(OPTIONS, column_map={"Nr": "personnummer"})
    problem = found(path, "csv", "unknown-field", options)
    assert problem.location == "mapping, column 'Nr'"


def test_csv_duplicate_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, [["Medarbejdernummer", "Navn", "Enhed"], ["1", "A", "B"], ["1", "A", "B"]]
    )
    problem = found(path, "csv", "duplicate-key")
    assert problem.location == "row 3, column 'Medarbejdernummer'"


def test_csv_unreadable_start_date(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["Medarbejdernummer", "Enhed", "Startdato"], ["1", "B", "0"]])
    assert found(path, "csv", "bad-date").location == "row 2, column 'Startdato'"


def test_unit_sheet_with_missing_parent(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        {
            "Medarbejdere": [["Medarbejdernummer", "Enhed id"], ["1", "20"]],
            "Enheder": [
                ["Id", "Navn", "Overordnet enhed"],
                ["10", "JB", ""],
                ["20", "Jobcenter", "99"],
            ],
        },
    )
    problem = found(path, "csv", "unknown-parent", replace(OPTIONS, forvaltning="10"))
    assert problem.location == "sheet 'Enheder', row 3, column 'Id'"


def test_unit_cycle_in_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [["Medarbejdernummer", "Enhed id", "Overordnet enhed"], ["1", "A", "B"], ["2", "B", "A"]],
    )
    problem = found(path, "csv", "unit-cycle")
    assert problem.location == "row 2, column 'Enhed id'"


def test_configured_forvaltning_not_in_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["Medarbejdernummer", "Enhed"], ["1", "B"]])
    problem = found(path, "csv", "unknown-forvaltning", replace(OPTIONS, forvaltning="Nope"))
    assert problem.location == "configuration 'forvaltning'"
    assert "'B'" in problem.hint


def test_manager_of_unknown_unit_in_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["Medarbejdernummer", "Enhed", "Leder af"], ["1", "B", "Z"]])
    options = replace(OPTIONS, forvaltning="B")
    problem = found(path, "csv", "unknown-manager-unit", options)
    assert (problem.severity, problem.location) == (Severity.WARNING, "row 2, column 'Leder af'")
    assert found(path, "csv", "manager-without-unit", options).location == (
        "row 2, column 'Medarbejdernummer'"
    )


def test_huge_cell_in_hr_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["Medarbejdernummer", "Navn"], ["1", "x" * 40_000]])
    assert found(path, "csv", "cell-too-large").location == "row 2, column 'Navn'"


def test_csv_mapping_cpr_as_person_id_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["CPR-nr", "Enhed"], ["0101701234", "B"]])
    options = replace(OPTIONS, column_map={"CPR-nr": "person_id"})
    problem = found(path, "csv", "cpr-column", options)
    assert problem.location == "mapping, column 'CPR-nr'"
    assert "0101701234" not in str(problem)
