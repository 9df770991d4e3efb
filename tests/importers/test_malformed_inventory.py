"""Malformed KITOS and register inputs: each gives its own problem code at a precise location.

Errors stop the import (a SourceError, or a batch with errors and no records); warnings are
reported while the import goes on.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from core.records import Severity
from importers.base import ImportOptions
from tests.importers.batches import Case, read
from tests.importers.kitos_factories import (
    export_headers,
    export_row,
    role,
    usage,
    user,
    write_export_xlsx,
    write_kitos,
    write_register,
)

OPTIONS = ImportOptions(today=date(2026, 11, 1))
ERROR, WARNING = Severity.ERROR, Severity.WARNING


# --- the inputs: each builds one malformed source in tmp_path and names its format -----------


def api_malformed_json(tmp: Path) -> tuple[Path, str]:
    folder = write_kitos(tmp / "kitos")
    (folder / "users.json").write_text('[\n  {"uuid": "u1",\n    "firstName": }\n]', "utf-8")
    return folder, "kitos"


def api_object_not_array(tmp: Path) -> tuple[Path, str]:
    folder = write_kitos(tmp / "kitos")
    (folder / "organization-units.json").write_text('{"uuid": "x"}', "utf-8")
    return folder, "kitos"


def api_item_not_object(tmp: Path) -> tuple[Path, str]:
    folder = write_kitos(tmp / "kitos")
    (folder / "users.json").write_text(json.dumps([user(), "Anne Holm"]), "utf-8")
    return folder, "kitos"


def api_missing_users(tmp: Path) -> tuple[Path, str]:
    folder = write_kitos(tmp / "kitos")
    (folder / "users.json").unlink()
    return folder, "kitos"


def api_usage_without_uuid(tmp: Path) -> tuple[Path, str]:
    broken = usage()
    del broken["uuid"]
    return write_kitos(tmp / "kitos", usages=[usage("u-1"), broken]), "kitos"


def api_duplicate_usage(tmp: Path) -> tuple[Path, str]:
    return write_kitos(tmp / "kitos", usages=[usage(), usage("other"), usage()]), "kitos"


def api_unknown_role(tmp: Path) -> tuple[Path, str]:
    roles = [role("Systemejer"), role("Lokal tovholder")]
    return write_kitos(tmp / "kitos", usages=[usage(roles=roles)]), "kitos"


def api_unknown_user(tmp: Path) -> tuple[Path, str]:
    return write_kitos(tmp / "kitos", usages=[usage(roles=[role("Superbruger", "ghost")])]), "kitos"


def api_bad_date(tmp: Path) -> tuple[Path, str]:
    gdpr = {"plannedRiskAssessmentDate": "31-02-2027"}
    return write_kitos(tmp / "kitos", usages=[usage(gdpr=gdpr)]), "kitos"


def api_unknown_lifecycle(tmp: Path) -> tuple[Path, str]:
    general = {"validity": {"valid": True, "lifeCycleStatus": "Retired"}}
    return write_kitos(tmp / "kitos", usages=[usage(general=general)]), "kitos"


def api_not_a_folder(tmp: Path) -> tuple[Path, str]:
    path = tmp / "usages.json"
    path.write_text("[]", "utf-8")
    return path, "kitos"


def export_missing_system_column(tmp: Path) -> tuple[Path, str]:
    headers = [h for h in export_headers() if h != "IT System"]
    return write_export_xlsx(tmp / "e.xlsx", [export_row()], headers), "kitos-export"


def export_blank_system_name(tmp: Path) -> tuple[Path, str]:
    rows = [export_row(), export_row(**{"IT System": None, "Lokal System ID": "JB-002"})]
    return write_export_xlsx(tmp / "e.xlsx", rows), "kitos-export"


def export_duplicate_local_id(tmp: Path) -> tuple[Path, str]:
    rows = [export_row(), export_row(**{"IT System": "Momentum"})]
    return write_export_xlsx(tmp / "e.xlsx", rows), "kitos-export"


def export_email_count_mismatch(tmp: Path) -> tuple[Path, str]:
    row = export_row(Systemansvarlig="Anne Holm, Bo Dahl", **{"Systemansvarlig Email#": "a@k.dk"})
    return write_export_xlsx(tmp / "e.xlsx", [row]), "kitos-export"


def export_bad_email(tmp: Path) -> tuple[Path, str]:
    row = export_row(Superbruger="Bo Dahl", **{"Superbruger Email#": "bo.dahl(at)k.dk"})
    return write_export_xlsx(tmp / "e.xlsx", [row]), "kitos-export"


def export_unknown_lifecycle(tmp: Path) -> tuple[Path, str]:
    return write_export_xlsx(tmp / "e.xlsx", [export_row(Livscyklus="Pensioneret")]), "kitos-export"


def export_bad_date(tmp: Path) -> tuple[Path, str]:
    row = export_row(**{"Dato for planlagt risikovurdering": "snart"})
    return write_export_xlsx(tmp / "e.xlsx", [row]), "kitos-export"


def register_missing_sheet(tmp: Path) -> tuple[Path, str]:
    path = write_register(tmp / "r.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook["Fora"]
    workbook.save(path)
    return path, "register"


def register_missing_column(tmp: Path) -> tuple[Path, str]:
    path = write_register(tmp / "r.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["Roller"]["B1"] = "Funktion"
    workbook.save(path)
    return path, "register"


def register_bad_email(tmp: Path) -> tuple[Path, str]:
    rows = [
        ["Acadre", "bo.dahl@k.dk", "IT", None, None, None],
        ["Acadre", "Bo Dahl", "IT", None, None, None],
    ]
    return write_register(tmp / "r.xlsx", Superbrugere=rows), "register"


def register_invalid_choice(tmp: Path) -> tuple[Path, str]:
    rows = [["Acadre", "bo@k.dk", "Super-superbruger", "leder@k.dk", None, None]]
    return write_register(tmp / "r.xlsx", Superbrugere=rows), "register"


def register_period_backwards(tmp: Path) -> tuple[Path, str]:
    rows = [["dk@k.dk", "Systemkoordinator", "01-06-2025", "31-12-2024"]]
    return write_register(tmp / "r.xlsx", Roller=rows), "register"


def register_bad_date(tmp: Path) -> tuple[Path, str]:
    rows = [["DDS", "chef@k.dk", None, "1. januar", None]]
    return write_register(tmp / "r.xlsx", Fora=rows), "register"


def register_duplicate_row(tmp: Path) -> tuple[Path, str]:
    rows = [
        ["Acadre", "IT-konto", "Ja", "Ja"],
        ["Momentum", "IT-konto", "Ja", "Ja"],
        ["ACADRE", "Anden konto", "Ja", "Nej"],
    ]
    return write_register(tmp / "r.xlsx", Systemer=rows), "register"


def register_missing_review_date(tmp: Path) -> tuple[Path, str]:
    rows = [["Acadre", "Halvårlig gennemgang", None, "ejer@k.dk"]]
    return write_register(tmp / "r.xlsx", Gennemgange=rows), "register"


def register_not_a_workbook(tmp: Path) -> tuple[Path, str]:
    path = tmp / "register.csv"
    path.write_text("System;Superbruger e-mail\n", "utf-8")
    return path, "register"


CASES: dict[str, Case] = {
    "api-malformed-json": (api_malformed_json, ERROR, "malformed-json", "line 3, column 18"),
    "api-not-array": (api_object_not_array, ERROR, "not-a-json-array", "top level"),
    "api-item-not-object": (api_item_not_object, ERROR, "not-a-json-object", "item 2"),
    "api-missing-file": (api_missing_users, ERROR, "missing-file", "whole folder"),
    "api-usage-without-uuid": (api_usage_without_uuid, ERROR, "missing-field", "usage 2 'Acadre'"),
    "api-duplicate-usage": (api_duplicate_usage, ERROR, "duplicate-usage", "usage 3 'Acadre'"),
    "api-unknown-role": (api_unknown_role, WARNING, "unknown-role", "usage 1 'Acadre', roles[2]"),
    "api-unknown-user": (api_unknown_user, WARNING, "unknown-user", "usage 1 'Acadre', roles[1]"),
    "api-bad-date": (api_bad_date, WARNING, "bad-date", "plannedRiskAssessmentDate"),
    "api-unknown-value": (api_unknown_lifecycle, WARNING, "unknown-value", "lifeCycleStatus"),
    "api-not-a-folder": (api_not_a_folder, ERROR, "not-a-folder", "whole path"),
    "export-missing-column": (export_missing_system_column, ERROR, "missing-column", "row 1"),
    "export-missing-value": (
        export_blank_system_name,
        ERROR,
        "missing-value",
        "row 3, column 'IT System'",
    ),
    "export-duplicate-system": (
        export_duplicate_local_id,
        ERROR,
        "duplicate-system",
        "row 3, column 'Lokal System ID'",
    ),
    "export-email-count": (
        export_email_count_mismatch,
        WARNING,
        "email-count-mismatch",
        "row 2, column 'Systemansvarlig Email#'",
    ),
    "export-bad-email": (
        export_bad_email,
        WARNING,
        "bad-email",
        "row 2, column 'Superbruger Email#'",
    ),
    "export-unknown-value": (
        export_unknown_lifecycle,
        WARNING,
        "unknown-value",
        "row 2, column 'Livscyklus'",
    ),
    "export-bad-date": (
        export_bad_date,
        WARNING,
        "bad-date",
        "row 2, column 'Dato for planlagt risikovurdering'",
    ),
    "register-missing-sheet": (register_missing_sheet, ERROR, "missing-sheet", "whole file"),
    "register-missing-column": (
        register_missing_column,
        ERROR,
        "missing-column",
        "sheet 'Roller', row 1",
    ),
    "register-bad-email": (
        register_bad_email,
        ERROR,
        "bad-email",
        "sheet 'Superbrugere', row 3, column 'Superbruger e-mail'",
    ),
    "register-invalid-value": (
        register_invalid_choice,
        ERROR,
        "invalid-value",
        "sheet 'Superbrugere', row 2, column 'Type'",
    ),
    "register-bad-period": (
        register_period_backwards,
        ERROR,
        "bad-period",
        "sheet 'Roller', row 2, column 'Til'",
    ),
    "register-bad-date": (
        register_bad_date,
        ERROR,
        "bad-date",
        "sheet 'Fora', row 2, column 'Fra'",
    ),
    "register-duplicate-row": (
        register_duplicate_row,
        ERROR,
        "duplicate-row",
        "sheet 'Systemer', row 4, column 'System'",
    ),
    "register-missing-value": (
        register_missing_review_date,
        ERROR,
        "missing-value",
        "sheet 'Gennemgange', row 2, column 'Dato'",
    ),
    "register-not-a-workbook": (register_not_a_workbook, ERROR, "not-a-workbook", "whole file"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_input_gives_its_own_code_at_its_location(tmp_path: Path, case: str) -> None:
    build, severity, code, location = CASES[case]
    problems, _ = read(*build(tmp_path), OPTIONS)
    found = [(p.severity, p.code) for p in problems]
    assert found == [(severity, code)], problems
    assert location in problems[0].location


@pytest.mark.parametrize("case", [c for c, spec in CASES.items() if spec[1] is ERROR])
def test_an_error_leaves_no_records_to_write(tmp_path: Path, case: str) -> None:
    _, batch = read(*CASES[case][0](tmp_path), OPTIONS)
    assert batch is None or (batch.errors and not batch.nodes and not batch.rels)


@pytest.mark.parametrize("case", [c for c, spec in CASES.items() if spec[1] is WARNING])
def test_a_warning_keeps_the_records(tmp_path: Path, case: str) -> None:
    _, batch = read(*CASES[case][0](tmp_path), OPTIONS)
    assert batch is not None and any(n.label == "System" for n in batch.nodes)


def test_every_problem_says_what_is_wrong_and_what_to_do(tmp_path: Path) -> None:
    for index, (build, *_rest) in enumerate(CASES.values()):
        folder = tmp_path / str(index)
        folder.mkdir()
        for problem in read(*build(folder), OPTIONS)[0]:
            assert problem.message and problem.hint and problem.file


def test_the_corpus_has_at_least_twelve_distinct_codes() -> None:
    assert len({spec[2] for spec in CASES.values()}) >= 12
