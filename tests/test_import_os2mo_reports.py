"""OS2mo's three reports imported together vs. the GraphQL answer of the same data, in Neo4j."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from govgraph.cli import app
from graph import admin
from graph.driver import Graph

REPORTS = "os2mo-rapporter"
# What the reports lack (README, "Importing"): OS2mo's user key, the managers' dates, and the
# parent of a unit on no manager's path (with the line placement that follows from it).
UNKNOWN_TO_REPORTS = {"unit_id", "created_by", "ended_by", "depth", "in_forvaltning"}


def _import(*paths: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["import", *map(str, paths)])
    return result.exit_code, result.output


def _hr_graph(graph: Graph) -> tuple[list[str], set[tuple[str, str, str, str]]]:
    nodes = graph.query("MATCH (n) WHERE n:Person OR n:OrgUnit RETURN properties(n) AS p")
    rels = graph.query(
        "MATCH (a)-[r:MEMBER_OF|MANAGES|PART_OF]->(b) "
        "RETURN type(r) AS t, a.key AS a, b.key AS b, properties(r) AS p"
    )
    props = sorted(
        repr(sorted((k, str(v)) for k, v in n["p"].items() if k not in UNKNOWN_TO_REPORTS))
        for n in nodes
    )
    kept = {"MEMBER_OF": "valid_from", "MANAGES": "level"}  # MANAGES has no dates here
    edges = {(r["t"], r["a"], r["b"], str(r["p"].get(kept.get(r["t"], "")))) for r in rels}
    return props, edges


def test_three_reports_give_the_graphql_graph_but_what_they_lack(
    model_graph: Graph, examples: Path
) -> None:
    code, output = _import(examples / "os2mo.json")
    assert code == 0, output
    nodes, edges = _hr_graph(model_graph)
    admin.reset_database(model_graph)
    admin.init_database(model_graph)
    code, output = _import(examples / REPORTS)
    assert code == 0, output
    report_nodes, report_edges = _hr_graph(model_graph)
    assert report_nodes == nodes
    assert report_edges <= edges
    missing = edges - report_edges
    # the one unit that no manager's path passes through keeps no parent
    assert [e[0] for e in missing] == ["PART_OF"]
    assert sum(e[0] == "MANAGES" for e in report_edges) == 16


def test_ambiguous_unit_name_in_reports_leaves_graph_unchanged(
    model_graph: Graph, examples: Path, tmp_path: Path
) -> None:
    _import(examples / "os2mo.json")
    before = admin.content_checksum(model_graph)
    folder = shutil.copytree(examples / REPORTS, tmp_path / REPORTS)
    units = next(folder.glob("*enhedstyper.xlsx"))
    book = openpyxl.load_workbook(units)
    sheet = book.worksheets[0]
    sheet["B3"] = sheet["B2"].value  # a second unit named as the root
    book.save(units)
    code, output = _import(folder)
    assert code == 2 and "nothing written" in output
    assert "ambiguous-unit" in output or "units are named" in output
    assert "Rodorganisation" in output
    assert admin.content_checksum(model_graph) == before
