"""The benchmark harness runs end to end at a tiny scale against the test Neo4j.

It asserts that the suite completes and writes its results — never what the timings are.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from benchmarks import gaps
from benchmarks.generate import Manifest, generate
from benchmarks.report import Results
from benchmarks.run import main
from core.settings import Settings
from graph.driver import Graph, connection
from soak.neo4j import free_port


def test_generator_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", scale=0.01, seed=3)
    second = generate(tmp_path / "b", scale=0.01, seed=3)
    assert (first.counts, first.people, first.systems) == (
        second.counts,
        second.people,
        second.systems,
    )
    opus = (tmp_path / "a" / first.opus).read_bytes()
    assert opus == (tmp_path / "b" / second.opus).read_bytes()
    assert Manifest.load(tmp_path / "a").handover_person == first.handover_person


@pytest.mark.slow
def test_quick_suite_completes_and_writes_results(
    settings: Settings,
    session_graph: Graph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conn = connection(settings)
    monkeypatch.setenv("NEO4J_URI", conn.uri)
    monkeypatch.setenv("NEO4J_USER", conn.user)
    monkeypatch.setenv("NEO4J_PASSWORD", conn.password or "")
    output = tmp_path / "results.md"
    code = main(
        [
            "--scale=0.01",
            f"--data={tmp_path / 'data'}",
            f"--output={output}",
            f"--api-port={free_port()}",
            "--requests=100",
            "--api-seconds=3",
            "--repeat=1",
            "--rounds=1",
        ]
    )
    assert code == 0
    text = output.read_text(encoding="utf-8")
    for area in ("import", "rules", "api", "pages", "memory"):
        assert f"| {area} |" in text
    assert "ratio, full import ÷ LOAD CSV" in text
    assert "| import | ratio, full import ÷ LOAD CSV | not measured" not in text


def test_smaller_generation_leaves_no_pages_of_a_larger_one(tmp_path: Path) -> None:
    generate(tmp_path, scale=0.2, seed=3)  # 320 systems: two pages of 250
    generate(tmp_path, scale=0.01, seed=3)
    usages = sorted(p.name for p in (tmp_path / "kitos").glob("it-system-usages*.json"))
    assert usages == ["it-system-usages.json"]


def test_cold_planning_restarts_before_planning_the_catalogue_and_a_what_if(
    session_graph: Graph,
) -> None:
    events: list[str] = []
    results = Results(machine={})
    gaps.measure_cold_planning(
        lambda: events.append("restart"), session_graph, results, as_of=date(2026, 11, 1)
    )
    assert events == ["restart", "restart"]
    assert [f.name for f in results.figures] == [gaps.COLD_PLANNING, gaps.COLD_PLANNING_WHAT_IF]
    catalogue, what_if = results.figures
    assert f"EXPLAIN of the {len(gaps.rule_runner.select_rules())} rules'" in catalogue.note
    assert f"EXPLAIN of the {len(gaps.departure_rules())} rules'" in what_if.note
    assert all(f.value is not None and f.value > 0 for f in results.figures)
