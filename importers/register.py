"""The governance register: a workbook JB-sekretariatet keeps for what neither HR nor KITOS holds.

Super-users' kind and who appointed them, forum seats, organisational roles, the dates of the
reviews and vendor dialogs, and each system's financing and data-processing agreement. Sheet
and column names are Danish; systems are named (or given by KITOS uuid), people by e-mail.
"""

from __future__ import annotations

from pathlib import Path

from core.records import ImportBatch
from importers.base import ImportOptions, start_batch
from importers.common import Problems, SourceError, sha256_of, source_error
from importers.register_rows import SHEET_READERS, Collected
from importers.register_spec import REGISTER_SHEETS, SHEETS
from importers.register_template import write_register_template
from importers.tables import Table, read_sheets
from schema.model import REGISTER_SCOPE

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

__all__ = ["REGISTER_SHEETS", "read_register", "write_register_template"]


def read_register(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a governance register workbook into an ImportBatch."""
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise source_error(
            path.name,
            "not-a-workbook",
            "whole file",
            f"The register is an Excel workbook (.xlsx); this is a '{path.suffix}' file.",
            "Keep the register as .xlsx; a blank one: govgraph register template FILE.",
        )
    problems = Problems(path.name)
    tables: dict[str, Table] = {}
    # One opening of the workbook for all its sheets: openpyxl parses the shared strings of
    # the whole workbook each time it is opened.
    read = read_sheets(path, [(sheet.name, sheet.required) for sheet in SHEETS])
    for sheet in SHEETS:
        found = read[sheet.name]
        if isinstance(found, SourceError):
            if found.problem.code not in ("missing-sheet", "missing-column", "empty-table"):
                raise found
            problems.items.append(found.problem)
        else:
            tables[sheet.name] = found
            problems.items.extend(found.problems)
    batch = start_batch(
        REGISTER_SCOPE,
        source="register",
        path=path,
        sha256=sha256_of(path),
        snapshot_date=options.today,
    )
    out = Collected()
    for name, table in tables.items():
        for row in table.rows:
            SHEET_READERS[name](row, out, problems)
    batch.problems = problems.items
    if not problems.has_errors:
        batch.nodes = list(out.nodes.values())
        batch.rels = list(out.rels.values())
    return batch
