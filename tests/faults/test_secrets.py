"""No CPR number and no password in what govgraph prints, reports or exports.

CPR numbers come from the inputs (the ``<cpr>`` element, CPR columns, and CPR numbers typed
where something else belongs); the password is the local Neo4j's generated one (or
NEO4J_PASSWORD). The API's logs, audit log and error bodies are scanned in test_api_faults.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from core.settings import Settings
from govgraph.local_neo4j import local_database
from graph.driver import Graph, connection
from importers.common import redact_cpr
from tests.faults import test_hostile_markup, test_hostile_tables
from tests.faults.sources import CPRS, write_opus_with_cprs
from tests.importers import test_malformed_inventory
from tests.importers.batches import Build, problems
from tests.importers.hr_factories import (
    FAKE_CPR,
    mo_employee,
    opus_employee,
    opus_standard_units,
    report_row,
    write_csv,
    write_opus,
    write_os2mo,
    write_report_csv,
)
from tests.importers.kitos_factories import export_row, write_export_xlsx, write_register

CPR_DASHED = "010170-1234"


def cpr_like(text: str) -> bool:
    """True when the text holds anything that could be a CPR number."""
    return redact_cpr(text) != text


# --- sources that carry CPR numbers where they belong, and break something else ----------


def opus_with_cpr_and_bad_date(tmp: Path) -> tuple[Path, str]:
    employee = opus_employee("1", "30", leaveDate="31/13/2023")
    return write_opus(tmp, *opus_standard_units(), employee), "opus"


def os2mo_with_cpr_and_missing_unit(tmp: Path) -> tuple[Path, str]:
    return write_os2mo(tmp, employees=[mo_employee("p1", unit="nowhere")]), "os2mo"


def csv_with_cpr_column_and_duplicate(tmp: Path) -> tuple[Path, str]:
    rows = [["Medarbejdernummer", "CPR-nr", "Enhed"], ["1", FAKE_CPR, "B"], ["1", CPR_DASHED, "B"]]
    return write_csv(tmp, rows), "csv"


def report_with_cpr_and_bad_date(tmp: Path) -> tuple[Path, str]:
    row = report_row(1, **{"CPR-Nummer": FAKE_CPR, "Ansættelse gyldig fra": "snart"})
    return write_report_csv(tmp, [row]), "os2mo-report"


CARRYING_CPR: dict[str, Build] = {
    "opus": opus_with_cpr_and_bad_date,
    "os2mo": os2mo_with_cpr_and_missing_unit,
    "csv": csv_with_cpr_column_and_duplicate,
    "os2mo-report": report_with_cpr_and_bad_date,
}
CORPUS: dict[str, Build] = {
    **{f"inventory-{k}": v[0] for k, v in test_malformed_inventory.CASES.items()},
    **{f"markup-{k}": v[0] for k, v in test_hostile_markup.CASES.items()},
    **{f"tables-{k}": v[0] for k, v in test_hostile_tables.CASES.items()},
    **{f"cpr-{k}": v for k, v in CARRYING_CPR.items()},
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_no_problem_of_the_hostile_corpus_holds_a_cpr_number(tmp_path: Path, case: str) -> None:
    found = problems(*CORPUS[case](tmp_path))
    assert found, "every case of the corpus has a problem"
    assert [str(p) for p in found if cpr_like(str(p))] == []


# --- CPR numbers typed where something else belongs: echoed by the problem ---------------

MISPLACED: dict[str, Build] = {
    "csv-date": lambda t: (
        write_csv(t, [["Medarbejdernummer", "Enhed", "Startdato"], ["1", "B", CPR_DASHED]]),
        "csv",
    ),
    "csv-email": lambda t: (
        write_csv(t, [["Medarbejdernummer", "Enhed", "E-mail"], ["1", "B", CPR_DASHED]]),
        "csv",
    ),
    "csv-duplicate-id": lambda t: (
        write_csv(t, [["Medarbejdernummer", "Enhed"], [FAKE_CPR, "B"], [FAKE_CPR, "B"]]),
        "csv",
    ),
    "opus-date": lambda t: (
        write_opus(t, *opus_standard_units(), opus_employee("1", "30", entryDate=CPR_DASHED)),
        "opus",
    ),
    "opus-duplicate-id": lambda t: (
        write_opus(
            t, *opus_standard_units(), opus_employee(FAKE_CPR, "30"), opus_employee(FAKE_CPR, "30")
        ),
        "opus",
    ),
    "register-email": lambda t: (
        write_register(t / "r.xlsx", Superbrugere=[["Acadre", CPR_DASHED, "IT", None, None, None]]),
        "register",
    ),
    "export-email": lambda t: (
        write_export_xlsx(
            t / "e.xlsx", [export_row(Superbruger="Bo", **{"Superbruger Email#": CPR_DASHED})]
        ),
        "kitos-export",
    ),
}


@pytest.mark.parametrize("case", list(MISPLACED))
def test_a_cpr_number_in_the_wrong_field_is_not_quoted(tmp_path: Path, case: str) -> None:
    found = problems(*MISPLACED[case](tmp_path))
    assert found and [str(p) for p in found if cpr_like(str(p))] == []


# --- what the CLI prints and exports ------------------------------------------------------


def database_password(settings: Settings) -> str:
    """The Neo4j password of the suite: the local one's generated password, or NEO4J_PASSWORD."""
    if settings.uses_local_database:
        return local_database(settings).password()
    return settings.neo4j_password or ""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run ``python -m govgraph ARGS``; return its exit code and everything it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "govgraph", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


def workbook_text(path: Path) -> str:
    """Every cell of a workbook, as text."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(
        str(value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


@pytest.mark.slow
def test_no_cpr_or_password_in_cli_output_and_gap_exports(
    model_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    source = write_opus_with_cprs(tmp_path / "hr")
    broken = tmp_path / "broken" / source.name
    broken.parent.mkdir()
    broken.write_text(source.read_text("utf-8").replace("<entryDate>", "<entryDate>x", 1), "utf-8")
    printed = [
        run("import", "--dry-run", str(source)),
        run("import", str(source)),
        run("import", str(broken)),
        run("db", "status"),
        run("gaps"),
        run("gaps", "--format", "json"),
        run("gaps", "--format", "csv"),
        run("gaps", "--format", "xlsx", "--output", str(tmp_path / "gaps.xlsx")),
        run("handover", "500", "--format", "md"),
    ]
    assert [code for code, _ in printed] == [0, 0, 2, 0, 0, 0, 0, 0, 0], printed
    text = "\n".join(out for _, out in printed) + workbook_text(tmp_path / "gaps.xlsx")
    password = database_password(settings)
    assert password and password not in text
    assert [cpr for cpr in CPRS if cpr in text or cpr.replace("-", "") in text] == []


def test_a_refused_password_is_not_echoed(settings: Settings, session_graph: Graph) -> None:
    wrong = "Wrong-Password-7c1e"
    env = {**os.environ, "NEO4J_URI": connection(settings).uri, "NEO4J_PASSWORD": wrong}
    code, out = run("gaps", env=env)
    assert code == 1 and "refused the credentials" in out, out
    assert wrong not in out and database_password(settings) not in out
