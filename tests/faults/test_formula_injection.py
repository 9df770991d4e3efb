"""Text from a hostile source never becomes a formula in an export.

A KITOS system and a KITOS user are named ``=HYPERLINK(...)``; they are imported through the
CLI and come back out of `govgraph gaps` and `govgraph handover` as plain text: in a workbook
as a string cell (openpyxl ``data_type != 'f'``), in CSV with a leading quote.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from graph.driver import Graph
from tests.importers.kitos_factories import role, usage, user, write_kitos

FORMULA = '=HYPERLINK("http://evil.example/x","klik")'
USER = "7e57e57e-0000-4000-8000-00000000f00d"
FORMULA_STARTS = ("=", "+", "-", "@")


def cli(*args: str) -> str:
    """Run the CLI in this process; return its output, failing on a non-zero exit."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def hostile_graph(model_graph: Graph, tmp_path: Path) -> Graph:
    """A system and a user named as formulas, imported from a KITOS folder."""
    folder = write_kitos(
        tmp_path / "kitos",
        usages=[usage(name=FORMULA, roles=[role("Systemansvarlig", USER)])],
        users=[user(USER, first="=HYPERLINK(", last='"http://evil.example")', email="x@k.dk")],
    )
    cli("import", str(folder))
    return model_graph


def formula_cells(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, cell, type) of every cell holding the hostile text or any formula at all."""
    workbook = openpyxl.load_workbook(path)
    return [
        (sheet.title, cell.coordinate, cell.data_type)
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" or (isinstance(cell.value, str) and "HYPERLINK" in cell.value)
    ]


def test_formula_in_a_name_is_text_in_the_gaps_workbook(
    hostile_graph: Graph, tmp_path: Path
) -> None:
    out = tmp_path / "gaps.xlsx"
    cli("gaps", "--format", "xlsx", "--output", str(out))
    cells = formula_cells(out)
    assert cells, "the hostile name should be in the workbook"
    assert [c for c in cells if c[2] != "s"] == []


def test_formula_in_a_name_is_quoted_in_the_gaps_csv(hostile_graph: Graph) -> None:
    rows = list(csv.reader(io.StringIO(cli("gaps", "--format", "csv"))))
    fields = [field for row in rows for field in row]
    assert any("HYPERLINK" in f for f in fields)
    assert [f for f in fields if f.startswith(FORMULA_STARTS)] == []


def test_formula_in_a_name_is_text_in_the_handover_workbook(
    hostile_graph: Graph, tmp_path: Path
) -> None:
    out = tmp_path / "handover.xlsx"
    cli("handover", "x@k.dk", "--format", "xlsx", "--output", str(out))
    cells = formula_cells(out)
    assert cells, "the hostile names should be in the workbook"
    assert [c for c in cells if c[2] != "s"] == []


def test_control_characters_in_a_name_do_not_break_the_gaps_workbook(
    model_graph: Graph, tmp_path: Path
) -> None:
    cli("import", str(write_kitos(tmp_path / "kitos", usages=[usage(name="Ctl\x01System")])))
    out = tmp_path / "gaps.xlsx"
    cli("gaps", "--format", "xlsx", "--output", str(out))
    workbook = openpyxl.load_workbook(out, read_only=True)
    names = [
        value
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str) and value.startswith("Ctl")
    ]
    assert names and all("\x01" not in name for name in names)
