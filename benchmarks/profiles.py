"""PROFILE every gap rule on the generated municipality and keep the plans as text.

Usage: ``python -m benchmarks.profiles [--port 7730] [--data DIR] [--scale 1.0] [--seed 8]``.
Starts a local Neo4j under ``DIR/home`` (kept between runs), generates and imports the
municipality once (again only when the scale or seed differs from the one imported), then runs
each rule of the catalogue with ``PROFILE``, as the rule runner sends it (its rows collected into
one list) and with the parameters it gives it (``$above`` and ``$department`` included), and
writes ``benchmarks/profiles/<rule>.txt``: total db hits and time at the top, then the plan as
Neo4j renders it. A rule whose plan changes shows in review as a change of its file. Stops the
Neo4j at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from unittest.mock import patch

from neo4j import ManagedTransaction

from benchmarks import importing
from benchmarks.generate import Manifest, generate
from benchmarks.machine import load_average
from benchmarks.target import DATA
from core.settings import RuleSettings
from govgraph.local_neo4j import LocalNeo4j
from graph import rules as rule_runner
from graph.driver import Connection, Graph, open_driver
from schema.catalogue import Rule, load_catalogue

PROFILES = Path(__file__).resolve().parent / "profiles"
_BUILT = "profiled.json"  # scale and seed of the municipality the database holds


@contextmanager
def local_graph(data: Path, port: int, heap: str, pagecache: str) -> Iterator[tuple[Graph, int]]:
    """A local Neo4j under ``data/home``, started if needed; yields the graph and its pid."""
    local = LocalNeo4j(
        home=data / "home", port=port, heap=heap, pagecache=pagecache, start_timeout=600.0
    )
    status, _ = local.start()
    conn = Connection(status.uri or "", "neo4j", local.password(), "neo4j")
    graph = Graph(open_driver(conn), conn.database)
    try:
        yield graph, status.pid or 0
    finally:
        graph.close()


def prepare(graph: Graph, data: Path, *, scale: float, seed: int) -> Manifest:
    """Generate and import the municipality unless the database holds this scale and seed."""
    sources = data / f"sources-{scale}-{seed}"
    built = data / _BUILT
    wanted = {"scale": scale, "seed": seed}
    if built.exists() and json.loads(built.read_text()) == wanted:
        return Manifest.load(sources)
    if (sources / "manifest.json").exists():
        manifest = Manifest.load(sources)  # generated before, not imported yet
    else:
        manifest = generate(sources, scale=scale, seed=seed)
    runs = importing.read_sources(sources, manifest)
    importing.fresh_graph(graph)
    importing.import_sources(graph, runs)
    built.write_text(json.dumps(wanted))
    return manifest


def rule_parameters(
    tx: ManagedTransaction, database: str, rule: Rule, as_of: date
) -> dict[str, Any]:
    """What ``graph.rules.run_rules`` sends this rule (only the parameters its query names)."""
    captured: dict[str, Any] = {}

    def capture(tx: ManagedTransaction, rule: Rule, params: dict[str, Any]) -> list[dict[str, Any]]:
        captured.update(params)
        return []

    with patch.object(rule_runner, "_run_rule", capture):
        rule_runner.run_rules(tx, database, [rule], as_of=as_of, params=RuleSettings())
    names = rule_runner._parameter_names(rule.query)
    return {k: v for k, v in captured.items() if k in names}


def render_plan(plan: Any) -> list[str]:
    """The profiled plan as a tree: operator, details, estimated rows, rows, db hits, time."""
    lines: list[str] = []

    def walk(node: Any, depth: int) -> None:
        args = node.get("args", {})
        details = args.get("Details", "")
        lines.append(
            f"{'  ' * depth}+{node['operatorType']}"
            f"  est={args.get('EstimatedRows', 0):.0f} rows={node.get('rows', 0)}"
            f" hits={node.get('dbHits', 0)}"
            + (f" ms={args['Time'] / 1e6:.1f}" if "Time" in args else "")
            + (f" memory={args['Memory']}" if "Memory" in args else "")
        )
        if details:
            for part in str(details).splitlines():
                lines.append(f"{'  ' * depth}|   {part}")
        for child in node.get("children", []):
            walk(child, depth + 1)

    walk(plan, 0)
    return lines


def _total(plan: Any, key: str) -> int:
    return int(plan.get(key, 0)) + sum(_total(c, key) for c in plan.get("children", []))


def profile_rule(graph: Graph, rule: Rule, as_of: date, warm: int = 2) -> str:
    """PROFILE one rule after ``warm`` plain runs; the text of its profile file."""
    with graph.driver.session(database=graph.database, notifications_min_severity="OFF") as s:
        params = s.execute_read(rule_runner_params, graph.database, rule, as_of)
        query = rule_runner.collected_query(rule.query)  # as the runner sends it
        timings = []
        for _ in range(warm):
            began = time.perf_counter()
            s.execute_read(lambda tx: list(tx.run(query, params)))
            timings.append(time.perf_counter() - began)

        def work(tx: ManagedTransaction) -> tuple[Any, int, float]:
            began = time.perf_counter()
            result = tx.run("PROFILE " + query, params)
            rows = len(result.single(strict=True)["rows"])
            summary = result.consume()
            return summary.profile, rows, time.perf_counter() - began

        plan, rows, seconds = s.execute_read(work)
    args = plan.get("args", {})
    head = [
        f"rule {rule.id}: {rule.title.en}",
        f"findings returned: {rows}",
        f"total db hits: {_total(plan, 'dbHits'):,}",
        f"wall time (PROFILE run): {seconds * 1000:.0f} ms;"
        f" warm plain runs: {', '.join(f'{t * 1000:.0f} ms' for t in timings)}",
        f"planner: {args.get('planner', '?')} {args.get('runtime', '?')}"
        f" {args.get('runtime-version', '')}".rstrip(),
        f"global memory: {args.get('GlobalMemory', '-')}",
        "(Neo4j Community's slotted runtime reports no time per operator: rows and db hits are"
        " what to compare)",
        "",
    ]
    return "\n".join(head + render_plan(plan)) + "\n"


def rule_runner_params(
    tx: ManagedTransaction, database: str, rule: Rule, as_of: date
) -> dict[str, Any]:
    """The rule's parameters, read in a transaction of the session that profiles it."""
    return rule_parameters(tx, database, rule, as_of)


