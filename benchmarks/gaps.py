"""The rule figures: the full gap catalogue on the big graph, and one handover what-if.

Each is run a few times; the figure is the median, the first (cold) run is a detail. What is
not built yet (``graph.rules``, ``graph.handover``) gives a figure that says so.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from datetime import date
from functools import partial
from typing import Any

import httpx

from benchmarks.profiles import rule_parameters
from benchmarks.report import Figure, Results, not_measured
from benchmarks.server import ApiServer
from core.settings import RuleSettings
from graph import rules as rule_runner
from graph.driver import Graph
from graph.whatif import departure_rules
from schema.catalogue import Rule

CATALOGUE_GOAL = ("<", 1.0)  # issue #18
HANDOVER_GOAL = ("<", 300.0)
FIRST_CATALOGUE_GOAL = ("<", 3.0)
FIRST_HANDOVER_GOAL = ("<", 2.0)


def measure_rules(
    graph: Graph, results: Results, *, as_of: date, repeat: int, warm_up: int = 0
) -> None:
    """Time the whole catalogue; record findings per rule and the slowest rules.

    The warm figure is the median of the last ``repeat`` runs after ``warm_up`` runs: after a
    start, Neo4j's JIT compiles what the rules run over their first runs, and the early ones
    (given in the note) measure that, not a server that has been running.
    """
    evaluate = _function("graph.rules", "evaluate")
    if isinstance(evaluate, str):
        results.figures.append(
            not_measured("rules", "full gap catalogue", evaluate, goal=CATALOGUE_GOAL, unit="s")
        )
        return
    times, report = _timed(lambda: evaluate(graph, as_of=as_of), warm_up + max(1, repeat))
    median, runs = _after_warm_up(times, repeat=repeat, warm_up=warm_up, unit="s")
    results.figures.append(
        Figure(
            "rules",
            "full gap catalogue",
            median,
            "s",
            CATALOGUE_GOAL,
            note=f"{runs}; {len(report.findings)} findings",
        )
    )
    counts = Counter(f.rule for f in report.findings)
    results.detail(
        "rules", "findings per rule: " + ", ".join(f"{r} {n}" for r, n in sorted(counts.items()))
    )
    slowest = sorted(report.seconds.items(), key=lambda item: -item[1])[:5]
    results.detail(
        "rules",
        f"slowest rules (last run, {RuleSettings().concurrent_rules} at once): "
        + ", ".join(f"{r} {s * 1000:.0f} ms" for r, s in slowest),
    )


def measure_handover(
    graph: Graph,
    results: Results,
    *,
    people: dict[str, str],
    as_of: date,
    repeat: int,
    warm_up: int = 0,
) -> None:
    """Time one handover what-if for each person given (e.g. a typical and the busiest holder).

    As for the catalogue, the warm figure is the median of the last ``repeat`` runs after
    ``warm_up`` runs; the first runs are given in the note.
    """
    handover = _function("graph.handover", "handover")
    for label, person in people.items():
        name = f"handover what-if, {label}"
        if isinstance(handover, str) or not person:
            why = handover if isinstance(handover, str) else "the data has no such role holder"
            results.figures.append(not_measured("rules", name, why, goal=HANDOVER_GOAL, unit="ms"))
            continue
        work = partial(handover, graph, person, as_of=as_of)
        times, impact = _timed(work, warm_up + max(1, repeat))
        median, runs = _after_warm_up(times, repeat=repeat, warm_up=warm_up, unit="ms")
        results.figures.append(
            Figure(
                "rules",
                name,
                median * 1000,
                "ms",
                HANDOVER_GOAL,
                note=f"{runs}; person {person} "
                f"holds {len(impact.roles)} roles; {len(impact.new_findings)} new findings",
            )
        )


def measure_first_after_start(
    restart: Callable[[], None],
    start_api: Callable[[Mapping[str, str], bool], AbstractContextManager[ApiServer]],
    results: Results,
    *,
    person: str,
    as_of: date,
) -> None:
    """The first gap catalogue and the first handover over HTTP after Neo4j and the app start,
    and after the app alone starts (a deploy: Neo4j runs on, its plans and page cache warm).

    Each first request gets a fresh start: Neo4j restarted (its page cache and query plans
    empty) and the app started. The request is sent as soon as /health answers, while the app's
    warm-up still runs, once with the warm-up and once without (GOVGRAPH_WARM_UP=off); and once
    more when the app has gone idle after its warm-up, as a user who comes a little later. Then
    the app alone is restarted twice: a request at once, and one once the warm-up is done.
    """
    requests = {
        # Today's catalogue, as the gaps page asks for it: the one the warm-up runs first, whose
        # run a request that comes meanwhile shares. (Asked for another day, it would run beside
        # the warm-up's instead, on the same 2 cores.)
        "catalogue": ("/api/gaps", FIRST_CATALOGUE_GOAL),
        "handover": (f"/api/handover/{person}?as_of={as_of}", FIRST_HANDOVER_GOAL),
    }
    # (case, environment, wait for the warm-up, restart Neo4j)
    cases: tuple[tuple[str, dict[str, str], bool, bool], ...] = (
        ("without", {"GOVGRAPH_WARM_UP": "off"}, False, True),
        ("with", {}, False, True),
        ("after", {}, True, True),
        ("app", {}, False, False),
        ("app after", {}, True, False),
    )
    for what, (path, goal) in requests.items():
        seconds: dict[str, float] = {}
        warm_up: dict[str, float] = {}
        failed: list[str] = []
        for case, env, wait_idle, restart_neo4j in cases:
            if restart_neo4j:
                restart()
            started = time.perf_counter()
            # A slow first answer is timed, not cut off by the app's deadline (a 503).
            with start_api({**env, "GOVGRAPH_API__DATABASE_TIMEOUT": "600"}, wait_idle) as server:
                warm_up[case] = time.perf_counter() - started
                began = time.perf_counter()
                answer = httpx.get(
                    server.base + path,
                    headers={"Authorization": f"Bearer {server.token}"},
                    timeout=600.0,
                )
                seconds[case] = time.perf_counter() - began
                if answer.status_code != 200:
                    failed.append(f"{case}: it answered {answer.status_code}")
        names = first_after_start_names(what)
        detail = (f"; person {person}" if what == "handover" else "") + "".join(
            f"; {f}" for f in failed
        )
        results.figures += [
            Figure(
                "rules",
                names[0],
                seconds["with"],
                "s",
                goal,
                note=f"GET {path.split('?')[0]} as soon as /health answers, Neo4j and the app "
                f"just started, the warm-up running (/health answered {warm_up['with']:.1f} s "
                f"after the app's start); without the app's warm-up {seconds['without']:.2f} s"
                + detail,
            ),
            Figure(
                "rules",
                names[1],
                seconds["after"],
                "s",
                goal,
                note=f"the same request once the app was idle, {warm_up['after']:.1f} s after its "
                "start (Neo4j just started)" + detail,
            ),
            Figure(
                "rules",
                names[2],
                seconds["app"],
                "s",
                goal,
                note="as soon as /health answers, the app just started, the warm-up running; "
                "Neo4j kept running (as on a deploy)" + detail,
            ),
            Figure(
                "rules",
                names[3],
                seconds["app after"],
                "s",
                goal,
                note=f"the same once the app was idle, {warm_up['app after']:.1f} s after its "
                "start (Neo4j kept running)" + detail,
            ),
        ]


COLD_PLANNING = "planning the catalogue alone after a Neo4j start"
COLD_PLANNING_WHAT_IF = "planning a what-if's rules alone after a Neo4j start"


def measure_cold_planning(
    restart: Callable[[], None], graph: Graph, results: Results, *, as_of: date
) -> None:
    """What a first catalogue or handover after a Neo4j start cannot go below: planning.

    Neo4j keeps no query plan across a restart. Right after one, every rule's query, as the
    runner sends it and with its parameters, is only planned (``EXPLAIN``, nothing executed):
    the catalogue's as many at once as it runs them, then (after another restart) the focused
    queries of the rules a departure can change, one after the other, as a handover's what-if
    runs them.
    """
    rules = rule_runner.select_rules()
    with graph.driver.session(database=graph.database) as session:
        params = {
            r.id: session.execute_read(rule_parameters, graph.database, r, as_of) for r in rules
        }
    at_once = RuleSettings().concurrent_rules
    cases = (
        (COLD_PLANNING, rules, at_once, False, "catalogue"),
        (
            COLD_PLANNING_WHAT_IF,
            list(departure_rules()),
            1,
            True,
            "handover's what-if",
        ),
    )
    for name, planned, workers, focused, what in cases:

        def plan(rule: Rule, focused: bool = focused) -> None:
            query = rule.focused_query if focused else rule.query
            # A what-if focuses on tens of subjects; the size class is what Neo4j plans for.
            sent = {**params[rule.id], "focus": ["planned"] * 10} if focused else params[rule.id]
            with graph.driver.session(database=graph.database) as session:
                session.run("EXPLAIN " + rule_runner.collected_query(query), sent).consume()

        restart()
        began = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(plan, planned))
        results.figures.append(
            Figure(
                "rules",
                name,
                time.perf_counter() - began,
                "s",
                note=f"EXPLAIN of the {len(planned)} rules' queries, {workers} at once, nothing "
                "executed, right after a restart, nothing else running: Neo4j keeps no plan "
                f"across a restart, and the first {what} after one plans these",
            )
        )


def first_after_start_names(what: str) -> tuple[str, str, str, str]:
    """The names of the first-request figures of ``what`` (catalogue, handover)."""
    return (
        f"first {what} after start",
        f"first {what} after start, the warm-up done",
        f"first {what} after an app restart (Neo4j running)",
        f"first {what} after an app restart (Neo4j running), the warm-up done",
    )


def _function(module: str, name: str) -> Callable[..., Any] | str:
    """The named function, or why it cannot be had (a string)."""
    try:
        found = getattr(importlib.import_module(module), name)
    except ImportError as e:
        return f"{module} cannot be imported yet ({e})"
    except AttributeError:
        return f"{module} has no {name}() yet"
    return found


def _after_warm_up(
    times: list[float], *, repeat: int, warm_up: int, unit: str
) -> tuple[float, str]:
    """The median of the last ``repeat`` runs (after ``warm_up`` runs; without, all but the
    first), and a note that gives the first three."""
    warm = times[-max(1, repeat) :] if warm_up else times[1:] or times

    def shown(t: float) -> str:
        return f"{t * 1000:.0f}" if unit == "ms" else f"{t:.2f}"

    early = ", ".join(shown(t) for t in times[1:3])
    return statistics.median(warm), (
        f"median of the last {len(warm)} of {len(times)} runs; first (cold) "
        f"{shown(times[0])} {unit}, the next two {early} {unit}"
    )


def _warm_median(times: list[float]) -> float:
    """The median without the first run, which pays for planning the queries."""
    return statistics.median(times[1:] if len(times) > 1 else times)


def _warm(times: list[float]) -> str:
    return f"{len(times) - 1} warm runs" if len(times) > 1 else "1 run"


def _timed(work: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times: list[float] = []
    result: Any = None
    for _ in range(max(1, repeat)):
        began = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - began)
    return times, result
