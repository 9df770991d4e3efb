"""The API figures: entity endpoints under 50 concurrent clients, and overhead over the driver.

The API runs as `govgraph serve` in a subprocess (uvicorn, as in production) on loopback, with
a reader token made for the run. Clients are httpx async clients; the load is bounded by a
request count and a deadline. The overhead compares one client's sequential requests with the
same graph function called in-process (the driver's time for the same query).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from benchmarks import importing
from benchmarks.generate import Manifest, generate
from benchmarks.machine import load_average
from benchmarks.report import Figure, Results, not_measured
from benchmarks.server import ApiServer, api_server
from benchmarks.target import DATA, open_target
from graph.driver import Connection, Graph, open_driver

P95_GOAL = ("<", 250.0)  # issue #18, at the same time as THROUGHPUT_GOAL
THROUGHPUT_GOAL = (">=", 300.0)
OVERHEAD_GOAL = ("<=", 1.5)
QUERY_API_MEDIAN = "median ÷ Neo4j Query API, one client"
# Endpoint -> (path template, manifest sample, graph.entities function it calls)
ENDPOINTS: dict[str, tuple[str, str, str]] = {
    "person": ("/api/people/{key}", "people", "get_person"),
    "system": ("/api/systems/{key}", "systems", "get_system"),
    "unit": ("/api/units/{key}", "units", "get_unit"),
}


@dataclass(slots=True)
class Load:
    """Latencies (ms) per endpoint and the failures of one load run."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)  # "HTTP 503", "ReadTimeout", ...
    seconds: float = 0.0

    @property
    def all(self) -> list[float]:
        """Every latency, all endpoints together."""
        return [ms for values in self.latencies.values() for ms in values]


def requests_plan(manifest: Manifest, count: int, seed: int) -> list[tuple[str, str]]:
    """(endpoint, path) for ``count`` requests, spread over the endpoints and sample keys."""
    rng = random.Random(seed)
    plan = []
    for _ in range(count):
        name = rng.choice(list(ENDPOINTS))
        template, sample, _ = ENDPOINTS[name]
        plan.append((name, template.format(key=rng.choice(getattr(manifest, sample)))))
    return plan


async def _load(
    base: str,
    token: str,
    plan: list[tuple[str, str]],
    *,
    clients: int,
    seconds: float,
    as_of: str,
    pace: float = 0.0,
) -> Load:
    """Run ``plan`` with ``clients`` concurrent clients until done or ``seconds`` have passed.

    With ``pace`` each client starts a request every ``pace`` seconds (at random phases);
    without, each sends its next request as soon as the last one is answered.
    """
    result = Load(latencies={n: [] for n in ENDPOINTS}, failures={n: 0 for n in ENDPOINTS})
    queue = iter(plan)
    deadline = time.perf_counter() + seconds
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    phases = random.Random(3)

    async def client(http: httpx.AsyncClient) -> None:
        due = time.perf_counter() + phases.random() * pace
        for name, path in queue:
            if pace:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                due += pace
            if time.perf_counter() > deadline:
                return
            began = time.perf_counter()
            try:
                response = await http.get(path, params={"as_of": as_of})
                ok = response.status_code == 200
                why = f"HTTP {response.status_code}"
            except httpx.HTTPError as e:
                ok, why = False, type(e).__name__
            if not ok:
                result.reasons[why] += 1
            result.latencies[name].append((time.perf_counter() - began) * 1000)
            result.failures[name] += not ok

    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=30.0
    ) as http:
        began = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        result.seconds = time.perf_counter() - began
    return result


def measure_api(
    graph: Graph,
    server: ApiServer,
    manifest: Manifest,
    results: Results,
    *,
    clients: int,
    requests: int,
    seconds: float,
) -> None:
    """Warm up; load flat out, then paced; then measure the overhead over the driver."""
    as_of = manifest.snapshot
    warm = requests_plan(manifest, 100, seed=1)
    asyncio.run(_load(server.base, server.token, warm, clients=10, seconds=30, as_of=as_of))
    runs = (
        (f"{clients} clients flat out", 0.0, seconds),
        (f"{clients} clients, 1 request/s each", 1.0, min(seconds, 20.0)),
    )
    for label, pace, limit in runs:
        plan = requests_plan(manifest, requests, seed=2)
        load = asyncio.run(
            _load(
                server.base,
                server.token,
                plan,
                clients=clients,
                seconds=limit,
                as_of=as_of,
                pace=pace,
            )
        )
        _latency_figures(results, load, label)
    _overhead(graph, server, manifest, results, as_of=date.fromisoformat(as_of))


