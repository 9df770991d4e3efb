"""The CLI's formats: table within 80 columns, JSON, CSV, Excel, Markdown; clear errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from govgraph.cli import app
from graph.driver import Graph
from schema.catalogue import rule_ids
from tests.rules.world import World

AS_OF = ["--as-of", "2026-11-01"]
FORMULA = '=HYPERLINK("http://x","y")'


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govgraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=False,
    )


def _broken(graph: Graph, world: World) -> None:
    """The world with a system without owner, named like a spreadsheet formula."""
    world.system("s1", name=FORMULA)
    world.drop("OWNS", "chef", "s1")
    world.write(graph)


def test_gaps_table_exits_0_with_findings_within_80_columns(
    model_graph: Graph, world: World
) -> None:
    _broken(model_graph, world)
    out = invoke("gaps", *AS_OF, "--lang", "en")
    assert "GM-01 [high] Every system has exactly one system owner (1)" in out
    assert f"✗  {FORMULA} has no system" in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80


def test_gaps_json_has_the_agreed_shape(model_graph: Graph, world: World) -> None:
    _broken(model_graph, world)
    data = json.loads(invoke("gaps", *AS_OF, "--format", "json"))
    assert list(data) == ["evaluated_at", "as_of", "rules", "findings"]
    assert data["as_of"] == "2026-11-01"
    assert list(data["rules"][0]) == ["id", "severity", "title", "source"]
    assert [r["id"] for r in data["rules"]] == rule_ids()
    (finding,) = data["findings"]
    assert finding == {
        "rule": "GM-01",
        "severity": "high",
        "status": "violated",
        "subject": {"label": "System", "key": "s1", "name": FORMULA},
        "related": [],
        "message": {
            "da": f"{FORMULA} har ingen systemejer.",
            "en": f"{FORMULA} has no system owner.",
        },
        "accepted_until": None,
        "accepted_by": None,
    }


def test_gaps_rule_option_runs_only_those_rules(model_graph: Graph, world: World) -> None:
    _broken(model_graph, world)
    data = json.loads(invoke("gaps", *AS_OF, "--format", "json", "--rule", "gm-04"))
    assert ([r["id"] for r in data["rules"]], data["findings"]) == (["GM-04"], [])


def test_gaps_without_option_treats_people_as_gone(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    data = json.loads(
        invoke("gaps", *AS_OF, "--format", "json", "--rule", "GM-05", "--without", "it1@example.dk")
    )
    assert [f["subject"]["key"] for f in data["findings"]] == ["s1"]


def test_gaps_csv_writes_formula_like_text_as_text(model_graph: Graph, world: World) -> None:
    _broken(model_graph, world)
    rows = list(csv.DictReader(io.StringIO(invoke("gaps", *AS_OF, "--format", "csv"))))
    assert [(r["rule"], r["subject_key"], r["subject_name"]) for r in rows] == [
        ("GM-01", "s1", "'" + FORMULA)
    ]
    assert rows[0]["message_en"].startswith("'=HYPERLINK")


def test_gaps_xlsx_has_a_summary_and_a_filtered_sheet_per_rule(
    model_graph: Graph, world: World, tmp_path: Path
) -> None:
    _broken(model_graph, world)
    path = tmp_path / "gaps.xlsx"
    invoke("gaps", *AS_OF, "--format", "xlsx", "--output", str(path))
    book = load_workbook(path)
    assert book.sheetnames == ["Oversigt", *rule_ids()]
    assert all(book[name].auto_filter.ref for name in book.sheetnames)
    summary = book["Oversigt"]
    assert [c.value for c in summary[2]][:5] == ["GM-01", "high", summary["C2"].value, 1, 0]
    cell = book["GM-01"]["D2"]
    assert (cell.value, cell.data_type) == (FORMULA, "s")


def test_gaps_xlsx_without_output_is_refused() -> None:
    result = run_cli("gaps", "--format", "xlsx")
    assert result.returncode == 1
    assert "--format xlsx writes a file." in result.stderr


def test_unknown_rule_is_a_clear_error_without_traceback() -> None:
    result = run_cli("gaps", "--rule", "XX-99")
    assert result.returncode == 1
    assert "Unknown rule id(s): XX-99." in result.stderr
    assert "Traceback" not in result.stderr


def test_handover_markdown_is_a_checklist(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    out = invoke("handover", "a1@example.dk", "--on", "2026-11-01", "--format", "md")
    assert out.startswith("# Overdragelse: A1\n")
    assert "- [ ] **Systemansvarlig** · S1 — Forslag: A2 (9), KL-A (6), CHEF (5)" in out
    assert "- [ ] GM-04 (high): S1 har ingen systemansvarlig." in out


def test_handover_json_has_the_agreed_shape(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    data = json.loads(invoke("handover", "A1", "--on", "2026-11-01", "--format", "json"))
    assert list(data) == [
        "person",
        "roles",
        "new_findings",
        "resolved_findings",
        "sole_holder_of",
        "successors",
    ]


def test_handover_xlsx_is_a_checklist_workbook(
    model_graph: Graph, world: World, tmp_path: Path
) -> None:
    world.write(model_graph)
    path = tmp_path / "handover.xlsx"
    invoke(
        "handover", "a1", "--on", "2026-11-01", "--format", "xlsx", "-o", str(path), "--lang", "en"
    )
    book = load_workbook(path)
    assert book.sheetnames == [
        "Checklist",
        "New gaps if A1 leaves",
        "Gaps that disappear",
        "Possible successors",
    ]
    checklist = book["Checklist"]
    assert [c.value for c in checklist[1]][:3] == ["Done", "Kind", "Role"]
    assert checklist.auto_filter.ref == "A1:H2"


def test_ambiguous_person_lists_the_candidates(model_graph: Graph, world: World) -> None:
    world.person("h1", unit="JC-A", name="Hanne Holm")
    world.person("h2", unit="JC-B", name="Hanne Holm")
    world.write(model_graph)
    result = run_cli("handover", "Hanne Holm")
    assert result.returncode == 1
    assert "'Hanne Holm' matches 2 people." in result.stderr
    assert "(h1; JC-A)" in result.stderr and "(h2; JC-B)" in result.stderr


def test_departures_and_risk_print_json(model_graph: Graph, world: World) -> None:
    world.person("a1", unit="JC-A", valid_to=date(2026, 12, 1))
    world.write(model_graph)
    departures = json.loads(invoke("departures", *AS_OF, "--format", "json"))
    assert [(d["person"]["key"], d["rules"]) for d in departures] == [("a1", ["GM-04", "GM-13"])]
    risk = json.loads(invoke("risk", *AS_OF, "--format", "json", "--top", "2"))
    assert [s["system"]["key"] for s in risk["systems"]] == ["s1"]
    assert len(risk["people"]) == 2


def test_control_characters_do_not_break_the_workbook(
    model_graph: Graph, world: World, tmp_path: Path
) -> None:
    world.system("s1", name="Ctl\x01System")
    world.drop("OWNS", "chef", "s1")
    world.write(model_graph)
    path = tmp_path / "gaps.xlsx"
    invoke("gaps", *AS_OF, "--format", "xlsx", "--output", str(path), "--rule", "GM-01")
    assert load_workbook(path)["GM-01"]["D2"].value == "Ctl\ufffdSystem"


def test_a_name_excel_forbids_in_sheet_titles_does_not_break_the_handover_workbook(
    model_graph: Graph, world: World, tmp_path: Path
) -> None:
    world.person("a1", unit="JC-A", name="Anne/Bo [vikar]\x01")
    world.write(model_graph)
    path = tmp_path / "handover.xlsx"
    invoke("handover", "a1", "--on", "2026-11-01", "--format", "xlsx", "-o", str(path))
    assert load_workbook(path).sheetnames[1] == "Nye mangler, hvis Anne Bo vikar"
