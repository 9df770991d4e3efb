"""The import figure: our importers and writer on the generated sources, timed per source.

Reading (parse and validate) and writing (one transaction per source, as `govgraph import`
does) are timed apart, so the end-to-end rate and the write-only rate can both be compared
with LOAD CSV of the same records.
"""

from __future__ import annotations

import time
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
from core.records import ImportBatch
from graph import admin
from graph.driver import Graph
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