def _latency_figures(results: Results, load: Load, label: str) -> None:
    done = load.all
    failed = sum(load.failures.values())
    note = f"{len(done)} requests in {load.seconds:.1f} s ({len(done) / load.seconds:.0f}/s)"
    if failed:
        why = ", ".join(f"{reason} {n}" for reason, n in load.reasons.most_common())
        note += f", {failed} failed ({why})"
    p50, p95 = _percentile(done, 50), _percentile(done, 95)
    results.figures.append(Figure("api", f"p50, {label}", p50, "ms", note=note))
    results.figures.append(Figure("api", f"p95, {label}", p95, "ms", P95_GOAL, note))
    if "flat out" in label:
        rate = len(done) / load.seconds if load.seconds else 0.0
        results.figures.append(
            Figure("api", f"requests/s, {label}", rate, "requests/s", THROUGHPUT_GOAL, note)
        )
    for name, values in load.latencies.items():
        results.detail(
            "api",
            f"{label}, {name}: {len(values)} requests, p50 {_percentile(values, 50):.1f} ms, "
            f"p95 {_percentile(values, 95):.1f} ms, {load.failures[name]} failed",
        )


def _overhead(
    graph: Graph, server: ApiServer, manifest: Manifest, results: Results, *, as_of: date
) -> None:
    from graph import entities

    ratios = []
    headers = {"Authorization": f"Bearer {server.token}"}
    with httpx.Client(base_url=server.base, headers=headers, timeout=30.0) as http:
        for name, (template, sample, function) in ENDPOINTS.items():
            keys: list[str] = getattr(manifest, sample)[:60]
            read: Callable[..., Any] = getattr(entities, function)
            raw = _timed_each(keys, partial(_direct, read, graph, as_of))
            api = _timed_each(keys, partial(_over_http, http, template, as_of))
            ratio = statistics.median(api) / statistics.median(raw)
            ratios.append(ratio)
            results.detail(
                "api",
                f"{name} sequential: API median {statistics.median(api):.1f} ms, "
                f"driver median {statistics.median(raw):.1f} ms ({ratio:.2f}x)",
            )
    with httpx.Client(base_url=server.base, timeout=30.0) as http:
        floor = _timed_each(["/health"] * 60, lambda path: http.get(path))
    results.detail(
        "api",
        "GET /health (HTTP, the app and one RETURN 1 to Neo4j): "
        f"median {statistics.median(floor):.1f} ms",
    )
    results.figures.append(
        Figure(
            "api",
            "overhead over the driver",
            statistics.median(ratios),
            "x",
            OVERHEAD_GOAL,
            note="median over endpoints of API median ÷ graph function median, one client",
        )
    )


def _direct(read: Callable[..., Any], graph: Graph, as_of: date, key: str) -> Any:
    return read(graph, key, as_of=as_of)


def _over_http(http: httpx.Client, template: str, as_of: date, key: str) -> httpx.Response:
    response = http.get(template.format(key=key), params={"as_of": as_of.isoformat()})
    response.raise_for_status()
    return response


def _timed_each(keys: list[str], call: Callable[[str], Any]) -> list[float]:
    call(keys[0])  # warm
    times = []
    for key in keys:
        began = time.perf_counter()
        call(key)
        times.append((time.perf_counter() - began) * 1000)
    return times


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def api_missing(results: Results, why: str, clients: int) -> None:
    """Record the API figures as not measured."""
    for label in (f"{clients} clients flat out", f"{clients} clients, 1 request/s each"):
        results.figures += [
            not_measured("api", f"p50, {label}", why, unit="ms"),
            not_measured("api", f"p95, {label}", why, goal=P95_GOAL, unit="ms"),
        ]
    results.figures.append(
        not_measured(
            "api",
            f"requests/s, {clients} clients flat out",
            why,
            goal=THROUGHPUT_GOAL,
            unit="requests/s",
        )
    )
    results.figures.append(
        not_measured("api", "overhead over the driver", why, goal=OVERHEAD_GOAL, unit="x")
    )


# --- Neo4j's own HTTP Query API, for the same reads -------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryApi:
    """Neo4j's Query API (``POST /db/{db}/query/v2``, basic auth) of the measured server."""

    base: str  # http://127.0.0.1:7474
    user: str
    password: str
    database: str = "neo4j"

    @property
    def auth(self) -> tuple[str, str] | None:
        """Basic auth, unless the server runs without authentication (no password given)."""
        return (self.user, self.password) if self.password else None


