"""The baseline: what a Neo4j user would do instead of our importer — LOAD CSV of the same rows.

The importers' records (the same nodes and relationships, the same keys) are written as CSV
into the server's import directory, one file per label and per relationship type, and loaded
with ``LOAD CSV WITH HEADERS ... CALL (row) { MERGE ... } IN TRANSACTIONS`` under the same
uniqueness constraints, source by source in the same order. Types are converted in Cypher
(``date()``, ``toBoolean()``, ...). A server without an import directory gets the same
statements as ``UNWIND $rows`` batches read by Python instead.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from core.records import ImportBatch, PropValue
from graph.driver import Graph

BATCH = 10_000


@dataclass(slots=True)
class CsvFile:
    """One CSV file: a label's nodes or a relationship type's rows of one source."""

    path: Path
    scope: str
    label: str  # node label, or relationship type
    columns: dict[str, str]  # property -> Cypher conversion function ("" for none)
    rows: int
    ends: tuple[str, str] | None = None  # (start label, end label) for relationships

    def statement(self, source: str, *, batched: bool = True) -> str:
        """The Cypher that loads this file: ``source`` is ``LOAD CSV ...`` or ``UNWIND ...``.

        LOAD CSV commits every BATCH rows unless ``batched`` is false.
        """
        sets = ", ".join(
            f"x.`{name}` = {conv}(row.`{name}`)" if conv else f"x.`{name}` = row.`{name}`"
            for name, conv in self.columns.items()
        )
        body = (
            f"MERGE (x:`{self.label}` {{key: row.key}}) ON CREATE SET x.source = '{self.scope}'"
            if self.ends is None
            else f"MATCH (a:`{self.ends[0]}` {{key: row.start_key}}) "
            f"MATCH (b:`{self.ends[1]}` {{key: row.end_key}}) "
            f"MERGE (a)-[x:`{self.label}`]->(b) ON CREATE SET x.source = '{self.scope}'"
        )
        body += f" SET {sets}" if sets else ""
        if source.startswith("LOAD CSV") and batched:
            return f"{source} CALL (row) {{ {body} }} IN TRANSACTIONS OF {BATCH} ROWS"
        return f"{source} {body}"


@dataclass(slots=True)
class Baseline:
    """How long the baseline took, and how it was loaded."""

    method: str
    rows: int
    seconds: float
    files: list[CsvFile] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Rows per second."""
        return self.rows / self.seconds if self.seconds else 0.0


