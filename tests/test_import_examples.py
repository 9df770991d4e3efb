"""The example forvaltning imported end to end through the CLI, against the real Neo4j."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli import app
from graph import admin
from graph.driver import Graph

OPUS = "ZLPE20261101120000_delta.xml"


def _import(*paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["import", *extra, *map(str, paths)])
    return result.exit_code, result.output


def _sources(examples: Path) -> list[Path]:
    return [examples / OPUS, examples / "kitos", examples / "register.xlsx"]


def test_examples_import_cleanly(model_graph: Graph, examples: Path) -> None:
    code, output = _import(*_sources(examples))
    assert code == 0, output
    found = admin.counts(model_graph)
    # The November dump's 250 people, and Brian Lund and Jens Kjær, whom only KITOS names.
    assert (found["Person"], found["System"], found["OWNS"], found["ImportRun"]) == (252, 39, 36, 3)


def test_reimporting_examples_changes_nothing(model_graph: Graph, examples: Path) -> None:
    _import(*_sources(examples))
    before = admin.content_checksum(model_graph)
    code, output = _import(*_sources(examples))
    assert code == 0
    assert output.count("nothing changed") == 3, output
    assert admin.content_checksum(model_graph) == before


def test_no_cpr_number_reaches_the_graph(model_graph: Graph, examples: Path) -> None:
    text = (examples / OPUS).read_text(encoding="utf-8")
    cprs = set(re.findall(r"<cpr[^>]*>([^<]+)</cpr>", text))
    assert cprs, "the example OPUS file should carry CPR numbers to prove they are dropped"
    _import(*_sources(examples))
    digits = {c.replace("-", "") for c in cprs}
    rows = model_graph.query(
        "MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() RETURN properties(r) AS p"
    )
    values = [(k, str(v)) for row in rows for k, v in row["p"].items()]
    assert not [k for k, _ in values if "cpr" in k.lower()]
    leaked = [v for _, v in values if any(d in v.replace("-", "") for d in digits)]
    assert leaked == []


def test_failed_import_leaves_graph_unchanged(
    model_graph: Graph, examples: Path, tmp_path: Path
) -> None:
    _import(*_sources(examples))
    before = admin.content_checksum(model_graph)
    broken = tmp_path / "ZLPE20261201120000_delta.xml"
    text = (examples / OPUS).read_text(encoding="utf-8")
    broken.write_text(text.replace("<parentOrgUnit>", "<parentOrgUnit>999", 1), encoding="utf-8")
    code, output = _import(broken)
    assert code == 2 and "nothing written" in output
    assert admin.content_checksum(model_graph) == before


def test_later_file_without_a_person_ends_their_relationships(
    model_graph: Graph, examples: Path, tmp_path: Path
) -> None:
    _import(examples / OPUS)
    text = (examples / OPUS).read_text(encoding="utf-8")
    first = re.search(r"<employee id=\"([^\"]+)\"[^/>]*>.*?</employee>", text, re.S)
    assert first is not None
    later = tmp_path / "ZLPE20261201120000_delta.xml"
    later.write_text(text.replace(first.group(0), ""), encoding="utf-8")
    code, output = _import(later)
    assert code == 0, output
    row = model_graph.query(
        "MATCH (p:Person {key: $k})-[r:MEMBER_OF]->() RETURN p.valid_to AS left, "
        "r.valid_to AS ended, r.ended_by IS NOT NULL AS by_import",
        k=first.group(1),
    )[0]
    assert str(row["left"]) == "2026-12-01" and str(row["ended"]) == "2026-12-01"
    assert row["by_import"]


def test_dry_run_writes_nothing(model_graph: Graph, examples: Path) -> None:
    before = admin.content_checksum(model_graph)
    code, output = _import(examples / OPUS, extra=("--dry-run",))
    assert code == 0 and "dry run" in output
    assert admin.content_checksum(model_graph) == before