def _statements(manifest: Manifest, as_of: str) -> dict[str, tuple[str, Callable[[str], dict]]]:
    """Per endpoint: the Cypher its graph function runs, and that function's parameters."""
    from graph.entities import people, systems, units
    from graph.entities.common import ENTITY_LABELS
    from graph.entities.systems import NOT_IN_USE_LIFECYCLES

    # Typed JSON (application/vnd.neo4j.query): a date is a Date, as the driver sends it.
    day = {"$type": "Date", "_value": as_of}
    labels = {"$type": "List", "_value": [{"$type": "String", "_value": x} for x in ENTITY_LABELS]}
    lifecycles = [{"$type": "String", "_value": x} for x in NOT_IN_USE_LIFECYCLES]

    def typed(key: str) -> dict[str, Any]:
        return {"key": {"$type": "String", "_value": key}, "as_of": day, "entity_labels": labels}

    return {
        "person": (people._ONE, typed),
        "system": (
            systems._ONE,
            lambda key: typed(key) | {"not_in_use": {"$type": "List", "_value": lifecycles}},
        ),
        "unit": (units._ONE, typed),
    }


def measure_query_api(
    api: QueryApi, server: ApiServer, manifest: Manifest, results: Results, *, clients: int
) -> None:
    """Median (one client) and flat-out throughput of the Query API, and ours as ratios to it."""
    statements = _statements(manifest, manifest.snapshot)
    url = f"{api.base}/db/{api.database}/query/v2"
    headers = {
        "Content-Type": "application/vnd.neo4j.query",
        "Accept": "application/vnd.neo4j.query",
    }
    auth = api.auth
    ours = {"Authorization": f"Bearer {server.token}"}
    ratios = []
    with (
        httpx.Client(headers=headers, auth=auth, timeout=30.0) as neo4j_http,
        httpx.Client(base_url=server.base, headers=ours, timeout=30.0) as http,
    ):
        for name, (template, sample, _) in ENDPOINTS.items():
            cypher, params = statements[name]
            keys: list[str] = getattr(manifest, sample)[:60]

            def neo4j_read(key: str, cypher: str = cypher, params: Any = params) -> None:
                answer = neo4j_http.post(url, json={"statement": cypher, "parameters": params(key)})
                answer.raise_for_status()

            theirs = statistics.median(_timed_each(keys, neo4j_read))
            mine = statistics.median(
                _timed_each(
                    keys, partial(_over_http, http, template, date.fromisoformat(manifest.snapshot))
                )
            )
            ratios.append(mine / theirs)
            results.detail(
                "api",
                f"{name} sequential: Neo4j Query API median {theirs:.1f} ms, ours {mine:.1f} ms "
                f"({mine / theirs:.2f}x)",
            )
    plan = requests_plan(manifest, 3000, seed=2)
    theirs_rate = asyncio.run(_query_api_load(api, statements, plan, clients=clients, seconds=15))
    ours_load = asyncio.run(
        _load(server.base, server.token, plan, clients=clients, seconds=15, as_of=manifest.snapshot)
    )
    ours_rate = len(ours_load.all) / ours_load.seconds
    note = (
        f"Neo4j Query API {theirs_rate:.0f} requests/s, ours {ours_rate:.0f} requests/s, 15 s each"
    )
    results.figures += [
        Figure(
            "api",
            QUERY_API_MEDIAN,
            statistics.median(ratios),
            "x",
            note="median over endpoints of our median ÷ the Query API's, one client, same Cypher",
        ),
        Figure(
            "api",
            f"requests/s ÷ Neo4j Query API, {clients} clients flat out",
            ours_rate / theirs_rate,
            "x",
            note=note,
        ),
    ]


def query_api_missing(results: Results, why: str, clients: int) -> None:
    """Record the comparison with Neo4j's Query API as not measured."""
    results.figures += [
        not_measured("api", QUERY_API_MEDIAN, why, unit="x"),
        not_measured(
            "api", f"requests/s ÷ Neo4j Query API, {clients} clients flat out", why, unit="x"
        ),
    ]