def write_csv_files(batches: Iterable[ImportBatch], folder: Path) -> list[CsvFile]:
    """Write every batch's records as CSV files, in load order: per source, nodes first."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    files: list[CsvFile] = []
    for number, batch in enumerate(batches, start=1):
        nodes: dict[str, list[dict[str, Any]]] = {}
        for node in batch.nodes:
            nodes.setdefault(node.label, []).append({"key": node.key, **node.props})
        for label, rows in nodes.items():
            files.append(_write(folder / f"{number}-{label}.csv", batch.scope, label, rows, None))
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for rel in batch.rels:
            rows = rels.setdefault((rel.type, rel.from_label, rel.to_label), [])
            rows.append({"start_key": rel.from_key, "end_key": rel.to_key, **rel.props})
        for (rtype, start, end), rows in rels.items():
            path = folder / f"{number}-{rtype}-{start}-{end}.csv"
            files.append(_write(path, batch.scope, rtype, rows, (start, end)))
    return files


def _write(
    path: Path, scope: str, label: str, rows: list[dict[str, Any]], ends: tuple[str, str] | None
) -> CsvFile:
    keys = ("key",) if ends is None else ("start_key", "end_key")
    columns: dict[str, str] = {}
    for row in rows:
        for name, value in row.items():
            # The first value that is not null decides the column's conversion.
            if name not in keys and columns.get(name, "") == "":
                columns[name] = "" if value is None else _conversion(value)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*keys, *columns])
        for row in rows:
            writer.writerow([_text(row.get(name)) for name in (*keys, *columns)])
    return CsvFile(path, scope, label, columns, len(rows), ends)


def _conversion(value: PropValue) -> str:
    if isinstance(value, bool):
        return "toBoolean"
    if isinstance(value, int):
        return "toInteger"
    if isinstance(value, float):
        return "toFloat"
    if isinstance(value, date):
        return "date"
    return ""


def _text(value: Any) -> str:
    if value is None:
        return ""  # LOAD CSV reads an empty field as null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def load_with_load_csv(graph: Graph, files: list[CsvFile], import_dir: Path) -> Baseline:
    """Load every file with LOAD CSV ... IN TRANSACTIONS (auto-commit, as it must run)."""
    began = time.perf_counter()
    with graph.driver.session(database=graph.database) as session:
        for file in files:
            url = f"file:///{file.path.relative_to(import_dir).as_posix()}"
            session.run(file.statement(f"LOAD CSV WITH HEADERS FROM '{url}' AS row")).consume()
    return Baseline("LOAD CSV ... IN TRANSACTIONS", _rows(files), _since(began), files)


def load_all_or_nothing(graph: Graph, files: list[CsvFile], import_dir: Path) -> Baseline:
    """The same LOAD CSV statements, but each source in one transaction, as our writer commits.

    The lower bound of the server's work for the same node and relationship writes under our
    guarantee (a source all or nothing), without identity matching, change counts or history.
    """
    began = time.perf_counter()
    with graph.driver.session(database=graph.database) as session:
        for scope in dict.fromkeys(file.scope for file in files):
            with session.begin_transaction() as tx:
                for file in (f for f in files if f.scope == scope):
                    url = f"file:///{file.path.relative_to(import_dir).as_posix()}"
                    load = f"LOAD CSV WITH HEADERS FROM '{url}' AS row"
                    tx.run(file.statement(load, batched=False)).consume()
                tx.commit()
    return Baseline("LOAD CSV, one transaction per source", _rows(files), _since(began), files)


def unwind_all_or_nothing(graph: Graph, files: list[CsvFile]) -> Baseline:
    """The same statements sent from Python as ``UNWIND $rows`` batches, each source in one
    transaction: the server's work of ``load_all_or_nothing`` plus the rows' way over Bolt.

    The floor of any importer that reads and checks its files in the client (as ours must, to
    report a bad row by file, row and column): the rows are read before the clock starts.
    """
    batches = {file.path: list(_read_batches(file.path)) for file in files}
    began = time.perf_counter()
    with graph.driver.session(database=graph.database) as session:
        for scope in dict.fromkeys(file.scope for file in files):
            with session.begin_transaction() as tx:
                for file in (f for f in files if f.scope == scope):
                    cypher = file.statement("UNWIND $rows AS row", batched=False)
                    for rows in batches[file.path]:
                        tx.run(cypher, rows=rows).consume()
                tx.commit()
    method = "UNWIND $rows from Python, one transaction per source"
    return Baseline(method, _rows(files), _since(began), files)


def load_with_unwind(graph: Graph, files: list[CsvFile]) -> Baseline:
    """Load every file as UNWIND $rows batches, each in its own write transaction."""
    began = time.perf_counter()
    for file in files:
        cypher = file.statement("UNWIND $rows AS row")
        for rows in _read_batches(file.path):
            _write_rows(graph, cypher, rows)
    method = "UNWIND $rows batches (no import directory)"
    return Baseline(method, _rows(files), _since(began), files)


def _write_rows(graph: Graph, cypher: str, rows: list[Mapping[str, str | None]]) -> None:
    def work(tx: ManagedTransaction) -> None:
        tx.run(cypher, rows=rows).consume()

    graph.write(work)


def _read_batches(path: Path) -> Iterator[list[Mapping[str, str | None]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        batch: list[Mapping[str, str | None]] = []
        for row in csv.DictReader(handle):
            batch.append({k: (v if v != "" else None) for k, v in row.items()})
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


def _rows(files: list[CsvFile]) -> int:
    return sum(f.rows for f in files)


def _since(began: float) -> float:
    return time.perf_counter() - began