def time_rules(
    graph: Graph, catalogues: dict[str, tuple[Rule, ...]], as_of: date, rounds: int
) -> dict[str, dict[str, list[float]]]:
    """Each catalogue's per-rule seconds over ``rounds`` alternating runs (first one dropped)."""
    seconds: dict[str, dict[str, list[float]]] = {name: {} for name in catalogues}
    for round_ in range(rounds + 1):
        for name, rules in catalogues.items():
            with graph.driver.session(
                database=graph.database, notifications_min_severity="OFF"
            ) as s:
                began = time.perf_counter()
                _, per_rule = s.execute_read(
                    rule_runner.run_rules, graph.database, list(rules), as_of=as_of
                )
                total = time.perf_counter() - began
            if round_ == 0:
                continue  # plans the queries
            for rule, took in {**per_rule, "catalogue": total}.items():
                seconds[name].setdefault(rule, []).append(took)
    return seconds


def findings(graph: Graph, rules: tuple[Rule, ...], as_of: date) -> dict[str, list[str]]:
    """Every finding of every rule, as sorted JSON lines per rule: for before/after checks."""
    with graph.driver.session(database=graph.database, notifications_min_severity="OFF") as s:
        found, _ = s.execute_read(rule_runner.run_rules, graph.database, list(rules), as_of=as_of)
    by_rule: dict[str, list[str]] = {r.id: [] for r in rules}
    for f in found:
        by_rule[f.rule].append(f.model_dump_json())
    return {k: sorted(v) for k, v in by_rule.items()}


def compare(graph: Graph, before: Path, as_of: date, rounds: int) -> None:
    """Findings and timings of the catalogue in ``before`` against the current one."""
    catalogues = {"before": load_catalogue(before), "after": load_catalogue()}
    old, new = (findings(graph, rules, as_of) for rules in catalogues.values())
    for rule in new:
        same = old.get(rule) == new[rule]
        print(
            f"{rule}: {len(old.get(rule, []))} -> {len(new[rule])} findings, "
            f"{'identical' if same else 'DIFFERENT'}"
        )
    print(f"load average {load_average()}")
    seconds = time_rules(graph, catalogues, as_of, rounds)
    print(f"load average {load_average()}")
    print(f"{'rule':10} {'before ms':>10} {'after ms':>10}  (median of {rounds} warm runs each)")
    for rule in seconds["after"]:
        b = statistics.median(seconds["before"].get(rule, [0.0])) * 1000
        a = statistics.median(seconds["after"][rule]) * 1000
        print(f"{rule:10} {b:10.0f} {a:10.0f}")


def main(argv: list[str] | None = None) -> int:
    """Build (once) and profile; write one text file per rule."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=7720)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--output", type=Path, default=PROFILES)
    parser.add_argument("--rule", action="append", help="only these rules")
    parser.add_argument("--prepare-only", action="store_true", help="build the graph, no profiles")
    parser.add_argument("--compare", type=Path, help="a rules folder to compare against")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs with --compare")
    parser.add_argument("--keep", action="store_true", help="leave the Neo4j running")
    args = parser.parse_args(argv)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    local = LocalNeo4j(home=args.data / "home", port=args.port)
    try:
        with local_graph(args.data, args.port, args.heap, args.pagecache) as (graph, _):
            manifest = prepare(graph, args.data, scale=args.scale, seed=args.seed)
            if args.prepare_only:
                return 0
            as_of = date.fromisoformat(manifest.snapshot)
            if args.compare:
                compare(graph, args.compare, as_of, args.rounds)
                return 0
            args.output.mkdir(parents=True, exist_ok=True)
            print(f"load average {load_average()}")
            for rule in rule_runner.select_rules(args.rule):
                text = profile_rule(graph, rule, as_of)
                header = f"scale {args.scale}, seed {args.seed}, as of {as_of}\n"
                (args.output / f"{rule.id}.txt").write_text(header + text, encoding="utf-8")
                print(f"{rule.id}: {text.splitlines()[2]}; {text.splitlines()[3]}", flush=True)
            print(f"load average {load_average()}")
    finally:
        if not args.keep:
            local.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
