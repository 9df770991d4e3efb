"""Run the benchmark suite: generate, import (and LOAD CSV), rules, API, pages, memory.

Usage: ``python -m benchmarks.run [--scale 1.0] [--seed 8] [--second-seed 9] [--output FILE]``.
The rule and handover figures are measured again, last, on the municipality of a second seed
(``--second-seed 0``: not), so that no figure is tuned to one seed's data. Starts its
own local Neo4j under ``benchmarks/data/`` (unless NEO4J_URI is set) and stops it at the end.
Prints a table and writes the results as Markdown. A part that is not built yet, or fails,
shows as "not measured: why" instead of stopping the run.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from api.app import WARM_UP_LEASE
from benchmarks import (
    api_load,
    campaigns,
    decisions,
    gaps,
    importing,
    loadcsv,
    page_load,
    plans,
    syncing,
)
from benchmarks.generate import Manifest, generate
from benchmarks.machine import describe, load_average, peak_rss_mib
from benchmarks.report import Figure, Results, not_measured, print_table, write_markdown
from benchmarks.server import ApiServer, ServerFailed, api_server, api_unavailable
from benchmarks.target import DATA, Target, open_target
from govgraph.local_neo4j import LocalNeo4j
from graph import admin, leases
from graph.driver import Graph, open_driver

RESULTS = Path(__file__).with_name("results.md")
RATIO_GOAL = (">=", 1.0)


@dataclass(frozen=True, slots=True)
class Config:
    """How big, how often, and where."""

    scale: float = 1.0
    seed: int = 8
    second_seed: int | None = 9  # the rule figures again on a second municipality; None: not
    data: Path = DATA
    output: Path = RESULTS
    port: int = 7720
    api_port: int = 7721
    http_port: int = 7722  # the own Neo4j's Query API, which the API figures compare with
    api_workers: int = 2  # `govgraph serve --workers`: one per core here
    heap: str = "2g"
    pagecache: str = "1g"
    import_dir: Path | None = None
    clients: int = 50
    requests: int = 3000
    api_seconds: float = 30.0
    repeat: int = 3
    # Catalogues run before the warm one is timed: after a start Neo4j's JIT compiles the rules'
    # paths over the first ~15 (seed 9, quiet: runs 2-3 1.5-1.8 s, runs 13-42 0.84-1.1 s).
    catalogue_warm_up: int = 15
    # Handovers run before the warm ones are timed, and how many are timed (a median of 2 swung
    # 130 -> 317 ms between two full runs of the same code).
    handover_warm_up: int = 5
    handover_repeat: int = 7
    rounds: int = 2
    only: str | None = None  # "import": that part alone


def run_suite(config: Config, target: Target | None = None) -> Results:
    """Generate the municipality and measure every figure; ``target`` overrides the Neo4j."""
    manifest = generate(config.data / "sources", scale=config.scale, seed=config.seed)
    with _target(config, target) as found:
        graph = Graph(open_driver(found.conn), found.conn.database)
        try:
            results = Results(machine=_machine(graph, found, manifest, config))
            _guarded(results, "import", lambda: _import(graph, found, manifest, config, results))
            if config.only == "import":
                results.machine["load average at end"] = load_average()
                return results
            as_of = date.fromisoformat(manifest.snapshot)
            _guarded(results, "rules", lambda: _rules(graph, manifest, config, results, as_of))
            _guarded(results, "campaigns", lambda: campaigns.measure_campaign(graph, results))
            _web(graph, found, manifest, config, results)
            _neo4j_memory(found, results)  # before the restarts of the first-after-start figures
            _guarded(results, "first after start", lambda: _first(found, manifest, config, results))
            # Last: it empties the graph the figures before it read.
            sources = config.data / "sources"
            _guarded(
                results, "sync", lambda: syncing.measure_sync(graph, sources, manifest, results)
            )
            if config.second_seed is not None:
                _guarded(results, "second seed", lambda: _second_seed(graph, config, results))
            results.machine["load average at end"] = load_average()
        finally:
            graph.close()
    return results


@contextmanager
def _target(config: Config, given: Target | None) -> Iterator[Target]:
    if given is not None:
        yield given
        return
    with open_target(
        data=config.data,
        port=config.port,
        heap=config.heap,
        pagecache=config.pagecache,
        import_dir=config.import_dir,
        http_port=config.http_port,
    ) as target:
        yield target


def _machine(graph: Graph, target: Target, manifest: Manifest, config: Config) -> dict[str, str]:
    machine = describe(graph)
    machine["database"] = target.description
    machine["scale"] = f"{config.scale} (seed {config.seed}, as of {manifest.snapshot})"
    machine["api"] = f"govgraph serve --workers {config.api_workers}"
    machine["generated"] = ", ".join(f"{v:,} {k}" for k, v in manifest.counts.items())
    machine["planted gaps"] = ", ".join(f"{k} {v}" for k, v in manifest.planted.items())
    return machine


def _guarded(results: Results, area: str, work: Callable[[], None]) -> None:
    """Run one area; a failure becomes a "not measured" figure, with its traceback on stderr."""
    began = time.perf_counter()
    try:
        work()
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        results.figures.append(not_measured(area, area, f"failed: {type(e).__name__}: {e}"))
    results.detail("run", f"{area} took {time.perf_counter() - began:.0f} s of wall time")


def _import(
    graph: Graph, target: Target, manifest: Manifest, config: Config, results: Results
) -> None:
    sources = config.data / "sources"
    runs = importing.read_sources(sources, manifest)
    rows = sum(run.rows for run in runs)
    csv_dir = target.import_dir or config.data / "csv"
    best_base: loadcsv.Baseline | None = None
    best_full = float("inf")
    best_write = float("inf")
    best_whole = float("inf")
    best_unwind = float("inf")
    for _ in range(max(1, config.rounds)):
        importing.fresh_graph(graph)
        files = loadcsv.write_csv_files([run.batch for run in runs], csv_dir)
        if target.import_dir is not None:
            base = loadcsv.load_with_load_csv(graph, files, target.import_dir)
        else:
            base = loadcsv.load_with_unwind(graph, files)
        best_base = base if best_base is None or base.seconds < best_base.seconds else best_base
        if target.import_dir is not None:  # the same rows, each source all or nothing
            importing.fresh_graph(graph)
            whole = loadcsv.load_all_or_nothing(graph, files, target.import_dir).seconds
            best_whole = min(best_whole, whole)
            importing.fresh_graph(graph)  # the same rows and statements, sent from Python
            best_unwind = min(best_unwind, loadcsv.unwind_all_or_nothing(graph, files).seconds)
        importing.fresh_graph(graph)
        best_full = min(best_full, importing.import_files(graph, sources, runs, manifest))
        best_write = min(best_write, sum(run.write_seconds for run in runs))
    assert best_base is not None
    read = sum(run.read_seconds for run in runs)
    full_rate, write_rate = rows / best_full, rows / best_write
    note = (
        f"{rows:,} rows; {best_full:.1f} s, reading while writing "
        f"(read alone {read:.1f} s, write {best_write:.1f} s)"
    )
    results.figures += [
        Figure("import", "rows/s, full import (read + write)", full_rate, "rows/s", note=note),
        Figure("import", "rows/s, writing only", write_rate, "rows/s"),
        Figure(
            "import",
            "LOAD CSV rows/s (baseline)",
            best_base.rate,
            "rows/s",
            note=f"{best_base.method}, {best_base.seconds:.1f} s",
        ),
        Figure(
            "import",
            "ratio, full import ÷ LOAD CSV",
            full_rate / best_base.rate,
            "x",
            RATIO_GOAL,
            note=f"writing only: {write_rate / best_base.rate:.2f}x",
        ),
    ]
    if best_whole < float("inf"):
        results.detail(
            "import",
            f"LOAD CSV of the same rows, each source in one transaction (our guarantee, "
            f"no matching or history): {best_whole:.1f} s, {rows / best_whole:,.0f} rows/s",
        )
        results.detail(
            "import",
            f"the same statements with the rows sent from Python (UNWIND $rows, each source in "
            f"one transaction, rows read before the clock starts): {best_unwind:.1f} s, "
            f"{rows / best_unwind:,.0f} rows/s "
            f"({rows / best_unwind / best_base.rate:.2f}x LOAD CSV's rows/s)",
        )
    for run in runs:
        results.detail(
            "import",
            f"{run.name}: {len(run.batch.nodes):,} nodes + {len(run.batch.rels):,} relationships, "
            f"read {run.read_seconds:.2f} s, write {run.write_seconds:.2f} s, "
            f"{len(run.batch.warnings)} warnings",
        )
    counts = admin.counts(graph)
    results.detail(
        "import",
        "graph after import: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())),
    )


def _rules(graph: Graph, manifest: Manifest, config: Config, results: Results, as_of: date) -> None:
    _catalogue_and_handovers(graph, manifest, config, results, as_of)
    plans.measure_plan_apply(graph, results, person=manifest.handover_person, repeat=config.repeat)
    decisions.measure_preview(graph, results, as_of=as_of, repeat=config.repeat)


def _catalogue_and_handovers(
    graph: Graph, manifest: Manifest, config: Config, results: Results, as_of: date
) -> None:
    """The warm catalogue, and the handover of a typical and of the busiest role holder."""
    gaps.measure_rules(
        graph, results, as_of=as_of, repeat=config.repeat, warm_up=config.catalogue_warm_up
    )
    people = {
        "typical role holder": manifest.handover_typical,
        "busiest role holder": manifest.handover_person,
    }
    gaps.measure_handover(
        graph,
        results,
        people=people,
        as_of=as_of,
        repeat=config.handover_repeat,
        warm_up=config.handover_warm_up,
    )


def _second_seed(graph: Graph, config: Config, results: Results) -> None:
    """The catalogue and handover figures on a municipality of another seed, same server."""
    seed = config.second_seed
    assert seed is not None
    folder = config.data / f"sources-seed-{seed}"
    manifest = generate(folder, scale=config.scale, seed=seed)
    importing.fresh_graph(graph)
    # The records are not kept: held by this process they made its catalogue 0.78 -> 0.90 s
    # (the garbage collector walks them), and the app holds no import while it answers.
    importing.import_sources(graph, importing.read_sources(folder, manifest))
    as_of = date.fromisoformat(manifest.snapshot)
    second = Results(machine={})
    generated = ", ".join(f"{v:,} {k}" for k, v in list(manifest.counts.items())[:4])
    second.detail("rules", f"scale {config.scale}, as of {as_of}; generated {generated}")
    _catalogue_and_handovers(graph, manifest, config, second, as_of)
    for figure in second.figures:
        figure.name = f"{figure.name}, seed {seed}"
        results.figures.append(figure)
    for area, lines in second.details.items():
        for line in lines:
            results.detail(area, f"seed {seed}: {line}")


def _web(
    graph: Graph, target: Target, manifest: Manifest, config: Config, results: Results
) -> None:
    why = api_unavailable()
    if why is None:
        try:
            with api_server(
                target.conn,
                home=config.data / "api-home",
                port=config.api_port,
                workers=config.api_workers,
            ) as server:
                _guarded(
                    results, "api", lambda: _api(graph, server, target, manifest, config, results)
                )
                _guarded(results, "pages", lambda: _pages(server, manifest, config, results))
                rss = peak_rss_mib(server.pid)
                results.figures.append(
                    Figure(
                        "memory",
                        "API process, peak RSS",
                        rss,
                        "MiB",
                        note="VmHWM after the API and page runs",
                    )
                    if rss is not None
                    else not_measured("memory", "API process, peak RSS", "/proc is not readable")
                )
            return
        except ServerFailed as e:
            why = f"the API did not start: {e}"
    api_load.api_missing(results, why, config.clients)
    api_load.query_api_missing(results, why, config.clients)
    page_load.pages_missing(results, why)
    results.figures.append(not_measured("memory", "API process, peak RSS", why, unit="MiB"))


def _api(
    graph: Graph,
    server: ApiServer,
    target: Target,
    manifest: Manifest,
    config: Config,
    results: Results,
) -> None:
    api_load.measure_api(
        graph,
        server,
        manifest,
        results,
        clients=config.clients,
        requests=config.requests,
        seconds=config.api_seconds,
    )
    if target.query_api is None:
        why = "the measured Neo4j (NEO4J_URI) is not known to serve it"
        api_load.query_api_missing(results, why, config.clients)
        return
    conn = target.conn
    api = api_load.QueryApi(target.query_api, conn.user, conn.password or "", conn.database)
    api_load.measure_query_api(api, server, manifest, results, clients=config.clients)


def _pages(server: ApiServer, manifest: Manifest, config: Config, results: Results) -> None:
    why = page_load.pages_unavailable()
    if why is not None:
        page_load.pages_missing(results, why)
        return
    page_load.measure_page(server, results, as_of=manifest.snapshot, repeat=config.repeat)


def _first(target: Target, manifest: Manifest, config: Config, results: Results) -> None:
    """The first catalogue and handover after a restart of the own Neo4j and of the app, and
    after a restart of the app alone."""
    why = api_unavailable()
    if target.pid is None:
        why = "not our Neo4j (NEO4J_URI): it is not restarted"
    if why is not None:
        for what in ("catalogue", "handover"):
            for name in gaps.first_after_start_names(what):
                results.figures.append(not_measured("rules", name, why))
        for name in (gaps.COLD_PLANNING, gaps.COLD_PLANNING_WHAT_IF):
            results.figures.append(not_measured("rules", name, why))
        return
    local = LocalNeo4j(
        home=config.data / "home",
        port=config.port,
        heap=config.heap,
        pagecache=config.pagecache,
        start_timeout=300.0,
        import_dir=target.import_dir,
        http_port=config.http_port,
    )

    def restart() -> None:
        local.stop()
        local.start()

    @contextmanager
    def start_api(env: Mapping[str, str], warmed: bool) -> Iterator[ApiServer]:
        home = config.data / "api-home-first"
        since = datetime.now(UTC)
        with api_server(
            target.conn, home=home, port=config.api_port, environment=env, wait_idle=False
        ) as server:
            if warmed:
                _wait_for_warm_up(target, since)
            yield server
            if env.get("GOVGRAPH_WARM_UP") != "off":
                # Not stopped halfway: a warm-up cut short holds its lease, and the next app's
                # warm-up (Neo4j running on) would leave the work to it.
                _wait_for_warm_up(target, since)

    gaps.measure_first_after_start(
        restart,
        start_api,
        results,
        person=manifest.handover_typical,
        as_of=date.fromisoformat(manifest.snapshot),
    )
    graph = Graph(open_driver(target.conn), target.conn.database)
    try:
        gaps.measure_cold_planning(
            restart, graph, results, as_of=date.fromisoformat(manifest.snapshot)
        )
    finally:
        graph.close()


def _wait_for_warm_up(target: Target, since: datetime, limit: float = 600.0) -> None:
    """Until the app's warm-up, started after ``since``, has given its lease back."""
    graph = Graph(open_driver(target.conn), target.conn.database)
    try:
        deadline = time.monotonic() + limit
        while not leases.released_since(graph, WARM_UP_LEASE, since=since, now=datetime.now(UTC)):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app's warm-up did not finish within {limit:.0f} s")
            time.sleep(0.25)
    finally:
        graph.close()


