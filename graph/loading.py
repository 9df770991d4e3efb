"""One import, as the CLI and the API both run it: read and validate, then write in one go."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
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
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


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


def read_in_order(
    paths: list[Path], fmt: str | None, options: ImportOptions
) -> Generator[tuple[Path, ImportBatch | Problem], None, None]:
    """Read the first source here, the others in a worker process; they come in writing order.

    The order is the scopes' (HR first), then the order given; a file that cannot be read
    comes last. A source's scope is known only once it is read, so an HR source comes as soon
    as every file before it is read (no file still being read can come before it), and the
    others once all are read: the first source's write overlaps the reading of the rest.
    """
    read = partial(read_batch, fmt=fmt, options=options)
    return _in_order(_reader() if len(paths) > 1 else None, paths, read)


def _reader() -> ProcessPoolExecutor:
    """One worker process for the files after the first, forked now (at the first submit).

    Forked before the first file is read and before the caller starts a thread (a spinner):
    no imports, no held locks; with the parent's objects frozen, the worker's garbage
    collection does not touch (and copy) their pages.
    """
    pool = ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    gc.freeze()
    try:
        pool.submit(os.getpid)
    finally:
        gc.unfreeze()
    return pool


def _start_worker(parent: int) -> None:
    """A worker leaves Ctrl-C to the import, and dies with it when it is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # killed before the line above
        os._exit(1)


def _in_order(
    pool: ProcessPoolExecutor | None,
    paths: list[Path],
    read: Callable[[Path], ImportBatch | Problem],
) -> Generator[tuple[Path, ImportBatch | Problem], None, None]:
    held = []
    try:
        for path, batch in _read_all(pool, paths, read):
            if _order(batch) == 0:
                yield path, batch
            else:
                held.append((path, batch))
    finally:  # the worker ends once every file is read, or when the import stops
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    yield from sorted(held, key=lambda item: _order(item[1]))


def _read_all(
    pool: ProcessPoolExecutor | None,
    paths: list[Path],
    read: Callable[[Path], ImportBatch | Problem],
) -> Iterator[tuple[Path, ImportBatch | Problem]]:
    """The first file read in this process, then the others as the worker reads them.

    The first (HR, as imports list it) needs no pickling to cross from the worker, and is read
    alone: read beside the next file on two shared cores it came later, 2.5-8.5 s against
    2.1-3.4 s (measured), and it is the first file whose write the others overlap. The others
    are queued before the first is handed on, so they are read while it is written.
    """
    if not paths:
        return
    first = read(paths[0])
    rest = [(path, pool.submit(read, path)) for path in paths[1:]] if pool else []
    yield paths[0], first
    for path, future in rest:
        yield path, future.result()


def _order(batch: ImportBatch | Problem) -> int:
    return SCOPE_ORDER.get(getattr(batch, "scope", ""), len(SCOPE_ORDER))


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
