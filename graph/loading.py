"""One import, as the CLI and the API both run it: read and validate, then write in one go."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.records import ImportBatch, Problem
from core.settings import Settings
from graph.driver import Graph
from graph.writer import WriteSummary, write_batch
from importers.base import ImportOptions
from importers.common import SourceError
from importers.registry import read_source
from importers.tabular import read_column_map
from schema.model import IMPORT_SCOPES

# HR first, so that the inventory's people and units find their match.
SCOPE_ORDER = {scope.name: i for i, scope in enumerate(IMPORT_SCOPES)}


@dataclass(slots=True)
class ImportOutcome:
    """The problems of one source and, when it was written (or dry-run), what it did."""

    path: Path
    format: str | None
    problems: list[Problem]
    summary: WriteSummary | None

    @property
    def failed(self) -> bool:
        """True when the file had errors and nothing was written."""
        return self.summary is None


def import_options(settings: Settings, mapping: Path | None = None) -> ImportOptions:
    """The importers' options from the configuration (and a column mapping file)."""
    org = settings.organisation
    return ImportOptions(
        forvaltning=org.forvaltning,
        secretariat=org.secretariat,
        central_it=tuple(org.central_it),
        unit_type_levels=dict(org.unit_type_levels),
        role_map=dict(settings.kitos_role_map),
        column_map=read_column_map(mapping) if mapping else {},
    )


def read_batch(path: Path, fmt: str | None, options: ImportOptions) -> ImportBatch | Problem:
    """Read one source; a file that cannot be read at all gives its one problem."""
    try:
        return read_source(path, fmt, options)
    except SourceError as e:
        return e.problem


def run_import(
    graph: Graph,
    batch: ImportBatch,
    *,
    path: Path,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Write a validated batch (nothing when it has errors) and say what happened."""
    if batch.errors:
        return ImportOutcome(path, batch.source, batch.problems, None)
    summary = write_batch(graph, batch, dry_run=dry_run, progress=progress)
    return ImportOutcome(path, batch.source, batch.problems, summary)
