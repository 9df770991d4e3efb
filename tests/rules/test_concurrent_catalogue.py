"""The plain catalogue runs its rules in several read transactions at once: the same report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.errors import GovgraphError
from core.settings import RuleSettings
from graph import rules as rule_runner
from graph.driver import Graph
from graph.rules import evaluate
from schema.catalogue import load_catalogue, parse_rule
from tests.test_documented_output import demo_sources, load

AS_OF = date(2026, 11, 1)
ONE_TRANSACTION = RuleSettings(concurrent_rules=1)
CONCURRENT = RuleSettings(concurrent_rules=3)


@pytest.fixture(scope="module")
def example(session_graph: Graph, examples: Path) -> Graph:
    """The example forvaltning, which plants a gap for every rule."""
    load(session_graph, examples, demo_sources())
    return session_graph


def test_concurrent_rules_report_every_finding_once(example: Graph) -> None:
    alone = evaluate(example, as_of=AS_OF, params=ONE_TRANSACTION)
    together = evaluate(example, as_of=AS_OF, params=CONCURRENT)
    assert len({f.rule for f in alone.findings}) > 15  # a rule lost or run twice shows
    assert together.model_dump(exclude={"evaluated_at"}) == alone.model_dump(
        exclude={"evaluated_at"}
    )
    assert sorted(together.seconds) == sorted(alone.seconds) == sorted(r.id for r in alone.rules)


def _failing(rule_id: str) -> dict[str, object]:
    rule = next(r for r in load_catalogue() if r.id == rule_id)
    return {
        **rule.model_dump(exclude={"query", "focused_query", "message", "variants"}),
        "message": rule.message.model_dump(),
        "query": "MATCH (s:System) WHERE @focus(s) RETURN {key: s.key} AS subject, 1 / 0 AS n",
    }


@pytest.mark.parametrize("rule_settings", [ONE_TRANSACTION, CONCURRENT], ids=["one", "concurrent"])
def test_the_first_failing_rule_fails_the_catalogue(
    example: Graph, rule_settings: RuleSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = {r: parse_rule(_failing(r), origin=r) for r in ("GM-02", "DQ-05")}
    catalogue = tuple(broken.get(r.id, r) for r in load_catalogue())
    monkeypatch.setattr(rule_runner, "load_catalogue", lambda: catalogue)
    monkeypatch.setitem(rule_runner._LAST_SECONDS, "DQ-05", 60.0)  # started first
    with pytest.raises(GovgraphError, match=r"^The query of rule GM-02 failed: / by zero"):
        evaluate(example, as_of=AS_OF, params=rule_settings)
