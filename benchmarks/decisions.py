"""The decision figure: previewing a decision (the findings it resolves and creates).

The decision is the Fix action of a GM-01 finding (a system without a systemejer): appoint the
best-ranked candidate. The preview runs the focused rules before and after it in one
transaction that is rolled back; the figure is the median of the warm runs.
"""

from __future__ import annotations

from datetime import date

from benchmarks.gaps import _timed, _warm, _warm_median
from benchmarks.report import Figure, Results, not_measured
from core.settings import Settings
from graph.decision_model import Proposal
from graph.decision_preview import preview
from graph.driver import Graph
from graph.remedies import candidates, remedies, subject_of
from graph.rules import evaluate

PREVIEW_GOAL = ("<", 300.0)
NAME = "decision preview, appoint a systemejer"


def measure_preview(graph: Graph, results: Results, *, as_of: date, repeat: int) -> None:
    """Time the preview of the Fix action of the first system without a systemejer."""
    settings = Settings()
    found = [f for f in evaluate(graph, as_of=as_of, rule_ids=["GM-01"]).findings
             if f.variant == "none"]  # fmt: skip
    if not found:
        results.figures.append(
            not_measured("rules", NAME, "no system without an owner", goal=PREVIEW_GOAL, unit="ms")
        )
        return
    remedy = remedies(found[0])[0]
    subject = subject_of(graph, "System", remedy.subject or "")
    ranked = candidates(graph, "systemejer", subject, kind=None, replaces=None, as_of=as_of,
                        settings=settings.rules)  # fmt: skip
    if not ranked:
        results.figures.append(
            not_measured("rules", NAME, "no candidate owner", goal=PREVIEW_GOAL, unit="ms")
        )
        return
    proposal = Proposal(
        type=remedy.type,
        role=remedy.role,
        subject=remedy.subject,
        person=ranked[0].person.key,
        effective_date=as_of,
        reason="benchmark",
        acknowledge_findings=True,
    )
    times, shown = _timed(lambda: preview(graph, proposal, settings=settings, as_of=as_of), repeat)
    results.figures.append(
        Figure(
            "rules",
            NAME,
            _warm_median(times) * 1000,
            "ms",
            PREVIEW_GOAL,
            note=f"median of {_warm(times)}; first (cold) {times[0] * 1000:.0f} ms; system "
            f"{subject.key}; resolves {len(shown.resolved)}, creates {len(shown.created)} findings",
        )
    )
