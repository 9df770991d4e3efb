"""The API figures: entity endpoints under 50 concurrent clients, and overhead over the driver.

The API runs as `govgraph serve` in a subprocess (uvicorn, as in production) on loopback, with
a reader token made for the run. Clients are httpx async clients; the load is bounded by a
request count and a deadline. The overhead compares one client's sequential requests with the
same graph function called in-process (the driver's time for the same query).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import httpx

from benchmarks.generate import Manifest
from benchmarks.report import Figure, Results, not_measured
from benchmarks.server import ApiServer
from graph.driver import Graph

P95_GOAL = ("<", 50.0)
OVERHEAD_GOAL = ("<=", 1.5)
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
        not_measured("api", "overhead over the driver", why, goal=OVERHEAD_GOAL, unit="x")
    )
