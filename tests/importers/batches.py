"""Reading a source as the importer tests do, and what they look up in the batch it gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.records import ImportBatch, NodeRecord, Problem, RelRecord, Severity
from importers.base import ImportOptions
from importers.common import SourceError
from importers.registry import read_source
from tests.importers.hr_factories import OPTIONS

# Writes a source into a folder; returns its path and format.
Build = Callable[[Path], tuple[Path, str]]
# A malformed source: how to build it, and the severity, code and location of its problem.
Case = tuple[Build, Severity, str, str]


def read(
    path: Path, fmt: str | None, options: ImportOptions = OPTIONS
) -> tuple[list[Problem], ImportBatch | None]:
    """The problems of reading a source, and its batch (None when reading stopped at once)."""
    try:
        batch = read_source(path, fmt, options)
    except SourceError as error:
        return [error.problem], None
    return batch.problems, batch


def problems(path: Path, fmt: str | None, options: ImportOptions = OPTIONS) -> list[Problem]:
    """The problems of reading a source, whether it stopped at once or read the whole file."""
    return read(path, fmt, options)[0]


def assert_reported_where_it_is(case: Case, folder: Path) -> None:
    """Reading the case's source reports its code, with its severity and location, and a hint."""
    build, severity, code, location = case
    found = problems(*build(folder))
    first = next((p for p in found if p.code == code), None)
    assert first is not None, found
    assert first.severity is severity
    assert location in first.location
    assert first.message and first.hint


def node(batch: ImportBatch, label: str, key: str) -> NodeRecord:
    """The batch's node of this label and key."""
    return next(n for n in batch.nodes if n.label == label and n.key == key)


def rels(batch: ImportBatch, rel_type: str) -> list[RelRecord]:
    """The batch's relationships of this type, in order."""
    return [r for r in batch.rels if r.type == rel_type]


def codes(batch: ImportBatch) -> list[str]:
    """The codes of the batch's problems, in order."""
    return [p.code for p in batch.problems]
