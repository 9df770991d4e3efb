"""A rule's rows come to Python collected into one record: the same rows, every column kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.settings import RuleSettings
from graph import rules as rule_runner
from graph.driver import Graph
from schema.catalogue import load_catalogue
from tests.test_documented_output import demo_sources, load

AS_OF = date(2026, 11, 1)


@pytest.fixture(scope="module")
def example(session_graph: Graph, examples: Path) -> Graph:
    """The example forvaltning, which plants a gap for every rule."""
    load(session_graph, examples, demo_sources())
    return session_graph


def _parameters(graph: Graph) -> dict[str, dict[str, object]]:
    """Each rule's parameters, as the runner sends them."""
    sent: dict[str, dict[str, object]] = {}

    def capture(tx: object, rule: rule_runner.Rule, params: dict[str, object]) -> list[object]:
        sent[rule.id] = params
        return []

    original = rule_runner._run_rule
    rule_runner._run_rule = capture  # type: ignore[assignment]
    try:
        rule_runner.evaluate(graph, as_of=AS_OF, params=RuleSettings(concurrent_rules=1))
    finally:
        rule_runner._run_rule = original
    return sent


def test_every_rule_gives_the_rows_and_columns_of_its_own_query(example: Graph) -> None:
    params = _parameters(example)
    found = 0
    with example.driver.session(database=example.database) as session:
        for rule in load_catalogue():

            def plain(tx, rule=rule):  # type: ignore[no-untyped-def]
                result = tx.run(rule.query, params[rule.id])
                return result.keys(), [dict(record) for record in result]

            columns, rows = session.execute_read(plain)
            collected = session.execute_read(rule_runner._run_rule, rule, params[rule.id])
            assert set(columns) <= set(rule_runner.FINDING_PARTS), rule.id
            assert [sorted(row) for row in collected] == [sorted(columns)] * len(rows), rule.id
            assert sorted(map(_json, collected)) == sorted(map(_json, rows)), rule.id
            found += len(rows)
    assert found > 20  # the example plants gaps: the rows compared are not all empty


def _json(row: dict[str, object]) -> str:
    return json.dumps(row, sort_keys=True, default=str)
