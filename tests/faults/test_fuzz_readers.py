"""Property-based fuzzing of every reader: only clean, located problems, never a crash.

``importers.registry.read_source`` turns any exception of a reader into a SourceError with the
code ``reader-failed`` (a reader's bug, reported as such); these tests demand that no generated
source ever gets there: each ends in a SourceError of its own code or a batch whose problems
all say where and what.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.registry import FORMATS
from tests.faults import strategies as fuzz
from tests.importers.batches import problems

# `make test` draws the same examples every run; a hunt draws new ones, as many as asked:
# GOVGRAPH_FUZZ_EXAMPLES=2000 pytest tests/faults/test_fuzz_readers.py
HUNT = os.environ.get("GOVGRAPH_FUZZ_EXAMPLES")
EXAMPLES = int(HUNT or "40")
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=HUNT is None,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW_FUZZ = settings(FUZZ, max_examples=max(1, EXAMPLES * 3 // 10))


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder for one example's file."""
    with tempfile.TemporaryDirectory(prefix="govgraph-fuzz-") as name:
        yield Path(name)


def assert_read_cleanly(path: Path, fmt: str) -> None:
    """Reading ends in a located SourceError or a batch of located problems; no reader bug."""
    for problem in problems(path, fmt):
        assert problem.code != "reader-failed", problem
        assert problem.location and problem.message and problem.hint, problem


@FUZZ
@given(st.sampled_from(FORMATS), st.binary(max_size=2000))
def test_any_bytes_in_any_format_read_cleanly(fmt: str, data: bytes) -> None:
    with folder() as tmp:
        path = tmp / ("ZLPE20240115093000_delta.xml" if fmt == "opus" else "source.bin")
        path.write_bytes(data)
        assert_read_cleanly(path, fmt)


@FUZZ
@given(fuzz.opus_files, st.integers(min_value=0, max_value=4000))
def test_opus_documents_read_cleanly(document: str, cut: int) -> None:
    with folder() as tmp:
        path = tmp / "ZLPE20240115093000_delta.xml"
        path.write_text(document if cut == 0 else document[:cut], "utf-8")
        assert_read_cleanly(path, "opus")


@FUZZ
@given(fuzz.mo_documents)
def test_os2mo_documents_read_cleanly(document: dict[str, Any]) -> None:
    with folder() as tmp:
        path = fuzz.write_json_folder(tmp, {"os2mo": document}) / "os2mo.json"
        assert_read_cleanly(path, "os2mo")


@FUZZ
@given(fuzz.kitos_folders)
def test_kitos_api_folders_read_cleanly(files: dict[str, Any]) -> None:
    with folder() as tmp:
        assert_read_cleanly(fuzz.write_json_folder(tmp / "kitos", files), "kitos")


@FUZZ
@given(fuzz.hr_tables, st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1252")))
def test_hr_csv_files_read_cleanly(rows: list[list[str]], encoding: str) -> None:
    with folder() as tmp:
        path = tmp / "medarbejdere.csv"
        path.write_bytes(fuzz.csv_bytes(rows, encoding=encoding))
        assert_read_cleanly(path, "csv")


@FUZZ
@given(fuzz.report_tables)
def test_os2mo_report_csv_files_read_cleanly(rows: list[list[str]]) -> None:
    with folder() as tmp:
        path = tmp / "stilling+email.csv"
        path.write_bytes(b'sep=";"\r\n' + fuzz.csv_bytes(rows, encoding="utf-8-sig"))
        assert_read_cleanly(path, "os2mo-report")


@FUZZ
@given(fuzz.export_tables)
def test_kitos_export_csv_files_read_cleanly(rows: list[list[str]]) -> None:
    with folder() as tmp:
        path = tmp / "kitos.csv"
        path.write_bytes(fuzz.csv_bytes(rows, encoding="utf-16"))
        assert_read_cleanly(path, "kitos-export")


@SLOW_FUZZ
@given(st.sampled_from(("csv", "os2mo-report", "kitos-export")), st.data())
def test_workbooks_read_cleanly(fmt: str, data: st.DataObject) -> None:
    strategy = {"csv": fuzz.hr_tables, "os2mo-report": fuzz.report_tables}.get(
        fmt, fuzz.export_tables
    )
    with folder() as tmp:
        path = fuzz.write_workbook(tmp / "source.xlsx", {"Ark1": data.draw(strategy)})
        assert_read_cleanly(path, fmt)


@SLOW_FUZZ
@given(fuzz.register_workbooks)
def test_registers_read_cleanly(sheets: dict[str, list[list[str]]]) -> None:
    with folder() as tmp:
        assert_read_cleanly(fuzz.write_workbook(tmp / "register.xlsx", sheets), "register")
