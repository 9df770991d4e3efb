"""The gap report, finding for finding, is what it was before the rules were made faster.

Two goldens, written once from the rules as they were before issue #18's query changes and
never edited since: the example forvaltning imported as `make demo` does (the whole JSON of
`govgraph gaps`), and the benchmark's generated municipality at a small scale (every finding of
every rule). A rewritten query that finds one finding more or less, or words one differently,
fails here. ``GOVGRAPH_WRITE_GOLDEN=1`` writes the files instead (only for a deliberate change
of what a rule finds, which then shows in review as a change of the golden).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from benchmarks import importing
from benchmarks.generate import generate
from graph import admin
from graph.driver import Graph
from graph.rules import evaluate
from tests.test_documented_output import cli, demo_sources, load

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE_AS_OF = "2026-11-01"
BENCH_SCALE, BENCH_SEED = 0.05, 8


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def canonical(report: dict[str, Any]) -> dict[str, Any]:
    """The report without its time of evaluation, findings in one fixed order.

    A finding's related entities are compared as a set: GM-14 collects a person's roles in the
    order Neo4j stores them, which two imports of the same files need not share.
    """
    findings = [{**f, "related": sorted(f["related"], key=_key)} for f in report["findings"]]
    return {
        "as_of": report["as_of"],
        "rules": report["rules"],
        "findings": sorted(findings, key=_key),
    }


def check(name: str, report: dict[str, Any]) -> None:
    path = GOLDEN / name
    found = canonical(report)
    if os.environ.get("GOVGRAPH_WRITE_GOLDEN") == "1":
        path.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = canonical(json.loads(path.read_text(encoding="utf-8")))
    assert found["rules"] == expected["rules"]
    by_rule: dict[str, tuple[list[Any], list[Any]]] = {}
    for side, report_ in ((0, expected), (1, found)):
        for f in report_["findings"]:
            by_rule.setdefault(f["rule"], ([], []))[side].append(f)
    changed = {rule: (len(old), len(new)) for rule, (old, new) in by_rule.items() if old != new}
    first = next(
        (
            pair
            for rule in changed
            for pair in zip(*by_rule[rule], strict=False)
            if pair[0] != pair[1]
        ),
        None,
    )
    assert changed == {}, f"rules whose findings differ (golden, now): {changed}; first: {first}"
    assert found == expected


def test_example_gap_report_is_the_golden(session_graph: Graph, examples: Path) -> None:
    load(session_graph, examples, demo_sources())
    report = json.loads(cli("gaps", "--as-of", EXAMPLE_AS_OF, "--format", "json"))
    assert len(report["findings"]) > 20  # the example plants a gap for every rule
    check("example_gaps.json", report)


@pytest.fixture(scope="module")
def bench_graph(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> date:
    folder = tmp_path_factory.mktemp("bench")
    manifest = generate(folder, scale=BENCH_SCALE, seed=BENCH_SEED)
    runs = importing.read_sources(folder, manifest)
    admin.reset_database(session_graph)
    admin.init_database(session_graph)
    importing.import_sources(session_graph, runs)
    return date.fromisoformat(manifest.snapshot)


def test_generated_municipality_gap_report_is_the_golden(
    session_graph: Graph, bench_graph: date
) -> None:
    report = evaluate(session_graph, as_of=bench_graph).model_dump(mode="json")
    assert {f["rule"] for f in report["findings"]} >= {"GM-07", "GM-15", "DQ-03"}
    check(f"bench_{BENCH_SCALE}_{BENCH_SEED}_gaps.json", report)
