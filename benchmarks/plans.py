"""Applying a handover plan: the busiest role holder's roles handed over in one transaction.

The plan is saved once (the top candidate for each sole role, the rest ended), then applied
several times, each in a write transaction that is rolled back, so every run sees the same
graph and the later figures measure the graph as imported. No decision waits for approval
here: every item is recorded and applied, the heaviest case.
"""

from __future__ import annotations

import time

from benchmarks.gaps import _warm, _warm_median
from benchmarks.report import Figure, Results, not_measured
from core.settings import DecisionSettings, Settings
from graph.decisions import owner_levels
from graph.driver import Graph
from graph.handover_plans import apply_draft, save_plan
from graph.plan_model import PlanChoices

APPLY_GOAL = ("<", 1000.0)
NAME = "apply the busiest person's handover plan, one transaction"


def measure_plan_apply(graph: Graph, results: Results, *, person: str, repeat: int) -> None:
    """Time applying ``person``'s handover plan (rolled back after each run)."""
    if not person:
        results.figures.append(
            not_measured("rules", NAME, "the data has no role holder", goal=APPLY_GOAL, unit="ms")
        )
        return
    settings = Settings().model_copy(update={"decisions": DecisionSettings(approval={})})
    started = time.perf_counter()
    plan = save_plan(graph, person, who="benchmark", settings=settings, chosen=PlanChoices())
    saved = time.perf_counter() - started
    levels = owner_levels(settings)
    times = []
    for _ in range(max(repeat, 2)):
        started = time.perf_counter()
        graph.rolled_back(
            lambda tx: apply_draft(tx, person, who="benchmark", settings=settings, levels=levels)
        )
        times.append(time.perf_counter() - started)
    results.figures.append(
        Figure(
            "rules",
            NAME,
            _warm_median(times) * 1000,
            "ms",
            APPLY_GOAL,
            note=f"median of {_warm(times)}, rolled back (commit not included); first (cold) "
            f"{times[0] * 1000:.0f} ms; person {person}: {len(plan.items)} decisions, "
            f"{len(plan.not_covered)} line roles left to HR; saving the plan {saved:.2f} s",
        )
    )
