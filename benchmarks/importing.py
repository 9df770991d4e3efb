"""The import figure: our importers and writer on the generated sources, timed per source.

The full import runs as `govgraph import` runs it (the files read in a worker process, each
source written in one transaction as soon as it is read); each source's read alone and its
write are also timed, so the end-to-end rate and the write-only rate can both be compared
with LOAD CSV of the same records.
"""

from __future__ import annotations

import time
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.generate import (
    CENTRAL_IT,
    FORVALTNING,
    SECRETARIAT,
    UNIT_TYPE_LEVELS,
    Manifest,
)
from core.records import ImportBatch, Problem
from graph import admin
from graph.driver import Graph
from graph.loading import read_in_order, run_import
from graph.writer import write_batch
from importers.base import ImportOptions
from importers.registry import read_source


@dataclass(slots=True)
class SourceRun:
    """One source: its records, how long reading and writing took, its warnings."""

    name: str
    batch: ImportBatch
    read_seconds: float
    write_seconds: float = 0.0

    @property
    def rows(self) -> int:
        """Nodes plus relationships: what the writer persists."""
        return len(self.batch.nodes) + len(self.batch.rels)


def import_options(manifest: Manifest) -> ImportOptions:
    """The options `govgraph import` would use for the generated municipality."""
    return ImportOptions(
        forvaltning=FORVALTNING,
        secretariat=SECRETARIAT,
        central_it=(CENTRAL_IT,),
        unit_type_levels=UNIT_TYPE_LEVELS,
        today=date.fromisoformat(manifest.snapshot),
    )


def read_sources(folder: Path, manifest: Manifest) -> list[SourceRun]:
    """Read and validate the three sources, HR first; raise when one has errors."""
    options = import_options(manifest)
    runs = []
    for name in (manifest.opus, manifest.kitos, manifest.register):
        began = time.perf_counter()
        batch = read_source(folder / name, None, options)
        runs.append(SourceRun(name, batch, time.perf_counter() - began))
        if batch.errors:
            raise RuntimeError(f"{name}: {batch.errors[0]}")
    return runs


def fresh_graph(graph: Graph) -> None:
    """Empty the database and load the schema and the governance model's reference data."""
    admin.reset_database(graph)
    admin.init_database(graph)


def import_sources(graph: Graph, runs: list[SourceRun]) -> None:
    """Write each source in its own transaction, timing each write."""
    for run in runs:
        began = time.perf_counter()
        write_batch(graph, run.batch)
        run.write_seconds = time.perf_counter() - began


def import_files(graph: Graph, folder: Path, runs: list[SourceRun], manifest: Manifest) -> float:
    """Read and write the sources as `govgraph import` does; its seconds, each write timed."""
    began = time.perf_counter()
    by_name = {run.name: run for run in runs}
    paths = [folder / run.name for run in runs]
    with closing(read_in_order(paths, None, import_options(manifest))) as sources:
        for path, batch in sources:
            if isinstance(batch, Problem):
                raise RuntimeError(f"{path.name}: {batch}")
            written = time.perf_counter()
            outcome = run_import(graph, batch, path=path, dry_run=False)
            if outcome.failed:
                raise RuntimeError(f"{path.name}: {outcome.problems[0]}")
            by_name[path.name].write_seconds = time.perf_counter() - written
    return time.perf_counter() - began
