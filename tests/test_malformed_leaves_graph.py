"""Every malformed source with an error, imported through the CLI into a loaded graph,
leaves it exactly as it was (counts and content checksum) and exits non-zero."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.records import Severity
from govgraph.cli import app
from graph import admin
from graph.driver import Graph
from graph.writer import write_batch
from tests.factories import make_batch, make_person, make_system, make_unit, rel
from tests.importers.test_malformed_inventory import CASES

ERROR_CASES = [name for name, spec in CASES.items() if spec[1] is Severity.ERROR]


@pytest.fixture
def loaded(model_graph: Graph) -> Graph:
    """A graph holding people, a unit, a system and a role: something to protect."""
    anna, unit, system = make_person("p1"), make_unit("u1"), make_system("s1")
    write_batch(model_graph, make_batch([anna, unit], [rel("MEMBER_OF", anna, unit)]))
    write_batch(model_graph, make_batch([system], [rel("OWNS", anna, system)], scope="kitos"))
    return model_graph


@pytest.mark.parametrize("case", ERROR_CASES)
def test_malformed_inventory_source_changes_nothing(
    loaded: Graph, tmp_path: Path, case: str
) -> None:
    path, fmt = CASES[case][0](tmp_path)
    before = admin.counts(loaded), admin.content_checksum(loaded)
    result = CliRunner().invoke(app, ["import", "--format", fmt, str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (admin.counts(loaded), admin.content_checksum(loaded)) == before


def test_hr_file_with_a_cycle_changes_nothing(loaded: Graph, tmp_path: Path) -> None:
    broken = tmp_path / "ZLPE20261201120000_delta.xml"
    broken.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<kmd>\n'
        '<orgUnit id="1"><startDate>2020-01-01</startDate><endDate>9999-12-31</endDate>'
        "<parentOrgUnit>2</parentOrgUnit><longName>A</longName></orgUnit>\n"
        '<orgUnit id="2"><startDate>2020-01-01</startDate><endDate>9999-12-31</endDate>'
        "<parentOrgUnit>1</parentOrgUnit><longName>B</longName></orgUnit>\n</kmd>\n",
        encoding="utf-8",
    )
    before = admin.content_checksum(loaded)
    result = CliRunner().invoke(app, ["import", str(broken)])
    assert result.exit_code == 2 and "cycle" in result.output.lower()
    assert admin.content_checksum(loaded) == before
