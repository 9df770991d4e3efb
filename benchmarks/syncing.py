"""The sync figures: a full KITOS sync against the local KITOS double, next to the file import of
the same folder, and a delta with 1 % of the usages changed.

The double (tests/live/kitos_server.py) serves the generated KITOS folder (all its saved pages)
over a real socket; the sync reads it as it would read kitos.dk, pages of 250, and writes
through the same writer.
Usage alone: ``python -m benchmarks.syncing [--scale 0.1]`` (against NEO4J_URI, or an own Neo4j).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import (
    CENTRAL_IT,
    FORVALTNING,
    SECRETARIAT,
    UNIT_TYPE_LEVELS,
    Manifest,
    generate,
)
from benchmarks.importing import fresh_graph
from benchmarks.report import Figure, Results, print_table
from benchmarks.target import DATA, open_target
from core.settings import KitosSettings, OrganisationSettings, Settings
from graph.driver import Graph, open_driver
from graph.loading import import_options
from graph.syncing import run_sync
from graph.writer import write_batch
from importers.registry import read_source
from tests.live.kitos_server import KitosData, KitosServer

DELTA_GOAL = ("<", 5.0)
CHANGED_SHARE = 0.01


def measure_sync(graph: Graph, folder: Path, manifest: Manifest, results: Results) -> None:
    """Time the file import, the full sync and a 1 % delta of the generated KITOS folder."""
    served = KitosData.from_folder(folder / manifest.kitos)
    with (
        tempfile.TemporaryDirectory(prefix="govgraph-bench-sync-") as secrets,
        KitosServer(served) as kitos,
    ):
        settings = _settings(kitos, Path(secrets))
        hr = read_source(folder / manifest.opus, None, import_options(settings))
        file_seconds = _file_import(graph, folder / manifest.kitos, hr, settings)
        full_seconds, full = _timed_sync(graph, settings, hr=hr, full=True)
        usages = kitos.data.usages
        changed = usages[:: max(1, round(1 / CHANGED_SHARE))]
        for usage in changed:
            kitos.change_usage(usage["uuid"], _rename)
        delta_seconds, delta = _timed_sync(graph, settings, hr=None, full=False)
        if delta["mode"] != "delta":  # else the figure would time a second full sync
            raise RuntimeError(f"the sync after the full one was {delta['mode']}, not a delta")
    results.figures += [
        Figure("sync", "KITOS file import (read + write)", file_seconds, "s"),
        Figure(
            "sync",
            "KITOS full sync (fetch + write)",
            full_seconds,
            "s",
            note=f"{full.get('usages', 0):,} usages in {full.get('requests', 0)} requests; "
            f"file import {file_seconds:.2f} s",
        ),
        Figure(
            "sync",
            "KITOS delta sync, 1 % of usages changed",
            delta_seconds,
            "s",
            DELTA_GOAL,
            note=f"{len(changed)} of {len(usages):,} usages changed, {delta.get('usages', 0)} "
            f"fetched with {delta.get('users', 0)} users and {delta.get('units', 0)} units; "
            f"{delta.get('requests', 0)} requests; {delta.get('changed', 0)} records changed; "
            f"full sync {full_seconds:.2f} s",
        ),
    ]


def _settings(kitos: KitosServer, folder: Path) -> Settings:
    password = folder / "kitos-password"
    password.write_text(kitos.password, encoding="utf-8")
    return Settings(
        organisation=OrganisationSettings(
            forvaltning=FORVALTNING,
            secretariat=SECRETARIAT,
            central_it=[CENTRAL_IT],
            unit_type_levels=UNIT_TYPE_LEVELS,  # type: ignore[arg-type]
        ),
        kitos=KitosSettings(
            base_url=kitos.url,
            organization_uuid=kitos.data.org_uuid,
            user=kitos.email,
            password_file=password,
        ),
    )


def _file_import(graph: Graph, kitos: Path, hr: Any, settings: Settings) -> float:
    fresh_graph(graph)
    write_batch(graph, hr)
    began = time.perf_counter()
    write_batch(graph, read_source(kitos, None, import_options(settings)))
    return time.perf_counter() - began


def _timed_sync(
    graph: Graph, settings: Settings, *, hr: Any, full: bool
) -> tuple[float, dict[str, Any]]:
    if hr is not None:
        fresh_graph(graph)
        write_batch(graph, hr)
    began = time.perf_counter()
    outcome = run_sync(graph, settings, "kitos", full=full)
    seconds = time.perf_counter() - began
    if outcome.error is not None or outcome.summary is None:
        raise RuntimeError(f"the sync failed: {outcome.error}")
    s = outcome.summary
    counts = {**outcome.counts, "requests": outcome.requests, "changed": s.changed}
    return seconds, {**counts, "mode": outcome.mode}


def _rename(usage: dict[str, Any]) -> None:
    general = usage.setdefault("general", {})
    general["localCallName"] = f"{general.get('localCallName') or ''} (ændret)".strip()


def main(argv: list[str] | None = None) -> int:
    """Generate at a scale and measure only the sync figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--port", type=int, default=7720, help="own Neo4j's Bolt port")
    args = parser.parse_args(argv)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    manifest = generate(args.data / "sources", scale=args.scale)
    results = Results(machine={"scale": str(args.scale)})
    with open_target(data=args.data, port=args.port) as target:
        graph = Graph(open_driver(target.conn), target.conn.database)
        try:
            measure_sync(graph, args.data / "sources", manifest, results)
        finally:
            graph.close()
    print_table(results)
    for figure in results.figures:
        print(f"{figure.name}: {figure.shown} — {figure.note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