def _neo4j_memory(target: Target, results: Results) -> None:
    name = "Neo4j JVM, peak RSS"
    if target.pid is None:
        results.figures.append(not_measured("memory", name, "not our process (NEO4J_URI)"))
        return
    rss = peak_rss_mib(target.pid)
    if rss is None:
        results.figures.append(not_measured("memory", name, "/proc is not readable"))
    else:
        results.figures.append(
            Figure("memory", name, rss, "MiB", note="VmHWM after the API and page runs")
        )


def parse_args(argv: list[str] | None = None) -> Config:
    """The configuration from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = Config()
    parser.add_argument("--scale", type=float, default=defaults.scale, help="1.0: 45,000 people")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument(
        "--second-seed",
        type=int,
        default=defaults.second_seed,
        help="rules and handover again on this seed's municipality (0: no second seed)",
    )
    parser.add_argument("--output", type=Path, default=defaults.output, help="results file")
    parser.add_argument("--data", type=Path, default=defaults.data, help="generated data, Neo4j")
    parser.add_argument("--port", type=int, default=defaults.port, help="own Neo4j's Bolt port")
    parser.add_argument("--api-port", type=int, default=defaults.api_port)
    parser.add_argument("--http-port", type=int, default=defaults.http_port, help="Query API")
    parser.add_argument("--api-workers", type=int, default=defaults.api_workers)
    parser.add_argument("--heap", default=defaults.heap, help="own Neo4j's heap")
    parser.add_argument("--pagecache", default=defaults.pagecache, help="own Neo4j's page cache")
    parser.add_argument("--import-dir", type=Path, help="LOAD CSV folder of a NEO4J_URI server")
    parser.add_argument("--clients", type=int, default=defaults.clients)
    parser.add_argument("--requests", type=int, default=defaults.requests, help="API requests")
    parser.add_argument("--api-seconds", type=float, default=defaults.api_seconds)
    parser.add_argument("--repeat", type=int, default=defaults.repeat, help="runs per timing")
    parser.add_argument(
        "--catalogue-warm-up",
        type=int,
        default=defaults.catalogue_warm_up,
        help="catalogue runs before the warm catalogue is timed",
    )
    parser.add_argument(
        "--handover-warm-up",
        type=int,
        default=defaults.handover_warm_up,
        help="handovers run before the warm ones are timed",
    )
    parser.add_argument(
        "--handover-repeat", type=int, default=defaults.handover_repeat, help="handovers timed"
    )
    parser.add_argument("--rounds", type=int, default=defaults.rounds, help="import rounds")
    parser.add_argument("--only", choices=["import"], help="measure this part alone")
    args = parser.parse_args(argv)
    if args.second_seed == 0:
        args.second_seed = None
    return Config(**{k.replace("-", "_"): v for k, v in vars(args).items()})


def main(argv: list[str] | None = None) -> int:
    """Run the suite, print the table and write the results file."""
    config = parse_args(argv)
    # The writer's first queries name properties a fresh graph lacks; the server says so.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    results = run_suite(config)
    print_table(results)
    config.output.parent.mkdir(parents=True, exist_ok=True)
    write_markdown(results, config.output)
    print(f"Results written to {config.output}.")
    failed = [f for f in results.figures if f.area == "import" and f.missing.startswith("failed")]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