async def _query_api_load(
    api: QueryApi,
    statements: dict[str, tuple[str, Callable[[str], dict]]],
    plan: list[tuple[str, str]],
    *,
    clients: int,
    seconds: float,
) -> float:
    """Requests per second of the Query API under ``clients`` clients flat out."""
    url = f"{api.base}/db/{api.database}/query/v2"
    headers = {"Content-Type": "application/vnd.neo4j.query"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    queue = iter(plan)
    deadline = time.perf_counter() + seconds
    done = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal done
        for name, path in queue:
            if time.perf_counter() > deadline:
                return
            cypher, params = statements[name]
            answer = await http.post(
                url, json={"statement": cypher, "parameters": params(path.rsplit("/", 1)[1])}
            )
            done += answer.status_code < 300

    async with httpx.AsyncClient(
        headers=headers, auth=api.auth, limits=limits, timeout=30.0
    ) as http:
        began = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return done / (time.perf_counter() - began)


# --- The API on its own: `python -m benchmarks.api_load` ---------------------------------------


def compare_servers(
    graph: Graph,
    conn: Connection,
    manifest: Manifest,
    *,
    builds: list[tuple[str, Path | None, int]],
    home: Path,
    port: int,
    clients: int,
    requests: int,
    seconds: float,
    query_api: QueryApi | None = None,
) -> list[Results]:
    """Measure several servers back to back on one Neo4j: (label, source folder, workers).

    A source folder other than None runs `govgraph serve` from that checkout (a build from
    before a change, same Python environment); None runs this one. With ``query_api`` each
    server is also compared with Neo4j's own Query API for the same reads.
    """
    runs = []
    for label, source, workers in builds:
        results = Results(machine={"server": label, "load average at start": load_average()})
        with contextlib.chdir(source or Path.cwd()):
            server_cm = api_server(conn, home=home / label, port=port, workers=workers)
            with server_cm as server:
                measure_api(
                    graph,
                    server,
                    manifest,
                    results,
                    clients=clients,
                    requests=requests,
                    seconds=seconds,
                )
                if query_api is not None:
                    measure_query_api(query_api, server, manifest, results, clients=clients)
        results.machine["load average at end"] = load_average()
        runs.append(results)
    return runs


def _print_side_by_side(runs: list[Results]) -> None:
    names = [f.name for f in runs[0].figures]
    head = "| figure | " + " | ".join(r.machine["server"] for r in runs) + " |"
    print(head)
    print("|---" * (len(runs) + 1) + "|")
    for i, name in enumerate(names):
        cells = [f"{r.figures[i].shown} ({r.figures[i].note})" for r in runs]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for r in runs:
        print(
            f"- {r.machine['server']}: load {r.machine['load average at start']} → "
            f"{r.machine['load average at end']}"
        )
        for line in r.details.get("api", []):
            print(f"  - {line}")


def main(argv: list[str] | None = None) -> int:
    """Generate, import, then measure the API with 1 and N workers (and a 'before' checkout)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--scale", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--port", type=int, default=7720, help="own Neo4j's Bolt port")
    parser.add_argument("--api-port", type=int, default=7721)
    parser.add_argument("--http-port", type=int, default=7722, help="own Neo4j's Query API")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--api-seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--before", type=Path, help="a checkout to measure first, 1 worker")
    parser.add_argument(
        "--query-api",
        help="the HTTP base (http://127.0.0.1:7474) of a NEO4J_URI server that serves the Query "
        "API (the own local Neo4j serves it on --http-port)",
    )
    args = parser.parse_args(argv)
    manifest = generate(args.data / "sources", scale=args.scale, seed=args.seed)
    builds: list[tuple[str, Path | None, int]] = []
    if args.before:
        builds.append(("before, 1 worker", args.before.resolve(), 1))
    builds += [(f"after, {n} worker{'s' if n > 1 else ''}", None, n) for n in args.workers]
    with open_target(
        data=args.data,
        port=args.port,
        heap=args.heap,
        pagecache=args.pagecache,
        http_port=args.http_port,
    ) as target:
        query_api = args.query_api or target.query_api
        graph = Graph(open_driver(target.conn), target.conn.database)
        try:
            runs_ = importing.read_sources(args.data / "sources", manifest)
            importing.fresh_graph(graph)
            importing.import_sources(graph, runs_)
            print(f"scale {args.scale}, {target.description}, load {load_average()}")
            runs = compare_servers(
                graph,
                target.conn,
                manifest,
                builds=builds,
                home=args.data / "api-homes",
                port=args.api_port,
                clients=args.clients,
                requests=args.requests,
                seconds=args.api_seconds,
                query_api=QueryApi(
                    query_api, target.conn.user, target.conn.password or "", target.conn.database
                )
                if query_api
                else None,
            )
        finally:
            graph.close()
    _print_side_by_side(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
